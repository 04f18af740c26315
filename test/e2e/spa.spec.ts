/**
 * Issue #6: the single-page app of examples/spa, built by Vite against the package's exports
 * (global setup) and served as built. It starts Mixpanel, Amplitude and Google Analytics 4
 * (react-ga4, which loads gtag.js) from npm and sends a page view through each on every route
 * change; only nexus-consent stands between them and their hosts.
 *
 * Their hosts are answered here, before the shared network fixture (routes registered later run
 * first), and every request to them is recorded: host, path and the page view it carries.
 */
import type { BrowserContext, Page, Request } from 'playwright/test';
import { SPA_PORT } from '../playwright.config.js';
import { banner, consentCookie, expect, otherCookies, preferences, test } from '../support/test.js';

test.use({ baseURL: `http://localhost:${SPA_PORT}` });

type Library = 'mixpanel' | 'amplitude' | 'google-analytics';
const LIBRARIES: readonly Library[] = ['mixpanel', 'amplitude', 'google-analytics'];

/** The hosts each library reaches (a host and its sub-domains). */
const HOSTS: Record<Library, readonly string[]> = {
  mixpanel: ['mixpanel.com', 'mxpnl.com'],
  amplitude: ['amplitude.com'],
  'google-analytics': ['googletagmanager.com', 'google-analytics.com'],
};

function libraryOf(hostname: string): Library | undefined {
  return LIBRARIES.find((library) => HOSTS[library].some((h) => hostname === h || hostname.endsWith(`.${h}`)));
}

/**
 * Stands in for gtag.js: sets the _ga cookie, then sends a GA4 hit to /g/collect for every
 * `page_view` event in window.dataLayer — those queued before it loaded (as the real file
 * does) and those pushed later.
 */
const GTAG_STAND_IN = `(function () {
  var tid = new URL(document.currentScript.src).searchParams.get('id');
  document.cookie = '_ga=GA1.1.123.456; path=/; max-age=63072000';
  function handle(command) {
    if (command[0] !== 'event' || command[1] !== 'page_view') return;
    var page = (command[2] && command[2].page_path) || location.pathname;
    navigator.sendBeacon('https://region1.google-analytics.com/g/collect?v=2&tid=' + tid + '&en=page_view&dp=' + encodeURIComponent(page));
  }
  var dataLayer = (window.dataLayer = window.dataLayer || []);
  dataLayer.forEach(handle);
  var push = dataLayer.push;
  dataLayer.push = function () {
    for (var i = 0; i < arguments.length; i++) handle(arguments[i]);
    return push.apply(dataLayer, arguments);
  };
})();`;

interface Hit {
  readonly library: Library;
  readonly host: string;
  readonly method: string;
  /** Paths of the page views the request carries (none for a script, a config fetch…). */
  readonly pageViews: readonly string[];
}

/** The page paths a library's request reports as viewed, read the way each API encodes them. */
function pageViewsIn(library: Library, request: Request): string[] {
  const url = new URL(request.url());
  const body = request.postData() ?? '';
  if (library === 'mixpanel' && url.pathname.startsWith('/track')) {
    const data = new URLSearchParams(body).get('data');
    const events = data ? [JSON.parse(data)].flat() : [];
    return events.filter((e) => e.event === '$mp_web_page_view').map((e) => e.properties.page);
  }
  if (library === 'amplitude' && url.pathname === '/2/httpapi') {
    return (JSON.parse(body).events as any[]).filter((e) => e.event_type === 'Page Viewed').map((e) => e.event_properties.path);
  }
  if (library === 'google-analytics' && url.pathname === '/g/collect' && url.searchParams.get('en') === 'page_view') {
    return [url.searchParams.get('dp') ?? ''];
  }
  return [];
}

/** Answers the three libraries' hosts with stand-ins and records each request to them. */
async function serveLibraries(context: BrowserContext) {
  const hits: Hit[] = [];
  await context.route(
    (url) => libraryOf(url.hostname) !== undefined,
    async (route) => {
      const request = route.request();
      const url = new URL(request.url());
      const library = libraryOf(url.hostname)!;
      hits.push({ library, host: url.hostname, method: request.method(), pageViews: pageViewsIn(library, request) });
      const cors = {
        'access-control-allow-origin': request.headers()['origin'] ?? '*',
        'access-control-allow-credentials': 'true',
        'access-control-allow-headers': '*',
        'access-control-allow-methods': 'GET, POST, OPTIONS',
      };
      if (request.method() === 'OPTIONS') return route.fulfill({ status: 204, headers: cors });
      if (url.pathname.startsWith('/gtag/js')) return route.fulfill({ status: 200, contentType: 'text/javascript', body: GTAG_STAND_IN });
      if (library === 'mixpanel') return route.fulfill({ status: 200, contentType: 'text/plain', headers: cors, body: '1' });
      if (library === 'amplitude') return route.fulfill({ status: 200, contentType: 'application/json', headers: cors, body: '{"code":200}' });
      return route.fulfill({ status: 204, headers: cors });
    },
  );
  return {
    /** Requests per host, e.g. { 'api-js.mixpanel.com': 2 }. */
    perHost: () => Object.fromEntries([...new Set(hits.map((h) => h.host))].map((host) => [host, hits.filter((h) => h.host === host).length])),
    /** Page paths each library was sent, in order. */
    pageViews: (library: Library) => hits.filter((h) => h.library === library).flatMap((h) => h.pageViews),
    clear: () => void hits.splice(0),
  };
}

