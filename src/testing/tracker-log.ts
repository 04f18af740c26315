/**
 * The record behind `trackerRequests`: request URLs in, the ones the tracker
 * catalogue (or the site's rules) classifies kept, by category. Pure: it
 * knows nothing of Playwright, the caller feeds it.
 */
import type { Catalogue } from '../catalogue/catalogue.js';
import { coreCatalogue } from '../catalogue/generated/core-catalogue.js';
import type { Category } from '../store/consent-record.js';
import { createClassifier } from '../classifier/create-classifier.js';
import type { SiteRules } from '../classifier/site-rules.js';

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
}

export interface TrackerRequestsOptions {
  /** Catalogues on top of the built-in core, e.g. `catalogueFull` from `nexus-consent/catalogue-full`. @default none */
  readonly catalogues?: readonly Catalogue[];
  /** The site's `rules`, as given to the SDK: they win over the catalogue. @default none */
  readonly rules?: SiteRules;
}

export interface TrackerLog {
  /**
   * Keeps the request if it is classified; `base` is the URL of the page that
   * sent it (it resolves relative URLs and tells first-party ones apart).
   */
  record(request: { readonly url: string; readonly base?: string | undefined; readonly resourceType: string; readonly method: string }): void;
  all(): readonly TrackerRequest[];
  byCategory(category: Category): readonly TrackerRequest[];
  clear(): void;
}

export function createTrackerLog(options: TrackerRequestsOptions = {}): TrackerLog {
  const classifier = createClassifier([coreCatalogue, ...(options.catalogues ?? [])], options.rules);
  const requests: TrackerRequest[] = [];
  return {
    record({ url, base, resourceType, method }) {
      // data:, blob: and the like are not requests to anyone.
      if (!/^(https?|wss?):/i.test(url)) return;
      const found = classifier.classifyUrl(url, base);
      if (!found) return;
      requests.push(Object.freeze({ url, category: found.category, service: found.service, vendor: found.vendor, resourceType, method }));
    },
    all: () => [...requests],
    byCategory: (category) => requests.filter((r) => r.category === category),
    clear: () => void requests.splice(0),
  };
}
