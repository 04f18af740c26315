/**
 * trackerRequests and stubTrackers against stand-ins of Playwright's objects
 * (the browser tests drive the real ones): what each asks of the page or
 * context, and what it does with the answers.
 */
import { describe, expect, it } from 'vitest';
import type { KitContext, KitFrame, KitRequest, KitRoute } from './playwright-types.js';
import type { PageView, ProbeArgument } from './request-reason.js';
import { stubTrackers } from './stub-trackers.js';
import { trackerRequests } from './tracker-requests.js';

const view = (over: Partial<PageView> = {}): PageView => ({ instance: true, loaded: true, granted: false, held: false, escaped: false, released: false, ...over });

function fakeContext() {
  const listeners = new Set<(r: KitRequest) => unknown>();
  const routes: { url: (u: URL) => boolean; handler: (r: KitRoute) => unknown }[] = [];
  const context: KitContext = {
    on: (_e, l) => listeners.add(l),
    off: (_e, l) => listeners.delete(l),
    route: async (url, handler) => void routes.push({ url, handler }),
    unroute: async (url) => void routes.splice(routes.findIndex((r) => r.url === url), 1),
    addCookies: async () => {},
  };
  return { context, listeners, routes, emit: (r: KitRequest) => listeners.forEach((l) => l(r)) };
}

function frame(answer: (arg: ProbeArgument) => PageView | Promise<PageView>, parent: KitFrame | null = null, url = 'http://localhost/'): KitFrame & { asked: ProbeArgument[] } {
  const asked: ProbeArgument[] = [];
  return {
    asked,
    url: () => url,
    parentFrame: () => parent,
    evaluate: async <R, A>(_fn: (arg: A) => R | Promise<R>, arg: A) => {
      asked.push(arg as ProbeArgument);
      return (await answer(arg as ProbeArgument)) as R;
    },
  };
}

const request = (url: string, f: KitFrame | (() => never), resourceType = 'script', method = 'GET', origin: string | null = null): KitRequest => ({
  url: () => url,
  method: () => method,
  resourceType: () => resourceType,
  frame: () => (typeof f === 'function' ? f() : f),
  headerValue: async (name) => (name === 'origin' ? origin : null),
});

describe('trackerRequests (stand-in Playwright)', () => {
  it('records classified requests with their reason, asked of the top frame; byService; settled()', async () => {
    const { context, emit, listeners } = fakeContext();
    const top = frame((arg) => (arg.url.includes('gtag/js') ? view({ granted: true, held: true }) : view({ granted: true })));
    const child = frame(() => view(), top, 'https://www.youtube.com/embed/x');
    const requests = trackerRequests(context);
    emit(request('https://www.googletagmanager.com/gtag/js?id=G-1', top));
    emit(request('https://www.google-analytics.com/g/collect?v=2', child, 'ping', 'POST'));
    emit(request('http://localhost/app.js', top));
    expect(requests.all().map((r) => r.reason)).toEqual(['pending', 'pending']);
    const settled = await requests.settled();
    expect(settled.map((r) => [r.service, r.reason])).toEqual([
      ['google-analytics', 'released-after-grant'],
      ['google-analytics', 'granted'],
    ]);
    expect(child.asked).toEqual([]);
    expect(top.asked[0]).toEqual({ url: 'https://www.googletagmanager.com/gtag/js?id=G-1', category: 'analytics', service: 'google-analytics', afterLoad: false });
    expect(requests.byService('google-analytics')).toHaveLength(2);
    expect(requests.byService('meta-pixel')).toEqual([]);
    requests.stop();
    expect(listeners.size).toBe(0);
  });

  it('asks again after load when only that can tell; a page that cannot be asked gives unexplained', async () => {
    const { context, emit } = fakeContext();
    const loading = frame((arg) => (arg.afterLoad ? view({ escaped: true }) : view({ loaded: false })));
    const gone = frame(() => Promise.reject(new Error('Execution context was destroyed')));
    const requests = trackerRequests(context);
    emit(request('https://connect.facebook.net/en_US/fbevents.js', loading));
    emit(request('https://www.facebook.com/tr?id=1', gone, 'image'));
    emit(request('https://static.hotjar.com/c/hotjar-1.js', () => { throw new Error('service worker: no frame'); }));
    expect((await requests.settled()).map((r) => r.reason)).toEqual(['preload-scanner', 'unexplained', 'unexplained']);
    expect(loading.asked.map((a) => a.afterLoad)).toEqual([false, true]);
  });
});

describe('stubTrackers (stand-in Playwright)', () => {
  it('routes the catalogue’s hosts only, answers by resource type, and stops', async () => {
    const { context, routes } = fakeContext();
    const stub = await stubTrackers(context, { hosts: ['stats.partner.example'] });
    expect(routes).toHaveLength(1);
    const matches = routes[0]!.url;
    for (const url of ['https://www.google-analytics.com/g/collect', 'https://cdn.taboola.com/x.js', 'wss://ws.stats.partner.example/', 'https://www.facebook.com/tr?id=1']) {
      expect(matches(new URL(url)), url).toBe(true);
    }
    for (const url of ['http://localhost:4700/', 'https://www.nexus-tech.fr/matomo.php', 'https://fonts.example/a.woff2', 'data:text/plain,x']) {
      expect(matches(new URL(url)), url).toBe(false);
    }
    const fulfilled: unknown[] = [];
    const route = (url: string, type: string, origin: string | null = null): KitRoute => ({
      request: () => request(url, frame(() => view()), type, 'GET', origin),
      fulfill: async (response) => void fulfilled.push(response),
    });
    await routes[0]!.handler(route('https://www.googletagmanager.com/gtag/js?id=G-1', 'script'));
    await routes[0]!.handler(route('https://www.facebook.com/tr?id=1', 'image'));
    await routes[0]!.handler(route('https://region1.google-analytics.com/g/collect', 'fetch', 'http://localhost:4700'));
    expect(fulfilled).toMatchObject([
      { status: 200, contentType: 'text/javascript' },
      { status: 200, contentType: 'image/gif' },
      { status: 204, headers: { 'access-control-allow-origin': 'http://localhost:4700' } },
    ]);
    expect(stub.answered()).toEqual([
      { url: 'https://www.googletagmanager.com/gtag/js?id=G-1', host: 'googletagmanager.com', resourceType: 'script', status: 200 },
      { url: 'https://www.facebook.com/tr?id=1', host: 'facebook.com', resourceType: 'image', status: 200 },
      { url: 'https://region1.google-analytics.com/g/collect', host: 'google-analytics.com', resourceType: 'fetch', status: 204 },
    ]);
    expect(stub.hosts).toBeGreaterThan(1000);
    await stub.stop();
    expect(routes).toEqual([]);
  });

  it('refuses a host that is not one, naming it', async () => {
    const { context } = fakeContext();
    await expect(stubTrackers(context, { hosts: ['stats.partner.example', '*/evil'] })).rejects.toMatchObject({ field: 'options.hosts[1]' });
  });
});