/** Clicks a link of the main navigation; the router renders the page without a reload. */
async function go(page: Page, name: string, path: string) {
  await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name, exact: true }).click();
  await expect(page).toHaveURL(path);
  await expect(page.locator('nav a[aria-current="page"]')).toHaveText(name);
}

/** The libraries' attempts the SDK blocked since `since` (page clock), by library. */
async function blockedSince(page: Page, since: number): Promise<Record<Library, string[]>> {
  const entries: { kind: string; service: string; time: number }[] = await page.evaluate(() => (window as any).NexusConsent.blocked());
  const recent = entries.filter((e) => e.time >= since);
  return {
    mixpanel: recent.filter((e) => e.service === 'mixpanel').map((e) => e.kind),
    amplitude: recent.filter((e) => e.service === 'amplitude').map((e) => e.kind),
    'google-analytics': recent.filter((e) => e.service === 'google-analytics').map((e) => e.kind),
  };
}

/** Proof that each library tried to send (and was stopped): a request of each in the blocked log. */
async function expectEachLibraryHeld(page: Page, since: number) {
  await expect
    .poll(async () => {
      const blocked = await blockedSince(page, since);
      return {
        mixpanel: blocked.mixpanel.includes('xhr'),
        amplitude: blocked.amplitude.includes('fetch'),
        'google-analytics': blocked['google-analytics'].some((kind) => kind === 'script' || kind === 'beacon'),
      };
    })
    .toEqual({ mixpanel: true, amplitude: true, 'google-analytics': true });
}

const storageKeys = (page: Page) => page.evaluate(() => [...Object.keys(localStorage), ...Object.keys(sessionStorage)].sort());
const pageClock = (page: Page) => page.evaluate(() => Date.now());
/** Set on the window: still there after a route change means no full reload happened. */
const markWindow = (page: Page) => page.evaluate(() => ((window as any).__sameDocument = true));
const sameWindow = (page: Page) => page.evaluate(() => (window as any).__sameDocument === true);

test('before any decision, route changes reach none of the libraries and write none of their cookies or storage keys', async ({ page, context, network }) => {
  const libraries = await serveLibraries(context);
  const start = Date.now();
  await page.goto('/');
  await expect(banner(page).region).toBeVisible();
  await markWindow(page);

  await go(page, "Offres d'emploi", '/offres');
  await go(page, 'Confidentialité', '/confidentialite');
  await page.goBack();
  await expect(page).toHaveURL('/offres');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText("Offres d'emploi");

  // The libraries did try — their requests, gtag.js, cookies and storage are in the blocked log —
  // so the zeros below are the blocker's doing, not the libraries' idleness.
  await expectEachLibraryHeld(page, start);
  const blocked = await blockedSince(page, start);
  expect(blocked.mixpanel).toEqual(expect.arrayContaining(['cookie', 'storage']));
  // Amplitude waits for its remote configuration (held, issue #14) before it sets up its cookie and storage.
  expect(blocked.amplitude).toContain('fetch');
  expect(blocked['google-analytics']).toContain('script');

  expect(libraries.perHost()).toEqual({});
  expect(network.requests.map((r) => r.url)).toEqual([]);
  expect(await otherCookies(context)).toEqual([]);
  expect(await consentCookie(context)).toBeUndefined();
  expect(await storageKeys(page)).toEqual([]);
  // Still the first document, and still asking.
  expect(await sameWindow(page)).toBe(true);
  await expect(banner(page).region).toBeVisible();
});

test('after "Tout accepter", every route change is a page view in each library; consent survives navigation and the banner stays away', async ({ page, context, network }) => {
  const libraries = await serveLibraries(context);
  await page.goto('/');
  await banner(page).acceptAll();
  await expect(banner(page).region).toBeHidden();
  const decided = (await consentCookie(context))?.value;
  expect(decided).toBeDefined();
  await markWindow(page);

  await go(page, "Offres d'emploi", '/offres');
  for (const library of LIBRARIES) await expect.poll(() => libraries.pageViews(library), library).toContain('/offres');
  await go(page, 'Confidentialité', '/confidentialite');
  for (const library of LIBRARIES) await expect.poll(() => libraries.pageViews(library), library).toContain('/confidentialite');
  // One page view per route change and library: nothing doubled.
  for (const library of LIBRARIES) {
    const views = libraries.pageViews(library);
    expect([views.filter((p) => p === '/offres').length, views.filter((p) => p === '/confidentialite').length], library).toEqual([1, 1]);
  }
  expect(Object.keys(libraries.perHost())).toEqual(expect.arrayContaining(['api-js.mixpanel.com', 'api2.amplitude.com', 'www.googletagmanager.com', 'region1.google-analytics.com']));

  // Their cookies are set now that they may be.
  await expect.poll(() => otherCookies(context)).toEqual(expect.arrayContaining(['_ga', 'mp_openjob-demo-token_mixpanel']));
  // Navigation kept the decision: same document, same record, no banner.
  expect(await sameWindow(page)).toBe(true);
  expect((await consentCookie(context))?.value).toBe(decided);
  expect(await page.evaluate(() => (window as any).NexusConsent.isGranted('analytics'))).toBe(true);
  await expect(banner(page).region).toBeHidden();
  expect(network.requests.map((r) => r.url)).toEqual([]);
});

