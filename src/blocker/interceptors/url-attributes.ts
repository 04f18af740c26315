/**
 * Vector 4 (and 2): URLs given to elements from script — `img.src = …`,
 * `new Image().src = …`, `srcset`, `iframe.src`, `link.href`, and
 * `setAttribute('src', …)`. An image starts fetching as soon as its `src` is
 * set, connected or not, so the value is checked before it reaches the element:
 * when it must wait, it lands in `data-src` instead. A tracker script is made
 * inert at that moment too, connected or not, so that no way of inserting it
 * afterwards can run it.
 */
import { isFetchingLink, isInert, kindOf, neutralize, srcsetUrls, URL_ATTRIBUTES } from '../element-sources.js';
import type { Classified } from '../should-block.js';
import { patchMethod, patchSetter, type Interceptor, type InterceptorContext } from './context.js';

/** Prototype name → URL properties whose setters are checked. */
const SETTERS: readonly [string, readonly string[]][] = [
  ['HTMLScriptElement', ['src']],
  ['HTMLImageElement', ['src', 'srcset']],
  ['HTMLIFrameElement', ['src']],
  ['HTMLLinkElement', ['href']],
  ['HTMLSourceElement', ['src', 'srcset']],
  ['HTMLMediaElement', ['src']],
  ['HTMLVideoElement', ['poster']],
  ['HTMLEmbedElement', ['src']],
];

type SetAttribute = (this: Element, name: string, value: unknown) => void;

export const urlAttributes: Interceptor = (ctx) => {
  const win = ctx.win as unknown as Record<string, { prototype: object } | undefined>;
  const nativeSetAttribute = ctx.win.Element.prototype.setAttribute as SetAttribute;
  const undo: (() => void)[] = [];
  for (const [constructor, properties] of SETTERS) {
    const prototype = win[constructor]?.prototype;
    if (!prototype) continue;
    for (const property of properties) {
      undo.push(
        patchSetter<Element>(prototype, property, (set) =>
          function (value) {
            if (!parked(this, property, value, ctx)) set.call(this, value);
          },
        ),
      );
    }
    // setAttribute is patched on the prototypes of elements that fetch, not on
    // Element.prototype: the page's other setAttribute calls (most of them) stay native.
    undo.push(
      patchMethod(prototype as Record<string, SetAttribute>, 'setAttribute', () =>
        function (this: Element, name: string, value: unknown) {
          if (!parked(this, String(name).toLowerCase(), value, ctx)) nativeSetAttribute.call(this, name, value);
        },
      ),
    );
  }
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
    if (tag === 'LINK' && !isFetchingLink(element)) return false;
    const isScript = tag === 'SCRIPT';
    if (isInert(element, tag)) {
      if (isScript) return false;
      ctx.native.set(element, `data-${attribute}`, String(value));
      return true;
    }
    const text = String(value);
    let verdict: Classified | undefined;
    if (attribute !== 'srcset') verdict = ctx.checkUrl(text, kindOf(tag), 'script');
    else for (const url of srcsetUrls(text)) verdict ??= ctx.checkUrl(url, kindOf(tag), 'script');
    if (!verdict) return false;
    neutralize(element, verdict, ctx.native);
    if (isScript) return false;
    ctx.native.set(element, `data-${attribute}`, text);
    return true;
  } catch (error) {
    ctx.fail(error);
    return false;
  }
}
