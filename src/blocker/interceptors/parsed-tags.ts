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
 * sees (e.g. Range#insertNode), and tells the blocker when inert tags arrive
 * (a single-page app rendering marked-up tags) so granted ones are released.
 */
import { containsInertTag } from '../marked-up-tags.js';
import type { Interceptor } from './context.js';
import { holdTree } from './dom-insertion.js';

export const parsedTags: Interceptor = (ctx) => {
  const { win } = ctx;
  const doc = win.document;
  const observer = new win.MutationObserver((mutations) => {
    const via = doc.readyState === 'loading' ? 'html' : 'script';
    let inert = false;
    try {
      for (const mutation of mutations) {
        for (const node of Array.from(mutation.addedNodes)) {
          holdTree(node, ctx, via);
          inert ||= containsInertTag(node);
        }
      }
    } catch (error) {
      ctx.fail(error);
    }
    if (inert) ctx.inertAdded();
  });
  observer.observe(doc, { childList: true, subtree: true });
  return () => observer.disconnect();
};