test('accepted mid-session: each library sends, in the same page, the page views it made before the decision', async ({ page, context, network }) => {
  const libraries = await serveLibraries(context);
  await page.goto('/');
  await expect(banner(page).region).toBeVisible();
  await markWindow(page);
  await go(page, "Offres d'emploi", '/offres');
  const start = Date.now() - 60_000;
  await expectEachLibraryHeld(page, start);
  expect(libraries.perHost()).toEqual({});

  // Undecided means "wait", not "drop" (issue #14): the calls held until now are made on the grant.
  await banner(page).acceptAll();
  for (const library of LIBRARIES) await expect.poll(() => libraries.pageViews(library), { message: library, timeout: 15_000 }).toEqual(expect.arrayContaining(['/', '/offres']));
  // Amplitude's remote configuration, held while it waited, is fetched now too.
  expect(Object.keys(libraries.perHost())).toEqual(
    expect.arrayContaining(['api-js.mixpanel.com', 'api2.amplitude.com', 'sr-client-cfg.amplitude.com', 'www.googletagmanager.com', 'region1.google-analytics.com']),
  );
  // Their ids, written before the decision, are stored: the same ids the requests carried.
  await expect.poll(() => otherCookies(context)).toEqual(expect.arrayContaining(['_ga', 'mp_openjob-demo-token_mixpanel']));
  expect(await storageKeys(page)).toEqual(expect.arrayContaining(['mp_tab_id_mixpanel_openjob-demo-token']));
  // And later route changes go straight through, once each.
  await go(page, 'Confidentialité', '/confidentialite');
  for (const library of LIBRARIES) await expect.poll(() => libraries.pageViews(library), library).toContain('/confidentialite');
  for (const library of LIBRARIES) {
    const views = libraries.pageViews(library);
    expect([views.filter((p) => p === '/offres').length, views.filter((p) => p === '/confidentialite').length], library).toEqual([1, 1]);
  }
  expect(await sameWindow(page)).toBe(true);
  expect(network.requests.map((r) => r.url)).toEqual([]);
});

test('withdrawing from the footer link stops every library on the next route changes, and after a reload', async ({ page, context, network }) => {
  const libraries = await serveLibraries(context);
  await page.goto('/');
  await banner(page).acceptAll();
  await go(page, "Offres d'emploi", '/offres');
  for (const library of LIBRARIES) await expect.poll(() => libraries.pageViews(library), library).toContain('/offres');
  await expect.poll(() => otherCookies(context)).toEqual(expect.arrayContaining(['_ga', 'mp_openjob-demo-token_mixpanel']));

  // Two clicks to withdraw: the footer link, then "Tout refuser" in the preference centre.
  await page.getByRole('link', { name: 'Gérer les cookies' }).click();
  await preferences(page).dialog.getByRole('button', { name: 'Tout refuser' }).click();
  await expect(preferences(page).dialog).toBeHidden();
  expect(await page.evaluate(() => (window as any).NexusConsent.isGranted('analytics'))).toBe(false);
  // Their cookies and storage keys went with the consent.
  expect(await otherCookies(context)).toEqual([]);
  expect(await storageKeys(page)).toEqual([]);

  libraries.clear();
  let since = await pageClock(page);
  await go(page, 'Confidentialité', '/confidentialite');
  await go(page, 'Accueil', '/');
  await go(page, "Offres d'emploi", '/offres');
  // gtag.js, Mixpanel and Amplitude are loaded and still try: the blocker stops each attempt.
  await expectEachLibraryHeld(page, since);
  expect(libraries.perHost()).toEqual({});
  expect(await otherCookies(context)).toEqual([]);
  expect(await storageKeys(page)).toEqual([]);
  await expect(banner(page).region).toBeHidden();

  // Reloaded on a client-side route, with the refusal stored: still nothing, and no banner.
  since = await pageClock(page);
  await page.reload();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText("Offres d'emploi");
  await go(page, 'Accueil', '/');
  await go(page, 'Confidentialité', '/confidentialite');
  await expectEachLibraryHeld(page, since);
  expect(libraries.perHost()).toEqual({});
  expect(await otherCookies(context)).toEqual([]);
  expect(await storageKeys(page)).toEqual([]);
  await expect(banner(page).region).toBeHidden();
  expect(network.requests.map((r) => r.url)).toEqual([]);
});
