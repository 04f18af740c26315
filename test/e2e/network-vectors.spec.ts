/**
 * Issue #12 §5: every way a script can make a request reach a tracker — odd
 * arguments, other realms' globals, connections, workers, navigations. For
 * each: without the SDK it reaches the tracker (so the test can fail); before
 * consent nothing reaches it and the call fails as the network would fail it;
 * after "Tout accepter" it goes through.
 */
import type { BrowserContext, Page } from 'playwright/test';
import { banner, expect, test } from '../support/test.js';
import type { Network } from '../support/network.js';

const PAGE = '/network-vectors.html';

interface Vector {
  /** A key of window.vectors in the fixture. */
  readonly name: string;
  /** The tracker URL it reaches (the slug makes each one unique). */
  url(slug: string): string;
  /** What the page sees when the call goes through, and when it is refused. */
  readonly through: string;
  readonly refused: string;
  /** How blocked() files it. */
  readonly kind: string;
}

const api = (slug: string) => `https://api.mixpanel.com/track?v=${slug}`;
const v = (name: string, kind: string, through: string, refused: string, url: (slug: string) => string = api): Vector => ({ name, kind, through, refused, url });

const VECTORS: readonly Vector[] = [
  v('fetch(new String(url))', 'fetch', 'ok:200', 'TypeError'),
  v('fetch({ toString })', 'fetch', 'ok:200', 'TypeError'),
  v('fetch(Request of another realm)', 'fetch', 'ok:200', 'TypeError'),
  v('fetch(URL of another realm)', 'fetch', 'ok:200', 'TypeError'),
  // A beacon says it was queued either way: a `false` makes libraries retry elsewhere.
  v('sendBeacon({ toString })', 'beacon', 'true', 'true', (s) => `https://region1.google-analytics.com/g/collect?v=${s}`),
  v('sendBeacon(URL of another realm)', 'beacon', 'true', 'true', (s) => `https://region1.google-analytics.com/g/collect?v=${s}`),
  v('XHR open(URL of another realm)', 'xhr', 'load:200', 'error:0'),
  // A failed synchronous request throws a NetworkError from send(), readyState DONE.
  v('synchronous XHR', 'xhr', 'sync:200', 'NetworkError:4'),
  // Failing as an unreachable host: error, then close 1006 (not clean), CLOSED; still a WebSocket.
  v('new WebSocket(url)', 'websocket', 'open', 'error,close:1006:false:3,true', (s) => `wss://api.mixpanel.com/track/ws?v=${s}`),
  // The stand-in answers text/plain, which an EventSource refuses too: the request is the difference.
  v('new EventSource(url)', 'eventsource', 'error:2', 'error:2', (s) => `https://api.mixpanel.com/track?sse=${s}`),
  v('new Worker(url)', 'worker', 'message', 'error', (s) => `/tracking/worker.js?v=${s}`),
  v('new SharedWorker(url)', 'worker', 'message', 'error', (s) => `/tracking/worker.js?shared=${s}`),
  // A blocked popup: null, as the browser's popup blocker answers.
  v('window.open(url)', 'window', 'window', 'null', (s) => `https://www.facebook.com/tr?id=1&ev=${s}`),
  v('form.submit() into a hidden iframe', 'form', 'submitted', 'submitted', (s) => `https://www.facebook.com/tr/${s}`),
  // The page's submit handlers still run; the submission is cancelled.
  v('form.requestSubmit()', 'form', 'submit event, sent', 'submit event, cancelled', (s) => `https://www.facebook.com/tr/${s}`),
  v('fetch of an iframe inserted by script', 'fetch', 'ok:200', 'TypeError'),
  v('fetch of window[n] right after insertion', 'fetch', 'ok:200', 'TypeError'),
  v('fetch of a srcdoc iframe after its load', 'fetch', 'ok:200', 'TypeError'),
  v('XHR of an iframe', 'xhr', 'load:200', 'error:0'),
  v('WebSocket of an iframe', 'websocket', 'open', 'error,close:1006:false:3,true', (s) => `wss://api.mixpanel.com/track/ws?v=${s}`),
  v('sendBeacon of an iframe', 'beacon', 'true', 'true', (s) => `https://region1.google-analytics.com/g/collect?v=${s}`),
  v('fetch of an iframe in an iframe', 'fetch', 'ok:200', 'TypeError'),
];

/** Every request the browser made (first-party ones too, for workers) and every WebSocket. */
function allRequests(context: BrowserContext, network: Network): () => string[] {
  const urls: string[] = [];
  context.on('request', (request) => urls.push(request.url()));
  return () => [...urls, ...network.requests.map((r) => r.url)];
}

const run = (page: Page, name: string, url: string) =>
  page.evaluate(([n, u]) => (window as any).vectors[n](u) as Promise<string>, [name, url] as const);

/** Whether `url` (or the form submission to it, which adds a query) reached the network. */
const reached = (sent: string[], url: string, base: string) => {
  const absolute = new URL(url, base).href;
  return sent.some((s) => s === absolute || s.startsWith(`${absolute}?`));
};

