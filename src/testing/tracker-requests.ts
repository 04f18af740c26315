/**
 * `trackerRequests(page)`: what went out to trackers, by category and service,
 * and why each went out, so a test can assert that nothing of a denied
 * category did — and, when something did, read the reason. It listens to the
 * requests the browser issues — those the SDK held never appear — whether
 * they were answered, routed, or failed.
 */
import type { Category } from '../store/consent-record.js';
import type { KitContext, KitFrame, KitPage, KitRequest } from './playwright-types.js';
import { probePage, reasonAfterLoad, reasonNow, type ProbeArgument } from './request-reason.js';
import { createTrackerLog, type Recorded, type TrackerRequest, type TrackerRequestsOptions } from './tracker-log.js';

export interface TrackerRequests {
  /** Every classified request so far, in the order they were issued. */
  all(): readonly TrackerRequest[];
  /** Those of one category: `expect(requests.byCategory('advertising')).toEqual([])`. */
  byCategory(category: Category): readonly TrackerRequest[];
  /** Those of one service: `requests.byService('meta-pixel')`. */
  byService(service: string): readonly TrackerRequest[];
  /** Every classified request once each one's `reason` is known (none left `pending`). */
  settled(): Promise<readonly TrackerRequest[]>;
  /** Forgets what was recorded (e.g. after a decision, to look at what follows). */
  clear(): void;
  /** Stops recording. */
  stop(): void;
}

/** How long an explanation waits for the page's `load` before giving up (`unexplained`). */
const LOAD_WAIT_MS = 15_000;

/**
 * Starts recording the requests of a page (or of every page of a context)
 * that the core catalogue — plus `options.catalogues` and the site's
 * `options.rules` — classifies. Start it before `page.goto`.
 */
export function trackerRequests(target: KitPage | KitContext, options: TrackerRequestsOptions = {}): TrackerRequests {
  const log = createTrackerLog(options);
  const pending = new Set<Promise<void>>();
  const onRequest = (request: KitRequest) => {
    const recorded = log.record({ url: request.url(), base: frameUrl(request), resourceType: request.resourceType(), method: request.method() });
    if (!recorded) return;
    const work: Promise<void> = explain(request, recorded)
      .catch(() => recorded.explain('unexplained'))
      .finally(() => pending.delete(work));
    pending.add(work);
  };
  // Page and BrowserContext both emit 'request'.
  target.on('request', onRequest);
  return {
    all: log.all,
    byCategory: log.byCategory,
    byService: log.byService,
    async settled() {
      while (pending.size > 0) await Promise.all([...pending]);
      return log.all();
    },
    clear: log.clear,
    stop: () => void target.off('request', onRequest),
  };
}

/** Asks the top frame's SDK about the request: at once, and after `load` when only that can tell. */
async function explain(request: KitRequest, recorded: Recorded): Promise<void> {
  let frame: KitFrame = request.frame();
  for (let parent = frame.parentFrame(); parent; parent = parent.parentFrame()) frame = parent;
  const arg: ProbeArgument = { url: recorded.url, category: recorded.category, service: recorded.service, afterLoad: false };
  const first = await frame.evaluate(probePage, arg);
  const now = reasonNow(first);
  if (now) return recorded.explain(now);
  let cancel = () => {};
  const later = await Promise.race([
    frame.evaluate(probePage, { ...arg, afterLoad: true }),
    new Promise<undefined>((resolve) => {
      const timer = setTimeout(resolve, LOAD_WAIT_MS);
      // Never keeps the test runner alive on its own.
      (timer as { unref?: () => void }).unref?.();
      cancel = () => clearTimeout(timer);
    }),
  ]).finally(() => cancel());
  recorded.explain(later ? reasonAfterLoad(first, later) : 'unexplained');
}

function frameUrl(request: KitRequest): string | undefined {
  try {
    const url = request.frame().url();
    return /^https?:/.test(url) ? url : undefined;
  } catch {
    // Service-worker requests have no frame.
    return undefined;
  }
}
