/**
 * Inert tags: those a site marked up for consent, and those the blocker caught
 * (it writes the same markup):
 *
 *   <script type="text/plain" data-consent="analytics" src="…"></script>
 *   <script type="text/plain" data-consent="advertising">…inline…</script>
 *   <img data-consent="advertising" data-src="…">   <iframe data-consent="personalisation" data-src="…">
 *
 * The browser neither runs a `text/plain` script nor fetches a `data-src`, so
 * they stay inert without any help; this module only finds the ones whose
 * categories are now all granted. Pure query, no side effects.
 */
import type { Category } from '../store/consent-record.js';
import { CATEGORY_ATTRIBUTE as CONSENT_ATTRIBUTE, SERVICE_ATTRIBUTE } from './element-sources.js';
const INERT = ['src', 'srcset', 'href', 'poster', 'data']
  .map((attribute) => `[${CONSENT_ATTRIBUTE}][data-${attribute}]`)
  .concat(`script[type="text/plain" i][${CONSENT_ATTRIBUTE}]`)
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
 * Inert tags whose every category is granted, in document order. A tag that
 * names its service (`data-consent-service="hotjar"`, written by the blocker
 * or by the site) follows the visitor's choice for that service.
 */
export function findReleasable(root: ParentNode, isGranted: (category: Category, service?: string) => boolean): Element[] {
  return findInert(root).filter((element) => {
    const categories = categoriesOf(element);
    const service = element.getAttribute(SERVICE_ATTRIBUTE) ?? undefined;
    return categories.length > 0 && categories.every((category) => isGranted(category, service));
  });
}
