/**
 * The rewriter: HTML in, the same HTML out with every tracker tag in the
 * inert form the SDK releases on consent. It follows the HTML standard's
 * tokenizer (parse5, with the tree builder's feedback on script, raw-text and
 * foreign content), so a tag is what a browser would see, never what a
 * pattern expects. Untouched tokens are copied from the source, byte for byte.
 *
 * It is synchronous and incremental: `write` returns what can be emitted so
 * far, `end` the rest. Memory holds one token at a time, plus the inline
 * script being read (its code decides its start tag; at most MAX_INLINE
 * characters) and the content of a `<noscript>`.
 */
import type { Token } from 'parse5';
import { RewritingStream } from 'parse5-html-rewriting-stream';
import { srcsetUrls, URL_ATTRIBUTES } from '../blocker/element-sources.js';
import { shouldBlock, type Classified } from '../blocker/should-block.js';
import { NECESSARY } from '../store/consent-record.js';
import type { GrantCheck } from './consent-cookie.js';
import { urlsInScript } from './inline-script-urls.js';
import type { ResolvedMarkup } from './markup-options.js';
import type { MarkedUpTag, MarkupReport, MarkupWarning } from './report.js';
import { tagView, type StartTagToken, type TagView } from './start-tag.js';

const DOCUMENT_WRITE = /\bdocument\s*\.\s*write(?:ln)?\s*\(/;
/** Inline scripts longer than this are app code, not a vendor's loader: only their start is searched. */
export const MAX_INLINE = 256 * 1024;

/**
 * Link types that fetch or connect. The page's blocker holds the fetching ones
 * (preload, prefetch, modulepreload, prerender, stylesheet); before the page
 * runs, a preconnect or dns-prefetch to a tracker also reaches its host.
 */
const FETCHING_LINKS = new Set(['preload', 'prefetch', 'modulepreload', 'prerender', 'stylesheet', 'preconnect', 'dns-prefetch']);

/** Tag names (lower case, as the tokenizer gives them) whose attributes may fetch. */
const FETCHING_TAGS = new Set(Object.keys(URL_ATTRIBUTES).map((tag) => tag.toLowerCase()));

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
  /** Rewriting the content of a `<noscript>`. */
  readonly noscript?: boolean;
  /** Base URL, and line of the first character (for a noscript's content). */
  readonly base?: string;
  readonly firstLine?: number;
}

/** parse5's streaming rewriter, run synchronously: its output goes to `sink` instead of a stream buffer. */
class Engine extends RewritingStream {
  sink: (text: string) => void = () => {};
  ended = false;

  override push(chunk: unknown): boolean {
    if (chunk === null) return super.push(null);
    if (typeof chunk === 'string' && chunk !== '') this.sink(chunk);
    return true;
  }

  override _final(callback: (error?: Error | null, data?: string) => void): void {
    super._final(callback);
    this.ended = true;
  }

  /**
   * Text: the SAX parser builds each text token by concatenating every
   * character token with a copy of its location, which was half the time on a
   * real page. The rewriter only needs the text's span in the source, so
   * characters only extend that span; `_emitPendingText` (below) emits it
   * where the parser would, before any other token and before the source
   * buffer drops what was parsed. The byte-identity tests, split at every
   * position, pin this to the parser's behaviour.
   */
  textStart = -1;
  textEnd = 0;

  override onCharacter(token: Token.CharacterToken): void {
    const location = token.location!;
    if (this.textStart < 0) this.textStart = location.startOffset;
    this.textEnd = location.endOffset;
    if (this.tokenizer.preprocessor.willDropParsedChunk()) this.flushText();
  }

  override onWhitespaceCharacter(token: Token.CharacterToken): void {
    this.onCharacter(token);
  }

  override onNullCharacter(token: Token.CharacterToken): void {
    this.onCharacter(token);
  }

  flushText(): void {
    if (this.textStart < 0) return;
    const location = { startOffset: this.textStart, endOffset: this.textEnd } as Token.Location;
    this.textStart = -1;
    const { droppedBufferSize, html } = this.tokenizer.preprocessor;
    this.emit('text', { text: '', sourceCodeLocation: location }, html.slice(location.startOffset - droppedBufferSize, location.endOffset - droppedBufferSize));
  }

