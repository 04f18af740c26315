/**
 * nexus-consent/testing, proved in Chromium against the SDK as it ships
 * (dist/): a preset record is one the SDK accepts, the banner helpers drive
 * the real UI in every built-in language, and the request recorder sees what
 * the network sees.
 */
import type { Page } from 'playwright/test';
import { catalogueFull } from '../../src/catalogue/catalogue-full.js';
import { consentBanner, presetConsent, stubTrackers, TestingKitError, trackerRequests } from '../../src/testing/index.js';
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
    // Without its footer link, the page has no way to the preferences before a decision.
    await page.locator('footer').evaluate((footer) => footer.remove());
    await expect(ui.open()).rejects.toThrow(/open\(\) found no floating "manage cookies" button nor page link to the preferences showing/);
    await presetConsent(context, {});
    await page.reload();
    await expect(ui.acceptAll()).rejects.toThrow(/acceptAll\(\) found no banner or preference centre showing/);
  });
});

test.describe('consentBanner.open() from the page’s own link', () => {
  test('floatingButton: false — the footer’s data-nexus-consent-open link', async ({ page }) => {
    await page.goto(`/ui.html?config=${encodeURIComponent(JSON.stringify({ floatingButton: false }))}`);
    const ui = consentBanner(page);
    await ui.rejectAll();
    await expect(ui.openButton).toHaveCount(0);
    await expect(ui.pageOpener).toHaveText('Gérer les cookies');
    await ui.open();
    await expect(ui.dialog).toBeVisible();
    await expect(ui.category('analytics')).not.toBeChecked();
    // customise() finds its way in the same way.
    await ui.rejectAll();
    await ui.customise({ analytics: true });
    expect(await record(page)).toMatchObject({ method: 'custom', granted: ['necessary', 'analytics'] });
  });

  test('a « Gérer les cookies » link without the attribute, one that shows the banner: on through “Personnaliser”', async ({ page }) => {
    await page.goto(`/ui.html?config=${encodeURIComponent(JSON.stringify({ floatingButton: false }))}`);
    await page.locator('footer a').evaluate((link) => {
      link.removeAttribute('data-nexus-consent-open');
      link.addEventListener('click', (event) => {
        event.preventDefault();
        (window as any).NexusConsent.showBanner();
      });
    });
    const ui = consentBanner(page);
    await ui.acceptAll();
    await expect(ui.pageOpener).toHaveCount(1);
    await ui.open();
    await expect(ui.dialog).toBeVisible();
    await expect(ui.category('advertising')).toBeChecked();
    await ui.rejectAll();
    expect(await record(page)).toMatchObject({ method: 'reject-all' });
  });

  test('the floating button first, while it shows', async ({ page }) => {
    await page.goto('/ui.html');
    const ui = consentBanner(page);
    await ui.acceptAll();
    let pageLinkClicked = false;
    await page.exposeFunction('pageLinkClicked', () => (pageLinkClicked = true));
    await page.locator('footer a').evaluate((link) => link.addEventListener('click', () => (window as any).pageLinkClicked()));
    await ui.open();
    await expect(ui.dialog).toBeVisible();
    expect(pageLinkClicked).toBe(false);
  });
});

test.describe('stubTrackers', () => {
  test('with it alone, a suite reaches no third-party host: every tracker answered by a stand-in of the right type', async ({ browser }) => {
    // A context of its own, without this suite's network fixture: whatever is not answered is caught here.
    const context = await browser.newContext({ baseURL: test.info().project.use.baseURL! });
    const unanswered: string[] = [];
    await context.route(
      (url) => url.hostname !== 'localhost',
      (route) => {
        unanswered.push(route.request().url());
        return route.abort();
      },
    );
    const stub = await stubTrackers(context);
    await presetConsent(context, { analytics: true, advertising: true, personalisation: true });
    const page = await context.newPage();
    const requests = trackerRequests(page);
    await page.goto('/auto-blocking.html');
    await page.waitForLoadState('load');
    await expect.poll(() => stub.answered().filter((a) => a.resourceType === 'ping').length).toBeGreaterThan(0);
    expect(unanswered).toEqual([]);
    // Every tracker request the page made was answered, and each by type.
    const answered = new Set(stub.answered().map((a) => a.url));
    for (const r of requests.all()) expect(answered.has(r.url), r.url).toBe(true);
    const byType = (type: string) => stub.answered().filter((a) => a.resourceType === type);
    expect(byType('script').length).toBeGreaterThan(5);
    for (const [type, status] of [['script', 200], ['image', 200], ['document', 200], ['ping', 204], ['fetch', 204], ['xhr', 204]] as const) {
      expect(byType(type).map((a) => a.status), type).toContain(status);
    }
    // Scripts that do nothing: the stand-ins of this suite mark themselves when they run; these are not them.
    for (const id of ['gtag', 'hotjar', 'fbevents', 'criteo']) expect(await ran(page)).not.toContain(id);
    // A 1×1 GIF for the pixel written in the HTML.
    expect(await page.locator('img[src*="facebook.com/tr"]').evaluate((img: HTMLImageElement) => [img.complete, img.naturalWidth, img.naturalHeight])).toEqual([true, 1, 1]);
    // fetch with credentials and a preflighted one, and a WebSocket: answered, not refused.
    expect(
      await page.evaluate(async () => {
        const post = await fetch('https://api.mixpanel.com/track', { method: 'POST', credentials: 'include', body: '{}' });
        const put = await fetch('https://api2.amplitude.com/2/httpapi', { method: 'PUT', credentials: 'include', headers: { 'content-type': 'application/json', 'x-test': '1' } });
        const socket = await new Promise((resolve) => {
          const ws = new WebSocket('wss://ws.hotjar.com/api/v2/client/ws');
          ws.onopen = () => resolve('open');
          ws.onerror = () => resolve('error');
        });
        return [post.status, put.status, socket];
      }),
    ).toEqual([204, 204, 'open']);
    expect(unanswered).toEqual([]);
    await stub.stop();
    await context.close();
  });

  test('answers the full catalogue’s hosts and the ones given; the site’s own hosts and held tags are untouched', async ({ page, context, network }) => {
    const stub = await stubTrackers(context, { hosts: ['stats.partner.example'] });
    await page.goto('/marked-up.html');
    const fetched = await page.evaluate(async () => {
      const status = (url: string) => fetch(url, { mode: 'no-cors' }).then((r) => r.type, (e) => String(e));
      return [await status('https://a.teads.tv/page/12345/tag'), await status('https://eu.stats.partner.example/hit')];
    });
    expect(fetched).toEqual(['opaque', 'opaque']);
    expect(stub.answered().map((a) => a.host)).toEqual(expect.arrayContaining(['teads.tv', 'stats.partner.example']));
    // Undecided: the SDK held every marked-up tag, so nothing of them reached even a stand-in.
    expect(stub.answered().filter((a) => a.resourceType === 'script')).toEqual([]);
    // The page itself came from the local server, not a stand-in.
    expect(stub.answered().some((a) => a.url.startsWith('http://localhost'))).toBe(false);
    // Answered here: the suite's own routing (registered first) never saw these hosts.
    expect(network.requests.filter((r) => /teads|partner\.example/.test(r.url))).toEqual([]);
  });
});

