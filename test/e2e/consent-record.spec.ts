/**
 * Issue #2, cases 5 and 6: expiry, revision, and corrupt or hand-edited
 * consent cookies, in Chromium, plus the consent cookie's attributes.
 */
import { consentBanner, presetConsent } from '../../src/testing/index.js';
import { CONSENT_COOKIE, consentCookie, expect, otherCookies, ran, test } from '../support/test.js';

const NOW = new Date('2026-11-25T10:00:00Z');

test('a decision expires after 6 months: the banner shows again', async ({ page, context }) => {
  await page.clock.setFixedTime(NOW);
  await page.goto('/marked-up.html');
  const ui = consentBanner(page);
  await ui.rejectAll();
  const cookie = await consentCookie(context);
  // The cookie lives exactly as long as the decision: 6 calendar months.
  expect(cookie?.expires).toBe(Date.UTC(2027, 4, 25, 10, 0, 0) / 1000);

  await page.clock.setFixedTime(new Date('2027-05-25T09:59:00Z'));
  await page.reload();
  await expect(ui.banner).toBeHidden();

  await page.clock.setFixedTime(new Date('2027-05-25T10:00:01Z'));
  await page.reload();
  await expect(ui.banner).toBeVisible();
  expect(await ran(page)).toEqual([]);
});

test('raising the policy revision shows the banner again', async ({ page }) => {
  const ui = consentBanner(page);
  await page.goto('/marked-up.html?revision=1');
  await ui.acceptAll();
  await page.goto('/marked-up.html?revision=1');
  await expect(ui.banner).toBeHidden();
  await page.goto('/marked-up.html?revision=2');
  await expect(ui.banner).toBeVisible();
  await page.waitForLoadState('load');
  expect(await ran(page)).toEqual([]);
});

test('the consent cookie is first-party, Path=/, SameSite=Lax, not Secure on http', async ({ page, context }) => {
  await page.goto('/marked-up.html');
  await consentBanner(page).acceptAll();
  expect(await consentCookie(context)).toMatchObject({ domain: 'localhost', path: '/', sameSite: 'Lax', secure: false, httpOnly: false });
});

test('the consent cookie is Secure on https', async ({ page, context }) => {
  // Serve the fixtures as https://www.nexus-tech.test/ through routing.
  await context.route('https://www.nexus-tech.test/**', async (route) => {
    const url = new URL(route.request().url());
    const response = await route.fetch({ url: `http://localhost:${process.env.TEST_PORT ?? 4391}${url.pathname}${url.search}` });
    await route.fulfill({ response });
  });
  await page.goto('https://www.nexus-tech.test/marked-up.html');
  await consentBanner(page).rejectAll();
  expect(await consentCookie(context)).toMatchObject({ domain: 'www.nexus-tech.test', path: '/', sameSite: 'Lax', secure: true });
});

test.describe('a corrupt or tampered consent cookie means "no decision yet"', () => {
  const variants: [string, (valid: string) => string][] = [
    ['garbage', () => 'garbage'],
    ['JSON from another tool', () => encodeURIComponent('{"analytics":true,"advertising":true}')],
    ['truncated', (v) => v.slice(0, 20)],
    ['bad percent-encoding', () => '%E0%A4%A'],
    ['unknown format version', (v) => `9${v.slice(1)}`],
    [
      'hand-edited to accept all',
      (v) => {
        const parts = v.split('.');
        return [...parts.slice(0, 6), 'a', 'analytics~advertising~personalisation', '', parts[9]].join('.');
      },
    ],
  ];
  for (const [label, tamper] of variants) {
    test(label, async ({ page, context, network, consoleErrors }) => {
      // A record the SDK accepts (testing-kit.spec.ts proves it), refusing everything.
      await presetConsent(context, {});
      const valid = (await consentCookie(context))!.value;
      await context.addCookies([{ name: CONSENT_COOKIE, value: tamper(valid), url: `${test.info().project.use.baseURL}/` }]);
      expect((await consentCookie(context))!.value).not.toBe(valid);
      await page.goto('/marked-up.html');
      await expect(consentBanner(page).banner).toBeVisible();
      await page.waitForLoadState('load');
      expect(await page.evaluate(() => (window as any).NexusConsent.get())).toEqual({ status: 'undecided' });
      expect(await ran(page)).toEqual([]);
      expect(network.trackerUrls()).toEqual([]);
      expect(await otherCookies(context)).toEqual([]);
      expect(consoleErrors).toEqual([]);
    });
  }

  test('the same record untouched is a decision (the control)', async ({ page, context }) => {
    await presetConsent(context, {});
    await page.goto('/marked-up.html');
    await expect(consentBanner(page).openButton).toBeVisible();
    await expect(consentBanner(page).banner).toHaveCount(0);
    expect(await page.evaluate(() => (window as any).NexusConsent.get().record.method)).toBe('reject-all');
  });
});
