/**
 * The record behind `trackerRequests`: request URLs in, the ones the tracker
 * catalogue (or the site's rules) classifies kept, by category and service,
 * each with the reason it went out once that is known (request-reason.ts).
 * Pure: it knows nothing of Playwright, the caller feeds it.
 */
import type { Catalogue } from '../catalogue/catalogue.js';
import { coreCatalogue } from '../catalogue/generated/core-catalogue.js';
import type { Category } from '../store/consent-record.js';
import { createClassifier } from '../classifier/create-classifier.js';
import type { SiteRules } from '../classifier/site-rules.js';
import type { RequestReason } from './request-reason.js';

/** A request that went out to a tracker the catalogue knows. */
export interface TrackerRequest {
  readonly url: string;
  readonly category: Category;
  /** Catalogue service id, e.g. `google-analytics`. */
  readonly service: string;
  readonly vendor: string;
  /** Playwright's resource type: `script`, `image`, `fetch`, `xhr`, `ping`, `document`… */
  readonly resourceType: string;
  readonly method: string;
  /** Why it went out (see RequestReason); `pending` while the page is being asked. */
  readonly reason: RequestReason;
}

export interface TrackerRequestsOptions {
  /** Catalogues on top of the built-in core, e.g. `catalogueFull` from `nexus-consent/catalogue-full`. @default none */
  readonly catalogues?: readonly Catalogue[];
  /** The site's `rules`, as given to the SDK: they win over the catalogue. @default none */
  readonly rules?: SiteRules;
}

/** What the log learnt of one request: enough to ask the page about it, and to give it its reason. */
export interface Recorded {
  readonly url: string;
  readonly category: Category;
  readonly service: string;
  explain(reason: RequestReason): void;
}

export interface TrackerLog {
  /**
   * Keeps the request if it is classified, with reason `pending`, and returns
   * the handle that sets its reason; `base` is the URL of the page that sent it
   * (it resolves relative URLs and tells first-party ones apart).
   */
  record(request: { readonly url: string; readonly base?: string | undefined; readonly resourceType: string; readonly method: string }): Recorded | undefined;
  all(): readonly TrackerRequest[];
  byCategory(category: Category): readonly TrackerRequest[];
  byService(service: string): readonly TrackerRequest[];
  clear(): void;
}

export function createTrackerLog(options: TrackerRequestsOptions = {}): TrackerLog {
  const classifier = createClassifier([coreCatalogue, ...(options.catalogues ?? [])], options.rules);
  let requests: { entry: Omit<TrackerRequest, 'reason'>; reason: RequestReason }[] = [];
  // Copies, frozen: a test can neither empty the log nor change an entry by accident.
  const copy = (r: (typeof requests)[number]): TrackerRequest => Object.freeze({ ...r.entry, reason: r.reason });
  return {
    record({ url, base, resourceType, method }) {
      // data:, blob: and the like are not requests to anyone.
      if (!/^(https?|wss?):/i.test(url)) return undefined;
      const found = classifier.classifyUrl(url, base);
      if (!found) return undefined;
      const kept = { entry: { url, category: found.category, service: found.service, vendor: found.vendor, resourceType, method }, reason: 'pending' as RequestReason };
      requests.push(kept);
      return {
        url,
        category: found.category,
        service: found.service,
        explain: (reason) => void (kept.reason = reason),
      };
    },
    all: () => requests.map(copy),
    byCategory: (category) => requests.filter((r) => r.entry.category === category).map(copy),
    byService: (service) => requests.filter((r) => r.entry.service === service).map(copy),
    // A new array: a request still being explained updates an entry no longer listed.
    clear: () => void (requests = []),
  };
}
