/** Issue #6: Google Consent Mode v2 in dataLayer, and Global Privacy Control. */
import type { Page } from 'playwright/test';
import { banner, consentCookie, expect, ran, test } from '../support/test.js';

/** dataLayer as plain JSON: gtag's Arguments objects become arrays. */
const dataLayer = (page: Page) =>
  page.evaluate(() =>
    ((window as any).dataLayer as unknown[]).map((entry) =>
      Object.prototype.toString.call(entry) === '[object Arguments]' ? ['args', ...Array.from(entry as ArrayLike<unknown>)] : entry,
    ),
  );
const consentCommands = async (page: Page) =>
  (await dataLayer(page)).filter((e): e is unknown[] => Array.isArray(e) && e[1] === 'consent').map((e) => [e[2], e[3]]);

const DENIED = {
  ad_storage: 'denied', ad_user_data: 'denied', ad_personalization: 'denied', analytics_storage: 'denied',
  functionality_storage: 'denied', personalization_storage: 'denied', security_storage: 'granted',
};

test.beforeEach(async ({ page }) => {
  // The stand-in gtag.js records the queue it finds when it runs: that is what a Google tag reads first.
  await page.route('https://www.googletagmanager.com/gtag/js**', (route) =>
    route.fulfill({
      contentType: 'text/javascript',
      body: `(window.__ran = window.__ran || []).push('gtag');
        window.__gtagSaw = window.dataLayer.filter((e) => Object.prototype.toString.call(e) === '[object Arguments]').map((e) => [e[0], e[1]]);`,
    }),
  );
});

test('the default is in dataLayer before a Google tag runs, and an update follows each decision', async ({ page }) => {
  await page.goto('/consent-mode.html');
  expect(await consentCommands(page)).toEqual([['default', { ...DENIED, wait_for_update: 500 }]]);
  expect(await ran(page)).toEqual([]); // blocked until analytics is granted (basic mode)

  await banner(page).rejectAll();
  expect((await consentCommands(page)).slice(1)).toEqual([['update', DENIED]]);
  expect(await dataLayer(page)).toContainEqual({ event: 'nexus_consent_update', nexus_consent: { analytics: false, advertising: false, personalisation: false } });

  await page.evaluate(() => (window as any).NexusConsent.update({ analytics: true }));
  expect((await consentCommands(page)).slice(2)).toEqual([['update', { ...DENIED, analytics_storage: 'granted' }]]);
  // Released by the grant, the Google tag found the default first, then the update.
  await expect.poll(() => ran(page)).toEqual(['gtag']);
  const saw = await page.evaluate(() => (window as any).__gtagSaw);
  expect(saw[0]).toEqual(['consent', 'default']);
  expect(saw).toContainEqual(['consent', 'update']);
  expect(saw.findIndex((c: string[]) => c[1] === 'update')).toBeGreaterThan(saw.findIndex((c: string[]) => c[0] === 'config'));
});

test('a stored decision is pushed as an update right after the default, before any tag runs', async ({ page }) => {
  await page.goto('/consent-mode.html');
  await banner(page).acceptAll();
  await page.reload();
  const commands = await consentCommands(page);
  expect(commands[0]).toEqual(['default', { ...DENIED, wait_for_update: 500 }]);
  expect(commands[1]).toEqual(['update', Object.fromEntries(Object.keys(DENIED).map((t) => [t, 'granted']))]);
  await expect.poll(() => page.evaluate(() => (window as any).__gtagSaw)).toEqual(expect.arrayContaining([['consent', 'default'], ['consent', 'update']]));
  // The page's own gtag() calls came after the SDK's default.
  const layer = await dataLayer(page);
  const indexOf = (predicate: (e: any) => boolean) => layer.findIndex(predicate);
  expect(indexOf((e) => Array.isArray(e) && e[1] === 'consent')).toBeLessThan(indexOf((e) => Array.isArray(e) && e[1] === 'js'));
});

