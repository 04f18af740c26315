/**
 * Vector 3: markup given as a string — innerHTML, outerHTML, setHTMLUnsafe,
 * insertAdjacentHTML, Range#createContextualFragment, execCommand('insertHTML'),
 * document.write/writeln. The string is parsed first the way the browser will
 * parse it — in an element of the same name and namespace as the real context
 * (an `<svg>`'s innerHTML makes SVG scripts), in an inert document where nothing
 * fetches or runs — and what the parser made is inspected, not the text: a
 * pattern misses `<img/src=…>` or `<img alt=""src=…>`, the parser does not.
 * When a tag must wait, the page's call goes ahead with the same markup made
 * inert; otherwise the original value passes untouched.
 *
 * TrustedHTML is inspected like a string, and given back as TrustedHTML
 * (trusted-types.ts). A value of any other type is converted to a string once,
 * here, and the string passed on: a `toString` cannot answer twice.
 */
import { fetches, isInert, URL_ATTRIBUTES, urlsIn, WATCHED_SELECTOR } from '../element-sources.js';
import { htmlToInspect, isTrustedHtml, trustedHtml } from '../trusted-types.js';
import { patchMethod, patchSetter, type Interceptor, type InterceptorContext, type Natives } from './context.js';

/**
 * The only markup that can make an element the blocker checks: a start tag of
 * one of its names (or `<image`, which the parser makes an `<img>`) and one of
 * its attribute names followed by `=`. Tag and attribute names are never
 * written as character references, and the tokenizer ends a tag name at
 * whitespace, `/` or `>` and an attribute name at those or `=`; an attribute
 * with no `=` has an empty value, which fetches nothing. Anything else — no
 * `<`, an `<a href>` alone — is passed on without being parsed. Built from
 * URL_ATTRIBUTES so that it can never lag behind it.
 */
const names = (list: string[]) => [...new Set(list.map((name) => name.replace('xlink:', '').toLowerCase()))].join('|');
const MAY_FETCH = new RegExp(`(?:${names(Object.values(URL_ATTRIBUTES).flat())})\\s*=`, 'i');
const MAY_MAKE = new RegExp(`<(?:${names(Object.keys(URL_ATTRIBUTES))})[\\s/>]`, 'i');

type Fn = (this: unknown, ...args: unknown[]) => unknown;

