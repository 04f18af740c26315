/**
 * Issue #13: the markup step. The auto-blocking page pastes trackers as vendors
 * give them; served raw, Chromium's preload scanner requests some of them
 * before any script runs (the control). Served through the rewriter — the
 * middleware on MARKUP_PORT, or the file the CLI rewrote — not one request,
 * cookie or storage key reaches a tracker before consent or after a refusal,
 * and everything runs after "Tout accepter", in order.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { BrowserContext, Page } from 'playwright/test';
import { presetConsent } from '../../src/testing/index.js';
import { MARKUP_PORT, PORT } from '../playwright.config.js';
import { banner, expect, otherCookies, ran, test } from '../support/test.js';

const RAW = `http://localhost:${PORT}/auto-blocking.html`;
const MIDDLEWARE = `http://localhost:${MARKUP_PORT}/auto-blocking.html`;
const CLI = `http://localhost:${PORT}/markup-cli/auto-blocking.html`;
/** Every tracker script on the page, parsed or inserted, and what it marks when it runs. */
const SCRIPTS = ['abtasty', 'clarity', 'contentsquare', 'criteo', 'fbevents', 'google-ads', 'gtag', 'hotjar', 'linkedin-insight', 'matomo', 'tiktok'];
const TRACKER_COOKIES = ['ABTasty', '_clck', '_cs_id', '_fbp', '_ga', '_ga_NEXUS1', '_hjSessionUser_3456789', '_pk_id.1.abc', '_ttp', 'cto_bundle', 'li_fat_id'];
/** The page's own script runs as written (it calls document.write); only its first-party writes remain. */
const NOTHING = { ran: [], cookies: ['cart'], storage: ['nexus_recent_jobs'], escaped: [] };
const ESCAPED_WARNING = 'reached their host before any choice';

test.beforeAll(() => {
  // The CLI's output, as a static site would deploy it: a copy of the page, rewritten in place.
  const repo = (path: string) => fileURLToPath(new URL(`../../${path}`, import.meta.url));
  mkdirSync(repo('test/fixtures/markup-cli'), { recursive: true });
  copyFileSync(repo('test/fixtures/auto-blocking.html'), repo('test/fixtures/markup-cli/auto-blocking.html'));
  execFileSync(process.execPath, [repo('dist/cli.mjs'), 'markup', 'test/fixtures/markup-cli/*.html'], { cwd: repo('.') });
});

function consoleWarnings(page: Page): string[] {
  const warnings: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'warning') warnings.push(message.text());
  });
  return warnings;
}

/** Once the page has loaded and the network is quiet: what reached a tracker, and what trackers left behind. */
async function afterLoad(page: Page, context: BrowserContext) {
  await page.waitForLoadState('load');
  await page.waitForLoadState('networkidle');
  return {
    ran: await ran(page),
    cookies: await otherCookies(context),
    storage: await page.evaluate(() => [...Object.keys(localStorage), ...Object.keys(sessionStorage)].sort()),
    escaped: await page.evaluate(() => (window as any).NexusConsent.blocked().filter((b: any) => b.escaped).map((b: any) => b.target)),
  };
}

test('control: served raw, the preload scanner reaches trackers before any script runs, and the page says so once', async ({ page, network }) => {
  const warnings = consoleWarnings(page);
  await page.goto(RAW);
  await page.waitForLoadState('networkidle');
  expect(network.trackerUrls().length).toBeGreaterThan(0);
  console.log(`  raw page, requests before any choice:\n${network.trackerUrls().map((u) => `    ${u}`).join('\n')}`);
  await expect.poll(() => warnings.filter((w) => w.includes(ESCAPED_WARNING))).toHaveLength(1);
  const warning = warnings.find((w) => w.includes(ESCAPED_WARNING))!;
  expect(warning).toContain('npx nexus-consent markup');
  // It names the tag: the iframe written in the HTML always counts as escaped.
  expect(warning).toContain('<iframe> https://www.youtube.com/embed/nexus02 (youtube, advertising)');
});

