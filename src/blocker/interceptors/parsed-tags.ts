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
 * Once the document is parsed it stops: every later insertion goes through a
 * patched method (dom-insertion.ts), and an observer on the whole document
 * would make the browser build a record for each of them.
 */
import type { Interceptor } from './context.js';
import { holdTree } from './dom-insertion.js';

export const parsedTags: Interceptor = (ctx) => {
  const { win } = ctx;
  const doc = win.document;
  const observer = new win.MutationObserver((mutations) => {
    try {
      for (const mutation of mutations) for (const node of Array.from(mutation.addedNodes)) holdTree(node, ctx, 'html');
    } catch (error) {
      ctx.fail(error);
    }
  });
  const stop = () => {
    // Tags the parser inserted last are still queued: hold them before letting go.
    const pending = observer.takeRecords();
    observer.disconnect();
    for (const mutation of pending) for (const node of Array.from(mutation.addedNodes)) holdTree(node, ctx, 'html');
  };
  if (doc.readyState !== 'loading') return () => {};
  observer.observe(doc, { childList: true, subtree: true });
  doc.addEventListener('DOMContentLoaded', stop, { once: true });
  return () => {
    doc.removeEventListener('DOMContentLoaded', stop);
    observer.disconnect();
  };
};
