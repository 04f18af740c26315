// examples/playwright/site.spec.ts — Atelier Lumière's own tests, about its site (its form, its
// trackers), not about the SDK. Run as is: `npm run test:examples`.
import { expect, test } from '@playwright/test';
import { consentBanner, presetConsent, stubTrackers, trackerRequests } from 'nexus-consent/testing';

// The site's policy revision (NexusConsentConfig.revision in site/index.html).
const REVISION = 2;

// Every tracker host the catalogue knows answers with a stand-in that does nothing:
// no test reaches Google or Meta, and no routing code of our own.
test.beforeEach(({ context }) => stubTrackers(context));

test.describe('a returning visitor (consent preset, no banner in the way)', () => {
  test('the newsletter form works', async ({ page, context }) => {
    await presetConsent(context, { analytics: true, advertising: false, personalisation: false }, { revision: REVISION });
    await page.goto('/');
    await expect(consentBanner(page).banner).toBeHidden();
    await page.getByLabel('Email address').fill('camille@example.org');
    await page.getByRole('button', { name: 'Subscribe' }).click();
    await expect(page.getByRole('status')).toHaveText('Thank you! We will write to camille@example.org.');
  });

  test('analytics only: Google Analytics loads, nothing of advertising goes out', async ({ page, context }) => {
    await presetConsent(context, { analytics: true }, { revision: REVISION });
    const requests = trackerRequests(page);
    await page.goto('/');
    await page.getByLabel('Email address').fill('camille@example.org');
    await page.getByRole('button', { name: 'Subscribe' }).click();
    await expect.poll(() => requests.byService('google-analytics').length).toBeGreaterThan(0);
    expect(requests.byCategory('advertising')).toEqual([]);
    // Why it went out: the marked-up tag, released by the stored grant.
    const [gtag] = await requests.settled();
    expect(gtag).toMatchObject({ service: 'google-analytics', resourceType: 'script', reason: 'released-after-grant' });
  });

  test('a decision for an older policy revision is asked again', async ({ page, context }) => {
    await presetConsent(context, { analytics: true }, { revision: REVISION - 1 });
    await page.goto('/');
    await expect(consentBanner(page).banner).toBeVisible();
  });
});

test.describe('a first visit', () => {
  test('refusing keeps every tracker away', async ({ page }) => {
    const requests = trackerRequests(page);
    await page.goto('/');
    await consentBanner(page).rejectAll();
    await page.reload();
    await page.waitForLoadState('load');
    expect(requests.all()).toEqual([]);
  });

  test('choosing analytics alone', async ({ page }) => {
    const requests = trackerRequests(page);
    await page.goto('/');
    await consentBanner(page).customise({ analytics: true });
    await expect.poll(() => requests.byCategory('analytics').length).toBeGreaterThan(0);
    expect(requests.byCategory('advertising')).toEqual([]);
  });

  test('accepting, then changing one’s mind from the footer’s “Cookie settings” link', async ({ page }) => {
    const requests = trackerRequests(page);
    await page.goto('/');
    const consent = consentBanner(page);
    await consent.acceptAll();
    await expect.poll(() => requests.byService('meta-pixel').length).toBeGreaterThan(0);

    await consent.open(); // no floating button on this site: its own link, as a visitor would
    await expect(consent.category('advertising')).toBeChecked();
    await consent.rejectAll();
    requests.clear();
    await page.reload();
    await page.getByLabel('Email address').fill('camille@example.org');
    await page.getByRole('button', { name: 'Subscribe' }).click();
    await page.waitForLoadState('load');
    expect(requests.all()).toEqual([]);
  });
});
