/**
 * The blocking decision, pure: a classification and the consent state in, a
 * verdict out. Unknown things and `necessary` pass (never break the page); a
 * site's explicit allow rule passes; anything else waits for its category.
 */
import type { Category } from '../store/consent-record.js';

/** What the classifier says about a URL, a cookie name or a storage key. */
export interface Classified {
  readonly service: string;
  readonly vendor: string;
  readonly category: Category;
  readonly source: string;
}

/**
 * The classification when the thing must wait, else undefined. Asked on every
 * call a page makes that the classifier knows: it allocates nothing.
 */
export function shouldBlock(
  classification: Classified | undefined,
  isGranted: (category: Category, service?: string) => boolean,
): Classified | undefined {
  if (!classification || classification.category === 'necessary') return undefined;
  // A visitor may allow one service of a denied category, or deny one of a granted category.
  return isGranted(classification.category, classification.service) ? undefined : classification;
}
