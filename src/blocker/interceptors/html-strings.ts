/**
 * Vector 3: markup given as a string — innerHTML, outerHTML,
 * insertAdjacentHTML, document.write/writeln. The string is parsed first in an
 * inert <template> (nothing in a template fetches or runs); when a tag in it
 * must wait, the page's call goes ahead with the same markup made inert.
 * Otherwise the original string passes untouched, so partial writes
 * (`document.write('<div>')`) keep working.
 */
import { WATCHED_SELECTOR } from '../element-sources.js';
import { patchMethod, patchSetter, type Interceptor, type InterceptorContext } from './context.js';

/** Cheap pre-filter: no URL-bearing attribute, nothing to check. */
const MAY_FETCH = /\s(src|srcset|href|poster)\s*=/i;

export const htmlStrings: Interceptor = (ctx) => {
  const { Element, Document, ShadowRoot } = ctx.win;
  const rewrite = (html: unknown): unknown => {
    try {
      return typeof html === 'string' && MAY_FETCH.test(html) ? heldMarkup(html, ctx) ?? html : html;
    } catch (error) {
      ctx.fail(error);
      return html;
    }
  };
  const undo: (() => void)[] = [];
  type Fn = (this: unknown, ...args: unknown[]) => unknown;
  for (const prototype of [Element.prototype, ShadowRoot?.prototype]) {
    if (!prototype) continue;
    undo.push(
      patchSetter<Element>(prototype, 'innerHTML', (set) =>
        function (value) {
          set.call(this, rewrite(value));
        },
      ),
      // The newer HTML-string setter (Chrome 124+): same markup, same check.
      patchMethod(prototype as unknown as Record<string, Fn>, 'setHTMLUnsafe', (original) =>
        function (this: unknown, html: unknown, ...rest: unknown[]) {
          return original.call(this, rewrite(html), ...rest);
        } as Fn,
      ),
    );
  }
  undo.push(
    patchSetter<Element>(Element.prototype, 'outerHTML', (set) =>
      function (value) {
        set.call(this, rewrite(value));
      },
    ),
  );
  undo.push(
    patchMethod(Element.prototype as unknown as Record<string, Fn>, 'insertAdjacentHTML', (original) =>
      function (this: unknown, position: unknown, html: unknown) {
        return original.call(this, position, rewrite(html));
      } as Fn,
    ),
  );
  for (const name of ['write', 'writeln']) {
    undo.push(
      patchMethod(Document.prototype as unknown as Record<string, Fn>, name, (original) =>
        function (this: unknown, ...parts: unknown[]) {
          return original.apply(this, parts.length === 1 ? [rewrite(parts[0])] : [rewrite(parts.join(''))]);
        } as Fn,
      ),
    );
  }
  return () => undo.forEach((u) => u());
};

/** The markup with every tag that must wait made inert, or undefined if none must. */
function heldMarkup(html: string, ctx: InterceptorContext): string | undefined {
  const template = ctx.win.document.createElement('template');
  // The template's own innerHTML is patched too: use the saved original.
  ctx.native.setInnerHtml(template, html);
  let held = false;
  for (const element of template.content.querySelectorAll(WATCHED_SELECTOR)) {
    if (ctx.holdElement(element, 'script')) held = true;
  }
  return held ? template.innerHTML : undefined;
}
