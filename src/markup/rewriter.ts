/**
 * The rewriter: HTML in, the same HTML out with every tracker tag in the
 * inert form the SDK releases on consent. It follows the HTML standard's
 * tokenizer (parse5, with the tree builder's feedback on script, raw-text and
 * foreign content), so a tag is what a browser would see, never what a
 * pattern expects. The output is the input, copied in slices, with the few
 * start tags that change replaced: nothing else is re-serialised, and only
 * the start tags that may fetch get a view of their attributes.
 *
 * It is synchronous and incremental: `write` returns what can be emitted so
 * far, `end` the rest. Memory holds the input not yet emitted: a tag cut by
 * the chunk's end, the text since the last token (parse5 ends a text token at
 * its buffer's waterline), and the inline script being read (its code decides
 * its start tag; at most MAX_INLINE characters). A `<noscript>`'s content
 * streams through a rewriter of its own.
 */
import type { Token } from 'parse5';
import { srcsetUrls, URL_ATTRIBUTES } from '../blocker/element-sources.js';
import { shouldBlock, type Classified } from '../blocker/should-block.js';
import { NECESSARY } from '../store/consent-record.js';
import type { GrantCheck } from './consent-cookie.js';
import { urlsInScript } from './inline-script-urls.js';
import { isSdkScript, type ResolvedMarkup } from './markup-options.js';
import { UI_FILE } from '../ui-file.js';
import type { MarkedUpTag, MarkupReport, MarkupWarning } from './report.js';
import { ParserFeedback } from './parser-feedback.js';
import { RunTokenizer } from './run-tokenizer.js';
import { attribute, tagView, type TagView } from './start-tag.js';

