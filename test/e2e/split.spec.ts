/**
 * Issue #15: the script tag is a small core; banner, dialog, styles and texts
 * come from dist/nexus-consent.ui.min.js, loaded from beside it when a view is
 * needed — never for a returning visitor who only browses.
 */
import type { Page } from 'playwright/test';
import { banner, consentCookie, expect, preferences, ran, test } from '../support/test.js';

const UI_FILE = '/dist/nexus-consent.ui.min.js';

/** Requests for the UI file made by this page, however the browser answered them (cache included). */
function uiRequests(page: Page): string[] {
  const urls: string[] = [];
  page.on('request', (request) => {
    if (new URL(request.url()).pathname === UI_FILE) urls.push(request.url());
  });
  return urls;
}

test('first visit: the UI file is fetched at once and the banner shows', async ({ page }) => {
  const requests = uiRequests(page);
  await page.goto('/marked-up.html');
  await expect(banner(page).region).toBeVisible();
  expect(requests).toHaveLength(1);
});

test('a returning visitor with a valid decision downloads only the core', async ({ page, context }) => {
  // A page without embeds: a held embed's placeholder would ask for the UI (by design).
  await page.goto('/no-trackers.html');
  await banner(page).acceptAll();
  await expect.poll(() => consentCookie(context)).toBeDefined();

  const next = await context.newPage();
  const requests = uiRequests(next);
  await next.goto('/no-trackers.html');
  // The floating button is the core's own: it shows without the UI file.
  await expect(next.getByRole('button', { name: 'Gérer les cookies' })).toBeVisible();
  await next.waitForLoadState('load');
  expect(requests).toEqual([]);
  expect(await next.evaluate((file) => performance.getEntriesByType('resource').some((e) => e.name.endsWith(file)), UI_FILE)).toBe(false);
});

test('"manage cookies" (the floating button, or data-nexus-consent-open) loads the UI on use', async ({ page, context }) => {
  await page.goto('/csp.html');
  await banner(page).acceptAll();
  await expect.poll(() => consentCookie(context)).toBeDefined();

  const next = await context.newPage();
  const requests = uiRequests(next);
  await next.goto('/csp.html');
  await next.waitForLoadState('load');
  expect(requests).toEqual([]);
  await next.getByRole('button', { name: 'Gérer les cookies' }).click();
  await expect(preferences(next).dialog).toBeVisible();
  expect(requests).toHaveLength(1);
  await preferences(next).dialog.getByRole('button', { name: 'Tout accepter' }).click();
  await expect(preferences(next).dialog).toBeHidden();

  const third = await context.newPage();
  const more = uiRequests(third);
  await third.goto('/csp.html');
  await third.getByRole('link', { name: 'Gérer les cookies' }).click();
  await expect(preferences(third).dialog).toBeVisible();
  expect(more).toHaveLength(1);
});

test('the UI file cannot be fetched: one console error, nothing granted, a fallback still offers accept and refuse', async ({
  page,
  context,
  consoleErrors,
}) => {
  await page.route(`**${UI_FILE}`, (route) => route.fulfill({ status: 404, contentType: 'text/plain', body: 'Not found' }));
  await page.goto('/marked-up.html');
  const fallback = banner(page);
  await expect(fallback.region).toBeVisible();
  await expect(fallback.region.getByRole('button')).toHaveText(['Tout refuser', 'Tout accepter']);
  await expect.poll(() => consoleErrors.filter((e) => e.includes('the consent banner could not be loaded'))).toHaveLength(1);
  await page.waitForLoadState('load');
  expect(await ran(page)).toEqual([]);
  expect(await consentCookie(context)).toBeUndefined();
  expect(await page.evaluate(() => (window as any).NexusConsent.get())).toEqual({ status: 'undecided' });

  await fallback.acceptAll();
  await expect(fallback.region).toBeHidden();
  await expect.poll(() => ran(page)).not.toEqual([]);
  expect((await consentCookie(context))?.value).toBeDefined();
});

test('the UI file cannot be fetched: refusing from the fallback records a refusal and releases nothing', async ({ page, context }) => {
  await page.route(`**${UI_FILE}`, (route) => route.abort());
  await page.goto('/marked-up.html');
  await banner(page).rejectAll();
  await expect.poll(() => consentCookie(context)).toBeDefined();
  expect(await page.evaluate(() => (window as any).NexusConsent.get().record.method)).toBe('reject-all');
  expect(await ran(page)).toEqual([]);
});

test('a returning visitor who granted an embed’s category downloads only the core: no placeholder, no UI file', async ({ page, context }) => {
  // marked-up.html holds a YouTube embed marked up for `personalisation` in its HTML (data-src):
  // granted, it goes live at once and needs no placeholder, so nothing asks for the UI.
  await page.goto('/no-trackers.html');
  await banner(page).acceptAll();
  await expect.poll(() => consentCookie(context)).toBeDefined();

  const next = await context.newPage();
  const requests = uiRequests(next);
  const consentLog: string[] = [];
  next.on('request', (request) => void (request.url().includes('consent-log') && consentLog.push(request.url())));
  await next.goto('/marked-up.html');
  const video = next.locator('iframe[title="Vidéo de présentation"]');
  await expect(video).toHaveAttribute('src', 'https://www.youtube-nocookie.com/embed/nexus01');
  await next.waitForLoadState('load');
  await expect(next.getByRole('button', { name: 'Gérer les cookies' })).toBeVisible();
  expect(requests).toEqual([]);
  expect(consentLog).toEqual([]);
  expect(await next.evaluate((file) => performance.getEntriesByType('resource').filter((e) => new URL(e.name).pathname === file).length, UI_FILE)).toBe(0);
});

test('a returning visitor who refused an embed’s category gets its placeholder, which loads the UI file once', async ({ page, context }) => {
  await page.goto('/no-trackers.html');
  await banner(page).rejectAll();
  await expect.poll(() => consentCookie(context)).toBeDefined();

  const next = await context.newPage();
  const requests = uiRequests(next);
  await next.goto('/marked-up.html');
  await expect(next.getByRole('button', { name: /YouTube/ }).first()).toBeVisible();
  expect(requests).toHaveLength(1);
  expect(await next.locator('iframe[title="Vidéo de présentation"]').getAttribute('src')).toBeNull();
});
