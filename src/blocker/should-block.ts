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

export type Verdict =
  | { readonly block: false }
  | { readonly block: true; readonly classification: Classified };

const PASS: Verdict = Object.freeze({ block: false });

export function shouldBlock(
  classification: Classified | undefined,
  isGranted: (category: Category, service?: string) => boolean,
): Verdict {
  if (!classification || classification.category === 'necessary') return PASS;
  // A visitor may allow one service of a denied category, or deny one of a granted category.
  if (isGranted(classification.category, classification.service)) return PASS;
  return { block: true, classification };
}
