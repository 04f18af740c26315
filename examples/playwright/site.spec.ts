/**
 * Atelier Lumière's tests, written the way a site team would: the consent kit
 * comes from the package (`nexus-consent/testing`, the built dist/ file), and
 * the tests are about the site — its form, its trackers — not about the SDK.
 */
import { expect, test } from 'playwright/test'; // '@playwright/test' in most projects: the same API
import { consentBanner, presetConsent, trackerRequests } from 'nexus-consent/testing';

// The site's policy revision (NexusConsentConfig.revision in site/index.html).
const REVISION = 2;

// No test reaches the internet: third-party hosts get an empty answer.
test.beforeEach(async ({ context }) => {
  await context.route(
    (url) => url.hostname !== 'localhost',
    (route) => route.fulfill({ status: 200, contentType: 'text/javascript', body: '' }),
  );
});

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
    await expect.poll(() => requests.byCategory('analytics').map((r) => r.service)).toContain('google-analytics');
    expect(requests.byCategory('advertising')).toEqual([]);
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

  test('accepting, then changing one’s mind from the floating button', async ({ page }) => {
    const requests = trackerRequests(page);
    await page.goto('/');
    const consent = consentBanner(page);
    await consent.acceptAll();
    await expect.poll(() => requests.byCategory('advertising').map((r) => r.service)).toContain('meta-pixel');

    await consent.open();
    await consent.rejectAll();
    requests.clear();
    await page.reload();
    await page.getByLabel('Email address').fill('camille@example.org');
    await page.getByRole('button', { name: 'Subscribe' }).click();
    await page.waitForLoadState('load');
    expect(requests.all()).toEqual([]);
  });
});