export const htmlStrings: Interceptor = (ctx) => {
  const { win } = ctx;
  const { Element, Document, ShadowRoot, Range } = win;
  const doc = win.document;
  const asElement = (node: unknown) => (node instanceof Element ? node : null);
  const parentOf = (node: unknown) => asElement((node as Node | null)?.parentNode);
  /** The markup as the page's call would insert it, with the tags that must wait made inert. */
  const rewrite = (html: unknown, context: Element | null): unknown => {
    if (html === null || html === undefined || typeof html === 'symbol') return html;
    try {
      const trusted = isTrustedHtml(win, html);
      const text = String(html);
      if (!MAY_FETCH.test(text) || !MAY_MAKE.test(text)) return trusted ? html : text;
      const held = heldMarkup(ctx, trusted ? html : text, context, trusted);
      if (held === undefined) return trusted ? html : text;
      return trusted ? trustedHtml(win, held) : held;
    } catch (error) {
      ctx.fail(error);
      return html;
    }
  };
  /** A wrapper that rewrites argument `index` (and keeps the browser's own arity errors). */
  const rewriting = (index: number, context: (self: unknown, args: unknown[]) => Element | null) => (original: Fn) =>
    function (this: unknown, ...args: unknown[]) {
      if (args.length > index) args[index] = rewrite(args[index], context(this, args));
      return original.apply(this, args);
    } as Fn;
  const innerContext = (self: unknown) => (self instanceof ShadowRoot ? self.host : asElement(self));

  const undo: (() => void)[] = [];
  for (const prototype of [Element.prototype, ShadowRoot?.prototype]) {
    if (!prototype) continue;
    undo.push(
      patchSetter<Element>(prototype, 'innerHTML', (set) =>
        function (value) {
          // eslint-disable-next-line prefer-rest-params -- the setter's own arity, forwarded
          set.apply(this, arguments.length ? [rewrite(value, innerContext(this))] : (arguments as unknown as [unknown]));
        },
      ),
      // The newer HTML-string setter (Chrome 124+): same markup, same check.
      patchMethod(prototype as unknown as Record<string, Fn>, 'setHTMLUnsafe', rewriting(0, innerContext)),
    );
  }
  undo.push(
    patchSetter<Element>(Element.prototype, 'outerHTML', (set) =>
      function (value) {
        // eslint-disable-next-line prefer-rest-params -- the setter's own arity, forwarded
        set.apply(this, arguments.length ? [rewrite(value, parentOf(this))] : (arguments as unknown as [unknown]));
      },
    ),
    patchMethod(
      Element.prototype as unknown as Record<string, Fn>,
      'insertAdjacentHTML',
      rewriting(1, (self, [where]) => (/^(beforebegin|afterend)$/i.test(String(where)) ? parentOf(self) : asElement(self))),
    ),
    patchMethod(
      Range.prototype as unknown as Record<string, Fn>,
      'createContextualFragment',
      // Unlike innerHTML, this makes live elements of the page's document: its images fetch at once.
      rewriting(0, (self) => {
        const start = (self as Range).startContainer;
        return asElement(start) ?? parentOf(start);
      }),
    ),
    patchMethod(Document.prototype as unknown as Record<string, Fn>, 'execCommand', (original) =>
      function (this: unknown, ...args: unknown[]) {
        if (args.length > 2 && /^inserthtml$/i.test(String(args[0]))) args[2] = rewrite(args[2], null);
        return original.apply(this, args);
      } as Fn,
    ),
  );

  // document.write while the page parses: a tag may be split across calls
  // ('<script src="https://connect.facebook.net/en_US/' then 'fbevents.js"></scr' + 'ipt>'),
  // and neither half names the tracker. What follows the last complete tag is
  // kept back and written with the next call, once it can be judged whole —
  // also when that call comes from a later script. A tag still unfinished when
  // the parse ends is dropped (a browser would let the HTML after the script
  // finish it, as a parsed tag that could fetch before any script sees it).
  let pending = '';
  const nativeWrite = Document.prototype.write;
  const SENTINEL = 'nexus-consent-cut';
  const parses = (trusted: boolean) => (html: string) => {
    const markup = trusted ? htmlToInspect(win, html + `<${SENTINEL}>`) : html + `<${SENTINEL}>`;
    // Trusted markup the refused policy cannot bless for parsing: never whole, so held back, then dropped.
    return !(trusted && typeof markup === 'string') && !!(parseInert(win, ctx.native, markup, null) as HTMLTemplateElement).content.querySelector(SENTINEL);
  };
  for (const name of ['write', 'writeln']) {
    undo.push(
      patchMethod(Document.prototype as unknown as Record<string, Fn>, name, (original) =>
        function (this: unknown, ...parts: unknown[]) {
          let text: string;
          let trusted = false;
          try {
            trusted = parts.some((part) => isTrustedHtml(win, part));
            text = parts.join('') + (name === 'writeln' ? '\n' : '');
            // (Another document's writes, or a wrong `this`, leave the page's pending tag alone.)
            if (this !== doc) void 0;
            else if (doc.readyState !== 'loading') pending = '';
            else if ((text = pending + text).includes('<')) {
              const cut = wholeUpTo(text, parses(trusted));
              pending = text.slice(cut);
              text = text.slice(0, cut);
            }
          } catch (error) {
            ctx.fail(error);
            return original.apply(this, parts);
          }
          // TrustedHTML in, TrustedHTML out: the page's own object when it passes whole.
          const value = !trusted ? text : parts.length === 1 && String(parts[0]) === text ? parts[0] : trustedHtml(win, text);
          return nativeWrite.call(this as Document, rewrite(value, null) as string);
        } as Fn,
      ),
    );
  }
  return () => undo.forEach((u) => u());
};