for (const [name, url] of [
  ['the middleware', MIDDLEWARE],
  ['the CLI’s output file', CLI],
] as const) {
  test.describe(`through ${name}`, () => {
    test('before any choice, and after "Tout refuser" and a reload: not one request, cookie or storage key', async ({ page, context, network }) => {
      const warnings = consoleWarnings(page);
      await page.goto(url);
      expect(await afterLoad(page, context)).toEqual(NOTHING);
      expect(network.requests.map((r) => r.url)).toEqual([]);
      // The tags wait in the form the SDK releases; the embed shows its placeholder.
      await expect(page.getByRole('group', { name: 'Contenu bloqué : youtube' })).toBeVisible();

      await banner(page).rejectAll();
      await page.reload();
      await expect(banner(page).region).toBeHidden();
      expect(await afterLoad(page, context)).toEqual(NOTHING);
      expect(network.requests.map((r) => r.url)).toEqual([]);
      expect(warnings.filter((w) => w.includes(ESCAPED_WARNING))).toEqual([]);
    });

    test('after "Tout accepter": every tracker runs, released in document order', async ({ page, context, network }) => {
      await page.goto(url);
      await afterLoad(page, context);
      const held = await page.evaluate(() => [...document.querySelectorAll('script[type="text/plain"][data-consent][src]')].map((s) => (s as HTMLScriptElement).src));
      // The two the HTML wrote (marked up by the rewriter), then those the page's script inserted (held by the SDK).
      expect(held.slice(0, 2)).toEqual(['https://www.googletagmanager.com/gtag/js?id=G-AUTO1', 'https://static.hotjar.com/c/hotjar-3456789.js?sv=6']);
      await banner(page).acceptAll();
      await expect.poll(async () => [...new Set(await ran(page))].sort(), { timeout: 15_000 }).toEqual(SCRIPTS);
      const requested = network.requests.map((r) => r.url);
      // The parsed tags in the order they stand; an inline loader runs once the scripts before it have (HTML order).
      expect(requested.filter((u) => held.includes(u))).toEqual(held);
      const order = await ran(page);
      expect(order.indexOf('hotjar')).toBeLessThan(order.indexOf('fbevents'));
      expect(order.indexOf('fbevents')).toBeLessThan(order.indexOf('matomo'));
      await expect
        .poll(() => page.frames().map((f) => f.url()).filter((u) => /\/embed\/|\/video\//.test(u)).sort(), { timeout: 10_000 })
        .toEqual(['https://player.vimeo.com/video/76979871', 'https://www.youtube.com/embed/nexus02']);
      await expect.poll(() => otherCookies(context)).toEqual(['cart', ...TRACKER_COOKIES].sort());
    });
  });
}

test('with the visitor’s consent cookie the middleware leaves granted tags as written, and they run at once', async ({ page, context, network }) => {
  await presetConsent(context, { analytics: true }, { url: MIDDLEWARE });
  const response = await page.goto(MIDDLEWARE);
  const html = await response!.text();
  // Analytics: exactly as the page wrote them.
  expect(html).toContain('<script async src="https://www.googletagmanager.com/gtag/js?id=G-AUTO1"></script>');
  expect(html).toContain('<script src="https://static.hotjar.com/c/hotjar-3456789.js?sv=6"></script>');
  expect(html).toContain('<!-- Microsoft Clarity -->\n<script>\n');
  // Advertising: marked up.
  expect(html).toContain('<iframe id="video" data-src="https://www.youtube.com/embed/nexus02"');
  expect(html).toContain('<link rel="preload" data-href="https://connect.facebook.net/en_US/fbevents.js"');
  expect(response!.headers()['vary']).toContain('Cookie');

  // Every analytics tracker runs without a click; no advertising one.
  await expect.poll(async () => [...new Set(await ran(page))].sort()).toEqual(['abtasty', 'clarity', 'contentsquare', 'gtag', 'hotjar', 'matomo']);
  await page.waitForLoadState('networkidle');
  const hosts = new Set(network.requests.map((r) => new URL(r.url).hostname));
  for (const advertising of ['connect.facebook.net', 'www.facebook.com', 'www.youtube.com', 'analytics.tiktok.com', 'static.criteo.net', 'www.googleadservices.com', 'snap.licdn.com', 'px.ads.linkedin.com']) {
    expect(hosts).not.toContain(advertising);
  }
  expect(hosts).toContain('static.hotjar.com');
});

test('the single-page app’s Vite build holds its connection hints', async ({ request }) => {
  const { SPA_PORT } = await import('../playwright.config.js');
  const html = await (await request.get(`http://localhost:${SPA_PORT}/`)).text();
  expect(html).toContain('<link rel="preconnect" data-href="https://api-js.mixpanel.com" data-consent="analytics" data-consent-service="mixpanel">');
  expect(html).toContain('<link rel="dns-prefetch" data-href="https://region1.google-analytics.com" data-consent="analytics" data-consent-service="google-analytics">');
});

test('a noscript pixel: Chromium (scripting on) fetches nothing inside <noscript>; the rewriter marks it up anyway, for visitors without JavaScript', async ({ page, network }) => {
  const pixel = '<noscript><img height="1" width="1" src="https://www.facebook.com/tr?id=1&ev=PageView&noscript=1"></noscript>';
  await page.route(`http://localhost:${PORT}/noscript-probe.html`, (route) =>
    route.fulfill({ contentType: 'text/html', body: `<!doctype html><title>probe</title>${pixel}<p>${'x'.repeat(2000)}</p><script>for (var t = Date.now(); Date.now() - t < 300;);</script>` }),
  );
  await page.goto(`http://localhost:${PORT}/noscript-probe.html`);
  await page.waitForLoadState('networkidle');
  expect(network.requests).toEqual([]);
});

test('a first visit through the middleware: the UI file is preloaded before the SDK and fetched once; a returning visitor is sent no preload and fetches no UI', async ({ page, context }) => {
  const uiRequests: string[] = [];
  page.on('request', (request) => {
    if (request.url().endsWith('/dist/nexus-consent.ui.min.js')) uiRequests.push(request.url());
  });
  const first = await page.goto(MIDDLEWARE);
  const html = await first!.text();
  expect(html).toContain('<link rel="modulepreload" href="/dist/nexus-consent.ui.min.js"><script src="/dist/nexus-consent.min.js"></script>');
  await expect(banner(page).region).toBeVisible();
  await page.waitForLoadState('networkidle');
  // The preload and the SDK's own import() are one fetch: the module map holds the preloaded file.
  expect(uiRequests).toHaveLength(1);

  // "Tout accepter": no placeholder for the page's embed, so nothing needs the UI (a refusal would load it for the placeholder).
  await banner(page).acceptAll();
  uiRequests.length = 0;
  const again = await page.reload();
  expect(await again!.text()).not.toContain('modulepreload');
  await page.waitForLoadState('networkidle');
  expect(uiRequests).toEqual([]);
  expect((await context.cookies()).some((c) => c.name === 'nexus_consent')).toBe(true);
});
