/**
 * `stubTrackers(context)`: every tracker host the catalogue knows answered
 * with a harmless stand-in (stand-in.ts), so a site's suite never reaches
 * those hosts and writes no routing code of its own. Requests still go out
 * from the page as they would online: `trackerRequests` sees them, and a
 * script the SDK held still never loads. The site's own hosts are untouched.
 */
import type { Catalogue } from '../catalogue/catalogue.js';
import { catalogueFull } from '../catalogue/catalogue-full.js';
import { coreCatalogue } from '../catalogue/generated/core-catalogue.js';
import type { KitContext, KitPage, KitRoute } from './playwright-types.js';
import { standIn } from './stand-in.js';
import { TestingKitError } from './testing-error.js';
import { trackerHosts } from './tracker-hosts.js';

export interface StubTrackersOptions {
  /** More compiled catalogues whose hosts to answer (the core and the full catalogue always are). @default none */
  readonly catalogues?: readonly Catalogue[];
  /** More hosts to answer, each with its sub-domains: a tracker no catalogue knows, `['stats.partner.example']`. @default none */
  readonly hosts?: readonly string[];
}

/** One request a stand-in answered. */
export interface StandInAnswer {
  readonly url: string;
  /** The catalogue host it matched (`google-analytics.com` for `region1.google-analytics.com`). */
  readonly host: string;
  readonly resourceType: string;
  readonly status: number;
}

export interface StubbedTrackers {
  /** The tracker hosts answered (how many). */
  readonly hosts: number;
  /** Every request answered so far, in order. */
  answered(): readonly StandInAnswer[];
  /** Removes the routes (WebSocket stand-ins stay until the page or context closes). */
  stop(): Promise<void>;
}

const HOST = /^(\*\.)?[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$/i;

/**
 * Answers the tracker hosts of every page of `target` (a BrowserContext, or
 * one Page). Await it before `page.goto`. Routes the test adds afterwards win
 * over these (Playwright runs the newest matching route first).
 *
 *   test.beforeEach(({ context }) => stubTrackers(context));
 */
export async function stubTrackers(target: KitPage | KitContext, options: StubTrackersOptions = {}): Promise<StubbedTrackers> {
  for (const [i, host] of (options.hosts ?? []).entries()) {
    if (typeof host !== 'string' || !HOST.test(host)) throw new TestingKitError('stubTrackers', `options.hosts[${i}]`, 'a host name such as "stats.partner.example"', host);
  }
  const hosts = trackerHosts([coreCatalogue, catalogueFull, ...(options.catalogues ?? [])], options.hosts);
  const answered: StandInAnswer[] = [];
  const matches = (url: URL) => /^(https?|wss?):$/.test(url.protocol) && hosts.match(url.hostname) !== undefined;
  const handler = async (route: KitRoute) => {
    const request = route.request();
    const url = request.url();
    const host = hosts.match(new URL(url).hostname) ?? '';
    const origin = await request.headerValue('origin').catch(() => null);
    const response = standIn(request.resourceType(), request.method(), origin);
    answered.push(Object.freeze({ url, host, resourceType: request.resourceType(), status: response.status }));
    await route.fulfill({ ...response, headers: { ...response.headers } });
  };
  await target.route(matches, handler);
  // A tracker's WebSocket: connected to nothing, silent (Playwright 1.48+; older ones lack the method).
  const ws = (target as { routeWebSocket?: (url: (url: URL) => boolean, handler: () => void) => Promise<void> }).routeWebSocket;
  if (typeof ws === 'function') await ws.call(target, matches, () => {});
  return {
    hosts: hosts.size,
    answered: () => [...answered],
    stop: async () => void (await target.unroute(matches, handler)),
  };
}
