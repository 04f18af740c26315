/**
 * Issue #12, §5: under `require-trusted-types-for 'script'` with a site policy,
 * the banner, the dialog and the release of marked-up tags work with no
 * violation once the CSP allows the SDK's policy, `nexus-consent`; TrustedHTML
 * given to innerHTML is inspected like a string; a CSP that does not allow the
 * name fails closed with one console error.
 */
import type { Page } from 'playwright/test';
import { banner, expect, preferences, ran, test } from '../support/test.js';

const ALLOWED = "require-trusted-types-for 'script'; trusted-types site nexus-consent";
const REFUSED = "require-trusted-types-for 'script'; trusted-types site";

async function open(page: Page, policy: string) {
  await page.route('**/trusted-types.html', async (route) => {
    const response = await route.fetch();
    await route.fulfill({ response, headers: { ...response.headers(), 'content-security-policy': policy } });
  });
  await page.addInitScript(() => {
    (window as any).__violations = [];
    document.addEventListener('securitypolicyviolation', (e) => (window as any).__violations.push(`${e.violatedDirective} ${e.sample}`));
  });
  await page.goto('/trusted-types.html');
  await page.waitForLoadState('load');
}
const violations = (page: Page) => page.evaluate(() => (window as any).__violations as string[]);
const sent = (network: { trackerUrls(): string[] }, marker: string) => network.trackerUrls().some((u) => u.includes(marker));

test('with "trusted-types nexus-consent": banner, dialog, held TrustedHTML and release, no violation', async ({ page, network, consoleErrors }) => {
  await open(page, ALLOWED);
  await expect(banner(page).region).toBeVisible();
  await expect(page.getByRole('group', { name: /Contenu bloqué/ })).toBeVisible();
  // TrustedHTML was parsed and its tracker image held; the first-party one went in.
  expect(await page.locator('#slot img').evaluateAll((imgs) => imgs.map((i) => [i.getAttribute('src'), i.getAttribute('data-src')]))).toEqual([
    ['/first-party/logo.svg', null],
    [null, 'https://www.facebook.com/tr?ev=trusted-html'],
  ]);
  expect(sent(network, 'ev=trusted-html')).toBe(false);
  await banner(page).customise();
  await expect(preferences(page).dialog).toBeVisible();
  await preferences(page).dialog.getByRole('button', { name: 'Tout accepter' }).click();
  await expect.poll(() => ran(page)).toEqual(expect.arrayContaining(['gtag', 'inline-tt']));
  await expect.poll(() => sent(network, 'ev=trusted-html')).toBe(true);
  await expect.poll(() => sent(network, 'ev=marked-tt')).toBe(true);
  await expect(page.locator('iframe[src*="youtube.com/embed/tt"]')).toBeVisible();
  expect(await violations(page)).toEqual([]);
  expect(consoleErrors.filter((e) => /Trusted|Content Security Policy|trusted-types/i.test(e))).toEqual([]);
});

test('a CSP that does not allow "nexus-consent": held markup is dropped, nothing reaches a tracker, one clear error', async ({ page, network, consoleErrors }) => {
  await open(page, REFUSED);
  await expect(banner(page).region).toBeVisible();
  // The markup holding a tracker was not passed on as it was: dropped whole.
  expect(await page.locator('#slot').evaluate((slot) => slot.childNodes.length)).toBe(0);
  await banner(page).acceptAll();
  await expect(banner(page).region).toBeHidden();
  await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 300)));
  expect(sent(network, 'ev=trusted-html')).toBe(false);
  expect(await ran(page)).not.toContain('inline-tt');
  expect(consoleErrors.filter((e) => e.includes('[nexus-consent]') && e.includes('"nexus-consent"'))).toHaveLength(1);
});

test('the test would see a violation: a plain string given to innerHTML under the same CSP is reported', async ({ page }) => {
  await open(page, ALLOWED);
  await page.evaluate(() => {
    try {
      document.getElementById('slot')!.innerHTML = '<b>x</b>';
    } catch {
      // Refused, as it should be.
    }
  });
  await expect.poll(() => violations(page)).toEqual([expect.stringContaining('require-trusted-types-for')]);
});