const DOCUMENT_WRITE = /\bdocument\s*\.\s*write(?:ln)?\s*\(/;
/** Inline scripts longer than this are app code, not a vendor's loader: only their start is searched. */
export const MAX_INLINE = 256 * 1024;

/**
 * Link types that fetch or connect. The page's blocker holds the fetching ones
 * (preload, prefetch, modulepreload, prerender, stylesheet); before the page
 * runs, a preconnect or dns-prefetch to a tracker also reaches its host.
 */
const FETCHING_LINKS = new Set(['preload', 'prefetch', 'modulepreload', 'prerender', 'stylesheet', 'preconnect', 'dns-prefetch']);

/** Start tags the rewriter looks into (lower case, as the tokenizer gives them): those whose attributes may fetch, and a few more. */
const WATCHED = new Set([...Object.keys(URL_ATTRIBUTES).map((tag) => tag.toLowerCase()), 'noscript', 'base']);

/** HTML §4.12.1: the types of a classic script (a JavaScript MIME type essence) and `module`. */
const SCRIPT_TYPES = new Set([
  '', 'module', 'application/ecmascript', 'application/javascript', 'application/x-ecmascript', 'application/x-javascript',
  'text/ecmascript', 'text/javascript', 'text/javascript1.0', 'text/javascript1.1', 'text/javascript1.2', 'text/javascript1.3',
  'text/javascript1.4', 'text/javascript1.5', 'text/jscript', 'text/livescript', 'text/x-ecmascript', 'text/x-javascript',
]);

export interface Rewriter {
  /** Rewrites the next chunk of the document; returns what can be emitted so far. */
  write(chunk: string): string;
  /** Ends the document; returns the rest. */
  end(): string;
  readonly report: MarkupReport;
}

export interface RewriterMode {
  /** Check the SDK's script tag (not inside a noscript). @default true */
  readonly checkSdk?: boolean;
  /** Put a modulepreload of the UI file before the SDK's tag (a first visit; markup-options.ts). @default false */
  readonly preloadUi?: boolean;
  /** Rewriting the content of a `<noscript>`. */
  readonly noscript?: boolean;
  /** Base URL, and line of the first character (for a noscript's content). */
  readonly base?: string;
  readonly firstLine?: number;
}

interface HeldScript {
  readonly view: TagView;
  /** The start tag's span in the input, and where the code starts. */
  readonly start: number;
  readonly end: number;
  readonly line: number;
}

export function createRewriter(options: ResolvedMarkup, grants: GrantCheck, mode: RewriterMode = {}): Rewriter {
  const { classifier } = options;
  const checkSdk = mode.checkSdk !== false && options.sdkScript !== false;
  const lineOffset = (mode.firstLine ?? 1) - 1;
  const report: { rewritten: MarkedUpTag[]; granted: MarkedUpTag[]; warnings: MarkupWarning[] } = { rewritten: [], granted: [], warnings: [] };
  let base = mode.base ?? options.pageUrl;
  let baseSeen = false;
  let held: HeldScript | undefined;
  let noscript: { inner: Rewriter; line: number } | undefined;
  let sdk: { line: number } | undefined;
  let firstTracker: { tag: string; url: string; line: number } | undefined;

  /*
   * The output is the input with a few spans replaced. Offsets are the
   * tokenizer's, from the start of the page: `source` holds the input from
   * `sourceStart` on (nothing before `emitted` is needed again), `emitted` is
   * where the output has got to, `covered` the end of the last token read.
   */
  let source = '';
  let sourceStart = 0;
  let emitted = 0;
  let covered = 0;
  /** The output so far: a concatenation, which V8 keeps as a rope of the source's slices until it is read. */
  let out = '';
  const slice = (from: number, to: number) => source.slice(from - sourceStart, to - sourceStart);
  const copyTo = (offset: number) => {
    if (offset > emitted) out += slice(emitted, offset);
    emitted = Math.max(emitted, offset);
  };
  const replace = (from: number, to: number, text: string) => {
    copyTo(from);
    out += text;
    emitted = to;
  };

  const classify = (url: string): Classified | undefined => {
    const c = classifier.classifyUrl(url, base);
    return c && c.category !== NECESSARY ? c : undefined;
  };
  /** A tracker found: it blocks unless granted; noted for the SDK-placement warning either way. */
  const verdict = (tag: string, url: string, c: Classified, line: number, inline = false): boolean => {
    if (!sdk && !firstTracker && !mode.noscript) firstTracker = { tag, url, line };
    const entry: MarkedUpTag = { tag, url, service: c.service, vendor: c.vendor, category: c.category, line, inline, noscript: mode.noscript === true };
    const blocked = shouldBlock(c, grants) !== undefined;
    (blocked ? report.rewritten : report.granted).push(entry);
    return blocked;
  };
  const warn = (code: MarkupWarning['code'], message: string) => void report.warnings.push({ code, message });

  const onElement = (token: Token.TagToken, location: Token.Location, line: number) => {
    const view = tagView(token, slice(location.startOffset, location.endOffset));
    const attributes = URL_ATTRIBUTES[view.tag];
    if (!attributes || view.isInert()) return;
    if (view.tag === 'LINK' && !(view.get('rel') ?? '').toLowerCase().split(/\s+/).some((rel) => FETCHING_LINKS.has(rel))) return;
    for (const attribute of attributes) {
      const value = view.get(attribute);
      if (!value) continue;
      for (const url of attribute === 'srcset' ? srcsetUrls(value) : [value]) {
        const c = classify(url);
        if (c && verdict(token.tagName, url, c, line)) return replace(location.startOffset, location.endOffset, view.neutralize(c));
      }
    }
  };

  const onScript = (token: Token.TagToken, location: Token.Location, line: number) => {
    const view = tagView(token, slice(location.startOffset, location.endOffset));
    // A data block (`application/ld+json`, `text/plain`, an inert tag) neither runs nor fetches.
    if (!SCRIPT_TYPES.has((view.get('type') ?? '').trim().toLowerCase())) return;
    const src = view.get('src');
    if (src === null) {
      // Its code decides its start tag: nothing from here on is sent until the code is read.
      held = { view, start: location.startOffset, end: location.endOffset, line };
      return;
    }
    if (checkSdk && !sdk && options.sdkScript && options.sdkScript(src)) {
      sdk = { line };
      const loading = ['async', 'defer'].filter((a) => view.has(a)).concat((view.get('type') ?? '').trim().toLowerCase() === 'module' ? ['type=module'] : []);
      if (loading.length > 0) {
        warn('sdk-async', `the SDK's script tag (line ${line}) is loaded ${loading.join(', ')}: it must run synchronously, first in <head>, to hold what the page inserts before it runs`);
      }
      if (mode.preloadUi) replace(location.startOffset, location.startOffset, uiPreload(view, src, base));
      if (firstTracker) {
        warn('sdk-after-tracker', `the SDK's script tag (line ${line}) comes after a tracker (<${firstTracker.tag}> ${firstTracker.url}, line ${firstTracker.line}): put it first in <head>, before any other script`);
      }
      return;
    }
    const c = classify(src);
    if (c && verdict('script', src, c, line)) replace(location.startOffset, location.endOffset, view.neutralize(c));
  };

  /** An inline script, once its code (or its first MAX_INLINE characters) is known; the code itself passes as written. */
  const releaseHeld = (script: HeldScript, codeEnd: number) => {
    held = undefined;
    const code = slice(script.end, codeEnd);
    // The SDK's own config names the hosts of the site's rules and policies; it must run.
    const urls = code.includes('NexusConsentConfig') ? [] : urlsInScript(code);
    // Released after the parse, document.write would replace the whole page: such a script runs
    // as written, and the SDK in the page holds the tags it writes (they are not preloaded).
    if (urls.length > 0 && DOCUMENT_WRITE.test(code)) {
      warn('document-write', `an inline script (line ${script.line}) that loads trackers calls document.write: left to run (released later it would erase the page); the SDK holds the tags it writes`);
      urls.length = 0;
    }
    const blocked: Classified[] = [];
    const services = new Set<string>();
    for (const url of urls) {
      const c = classify(url);
      // One report line per service the script loads, with the first of its URLs.
      if (!c || services.has(c.service)) continue;
      services.add(c.service);
      if (verdict('script', url, c, script.line, true)) blocked.push(c);
    }
    const first = blocked[0];
    if (!first) return;
    replace(
      script.start,
      script.end,
      script.view.neutralize(first, (attributes) => {
        // It waits for every category it loads; a service of its own only if it loads one.
        attributes.set('data-consent', [...new Set(blocked.map((c) => c.category))].join(' '));
        if (new Set(blocked.map((c) => c.service)).size > 1) attributes.delete('data-consent-service');
      }),
    );
  };
  /** Code read so far is past MAX_INLINE: decide on its first MAX_INLINE characters, and say so unless a tracker was found there. */
  const releaseLong = (script: HeldScript) => {
    releaseHeld(script, script.end + MAX_INLINE);
    if (!report.rewritten.some((r) => r.inline && r.line === script.line)) {
      warn('script-too-long', `an inline script (line ${script.line}) is longer than ${MAX_INLINE} characters: only its start was searched for tracker URLs`);
    }
  };

  /*
   * A noscript's content, with scripting on, is text to the parser (and to Chromium's preload
   * scanner); with scripting off it is markup, fetched without the SDK to ask anyone. It is
   * rewritten as markup, as it streams: the tags a visitor without JavaScript would get stay
   * inert without consent.
   */
  const feedNoscript = (to: number) => {
    if (!noscript || to <= emitted) return;
    out += noscript.inner.write(slice(emitted, to));
    emitted = to;
  };
  const closeNoscript = (to: number) => {
    if (!noscript) return;
    feedNoscript(to);
    const { inner } = noscript;
    noscript = undefined;
    out += inner.end();
    report.rewritten.push(...inner.report.rewritten);
    report.granted.push(...inner.report.granted);
    report.warnings.push(...inner.report.warnings);
  };

  const tokenizer = new RunTokenizer({ sourceCodeLocationInfo: true }, {
    onStartTag(token) {
      feedback.startTag(token);
      const location = token.location!;
      covered = location.endOffset;
      if (feedback.inForeignContent) return;
      const name = token.tagName;
      // Most tags fetch nothing: no view of their attributes for them.
      if (!WATCHED.has(name)) return;
      const line = location.startLine + lineOffset;
      switch (name) {
        case 'script':
          return onScript(token, location, line);
        case 'noscript':
          noscript = { inner: createRewriter(options, grants, { checkSdk: false, noscript: true, base, firstLine: line }), line };
          copyTo(location.endOffset);
          return;
        case 'base': {
          // The first <base href> resolves every later URL (HTML §4.2.3).
          const href = token.attrs.find((a) => a.name === 'href')?.value;
          if (!baseSeen && href !== undefined) {
            baseSeen = true;
            try {
              base = new URL(href, base).href;
            } catch {
              // An invalid base is ignored by the browser too.
            }
          }
          return;
        }
        default:
          return onElement(token, location, line);
      }
    },
    onEndTag(token) {
      feedback.endTag(token);
      const location = token.location!;
      covered = location.endOffset;
      if (held && token.tagName === 'script') releaseHeld(held, location.startOffset);
      else if (noscript && token.tagName === 'noscript') closeNoscript(location.startOffset);
    },
    onCharacter: text,
    onWhitespaceCharacter: text,
    onNullCharacter: text,
    onComment: ended,
    onDoctype: ended,
    onEof() {},
    onParseError: null,
  }, {
    // Text and comments are copied from the source, never read from the tokens; only the tags it may rewrite need their attributes' places
    // (`<image>` is `<img>` to the tree builder).
    text: false,
    attributeLocations: (name) => WATCHED.has(name) || name === 'image',
  });
  const feedback = new ParserFeedback(tokenizer);

  function text(token: Token.CharacterToken): void {
    const end = token.location!.endOffset;
    // A character token's end is set when the next token starts; -1 would mean none was.
    if (end < 0) return;
    covered = Math.max(covered, end);
    if (held) {
      if (end - held.end > MAX_INLINE) releaseLong(held);
    } else if (noscript) feedNoscript(end);
  }
  function ended(token: { location: Token.Location | null }): void {
    covered = token.location!.endOffset;
  }

  /** What the tokenizer has read can go out, up to a held script. */
  const take = (): string => {
    if (held) copyTo(held.start);
    else if (noscript) feedNoscript(covered);
    else copyTo(covered);
    const text = out;
    out = '';
    // The input before `emitted` is not needed again.
    if (emitted > sourceStart) {
      source = source.slice(emitted - sourceStart);
      sourceStart = emitted;
    }
    return text;
  };

  return {
    report,
    write(chunk) {
      if (typeof chunk !== 'string') throw new TypeError('nexus-consent markup: write() takes strings (decode bytes first)');
      if (chunk === '') return '';
      source = source === '' ? chunk : source + chunk;
      tokenizer.write(chunk, false);
      // A script whose end has not come yet is decided on its start, so that memory stays bounded.
      if (held && sourceStart + source.length - held.end > MAX_INLINE) releaseLong(held);
      return take();
    },
    end() {
      tokenizer.write('', true);
      const length = sourceStart + source.length;
      // The end of the file ends a script or a noscript left open; what no token covered
      // (a tag cut short by the end of the file) is kept as written.
      if (held) releaseHeld(held, length);
      closeNoscript(length);
      covered = length;
      const text = take();
      if (checkSdk && !sdk) {
        warn('sdk-missing', `no script tag of the SDK (nexus-consent.min.js) in the page: marked-up tags stay inert until it loads, and nothing holds what scripts insert`);
      }
      return text;
    },
  };
}

/**
 * The `<link rel="modulepreload">` of the UI file, resolved as the SDK resolves
 * it (`new URL(UI_FILE, script.src)`), with the SDK tag's `nonce`, `crossorigin`
 * and `referrerpolicy` (its `import()` inherits them: the preload must fetch
 * alike). None unless the tag is the script-tag build itself (an npm bundle's UI
 * is a hashed chunk) over http(s).
 */
function uiPreload(view: TagView, src: string, base: string): string {
  const written = src.trim();
  if (!isSdkScript(written) || written.includes('\\')) return '';
  let href: string;
  try {
    const url = new URL(UI_FILE, new URL(written, base));
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return '';
    // An absolute src gives an absolute href; a relative one (or `//host/…`) the name beside it, left for the page's own base.
    href = /^[a-z][a-z\d+.-]*:/i.test(written) ? url.href : written.split(/[?#]/, 1)[0]!.replace(/[^/]*$/, UI_FILE);
  } catch {
    return '';
  }
  let link = `<link rel="modulepreload" ${attribute('href', href)}`;
  for (const name of ['nonce', 'crossorigin', 'referrerpolicy']) {
    const value = view.get(name);
    if (value !== null) link += ` ${attribute(name, value)}`;
  }
  return `${link}>`;
}
