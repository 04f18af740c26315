/**
 * nexus-consent/testing, proved in Chromium against the SDK as it ships
 * (dist/): a preset record is one the SDK accepts, the banner helpers drive
 * the real UI in every built-in language, and the request recorder sees what
 * the network sees.
 */
import type { Page } from 'playwright/test';
import { consentBanner, presetConsent, TestingKitError, trackerRequests } from '../../src/testing/index.js';
import { consentCookie, expect, ran, test } from '../support/test.js';

const ADVERTISING_STAND_INS = ['fbevents', 'criteo', 'linkedin-insight', 'tiktok', 'google-ads'];

const isGranted = (page: Page, target: string | { service: string }) => page.evaluate((t) => (window as any).NexusConsent.isGranted(t), target);
const record = (page: Page) => page.evaluate(() => (window as any).NexusConsent.get().record);

test.describe('presetConsent', () => {
  test('the SDK takes the preset record as the visitor’s decision: no banner, categories answered, denied trackers held', async ({ page, context, network }) => {
    const preset = await presetConsent(context, { analytics: true, advertising: false, personalisation: false });
    const requests = trackerRequests(page);
    await page.goto('/marked-up.html');
    await page.waitForLoadState('load');

    await expect(consentBanner(page).openButton).toBeVisible();
    await expect(consentBanner(page).banner).toHaveCount(0);
    expect(await page.evaluate(() => (window as any).NexusConsent.get())).toEqual({ status: 'decided', record: preset });
    expect(await isGranted(page, 'analytics')).toBe(true);
    expect(await isGranted(page, 'advertising')).toBe(false);
    expect(await isGranted(page, 'personalisation')).toBe(false);

    // Analytics ran; advertising and personalisation stayed held and never reached the network.
    await expect.poll(() => ran(page)).toContain('gtag-inline');
    expect(await ran(page)).toEqual(expect.arrayContaining(['smarttag', 'gtag']));
    for (const id of [...ADVERTISING_STAND_INS, 'fbq-inline', 'abtasty', 'prenom-inline']) expect(await ran(page)).not.toContain(id);
    expect(network.requests.filter((r) => r.standIn && r.standIn.category !== 'analytics')).toEqual([]);
    expect(requests.byCategory('advertising')).toEqual([]);
    expect(requests.byCategory('personalisation')).toEqual([]);
    expect(requests.byCategory('analytics').map((r) => r.service)).toContain('google-analytics');
  });

  test('trackers pasted without markup: a denied category stays blocked', async ({ page, context }) => {
    await presetConsent(context, { analytics: true });
    const requests = trackerRequests(page);
    await page.goto('/auto-blocking.html');
    await page.waitForLoadState('load');
    await expect(consentBanner(page).banner).toHaveCount(0);
    expect(await ran(page)).toContain('gtag');
    for (const id of ADVERTISING_STAND_INS) expect(await ran(page)).not.toContain(id);
    // Only the static tags Chromium's preload scanner fetches before any script
    // can act (README, "What the blocker cannot stop") went out; none ran.
    const hosts = new Set(requests.byCategory('advertising').map((r) => new URL(r.url).host));
    for (const host of hosts) expect(['connect.facebook.net', 'www.facebook.com', 'www.youtube.com']).toContain(host);
  });

  test('the cookie is the one the SDK itself writes: same name, host, path and attributes', async ({ page, context, browser }) => {
    await page.goto('/marked-up.html');
    await consentBanner(page).rejectAll();
    const written = await consentCookie(context);

    const other = await browser.newContext({ baseURL: test.info().project.use.baseURL! });
    await presetConsent(other, {});
    const preset = (await other.cookies()).find((c) => c.name === 'nexus_consent');
    await other.close();
    const attributes = ({ name, domain, path, sameSite, secure, httpOnly }: NonNullable<typeof written>) => ({ name, domain, path, sameSite, secure, httpOnly });
    expect(attributes(preset!)).toEqual(attributes(written!));
    // Both expire 6 months after the decision (a few seconds apart at most).
    expect(Math.abs(preset!.expires - written!.expires)).toBeLessThan(60);
  });

  test('per-service exceptions: one analytics service allowed in a denied category', async ({ page, context }) => {
    await presetConsent(page, { analytics: false }, { services: { 'google-analytics': true } });
    await page.goto('/auto-blocking.html');
    await page.waitForLoadState('load');
    await expect(consentBanner(page).banner).toHaveCount(0);
    expect(await isGranted(page, 'analytics')).toBe(false);
    expect(await isGranted(page, { service: 'google-analytics' })).toBe(true);
    expect(await ran(page)).toContain('gtag');
    expect(await isGranted(page, { service: 'hotjar' })).toBe(false);
    expect(await ran(page)).not.toContain('hotjar');
    expect(await record(page)).toMatchObject({ method: 'custom', services: { 'google-analytics': true } });
    expect((await context.cookies()).map((c) => c.name)).toContain('nexus_consent');
  });

  test('the record must answer the site’s revision, else the banner asks again', async ({ page, context }) => {
    await presetConsent(context, { analytics: true, advertising: true, personalisation: true }, { revision: 2 });
    await page.goto('/marked-up.html?revision=2');
    await expect(consentBanner(page).openButton).toBeVisible();
    expect(await record(page)).toMatchObject({ method: 'accept-all', revision: 2 });
    await page.goto('/marked-up.html?revision=3');
    await expect(consentBanner(page).banner).toBeVisible();
  });

  test('an expired record is no decision', async ({ page, context }) => {
    await page.clock.setFixedTime(new Date('2027-06-01T00:00:00Z'));
    await presetConsent(context, { analytics: true }, { decidedAt: new Date('2026-11-25T10:00:00Z'), validityMonths: 13 });
    await page.goto('/marked-up.html');
    await expect(consentBanner(page).banner).toHaveCount(0);
    await page.clock.setFixedTime(new Date('2027-12-25T10:00:01Z'));
    await page.reload();
    await expect(consentBanner(page).banner).toBeVisible();
    expect(await ran(page)).toEqual([]);
  });

  test('bad input throws before any cookie is written, naming the field', async ({ context }) => {
    await expect(presetConsent(context, { analytic: true })).rejects.toThrow(TestingKitError);
    await expect(presetConsent(context, { analytic: true })).rejects.toThrow(/choices\.analytic must be absent: unknown category/);
    await expect(presetConsent(context, {}, { revision: 1.5 })).rejects.toMatchObject({ field: 'options.revision' });
    expect(await context.cookies()).toEqual([]);
  });

  test('without a baseURL it asks for a URL, or uses the one given', async ({ browser }) => {
    // Playwright Test gives new contexts the config's baseURL unless told otherwise
    // (the option's type has no `undefined`, hence the cast).
    const context = await browser.newContext({ baseURL: undefined } as unknown as Parameters<typeof browser.newContext>[0]);
    await expect(presetConsent(context, {})).rejects.toMatchObject({ field: 'options.url' });
    const page = await context.newPage();
    await page.route(/^(?!http:\/\/localhost)/, (route) => route.abort());
    const origin = new URL(test.info().project.use.baseURL!).origin;
    await presetConsent(page, { personalisation: true }, { url: `${origin}/marked-up.html` });
    await page.goto(`${origin}/marked-up.html`);
    expect(await isGranted(page, 'personalisation')).toBe(true);
    await expect(consentBanner(page).banner).toHaveCount(0);
    await context.close();
  });
});

