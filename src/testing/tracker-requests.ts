/**
 * `trackerRequests(page)`: what went out to trackers, by category, so a test
 * can assert that nothing of a denied category did. It listens to the
 * requests the browser issues — those the SDK held never appear — whether
 * they were answered, routed, or failed.
 */
import type { BrowserContext, Page, Request } from 'playwright';
import type { Category } from '../store/consent-record.js';
import { createTrackerLog, type TrackerRequest, type TrackerRequestsOptions } from './tracker-log.js';

export interface TrackerRequests {
  /** Every classified request so far, in the order they were issued. */
  all(): readonly TrackerRequest[];
  /** Those of one category: `expect(requests.byCategory('advertising')).toEqual([])`. */
  byCategory(category: Category): readonly TrackerRequest[];
  /** Forgets what was recorded (e.g. after a decision, to look at what follows). */
  clear(): void;
  /** Stops recording. */
  stop(): void;
}

/**
 * Starts recording the requests of a page (or of every page of a context)
 * that the core catalogue — plus `options.catalogues` and the site's
 * `options.rules` — classifies. Start it before `page.goto`.
 */
export function trackerRequests(target: Page | BrowserContext, options: TrackerRequestsOptions = {}): TrackerRequests {
  const log = createTrackerLog(options);
  const onRequest = (request: Request) => {
    log.record({ url: request.url(), base: frameUrl(request), resourceType: request.resourceType(), method: request.method() });
  };
  // Page and BrowserContext both emit 'request'; one listener type serves both.
  const emitter = target as Page;
  emitter.on('request', onRequest);
  return {
    all: log.all,
    byCategory: log.byCategory,
    clear: log.clear,
    stop: () => void emitter.off('request', onRequest),
  };
}

function frameUrl(request: Request): string | undefined {
  try {
    const url = request.frame().url();
    return /^https?:/.test(url) ? url : undefined;
  } catch {
    // Service-worker requests have no frame.
    return undefined;
  }
}
