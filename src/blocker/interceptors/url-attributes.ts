/**
 * Vector 4 (and 2): URLs given to elements from script — `img.src = …`,
 * `new Image().src = …`, `new Audio(url)`, `srcset`, `iframe.src`/`srcdoc`,
 * `link.href`, `object.data`, `video.poster`, an SVG `<image>`'s or
 * `<script>`'s `href` (or `xlink:href`), and `setAttribute`, `setAttributeNS`,
 * `setAttributeNode(NS)`. An image starts
 * fetching as soon as its `src` is set, connected or not, so the value is
 * checked before it reaches the element: when it must wait, it lands in
 * `data-<name>` instead. A tracker script is made inert at that moment too,
 * connected or not, so that no way of inserting it afterwards can run it.
 *
 * Wrappers keep the browser's behaviour where nothing is held: the same
 * arguments reach the original, so a missing argument or a wrong `this`
 * throws the browser's own TypeError.
 */
import { fetches, isInert, kindOf, neutralize, parkedName, SEVERAL_URLS, URL_ATTRIBUTES, urlsIn } from '../element-sources.js';
import type { Classified } from '../should-block.js';
import { markupUrls } from './html-strings.js';
import { patch, patchMethod, patchSetter, type Interceptor, type InterceptorContext } from './context.js';

/** Prototype name → URL properties whose setters are checked (SVG's `href` is read-only: set through attributes). */
const SETTERS: readonly [string, readonly string[]][] = [
  ['HTMLScriptElement', ['src']],
  ['HTMLImageElement', ['src', 'srcset']],
  ['HTMLIFrameElement', ['src', 'srcdoc']],
  ['HTMLLinkElement', ['href']],
  ['HTMLSourceElement', ['src', 'srcset']],
  ['HTMLMediaElement', ['src']],
  ['HTMLVideoElement', ['poster']],
  ['HTMLEmbedElement', ['src']],
  ['HTMLInputElement', ['src']],
  ['HTMLObjectElement', ['data']],
  ['HTMLMetaElement', ['content']],
  ['SVGScriptElement', []],
  ['SVGImageElement', []],
];
const XLINK = 'http://www.w3.org/1999/xlink';

type Fn = (this: Element, ...args: unknown[]) => unknown;
/** An attribute a call sets, as [name, value], or undefined when it sets none that fetches (another namespace). */
type Target = (args: unknown[]) => [string, unknown] | undefined;

/** The attribute an Attr node stands for: no namespace, or SVG's xlink:href (as `href`). */
const attrTarget = (attr: unknown): [string, unknown] | undefined => {
  const a = attr as Attr | null;
  if (!a || typeof a !== 'object') return undefined;
  const ns = a.namespaceURI;
  return ns === null ? [a.name, a.value] : ns === XLINK ? [a.localName, a.value] : undefined;
};
/** Methods that set an attribute, with how many arguments they need and what they set. */
const METHODS: readonly [string, number, Target][] = [
  // Lower case, as setAttribute makes an HTML element's attribute names.
  ['setAttribute', 2, (a) => [String(a[0]).toLowerCase(), a[1]]],
  ['setAttributeNS', 3, (a) => (a[0] == null || a[0] === '' ? [String(a[1]), a[2]] : a[0] === XLINK ? [String(a[1]).split(':').pop()!, a[2]] : undefined)],
  ['setAttributeNode', 1, (a) => attrTarget(a[0])],
  ['setAttributeNodeNS', 1, (a) => attrTarget(a[0])],
];

export const urlAttributes: Interceptor = (ctx) => {
  const win = ctx.win as unknown as Record<string, { prototype: object } | undefined>;
  const undo: (() => void)[] = [];
  for (const [constructor, properties] of SETTERS) {
    const prototype = win[constructor]?.prototype;
    if (!prototype) continue;
    for (const property of properties) {
      undo.push(
        patchSetter<Element>(prototype, property, (set) =>
          function (value) {
            const count = arguments.length;
            if (count && parked(this, property, value, ctx)) return;
            // `img.src = x` passes one argument: a plain call, with no arguments list to spread.
            // eslint-disable-next-line prefer-rest-params -- any other arity forwarded as it is
            if (count === 1) set.call(this, value);
            else set.apply(this, arguments as unknown as [unknown]);
          },
        ),
      );
    }
    // Patched on the prototypes of elements that fetch, not on Element.prototype:
    // the page's other setAttribute calls (most of them) stay native.
    for (const [name, arity, target] of METHODS) {
      undo.push(
        patchMethod(prototype as Record<string, Fn>, name, (original) =>
          function (this: Element, ...args: unknown[]) {
            const set = args.length >= arity ? target(args) : undefined;
            if (set && parked(this, set[0], set[1], ctx)) return name.startsWith('setAttributeNode') ? null : undefined;
            return original.apply(this, args);
          },
        ),
      );
    }
  }
  // `new Audio(url)` sets its src inside the browser: construct without it, then set it through the
  // checked setter. A constructor hook (a Proxy): `instanceof`, `prototype`, `name` and calling it
  // without `new` stay native. (A data property in browsers; jsdom makes it an accessor, left alone.)
  if (Object.getOwnPropertyDescriptor(ctx.win, 'Audio')?.value) undo.push(
    patch([ctx.win], 'Audio', 'new', (construct) => (args: unknown[], newTarget: unknown) => {
      if (args[0] === undefined) return construct(args, newTarget);
      const audio = construct([], newTarget) as HTMLAudioElement;
      audio.src = args[0] as string;
      return audio;
    }),
  );
  return () => undo.forEach((u) => u());
};

/**
 * True when the value was parked in `data-<attribute>` instead of set. A script
 * is made inert (text/plain) and then gets its `src` as usual: an inert script
 * is never fetched.
 */
function parked(element: Element, attribute: string, value: unknown, ctx: InterceptorContext): boolean {
  try {
    // Read once: every DOM read counts on a path as hot as img.src.
    const tag = element.tagName;
    if (!URL_ATTRIBUTES[tag]?.includes(attribute) || ctx.isReleased(element)) return false;
    if (!fetches(element, tag)) return false;
    const isScript = tag === 'SCRIPT';
    const text = String(value);
    if (isInert(element, tag)) {
      if (isScript) return false;
      ctx.native.set(element, parkedName(attribute), text);
      return true;
    }
    let verdict: Classified | undefined;
    if (!SEVERAL_URLS.has(attribute)) verdict = ctx.checkUrl(text, kindOf(tag), 'script', element);
    else {
      const markup = (html: string) => markupUrls(ctx.win, ctx.native, html);
      for (const url of urlsIn(attribute, text, markup)) verdict ??= ctx.checkUrl(url, kindOf(tag), 'script', element);
    }
    if (!verdict) return false;
    neutralize(element, verdict, ctx.native);
    if (isScript) return false;
    ctx.native.set(element, parkedName(attribute), text);
    return true;
  } catch (error) {
    ctx.fail(error);
    return false;
  }
}