test.describe('trackerRequests: why each request went out', () => {
  test('tags in the HTML the preload scanner fetched, then what the grant released', async ({ page }) => {
    const requests = trackerRequests(page);
    await page.goto('/auto-blocking.html');
    await page.waitForLoadState('load');
    const before = await requests.settled();
    // What the SDK itself reports as escaped: the static tags in the HTML (an iframe there
    // counts whether or not its navigation started, so it may be missing from the requests).
    const escaped: [string, string][] = await page.evaluate(() =>
      (window as any).NexusConsent.blocked().filter((e: any) => e.escaped).map((e: any) => [e.target, e.kind]),
    );
    expect(escaped.length).toBeGreaterThan(0);
    for (const r of before) expect(escaped.map(([target]) => target), r.url).toContain(r.url);
    for (const [target, kind] of escaped) if (kind !== 'iframe') expect(before.map((r) => r.url), target).toContain(target);
    expect(new Set(before.map((r) => r.reason))).toEqual(new Set(['preload-scanner']));
    expect(requests.byService('meta-pixel').length).toBeGreaterThan(0);
    expect(requests.byService('meta-pixel').filter((r) => r.reason !== 'preload-scanner')).toEqual([]);

    requests.clear();
    await consentBanner(page).acceptAll();
    await expect.poll(() => requests.byService('mixpanel').length).toBeGreaterThan(0);
    await expect.poll(() => requests.byService('linkedin-insight').map((r) => r.resourceType)).toContain('image');
    const after = await requests.settled();
    expect(after.length).toBeGreaterThan(10);
    // Held while undecided (tags caught by the blocker, calls waiting): let go by the grant.
    expect(after.filter((r) => r.reason !== 'released-after-grant')).toEqual([]);
    expect(requests.byService('mixpanel').map((r) => [r.resourceType, r.reason])).toEqual([['fetch', 'released-after-grant']]);
  });

  test('granted before the page loaded: what it released, then what the page sends while granted', async ({ page, context }) => {
    await presetConsent(context, { analytics: true });
    const requests = trackerRequests(page);
    await page.goto('/marked-up.html');
    await page.waitForLoadState('load');
    await expect.poll(() => requests.byService('google-analytics').length).toBeGreaterThan(0);
    expect((await requests.settled()).map((r) => [r.service, r.reason])).toEqual(
      expect.arrayContaining([['google-analytics', 'released-after-grant'], ['piano-analytics', 'released-after-grant']]),
    );
    requests.clear();
    await page.evaluate(() => navigator.sendBeacon('https://region1.google-analytics.com/g/collect?v=2&en=scroll'));
    await expect.poll(() => requests.all().length).toBe(1);
    expect(await requests.settled()).toEqual([
      expect.objectContaining({ service: 'google-analytics', resourceType: 'ping', method: 'POST', reason: 'granted' }),
    ]);
    expect(requests.byCategory('advertising')).toEqual([]);
  });

  test('a tracker the site’s SDK does not know went out unheld: never-classified', async ({ page }) => {
    // The kit knows the full catalogue; this page's SDK only the core.
    const requests = trackerRequests(page, { catalogues: [catalogueFull] });
    await page.goto('/marked-up.html');
    await page.waitForLoadState('load');
    await page.evaluate(() => fetch('https://a.teads.tv/page/12345/tag').catch(() => {}));
    await expect.poll(() => requests.byService('teads').length).toBe(1);
    expect((await requests.settled()).map((r) => [r.service, r.category, r.reason])).toEqual([['teads', 'advertising', 'never-classified']]);
    expect(await isGranted(page, 'advertising')).toBe(false);
  });

  test('a page without the SDK: no-instance', async ({ page }) => {
    const requests = trackerRequests(page);
    await page.setContent('<p>No consent manager here.</p><img src="https://www.facebook.com/tr?id=1&amp;ev=PageView" alt="">');
    await expect.poll(() => requests.all().length).toBe(1);
    expect((await requests.settled()).map((r) => [r.service, r.reason])).toEqual([['meta-pixel', 'no-instance']]);
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
