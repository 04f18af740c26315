/**
 * Inert tags: those a site marked up for consent, and those the blocker caught
 * (it writes the same markup):
 *
 *   <script type="text/plain" data-consent="analytics" src="…"></script>
 *   <script type="text/plain" data-consent="advertising">…inline…</script>
 *   <img data-consent="advertising" data-src="…">   <iframe data-consent="personalisation" data-src="…">
 *   <object data-consent="…" data-data="…">   <meta http-equiv="refresh" data-consent="…" data-content="0;url=…">
 *
 * The browser neither runs a `text/plain` script nor fetches a `data-src`, so
 * they stay inert without any help; this module only finds the ones whose
 * categories are now all granted. Pure query, no side effects.
 */
import type { Category } from '../store/consent-record.js';
import { CATEGORY_ATTRIBUTE as CONSENT_ATTRIBUTE, SERVICE_ATTRIBUTE } from './element-sources.js';
const INERT = ['src', 'srcset', 'srcdoc', 'href', 'poster', 'data']
  .map((attribute) => `[${CONSENT_ATTRIBUTE}][data-${attribute}]`)
  .concat(`script[type="text/plain" i][${CONSENT_ATTRIBUTE}]`, `meta[${CONSENT_ATTRIBUTE}][data-content]`)
  .join(',');

/** `data-consent="analytics advertising"` needs both. */
export function categoriesOf(element: Element): Category[] {
  return (element.getAttribute(CONSENT_ATTRIBUTE) ?? '').split(/\s+/).filter(Boolean);
}

export function isInertTag(node: Node): node is Element {
  return node.nodeType === 1 && (node as Element).matches(INERT);
}

/** Whether `node` is or contains an inert tag. */
export function containsInertTag(node: Node): boolean {
  return node.nodeType === 1 && (isInertTag(node) || (node as Element).querySelector(INERT) !== null);
}

/** Inert tags, in document order. */
export function findInert(root: ParentNode): Element[] {
  return [...root.querySelectorAll(INERT)];
}

/**
 * Whether an inert tag may go live: it names at least one category and every
 * one is granted. A tag that names its service (`data-consent-service="hotjar"`,
 * written by the blocker or by the site) follows the visitor's choice for that
 * service.
 */
export function isReleasable(element: Element, isGranted: (category: Category, service?: string) => boolean): boolean {
  const categories = categoriesOf(element);
  const service = element.getAttribute(SERVICE_ATTRIBUTE) ?? undefined;
  return categories.length > 0 && categories.every((category) => isGranted(category, service));
}

/** Inert tags that may go live now, in document order. */
export function findReleasable(root: ParentNode, isGranted: (category: Category, service?: string) => boolean): Element[] {
  return findInert(root).filter((element) => isReleasable(element, isGranted));
}