test.describe('consentBanner', () => {
  for (const lang of ['fr', 'en', 'de', 'es', 'it', 'nl']) {
    test(`drives the UI in ${lang}: customise, reopen, reject all`, async ({ page }) => {
      // The full script-tag build has every language; ?lang sets <html lang>.
      await page.goto(`/ui-full.html?lang=${lang}`);
      const ui = consentBanner(page);
      await expect(ui.banner).toHaveAttribute('lang', lang);
      await ui.customise({ analytics: true, personalisation: true });
      await expect(ui.banner).toBeHidden();
      expect(await record(page)).toMatchObject({ method: 'custom', granted: ['necessary', 'analytics', 'personalisation'], denied: ['advertising'] });

      await ui.open();
      await expect(ui.dialog).toHaveAttribute('lang', lang);
      await expect(ui.category('analytics')).toBeChecked();
      await expect(ui.category('advertising')).not.toBeChecked();
      await expect(ui.category('personalisation')).toBeChecked();
      await ui.rejectAll();
      await expect(ui.dialog).toBeHidden();
      expect(await record(page)).toMatchObject({ method: 'reject-all', granted: ['necessary'] });

      // customise() from the floating button changes only the categories it is given.
      await ui.customise({ advertising: true });
      expect(await record(page)).toMatchObject({ method: 'custom', granted: ['necessary', 'advertising'] });
    });
  }

  test('acceptAll from the banner, and from the preference centre when it is open', async ({ page, context }) => {
    await page.goto('/ui-full.html?lang=de');
    const ui = consentBanner(page);
    await ui.acceptAll();
    expect(await record(page)).toMatchObject({ method: 'accept-all' });
    await context.clearCookies();
    await page.reload();
    await ui.banner.getByRole('button', { name: 'Anpassen' }).click();
    await expect(ui.dialog).toBeVisible();
    await ui.acceptAll();
    await expect(ui.dialog).toBeHidden();
    expect(await record(page)).toMatchObject({ method: 'accept-all' });
  });

  test('only the SDK’s own UI: a page button with the same name is left alone', async ({ page }) => {
    await page.goto('/ui.html');
    await page.evaluate(() => {
      for (const name of ['Tout accepter', 'Gérer les cookies']) {
        const b = document.createElement('button');
        b.textContent = name;
        b.onclick = () => ((window as any).__pageButton = name);
        document.querySelector('main')!.append(b);
      }
    });
    await consentBanner(page).acceptAll();
    await consentBanner(page).open();
    expect(await page.evaluate(() => (window as any).__pageButton)).toBeUndefined();
    expect(await record(page)).toMatchObject({ method: 'accept-all' });
  });

  test('site texts and category labels', async ({ page }) => {
    const config = {
      texts: { fr: { acceptAll: 'J’accepte' } },
      categories: { analytics: { label: 'Statistiques' }, newsletter: { label: { fr: 'Lettre d’information', en: 'Newsletter' } } },
    };
    await page.goto(`/ui.html?config=${encodeURIComponent(JSON.stringify(config))}`);
    const ui = consentBanner(page, { texts: config.texts, categoryLabels: { analytics: 'Statistiques', newsletter: config.categories.newsletter.label } });
    await ui.customise({ analytics: true, newsletter: true });
    expect(await record(page)).toMatchObject({ granted: ['necessary', 'analytics', 'newsletter'] });
    await ui.open();
    await ui.acceptAll();
    expect(await record(page)).toMatchObject({ method: 'accept-all' });
  });

  test('says what is wrong: an unknown category, or no UI to act on', async ({ page, context }) => {
    await page.goto('/ui.html');
    const ui = consentBanner(page, { timeout: 1_000 });
    await expect(ui.customise({ analytic: true })).rejects.toMatchObject({ field: 'categories.analytic' });
    await expect(ui.banner).toBeVisible();
    await expect(ui.open()).rejects.toThrow(/open\(\) found no floating "manage cookies" button showing/);
    await presetConsent(context, {});
    await page.reload();
    await expect(ui.acceptAll()).rejects.toThrow(/acceptAll\(\) found no banner or preference centre showing/);
  });
});

