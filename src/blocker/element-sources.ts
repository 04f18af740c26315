/**
 * Which attributes make an element fetch something, and how an element is made
 * inert in place (and found again for release). One representation for tags a
 * site marked up and tags the blocker caught: `data-consent` names the category,
 * a script gets `type="text/plain"`, and a URL attribute moves to `data-<name>`.
 */
import type { Classified } from './should-block.js';

/**
 * Tag name → attributes holding a URL it would fetch (or markup, for srcdoc).
 * Keyed by `tagName`, which keeps the case of SVG elements in an HTML document:
 * `script` and `image` are SVG's, whose `href` (or `xlink:href`) fetches.
 * No prototype: an SVG element named `constructor` must find nothing here
 * (an inherited function would throw mid-check and let the call through).
 */
export const URL_ATTRIBUTES: Readonly<Record<string, readonly string[]>> = Object.assign(Object.create(null) as object, {
  SCRIPT: ['src'],
  IMG: ['src', 'srcset'],
  IFRAME: ['src', 'srcdoc'],
  LINK: ['href'],
  SOURCE: ['src', 'srcset'],
  VIDEO: ['src', 'poster'],
  AUDIO: ['src'],
  EMBED: ['src'],
  // An input's image is fetched once its type is image, whichever comes first.
  INPUT: ['src'],
  OBJECT: ['data'],
  // <meta http-equiv=refresh content="0;url=…"> navigates the page.
  META: ['content'],
  script: ['href', 'xlink:href'],
  image: ['href', 'xlink:href'],
});
/**
 * Elements worth a look in an inserted tree, by `localName` (a cheaper read
 * than `tagName`, which builds an upper-case copy): a tag of URL_ATTRIBUTES,
 * with or without a URL yet (holdElement reads the attributes). One list for
 * querySelectorAll and for the walk of a small tree (dom-insertion.ts), so
 * both find the same elements.
 */
export const WATCHED_SELECTOR = 'script,img,iframe,link,source,video,audio,embed,input,object,meta,image';
const WATCHED_LOCAL_NAMES = new Set(WATCHED_SELECTOR.split(','));

/**
 * Whether inserting this node could make something fetch: a watched element,
 * or anything with child elements (a fragment, a built tree). The cheap first
 * test on every insertion a page makes: two property reads for a plain element.
 * Text nodes, strings and null have neither property.
 */
export function mayFetch(node: unknown): boolean {
  if (node === null || typeof node !== 'object') return false;
  return isWatched(node as Element) || (node as ParentNode).firstElementChild != null;
}

/** An element of a kind that fetches (by name; whether it has a URL is for the caller). */
export function isWatched(element: Element): boolean {
  return WATCHED_LOCAL_NAMES.has(element.localName);
}
export const SERVICE_ATTRIBUTE = 'data-consent-service';
export const CATEGORY_ATTRIBUTE = 'data-consent';

/** The kind a blocked element is reported as, by its `tagName`. */
export function kindOf(tag: string): 'script' | 'img' | 'iframe' | 'link' | 'media' {
  switch (tag) {
    case 'SCRIPT': case 'script': return 'script';
    case 'IMG': case 'INPUT': case 'image': return 'img';
    case 'IFRAME': case 'OBJECT': case 'META': return 'iframe';
    case 'LINK': return 'link';
    default: return 'media';
  }
}

/** Link types that fetch: a stylesheet, icon or preconnect from a tracker host is left alone. */
const FETCHING_LINKS = /(^|\s)(preload|prefetch|modulepreload|prerender|stylesheet)(\s|$)/i;

/** Whether the element's URL attributes fetch at all: a link of a fetching type, a refresh meta; any other watched tag. */
export function fetches(element: Element, tag: string): boolean {
  if (tag === 'LINK') return FETCHING_LINKS.test(element.getAttribute('rel') ?? '');
  if (tag === 'META') return /^\s*refresh\s*$/i.test(element.getAttribute('http-equiv') ?? '');
  return true;
}