/**
 * The markup with every tag that must wait made inert, or undefined if none
 * must. The result is parsed again and checked: markup that serialises into
 * something else when parsed again (a known parser quirk) is not passed on
 * unless it holds nothing more; after three rounds it is dropped.
 */
function heldMarkup(ctx: InterceptorContext, html: unknown, context: Element | null, trusted: boolean): string | undefined {
  let markup = html;
  let changed: string | undefined;
  for (let round = 0; round < 3; round++) {
    const root = parseInert(ctx.win, ctx.native, markup, context);
    let held = false;
    let inert = false;
    // (A template's children are in its content; a <meta>'s `content` is a string: ask by name.)
    for (const element of (root.localName === 'template' ? (root as HTMLTemplateElement).content : root).querySelectorAll(WATCHED_SELECTOR)) {
      if (isInert(element)) inert = true;
      else if (ctx.holdElement(element, 'script')) held = inert = true;
    }
    // Marked-up or held tags: release them once inserted, if already granted.
    if (inert) ctx.inertAdded();
    if (!held) return changed;
    changed = root.innerHTML;
    markup = trusted ? htmlToInspect(ctx.win, changed) : changed;
    // Trusted markup that cannot be blessed again (the CSP refused the policy) is dropped by trustedHtml.
    if (trusted && typeof markup === 'string') return changed;
  }
  return '';
}

/** Inert documents, one per page document (the one its templates use). */
const inertDocuments = new WeakMap<Document, Document>();
const HTML_NS = 'http://www.w3.org/1999/xhtml';

/**
 * Parses markup as the fragment parser would with `context` (or as a
 * template's content), in an inert document: nothing in it fetches or runs.
 * Uses the saved innerHTML setter: the page's one is patched.
 */
export function parseInert(win: Window, native: Natives, html: unknown, context: Element | null): Element {
  const doc = win.document;
  let inert = inertDocuments.get(doc);
  if (!inert) inertDocuments.set(doc, (inert = doc.createElement('template').content.ownerDocument));
  let root: Element;
  try {
    root = context && context.localName !== 'template' ? inert.createElementNS(context.namespaceURI, context.localName) : inert.createElementNS(HTML_NS, 'template');
  } catch {
    root = inert.createElementNS(HTML_NS, 'template');
  }
  native.setInnerHtml(root, html as string);
  return root;
}

/** Every URL the markup of a srcdoc frame would fetch, nested frames included. */
export function markupUrls(win: Window, native: Natives, html: string): string[] {
  const root = parseInert(win, native, htmlToInspect(win, html), null) as HTMLTemplateElement;
  const urls: string[] = [];
  for (const element of root.content.querySelectorAll(WATCHED_SELECTOR)) {
    const tag = element.tagName;
    if (!fetches(element, tag)) continue;
    for (const attribute of URL_ATTRIBUTES[tag] ?? []) {
      const value = element.getAttribute(attribute);
      if (value) urls.push(...urlsIn(attribute, value, (inner) => markupUrls(win, native, inner)));
    }
  }
  return urls;
}

/**
 * How much of `text` a parser can take now: the longest prefix after which it
 * is back in its data state, found by the parser itself — a sentinel tag
 * written after the prefix becomes an element only then (inside a tag it turns
 * into attributes, inside a comment, a quoted value or a script's text it is
 * text). At most 20 cuts are tried, from the end; then nothing is written yet.
 */
function wholeUpTo(text: string, parses: (html: string) => boolean): number {
  for (let cut = text.length, tries = 0; cut > 0 && tries < 20; cut = text.lastIndexOf('<', cut - 1), tries++) {
    if (parses(text.slice(0, cut))) return cut;
  }
  return 0;
}