test.describe('trackerRequests', () => {
  test('records what went out, by category: nothing before consent, each category once granted', async ({ page, network }) => {
    const requests = trackerRequests(page);
    await page.goto('/marked-up.html');
    await page.waitForLoadState('load');
    expect(requests.all()).toEqual([]);

    await consentBanner(page).customise({ advertising: true });
    await expect.poll(() => requests.byCategory('advertising').map((r) => r.url)).toEqual(
      expect.arrayContaining(['https://connect.facebook.net/en_US/fbevents.js', 'https://static.criteo.net/js/ld/publishertag.js']),
    );
    expect(requests.byCategory('analytics')).toEqual([]);
    expect(requests.byCategory('personalisation')).toEqual([]);
    // Every recorded request really went out: the routed network saw it.
    const seen = new Set(network.requests.map((r) => r.url));
    for (const r of requests.all()) expect(seen.has(r.url), r.url).toBe(true);

    requests.clear();
    expect(requests.all()).toEqual([]);
    await consentBanner(page).customise({ analytics: true });
    await expect.poll(() => requests.byCategory('analytics').map((r) => r.service)).toContain('google-analytics');
    expect(requests.byCategory('advertising')).toEqual([]);
  });

  test('the site’s rules: a first-party endpoint counts in its category', async ({ page, context }) => {
    await presetConsent(context, { analytics: true });
    const withRules = trackerRequests(page, { rules: { urls: [{ path: '/collect', category: 'analytics', service: 'nexus-collect' }] } });
    const without = trackerRequests(page);
    await page.goto('/auto-blocking.html');
    await expect.poll(() => page.evaluate(() => (window as any).__page.collect)).toBe('ok:404');
    expect(withRules.byCategory('analytics').filter((r) => r.service === 'nexus-collect').map((r) => new URL(r.url).pathname)).toEqual(['/collect']);
    expect(without.all().filter((r) => new URL(r.url).pathname === '/collect')).toEqual([]);
  });

  test('stop() ends the recording; a context-wide recorder sees every page', async ({ page, context }) => {
    const onPage = trackerRequests(page);
    const onContext = trackerRequests(context);
    await presetConsent(context, { analytics: true, advertising: true, personalisation: true });
    onPage.stop();
    await page.goto('/auto-blocking.html');
    await page.waitForLoadState('load');
    expect(onPage.all()).toEqual([]);
    await expect.poll(() => onContext.byCategory('advertising').length).toBeGreaterThan(0);
    const second = await context.newPage();
    const before = onContext.all().length;
    await second.goto('/marked-up.html');
    await expect.poll(() => onContext.all().length).toBeGreaterThan(before);
    onContext.stop();
  });
});
