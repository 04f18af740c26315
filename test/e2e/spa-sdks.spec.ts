/**
 * Issue #14, coverage: the analytics, session-replay, RUM and customer-data SDKs that single-page
 * apps install from npm, each on its own page of examples/spa/sdks (built with the app in one Vite
 * build, global setup), `import 'nexus-consent/auto'` first and no site rule: the core catalogue
 * alone has to know each SDK's hosts, cookies and storage keys.
 *
 * For each SDK, one visit: before any choice, after "Tout refuser", and after a reload with the
 * refusal stored, nothing reaches its hosts and none of its cookies or keys is kept, although the
 * SDK tried (its attempts are in `blocked()`); after an accept and a reload, it sends, and every
 * cookie and key it keeps is one the core catalogue files under it. And, on another visit, accepted
 * mid-session, each sends in the same page without a reload (the event it tracked before the
 * decision included, where the body says so).
 *
 * Every non-local host, and the site's own /_vercel/ paths, are answered here with stand-ins.
 * FullStory, LogRocket, Hotjar and Clarity ship on npm as loaders of a recorder script on their
 * CDN: the stand-in for that script writes the cookies their documentation lists and sends one
 * request, so what is proven for those four is the loader's script, held by host, and the names.
 */
import { gunzipSync } from 'node:zlib';
import type { BrowserContext, Page, Request } from 'playwright/test';
import { createClassifier } from '../../src/classifier/create-classifier.js';
import { coreCatalogue } from '../../src/catalogue/generated/core-catalogue.js';
import { SPA_PORT } from '../playwright.config.js';
import { banner, expect, otherCookies, test } from '../support/test.js';

test.use({ baseURL: `http://localhost:${SPA_PORT}` });

const core = createClassifier([coreCatalogue]);

interface Sdk {
  /** Page name in examples/spa/sdks. */
  readonly page: string;
  /** The core catalogue's service. */
  readonly service: string;
  /** Hosts (and their sub-domains) or first-party paths its requests go to. */
  readonly hosts: readonly string[];
  /** Whether it keeps a cookie or a storage key once allowed (the cookieless ones do not). */
  readonly keeps: boolean;
  /** The body of a script it loads from its CDN, when that script is what writes and sends. */
  readonly recorder?: string;
}

/** A recorder stand-in: the cookies the vendor's documentation lists, then one request home. */
const recorder = (cookies: readonly string[], send: string) =>
  `${cookies.map((c) => `document.cookie = ${JSON.stringify(`${c}; path=/; max-age=86400`)};`).join('\n')}
navigator.sendBeacon(${JSON.stringify(send)}, '{}');`;

const SDKS: readonly Sdk[] = [
  { page: 'posthog', service: 'posthog', hosts: ['posthog.com'], keeps: true },
  { page: 'segment', service: 'segment', hosts: ['segment.com', 'segment.io'], keeps: true },
  { page: 'rudderstack', service: 'rudderstack', hosts: ['rudderstack.com', 'rudderlabs.com'], keeps: true },
  { page: 'datadog', service: 'datadog', hosts: ['browser-intake-datadoghq.eu'], keeps: true },
  { page: 'appinsights', service: 'application-insights', hosts: ['applicationinsights.azure.com', 'js.monitor.azure.com'], keeps: true },
  { page: 'newrelic', service: 'new-relic', hosts: ['nr-data.net'], keeps: true },
  { page: 'snowplow', service: 'snowplow', hosts: ['collector.openjob-demo.fr'], keeps: true },
  { page: 'plausible', service: 'plausible', hosts: ['plausible.io'], keeps: false },
  { page: 'vercel', service: 'vercel', hosts: ['/_vercel/'], keeps: false },
  {
    page: 'fullstory',
    service: 'fullstory',
    hosts: ['fullstory.com'],
    keeps: true,
    recorder: recorder(['fs_uid=#o-OPENJ-na1#5731:4628#/1796000000', 'fs_lua=1.1764662400000'], 'https://rs.fullstory.com/rec/bundle/v2'),
  },
  {
    page: 'logrocket',
    service: 'logrocket',
    hosts: ['logr-in.com', 'logrocket.io'],
    keeps: true,
    recorder: recorder(['_lr_uf_-openjob=3f1c9b2e', '_lr_hb_-openjob=1764662400000'], 'https://r.logr-in.com/i'),
  },
  {
    page: 'hotjar',
    service: 'hotjar',
    hosts: ['hotjar.com', 'hotjar.io'],
    keeps: true,
    recorder: recorder(['_hjSessionUser_3456789=eyJpZCI6IjEifQ==', '_hjSession_3456789=eyJpZCI6IjIifQ=='], 'https://metrics.hotjar.io/'),
  },
  {
    page: 'clarity',
    service: 'microsoft-clarity',
    hosts: ['clarity.ms'],
    keeps: true,
    recorder: recorder(['_clck=1b2c3d|2|fr1|0|1', '_clsk=4e5f6g|1764662400000|1|1|k.clarity.ms/collect'], 'https://k.clarity.ms/collect'),
  },
];

const WRITE_KEY = 'OpenJobDemoWriteKey0123456789ab';