test('advanced mode: with Google allowed by a site rule, the tag runs at once and reads the denied default', async ({ page }) => {
  const config = { rules: { urls: [{ host: 'www.googletagmanager.com', allow: true }] } };
  await page.goto(`/consent-mode.html?config=${encodeURIComponent(JSON.stringify(config))}`);
  await expect.poll(() => ran(page)).toEqual(['gtag']);
  expect(await page.evaluate(() => (window as any).__gtagSaw)).toEqual([['consent', 'default'], ['js', expect.anything()], ['config', 'G-NEXUS01']]);
});

test('region defaults and a remapped category reach dataLayer as configured', async ({ page }) => {
  const config = { googleConsentMode: { waitForUpdate: 1500, regions: [{ region: ['US-CA'], granted: ['analytics_storage'] }], mapping: { personalisation: ['personalization_storage'] } } };
  await page.goto(`/consent-mode.html?config=${encodeURIComponent(JSON.stringify(config))}`);
  const commands = await consentCommands(page);
  expect(commands).toEqual([
    ['default', { ...DENIED, analytics_storage: 'granted', region: ['US-CA'], wait_for_update: 1500 }],
    ['default', { ...DENIED, wait_for_update: 1500 }],
  ]);
  await page.evaluate(() => (window as any).NexusConsent.update({ personalisation: true }));
  // functionality_storage is no longer mapped: it stays denied.
  expect((await consentCommands(page))[2]).toEqual(['update', { ...DENIED, personalization_storage: 'granted' }]);
});

test.describe('Global Privacy Control', () => {
  test.beforeEach(async ({ page }) => {
    await page.addInitScript(() => Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', { get: () => true, configurable: true }));
  });
  const honoured = `/consent-mode.html?config=${encodeURIComponent(JSON.stringify({ honorGlobalPrivacyControl: true }))}`;

  test('"Tout accepter" grants everything but advertising, and the record says the signal decided', async ({ page, context }) => {
    await page.goto(honoured);
    await expect(banner(page).region.getByText(/Global Privacy Control/)).toBeVisible();
    await banner(page).acceptAll();
    const state = await page.evaluate(() => (window as any).NexusConsent.get());
    expect(state.record.method).toBe('gpc');
    expect(state.record.denied).toEqual(['advertising']);
    expect(state.record.granted).toEqual(['necessary', 'analytics', 'personalisation']);
    expect((await consentCookie(context))?.value).toMatch(/^2\.[^.]+\.1\.[^.]+\.[^.]+\.[^.]+\.g\./);
    // The analytics tag is released; the advertising one is not.
    await expect.poll(() => ran(page)).toContain('gtag');
    expect(await ran(page)).not.toContain('fbevents');
    expect((await consentCommands(page)).at(-1)![1]).toMatchObject({ analytics_storage: 'granted', ad_storage: 'denied', ad_user_data: 'denied' });
  });

  test('the visitor can still opt in to advertising from the preferences', async ({ page }) => {
    await page.goto(honoured);
    await banner(page).acceptAll();
    await page.reload();
    await page.evaluate(() => (window as any).NexusConsent.showPreferences());
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('checkbox', { name: 'Publicité' }).check();
    await dialog.getByRole('button', { name: 'Enregistrer mes choix' }).click();
    expect(await page.evaluate(() => (window as any).NexusConsent.get().record)).toMatchObject({ method: 'custom', denied: [] });
    await expect.poll(() => ran(page)).toContain('fbevents');
  });

  test('control: without honorGlobalPrivacyControl the signal changes nothing', async ({ page }) => {
    await page.goto('/consent-mode.html');
    await expect(banner(page).region.getByText(/Global Privacy Control/)).toHaveCount(0);
    await banner(page).acceptAll();
    expect(await page.evaluate(() => (window as any).NexusConsent.get().record.method)).toBe('accept-all');
    await expect.poll(() => ran(page)).toContain('fbevents');
  });
});
