/**
 * Vector 1: tags written in the page's HTML after the SDK's <script>. The
 * parser inserts them without calling any patched method, so a
 * MutationObserver sees them: its callback runs at the microtask checkpoint the
 * parser performs before running each script (HTML §13.2.6.4.8, "an end tag
 * whose tag name is script"), early enough to turn the script inert.
 *
 * What it cannot stop: the preload scanner may already have *fetched* a
 * script or image further down the HTML while the parser waited. Those
 * requests go out but the script never runs; they are reported as escaped.
 *
 * It keeps running after the parse as a safety net for insertions no patch
 * sees (e.g. Range#insertNode).
 */
import { URL_ATTRIBUTES, WATCHED_SELECTOR } from '../element-sources.js';
import type { Interceptor } from './context.js';

export const parsedTags: Interceptor = (ctx) => {
  const { win } = ctx;
  const doc = win.document;
  const observer = new win.MutationObserver((mutations) => {
    const via = doc.readyState === 'loading' ? 'html' : 'script';
    try {
      for (const mutation of mutations) {
        for (const node of Array.from(mutation.addedNodes)) {
          if (node.nodeType !== 1) continue;
          const element = node as Element;
          if (URL_ATTRIBUTES[element.tagName]) ctx.holdElement(element, via);
          if (element.firstElementChild) for (const child of element.querySelectorAll(WATCHED_SELECTOR)) ctx.holdElement(child, via);
        }
      }
    } catch (error) {
      ctx.fail(error);
    }
  });
  observer.observe(doc, { childList: true, subtree: true });
  return () => observer.disconnect();
};