/** Segment's settings with its own destination on, RudderStack's source configuration: what starts them sending. */
function configFor(url: URL): unknown {
  if (url.hostname === 'cdn.segment.com') return { integrations: { 'Segment.io': { apiKey: WRITE_KEY, apiHost: 'api.segment.io/v1' } } };
  if (url.pathname.startsWith('/sourceConfig')) {
    return {
      isHosted: true,
      source: { config: {}, id: 'src1', name: 'openjob', writeKey: '2OpenJobDemoWriteKey0000000', enabled: true, workspaceId: 'ws1', updatedAt: '2026-01-01T00:00:00Z', dataplanes: {}, destinations: [] },
    };
  }
  return {};
}

function belongs(sdk: Sdk, url: URL): boolean {
  return sdk.hosts.some((h) => (h.startsWith('/') ? url.pathname.startsWith(h) : url.hostname === h || url.hostname.endsWith(`.${h}`)));
}

/** Answers every other host and the /_vercel/ paths; records each request (those to the SDK's hosts and any other). */
async function serve(context: BrowserContext, sdk: Sdk) {
  const requests: string[] = [];
  const handler = async (route: import('playwright/test').Route) => {
    const request: Request = route.request();
    const url = new URL(request.url());
    requests.push(`${request.method()} ${url.host}${url.pathname}`);
    const cors = {
      'access-control-allow-origin': request.headers()['origin'] ?? '*',
      'access-control-allow-credentials': 'true',
      'access-control-allow-headers': '*',
      'access-control-allow-methods': 'GET, POST, OPTIONS',
    };
    if (request.method() === 'OPTIONS') return route.fulfill({ status: 204, headers: cors });
    if (request.resourceType() === 'script') {
      const body = url.pathname.startsWith('/_vercel/insights/')
        ? "fetch('/_vercel/insights/view', { method: 'POST', body: '{}' });"
        : url.pathname.startsWith('/_vercel/speed-insights/')
          ? "navigator.sendBeacon('/_vercel/speed-insights/vitals', '{}');"
          : belongs(sdk, url) && sdk.recorder ? sdk.recorder : '/* stand-in */';
      return route.fulfill({ status: 200, contentType: 'text/javascript', body });
    }
    return route.fulfill({ status: 200, contentType: 'application/json', headers: cors, body: JSON.stringify(configFor(url)) });
  };
  // Registered after the shared network fixture, so they answer first.
  await context.route((url) => url.hostname !== 'localhost', handler);
  await context.route('**/_vercel/**', handler);
  return {
    /** Every request routed here, e.g. `POST eu.i.posthog.com/flags/`. */
    all: () => [...requests],
    /** Those to the SDK's own hosts. */
    toSdk: () => requests.filter((r) => belongs(sdk, new URL(`https://${r.split(' ')[1]}`)) || sdk.hosts.some((h) => h.startsWith('/') && r.includes(h))),
  };
}

const storageKeys = (page: Page) => page.evaluate(() => [...Object.keys(localStorage), ...Object.keys(sessionStorage)].sort());
/** The SDK's attempts the blocker stopped in this document: its requests, scripts, cookies and keys. */
const attempts = (page: Page, service: string) =>
  page.evaluate((s) => ((window as any).NexusConsent.blocked() as { service: string; kind: string; target: string }[]).filter((e) => e.service === s).map((e) => `${e.kind} ${e.target}`), service);
/**
 * The support checks the SDKs write and delete at once (AMP_TEST, _hjTLDTest, test_rudder_cookie,
 * _dd_test_*, __tld__, dmn_chk_*…): never held, or the SDK falls back to memory for the whole page.
 */
const PROBE = /^(AMP_TEST|_hj\w*Test|ABTastyDomainTest|test_rudder_|_dd_test_|dd_cookie_test_|__tld__|dmn_chk_|_sp_root_domain_test_|__mplssupport__|__support__|_Is_Incognit)/;
const probesHeld = (page: Page) =>
  page.evaluate(() => ((window as any).NexusConsent.blocked() as { kind: string; target: string }[]).filter((e) => e.kind === 'cookie' || e.kind === 'storage').map((e) => e.target))
    .then((targets) => targets.filter((t) => PROBE.test(t)));

/** Asks the SDK to send an event and flush its queue now, where it has a call for each. */
const nudge = (page: Page, name: string) => page.evaluate((n) => ((window as any).track?.(n), (window as any).flush?.()), name);

/** Nothing sent, nothing kept: every routed request, every cookie but the consent's, every key. */
async function expectNothingKept(page: Page, context: BrowserContext, traffic: { all: () => string[] }, when: string) {
  // What an SDK does after a call is asynchronous: give it a moment to try, then look. (Only an
  // absence is checked here: a late request would make the test pass, never fail, by mistake.)
  await page.waitForTimeout(1_000);
  expect(await probesHeld(page), `support checks held ${when}`).toEqual([]);
  expect(traffic.all(), `requests ${when}`).toEqual([]);
  expect(await otherCookies(context), `cookies ${when}`).toEqual([]);
  expect(await storageKeys(page), `storage keys ${when}`).toEqual([]);
}

