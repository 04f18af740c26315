/**
 * `classifyCookie`, `classifyStorageKey` and `classifyUrl` over the core
 * catalogue, without site rules. The index is built on first use, not on
 * import (no side effects on import), and shared: it is immutable.
 */
import { coreCatalogue } from '../catalogue/generated/core-catalogue.js';
import type { Classification } from './classification.js';
import { createClassifier, type Classifier } from './create-classifier.js';

let core: Classifier | undefined;
const classifier = (): Classifier => (core ??= createClassifier([coreCatalogue]));

/** The service and category of a cookie name in the core catalogue, e.g. `_ga` → Google Analytics, analytics. */
export function classifyCookie(name: string): Classification | undefined {
  return classifier().classifyCookie(name);
}

/** The same for a localStorage / sessionStorage key. */
export function classifyStorageKey(key: string): Classification | undefined {
  return classifier().classifyStorageKey(key);
}

/** The same for a request URL; `base` (the page's URL) resolves relative URLs. */
export function classifyUrl(url: string, base?: string): Classification | undefined {
  return classifier().classifyUrl(url, base);
}