for (const vector of VECTORS) {
  test.describe(vector.name, () => {
    test('without the SDK, it reaches the tracker', async ({ page, context, network }) => {
      const sent = allRequests(context, network);
      await page.goto(`${PAGE}?nexus-consent=off`);
      const url = vector.url('control');
      expect(await run(page, vector.name, url)).toBe(vector.through);
      await expect.poll(() => reached(sent(), url, page.url())).toBe(true);
      // A popup or a form's target frame finishes loading before the test closes the context under it.
      await Promise.all(context.pages().flatMap((p) => p.frames().map((f) => f.waitForLoadState())));
    });

    test('before consent, nothing reaches it; refused, the call fails as the network would', async ({ page, context, network, consoleErrors }) => {
      const sent = allRequests(context, network);
      await page.goto(PAGE);
      await expect(banner(page).region).toBeVisible();
      const url = vector.url('before');
      // Undecided, a request waits for the decision (issue #14): its result comes with "Tout refuser".
      await page.evaluate(([n, u]) => void ((window as any).__result = (window as any).vectors[n](u)), [vector.name, url] as const);
      const absolute = new URL(url, page.url()).href;
      // Some vectors call only once their frame has loaded: the call is awaited in the log, not in its result.
      await expect
        .poll(() => page.evaluate(() => (window as any).NexusConsent.blocked().map((b: any) => `${b.kind} ${b.target}`)))
        .toContain(`${vector.kind} ${absolute}`);
      // A beacon, a popup or a form would go out after the call returned: give them a moment.
      await page.evaluate(() => new Promise((r) => setTimeout(r, 300)));
      expect(reached(sent(), url, page.url())).toBe(false);
      await banner(page).rejectAll();
      expect(await page.evaluate(() => (window as any).__result)).toBe(vector.refused);
      await page.evaluate(() => new Promise((r) => setTimeout(r, 300)));
      expect(reached(sent(), url, page.url())).toBe(false);
      expect(network.trackerUrls()).toEqual([]);
      expect(consoleErrors.filter((e) => !/WebSocket|EventSource|Failed to load resource/.test(e))).toEqual([]);
    });

    test('after "Tout accepter", it goes through', async ({ page, context, network }) => {
      const sent = allRequests(context, network);
      await page.goto(PAGE);
      await banner(page).acceptAll();
      await expect(banner(page).region).toBeHidden();
      const url = vector.url('after');
      expect(await run(page, vector.name, url)).toBe(vector.through);
      await expect.poll(() => reached(sent(), url, page.url())).toBe(true);
      // A popup or a form's target frame finishes loading before the test closes the context under it.
      await Promise.all(context.pages().flatMap((p) => p.frames().map((f) => f.waitForLoadState())));
    });
  });
}

test('a { toString } that names a tracker only the second time it is read: read once, the page’s own URL is fetched', async ({ page, network }) => {
  await page.goto(PAGE);
  const result = await page.evaluate(() => {
    const sneaky = () => {
      let reads = 0;
      return { toString: () => (reads++ ? 'https://api.mixpanel.com/track?v=sneaky' : '/first-party/jobs.json') } as unknown as string;
    };
    return Promise.all([
      fetch(sneaky()).then((r) => r.url),
      new Promise((resolve) => {
        const x = new XMLHttpRequest();
        x.open('GET', sneaky());
        x.onloadend = () => resolve(x.responseURL);
        x.send();
      }),
    ]);
  });
  expect(result).toEqual([expect.stringMatching(/\/first-party\/jobs\.json$/), expect.stringMatching(/\/first-party\/jobs\.json$/)]);
  expect(network.requests).toEqual([]);
});

// A popup's requests hang under Playwright until it attaches to the new page, so this one looks at the guard itself.
test('the about:blank popup a page opens gets its calls guarded too (and is native without the SDK)', async ({ page }) => {
  const guarded = () =>
    page.evaluate(() => {
      const w = window.open('') as Window & typeof globalThis;
      const native = (f: unknown) => Function.prototype.toString.call(f).includes('[native code]');
      const result = [native(w.fetch), native(w.XMLHttpRequest.prototype.open), native(w.Navigator.prototype.sendBeacon)];
      w.close();
      return result;
    });
  await page.goto(`${PAGE}?nexus-consent=off`);
  expect(await guarded()).toEqual([true, true, true]);
  await page.goto(PAGE);
  expect(await guarded()).toEqual([false, false, false]);
});

test('a cookie or a storage key written through an iframe’s document is held like the page’s own', async ({ page, context }) => {
  const write = () =>
    page.evaluate(() => {
      const frame = document.createElement('iframe');
      document.body.appendChild(frame);
      frame.contentDocument!.cookie = '_ga=GA1.1.1.1; path=/';
      frame.contentWindow!.localStorage.setItem('_hjid', 'abc');
      return localStorage.getItem('_hjid');
    });
  await page.goto(`${PAGE}?nexus-consent=off`);
  expect(await write()).toBe('abc');
  expect(await context.cookies()).toEqual([expect.objectContaining({ name: '_ga' })]);
  await page.evaluate(() => localStorage.clear());
  await context.clearCookies();
  await page.goto(PAGE);
  expect(await write()).toBeNull();
  expect(await context.cookies()).toEqual([]);
});