for (const sdk of SDKS) {
  test(`${sdk.page}: held before a choice, after "Tout refuser" and after a reload; sends once accepted`, async ({ page, context, network }) => {
    const traffic = await serve(context, sdk);

    await page.goto(`/sdks/${sdk.page}.html`);
    await expect(banner(page).region).toBeVisible();
    // The SDK did try: the zeros below are the blocker's doing, not the SDK's idleness.
    await expect.poll(() => attempts(page, sdk.service), 'attempts before a choice').not.toEqual([]);
    await nudge(page, 'avant_choix');
    test.info().annotations.push({ type: 'held before a choice', description: [...new Set(await attempts(page, sdk.service))].join(', ') });
    await expectNothingKept(page, context, traffic, 'before a choice');

    await banner(page).rejectAll();
    await expect(banner(page).region).toBeHidden();
    await nudge(page, 'apres_refus');
    await expectNothingKept(page, context, traffic, 'after refusal');

    await page.reload();
    await expect.poll(() => attempts(page, sdk.service), 'attempts after refusal and reload').not.toEqual([]);
    await nudge(page, 'apres_refus_rechargement');
    test.info().annotations.push({ type: 'held after refusal and reload', description: [...new Set(await attempts(page, sdk.service))].join(', ') });
    await expectNothingKept(page, context, traffic, 'after refusal and reload');
    await expect(banner(page).region).toBeHidden();

    // Accepted (from the API: the banner is gone), then reloaded: the SDK starts with consent.
    await page.evaluate(() => (window as any).NexusConsent.acceptAll());
    await page.reload();
    await nudge(page, 'apres_accord');
    await expect.poll(() => traffic.toSdk(), 'requests to its hosts after accept').not.toEqual([]);
    if (sdk.keeps) {
      await expect.poll(async () => [...(await otherCookies(context)), ...(await storageKeys(page))], 'kept after accept').not.toEqual([]);
      await page.waitForTimeout(500);
      // Each one is a name the core catalogue files under this SDK: so it was held before.
      const kept = [...(await otherCookies(context)).map((n) => ['cookie', n] as const), ...(await storageKeys(page)).map((n) => ['storage', n] as const)];
      for (const [kind, name] of kept) {
        const found = kind === 'cookie' ? core.classifyCookie(name) : core.classifyStorageKey(name);
        expect(found?.service, `${kind} ${name}`).toBe(sdk.service);
      }
    }
    // For the issue's table (JSON reporter): what it sent and kept once allowed, and what was held before.
    test.info().annotations.push(
      { type: 'sent after accept', description: [...new Set(traffic.toSdk())].join(', ') },
      { type: 'kept after accept', description: [...(await otherCookies(context)).map((n) => `cookie ${n}`), ...(await storageKeys(page)).map((n) => `storage ${n}`)].join(', ') },
    );
    expect(network.requests.map((r) => r.url)).toEqual([]);
  });
}

// Issue #14: "accepted mid-session, each sending its events in the same page" — no reload.
for (const sdk of SDKS.filter((s) => !s.recorder)) {
  test(`${sdk.page}: accepted mid-session, it works in the same page without a reload`, async ({ page, context }) => {
    const traffic = await serve(context, sdk);
    const bodies: string[] = [];
    context.on('request', (r) => {
      const buf = r.postDataBuffer();
      if (buf && belongs(sdk, new URL(r.url()))) bodies.push((buf[0] === 0x1f && buf[1] === 0x8b ? gunzipSync(buf) : buf).toString('latin1'));
    });
    await page.goto(`/sdks/${sdk.page}.html`);
    await expect(banner(page).region).toBeVisible();
    await expect.poll(() => attempts(page, sdk.service), 'attempts before a choice').not.toEqual([]);
    await nudge(page, 'avant_choix');
    await page.waitForTimeout(1_000);
    expect(traffic.all(), 'requests before a choice').toEqual([]);
    await page.evaluate(() => ((window as any).__sameDocument = true));
    await banner(page).acceptAll();
    await nudge(page, 'apres_accord');
    await expect.poll(() => traffic.toSdk(), { message: 'requests to its hosts after accept, same page', timeout: 15_000 }).not.toEqual([]);
    if (sdk.keeps) {
      await expect.poll(async () => [...(await otherCookies(context)), ...(await storageKeys(page))], { message: 'kept after accept, same page', timeout: 10_000 }).not.toEqual([]);
    }
    // The event tracked before the decision is among what was sent (where the body is readable).
    await expect.poll(() => bodies.length, { timeout: 10_000 }).toBeGreaterThan(0);
    await page.waitForTimeout(3_000);
    // New Relic and Datadog flush on a timer and Vercel's script sends page views only: their bodies hold no event name.
    if (!['newrelic', 'vercel', 'datadog'].includes(sdk.page)) expect(bodies.some((b) => b.includes('avant_choix')), 'the event tracked before the decision was sent').toBe(true);
    test.info().annotations.push({ type: 'sent after accept (same page)', description: [...new Set(traffic.toSdk())].join(', ') });
    expect(await page.evaluate(() => (window as any).__sameDocument)).toBe(true);
  });
}