/** `a.jpg 1x, b.jpg 2x` → the URLs (a URL may contain commas only when encoded). */
export function srcsetUrls(srcset: string): string[] {
  return srcset
    .split(',')
    .map((candidate) => candidate.trim().split(/\s+/)[0] ?? '')
    .filter(Boolean);
}

/**
 * The URL a refresh meta navigates to (HTML "shared declarative refresh steps":
 * a delay, `;` or `,`, an optional `URL=`, an optional quote); '' for none.
 */
export function refreshUrl(content: string): string {
  const match = /^\s*[\d.]+(?:\s*[;,]\s*|\s+)(?:url\s*=\s*)?(.*)$/is.exec(content);
  const rest = match?.[1] ?? '';
  const quote = rest[0];
  return quote === '"' || quote === "'" ? rest.slice(1).split(quote)[0]! : rest;
}

/** Attributes whose value is not one URL (urlsIn reads it): any other attribute's value is its URL. */
export const SEVERAL_URLS: ReadonlySet<string> = new Set(['srcset', 'srcdoc', 'content']);

/**
 * The URLs an attribute value asks for: one, several (srcset), the refresh
 * target, or those of the markup a srcdoc frame would load (`markup`).
 */
export function urlsIn(attribute: string, value: string, markup: (html: string) => string[]): string[] {
  if (attribute === 'srcset') return srcsetUrls(value);
  if (attribute === 'content') return [refreshUrl(value)];
  if (attribute === 'srcdoc') return markup(value);
  return [value];
}

export interface NativeAttributes {
  set(element: Element, name: string, value: string): void;
  remove(element: Element, name: string): void;
}

/**
 * Makes an element inert where it stands. A script keeps its `src` (a
 * `text/plain` script is never fetched) and remembers whether it was async;
 * other elements park their URL attributes in `data-*` (SVG's `xlink:href` in
 * `data-href`: released as `href`, which SVG 2 reads first).
 */
export function neutralize(element: Element, classification: Classified, native: NativeAttributes): void {
  native.set(element, CATEGORY_ATTRIBUTE, classification.category);
  native.set(element, SERVICE_ATTRIBUTE, classification.service);
  if (element.tagName === 'SCRIPT') {
    const script = element as HTMLScriptElement;
    const type = script.getAttribute('type');
    if (type && type.toLowerCase() !== 'text/plain') native.set(script, 'data-type', type);
    // A script inserted by script is async unless told otherwise; keep that on release.
    if (script.async && !script.hasAttribute('async')) native.set(script, 'async', '');
    native.set(script, 'type', 'text/plain');
    return;
  }
  for (const attribute of URL_ATTRIBUTES[element.tagName] ?? []) {
    const value = element.getAttribute(attribute);
    if (value === null) continue;
    native.set(element, parkedName(attribute), value);
    native.remove(element, attribute);
  }
}

/** Where a held URL attribute waits: `data-src`; SVG's `xlink:href` in `data-href`. */
export function parkedName(attribute: string): string {
  return `data-${attribute.replace('xlink:', '')}`;
}

/** Already inert: marked up by the site, or caught before. `tag` is the element's tagName, if the caller has it. */
export function isInert(element: Element, tag = element.tagName): boolean {
  if (!element.hasAttribute(CATEGORY_ATTRIBUTE)) return false;
  if (tag === 'SCRIPT') return (element.getAttribute('type') ?? '').toLowerCase() === 'text/plain';
  return !(URL_ATTRIBUTES[tag] ?? []).some((attribute) => element.hasAttribute(attribute));
}

/** What the releaser moves back from `data-*`, in the order the parser would see them (srcset before src). */
export function parkedAttributes(tag: string): readonly string[] {
  return tag === 'META' ? ['content'] : ['srcset', 'srcdoc', 'src', 'href', 'poster', 'data'];
}
