/**
 * Pins for claims of issues #5 and #15 no other spec covered (all true on main):
 * audit of issue #15 ("the floating button and data-nexus-consent-open load the UI when used";
 * "loading must work under the strict CSP and the nonces"; "fail closed … with a console error
 * and a tiny fallback that still offers accept/refuse") for a RETURNING visitor, and of the
 * English fallback in the fallback banner.
 */
import { serveCspPage } from '../support/csp-page.js';
import type { Page } from 'playwright/test';
import { banner, consentCookie, expect, preferences, test } from '../support/test.js';

const focused = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement?.shadowRoot?.activeElement ?? document.activeElement;
    return el ? `${el.localName}:${(el.getAttribute('aria-label') ?? el.textContent)?.trim()}` : null;
  });

const UI_FILE = '/dist/nexus-consent.ui.min.js';
const NONCE = "default-src 'self'; script-src 'nonce-r4nd0m-n0nce'; style-src 'nonce-r4nd0m-n0nce'; frame-src https://www.youtube.com; img-src 'self' data:";
const SELF = "default-src 'self'; script-src 'self' https://www.googletagmanager.com; style-src 'self'; frame-src https://www.youtube.com; img-src 'self' data:";

for (const [name, policy] of Object.entries({ nonce: NONCE, self: SELF })) {
  test(`returning visitor under "${name}" CSP: the floating button loads the UI on use, no violation`, async ({ page, context }) => {
    await serveCspPage(page, policy);
    await page.goto('/csp.html');
    // Accepted: the YouTube embed goes live, so no placeholder asks for the UI file.
    await banner(page).acceptAll();
    await expect.poll(() => consentCookie(context)).toBeDefined();
    const requests: string[] = [];
    page.on('request', (r) => void (new URL(r.url()).pathname === UI_FILE && requests.push(r.url())));
    await page.reload();
    await page.waitForLoadState('load');
    expect(requests).toEqual([]);
    await page.getByRole('button', { name: 'Gérer les cookies' }).click();
    await expect(preferences(page).dialog).toBeVisible();
    expect(await preferences(page).dialog.evaluate((el) => getComputedStyle(el).position)).toBe('fixed');
    await preferences(page).dialog.getByRole('button', { name: 'Tout accepter' }).click();
    await expect(preferences(page).dialog).toBeHidden();
    await page.reload();
    await page.waitForLoadState('load');
    await page.getByRole('link', { name: 'Gérer les cookies' }).click();
    await expect(preferences(page).dialog).toBeVisible();
    expect(await page.evaluate(() => (window as any).__violations)).toEqual([]);
  });
}

test('returning visitor, UI file 404: the floating button gives one console error and the fallback; the decision stands until one is made', async ({ page, context, consoleErrors }) => {
  await page.goto('/no-trackers.html');
  await banner(page).acceptAll();
  await expect.poll(() => consentCookie(context)).toBeDefined();
  const before = (await consentCookie(context))!.value;
  await page.route(`**${UI_FILE}`, (route) => route.fulfill({ status: 404, body: 'nope' }));
  await page.reload();
  await page.getByRole('button', { name: 'Gérer les cookies' }).click();
  const fallback = banner(page);
  await expect(fallback.region).toBeVisible();
  await expect(fallback.region.getByRole('button')).toHaveText(['Tout refuser', 'Tout accepter']);
  await expect.poll(() => consoleErrors.filter((e) => e.includes('could not be loaded'))).toHaveLength(1);
  expect((await consentCookie(context))!.value).toBe(before);
  await fallback.rejectAll();
  await expect(fallback.region).toBeHidden();
  expect(await page.evaluate(() => (window as any).NexusConsent.get().record.method)).toBe('reject-all');
  // The button still offers the choice again, and still fails closed.
  await page.getByRole('button', { name: 'Gérer les cookies' }).click();
  await expect(fallback.region).toBeVisible();
});

test('returning visitor, UI file 404: a data-nexus-consent-open link shows the fallback', async ({ page, context, consoleErrors }) => {
  await page.goto('/csp.html');
  await banner(page).acceptAll();
  await expect.poll(() => consentCookie(context)).toBeDefined();
  await page.route(`**${UI_FILE}`, (route) => route.abort());
  await page.reload();
  await page.getByRole('link', { name: 'Gérer les cookies' }).click();
  await expect(banner(page).region.getByRole('button')).toHaveText(['Tout refuser', 'Tout accepter']);
  await expect.poll(() => consoleErrors.filter((e) => e.includes('could not be loaded'))).toHaveLength(1);
});