  /** Inside SVG or MathML, where `script` and `image` are other elements (the tokenizer's feedback knows). */
  get inForeignContent(): boolean {
    return (this as unknown as { parserFeedbackSimulator: { inForeignContent: boolean } }).parserFeedbackSimulator.inForeignContent;
  }
}

// The SAX parser's own hook (private in its types), called before every other token and at the end.
(Engine.prototype as unknown as { _emitPendingText(this: Engine): void })._emitPendingText = function () {
  this.flushText();
};

interface HeldScript {
  readonly view: TagView;
  readonly raw: string;
  readonly line: number;
  readonly parts: string[];
  length: number;
}

export function createRewriter(options: ResolvedMarkup, grants: GrantCheck, mode: RewriterMode = {}): Rewriter {
  const { classifier } = options;
  const checkSdk = mode.checkSdk !== false && options.sdkScript !== false;
  const lineOffset = (mode.firstLine ?? 1) - 1;
  const report: { rewritten: MarkedUpTag[]; granted: MarkedUpTag[]; warnings: MarkupWarning[] } = { rewritten: [], granted: [], warnings: [] };
  const engine = new Engine();
  let parts: string[] = [];
  let base = mode.base ?? options.pageUrl;
  let baseSeen = false;
  /** Input offset up to which every token was handled, and the input not yet covered. */
  let covered = 0;
  let tail = '';
  let tailStart = 0;
  let held: HeldScript | undefined;
  let noscript: { parts: string[]; line: number } | undefined;
  let sdk: { line: number } | undefined;
  let firstTracker: { tag: string; url: string; line: number } | undefined;

  const emit = (text: string) => void parts.push(text);
  const locate = (token: { sourceCodeLocation?: { endOffset: number; startLine: number } | null | undefined }) => {
    const location = token.sourceCodeLocation;
    if (location) covered = location.endOffset;
    return (location?.startLine ?? 1) + lineOffset;
  };
  engine.sink = emit;

  const classify = (url: string): Classified | undefined => {
    const c = classifier.classifyUrl(url, base);
    return c && c.category !== NECESSARY ? c : undefined;
  };
  /** A tracker found: it blocks unless granted; noted for the SDK-placement warning either way. */
  const verdict = (tag: string, url: string, c: Classified, line: number, inline = false): boolean => {
    if (!sdk && !firstTracker && !mode.noscript) firstTracker = { tag, url, line };
    const entry: MarkedUpTag = { tag, url, service: c.service, vendor: c.vendor, category: c.category, line, inline, noscript: mode.noscript === true };
    const blocked = shouldBlock(c, grants).block;
    (blocked ? report.rewritten : report.granted).push(entry);
    return blocked;
  };

  const onElement = (token: StartTagToken, raw: string, line: number) => {
    // Most tags fetch nothing: no view of their attributes for them.
    if (!FETCHING_TAGS.has(token.tagName)) return emit(raw);
    const view = tagView(token, raw);
    const attributes = URL_ATTRIBUTES[view.tag];
    if (!attributes || view.isInert()) return emit(raw);
    if (view.tag === 'LINK' && !(view.get('rel') ?? '').toLowerCase().split(/\s+/).some((rel) => FETCHING_LINKS.has(rel))) return emit(raw);
    for (const attribute of attributes) {
      const value = view.get(attribute);
      if (!value) continue;
      for (const url of attribute === 'srcset' ? srcsetUrls(value) : [value]) {
        const c = classify(url);
        if (c && verdict(token.tagName, url, c, line)) return emit(view.neutralize(c));
      }
    }
    emit(raw);
  };

  const onScript = (token: StartTagToken, raw: string, line: number) => {
    const view = tagView(token, raw);
    // A data block (`application/ld+json`, `text/plain`, an inert tag) neither runs nor fetches.
    if (!SCRIPT_TYPES.has((view.get('type') ?? '').trim().toLowerCase())) return emit(raw);
    const src = view.get('src');
    if (src === null) {
      held = { view, raw, line, parts: [], length: 0 };
      return;
    }
    if (checkSdk && !sdk && options.sdkScript && options.sdkScript(src)) {
      sdk = { line };
      const mode = ['async', 'defer'].filter((a) => view.has(a)).concat((view.get('type') ?? '').trim().toLowerCase() === 'module' ? ['type=module'] : []);
      if (mode.length > 0) {
        warn('sdk-async', `the SDK's script tag (line ${line}) is loaded ${mode.join(', ')}: it must run synchronously, first in <head>, to hold what the page inserts before it runs`);
      }
      if (firstTracker) {
        warn('sdk-after-tracker', `the SDK's script tag (line ${line}) comes after a tracker (<${firstTracker.tag}> ${firstTracker.url}, line ${firstTracker.line}): put it first in <head>, before any other script`);
      }
      return emit(raw);
    }
    const c = classify(src);
    emit(c && verdict('script', src, c, line) ? view.neutralize(c) : raw);
  };

  /** An inline script, once its code (or its first MAX_INLINE characters) is known. */
  const releaseHeld = (script: HeldScript) => {
    held = undefined;
    const code = script.parts.join('');
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
    if (!first) emit(script.raw);
    else {
      emit(
        script.view.neutralize(first, (attributes) => {
          // It waits for every category it loads; a service of its own only if it loads one.
          attributes.set('data-consent', [...new Set(blocked.map((c) => c.category))].join(' '));
          if (new Set(blocked.map((c) => c.service)).size > 1) attributes.delete('data-consent-service');
        }),
      );
    }
    emit(code);
  };

  const warn = (code: MarkupWarning['code'], message: string) => void report.warnings.push({ code, message });

  const releaseNoscript = (content: { parts: string[]; line: number }) => {
    noscript = undefined;
    // With scripting on, a noscript's content is text to the parser (and to Chromium's preload
    // scanner); with scripting off it is markup, fetched without the SDK to ask anyone. Rewrite it
    // as markup: the tags a visitor without JavaScript would get stay inert without consent.
    const inner = createRewriter(options, grants, { checkSdk: false, noscript: true, base, firstLine: content.line });
    emit(inner.write(content.parts.join('')) + inner.end());
    report.rewritten.push(...inner.report.rewritten);
    report.granted.push(...inner.report.granted);
    report.warnings.push(...inner.report.warnings);
  };

  engine.on('startTag', (token, raw) => {
    const line = locate(token);
    if (engine.inForeignContent) return emit(raw);
    switch (token.tagName) {
      case 'script':
        return onScript(token, raw, line);
      case 'noscript':
        emit(raw);
        noscript = { parts: [], line };
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
        return emit(raw);
      }
      default:
        return onElement(token, raw, line);
    }
  });
  engine.on('endTag', (token, raw) => {
    locate(token);
    if (held && token.tagName === 'script') releaseHeld(held);
    else if (noscript && token.tagName === 'noscript') releaseNoscript(noscript);
    emit(raw);
  });
  engine.on('text', (token, raw) => {
    locate(token);
    if (held) {
      held.parts.push(raw);
      held.length += raw.length;
      if (held.length > MAX_INLINE) {
        const script = held;
        releaseHeld(script);
        if (!report.rewritten.some((r) => r.inline && r.line === script.line)) {
          warn('script-too-long', `an inline script (line ${script.line}) is longer than ${MAX_INLINE} characters: only its start was searched for tracker URLs`);
        }
      }
    } else if (noscript) noscript.parts.push(raw);
    else emit(raw);
  });
  engine.on('comment', (token, raw) => {
    locate(token);
    emit(raw);
  });
  engine.on('doctype', (token, raw) => {
    locate(token);
    emit(raw);
  });

  const take = (): string => {
    const text = parts.join('');
    parts = [];
    // Keep only the input no token has covered yet (a tag cut by the chunk's end).
    if (covered > tailStart) {
      tail = tail.slice(covered - tailStart);
      tailStart = covered;
    }
    return text;
  };

  return {
    report,
    write(chunk) {
      if (typeof chunk !== 'string') throw new TypeError('nexus-consent markup: write() takes strings (decode bytes first)');
      if (chunk === '') return '';
      tail += chunk;
      engine.write(chunk);
      return take();
    },
    end() {
      engine.end();
      if (!engine.ended) throw new Error('nexus-consent markup: the tokenizer did not finish synchronously');
      if (held) releaseHeld(held);
      if (noscript) releaseNoscript(noscript);
      const text = take();
      // What the tokenizer dropped at the end (a tag cut short by the end of the file) is kept as written.
      emit(tail);
      tail = '';
      if (checkSdk && !sdk) {
        warn('sdk-missing', `no script tag of the SDK (nexus-consent.min.js) in the page: marked-up tags stay inert until it loads, and nothing holds what scripts insert`);
      }
      return text + parts.splice(0).join('');
    },
  };
}