test('UI file 404 under nonce CSP: fallback is styled and no violation', async ({ page, context }) => {
  await page.route('**/csp.html', async (route) => {
    const response = await route.fetch();
    await route.fulfill({ response, headers: { ...response.headers(), 'content-security-policy': NONCE } });
  });
  await page.route(`**${UI_FILE}`, (route) => route.fulfill({ status: 404, body: 'nope' }));
  await page.addInitScript(() => {
    (window as any).__violations = [];
    document.addEventListener('securitypolicyviolation', (e) => (window as any).__violations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  await page.goto('/csp.html');
  const fallback = banner(page);
  await expect(fallback.region).toBeVisible();
  expect(await fallback.region.evaluate((el) => getComputedStyle(el).position)).toBe('fixed');
  await fallback.acceptAll();
  await expect.poll(() => consentCookie(context)).toBeDefined();
  expect(await page.evaluate(() => (window as any).__violations)).toEqual([]);
});

for (const lang of ['ja', 'de', 'pt-BR']) {
  test(`UI file 404 on a page in ${lang}, browser in Japanese: the fallback is in English and says so`, async ({ browser }) => {
    const context = await browser.newContext({ locale: 'ja-JP' });
    const page = await context.newPage();
    await page.route(/^(?!http:\/\/localhost)/, (route) => route.abort());
    await page.route(`**${UI_FILE}`, (route) => route.fulfill({ status: 404, body: 'nope' }));
    await page.route('**/lang.html', (route) =>
      route.fulfill({
        contentType: 'text/html',
        body: `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>t</title>
<script>window.NexusConsentConfig = { privacyPolicyUrl: '/confidentialite.html' };</script>
<script src="/dist/nexus-consent.min.js"></script></head><body><p>x</p></body></html>`,
      }),
    );
    await page.goto('/lang.html');
    const region = page.getByRole('region', { name: 'Cookie consent' });
    await expect(region.getByRole('button')).toHaveText(['Reject all', 'Accept all']);
    expect(await region.evaluate((el) => el.closest('[lang]')?.getAttribute('lang'))).toBe('en');
    await context.close();
  });
}

test('no <html lang>, a Japanese browser: English banner', async ({ browser }) => {
  const context = await browser.newContext({ locale: 'ja-JP' });
  const page = await context.newPage();
  await page.route(/^(?!http:\/\/localhost)/, (route) => route.abort());
  await page.route('**/nolang.html', (route) =>
    route.fulfill({
      contentType: 'text/html',
      body: `<!doctype html><html><head><meta charset="utf-8"><title>t</title>
<script>window.NexusConsentConfig = { privacyPolicyUrl: '/confidentialite.html' };</script>
<script src="/dist/nexus-consent.min.js"></script></head><body><p>x</p></body></html>`,
    }),
  );
  await page.goto('/nolang.html');
  await expect(page.getByRole('region', { name: 'Cookie consent' }).getByRole('button', { name: 'Reject all' })).toBeVisible();
  await context.close();
});

test('returning visitor: data-nexus-consent-open link by keyboard, Escape returns focus to it', async ({ page, context }) => {
  await page.goto('/csp.html');
  await banner(page).acceptAll();
  await expect.poll(() => consentCookie(context)).toBeDefined();
  await page.reload();
  const link = page.getByRole('link', { name: 'Gérer les cookies' });
  await link.focus();
  await page.keyboard.press('Enter');
  await expect(preferences(page).dialog).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(preferences(page).dialog).toBeHidden();
  expect(await focused(page)).toBe('a:Gérer les cookies');
});

test('returning visitor: one click from the floating button to Tout refuser (withdrawal)', async ({ page, context }) => {
  await page.goto('/csp.html');
  await banner(page).acceptAll();
  await expect.poll(() => consentCookie(context)).toBeDefined();
  await page.reload();
  await page.getByRole('button', { name: 'Gérer les cookies' }).click();
  await preferences(page).dialog.getByRole('button', { name: 'Tout refuser' }).click();
  await expect.poll(() => page.evaluate(() => (window as any).NexusConsent.get().record.method)).toBe('reject-all');
  await expect(page.getByRole('button', { name: 'Gérer les cookies' })).toBeVisible();
});
