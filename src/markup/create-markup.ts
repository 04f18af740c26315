/**
 * The markup step's API over one validated config: a whole page, a page fed
 * chunk by chunk, a web `TransformStream` (bytes or strings in, UTF-8 bytes
 * out) and a Node `Transform`. Build the instance once (a server at start-up)
 * and use it for every page; each page gets its own rewriter.
 */
import type { Transform } from 'node:stream';
import { bytePage, type BytePage } from './byte-page.js';
import { currentRecords, grantsOf } from './consent-cookie.js';
import { resolveMarkupOptions, type MarkupOptions, type MarkupRequest, type ResolvedMarkup } from './markup-options.js';
import type { MarkupReport } from './report.js';
import { createRewriter, type Rewriter } from './rewriter.js';

export interface MarkupResult {
  readonly html: string;
  readonly report: MarkupReport;
}

/** A web TransformStream whose `report` settles once the page has passed through. */
export interface MarkupStream extends TransformStream<string | Uint8Array, Uint8Array> {
  readonly report: Promise<MarkupReport>;
}

/** A Node Transform (Buffer or string chunks in, UTF-8 out) whose `report` settles once the page has passed through. */
export interface MarkupTransform extends Transform {
  readonly report: Promise<MarkupReport>;
}

export interface Markup {
  /** Rewrites a whole page. */
  rewrite(html: string, request?: MarkupRequest): MarkupResult;
  /** A rewriter for one page, fed chunk by chunk (strings). */
  rewriter(request?: MarkupRequest): Rewriter;
  /** A web TransformStream for one page: UTF-8 bytes or strings in, UTF-8 bytes out. */
  stream(request?: MarkupRequest): MarkupStream;
  /** A Node Transform for one page: UTF-8 Buffers or strings in, UTF-8 out. */
  nodeStream(request?: MarkupRequest): MarkupTransform;
}

/** Validates the options once (throws a ConsentConfigError naming a bad one) and returns the markup step. */
export function createMarkup(options: MarkupOptions = {}): Markup {
  const resolved = resolveMarkupOptions(options);
  const rewriter = (request: MarkupRequest = {}) => pageRewriter(resolved, request);
  return {
    rewriter,
    rewrite(html, request) {
      if (typeof html !== 'string') throw new TypeError('nexus-consent markup: rewrite() takes the page as a string');
      const page = rewriter(request);
      const out = page.write(html) + page.end();
      return { html: out, report: page.report };
    },
    stream(request) {
      return pageStream(bytePage(rewriter(request)));
    },
    nodeStream(request) {
      const page = bytePage(rewriter(request));
      let settle!: (report: MarkupReport) => void;
      let fail!: (error: unknown) => void;
      const report = new Promise<MarkupReport>((resolve, reject) => ((settle = resolve), (fail = reject)));
      report.catch(() => {});
      const some = (out: string | Uint8Array) => (out.length > 0 ? out : undefined);
      // node:stream is loaded here, not imported at the top: an edge runtime (Next.js
      // Edge, Workers without nodejs_compat) has none, and imports this module for the web transform.
      if (typeof globalThis.process?.getBuiltinModule !== 'function') {
        throw new TypeError('nexus-consent markup: nodeStream() needs node:stream (Node ≥ 20.19, Deno, Bun); use stream() for a web TransformStream');
      }
      const { Transform: NodeTransform } = process.getBuiltinModule('node:stream');
      const transform = new NodeTransform({
        transform(chunk: Buffer | string, encoding, callback) {
          try {
            callback(null, some(page.write(typeof chunk === 'string' ? Buffer.from(chunk, encoding) : chunk)));
          } catch (error) {
            fail(error);
            callback(error as Error);
          }
        },
        flush(callback) {
          try {
            const out = page.end();
            settle(page.report);
            callback(null, some(out));
          } catch (error) {
            fail(error);
            callback(error as Error);
          }
        },
      });
      transform.on('error', (error) => fail(error));
      return Object.assign(transform, { report });
    },
  };
}

/** A web TransformStream over one page's bytes (the web handler passes one that holds no head when the header names UTF-8). */
export function pageStream(page: BytePage): MarkupStream {
  const encoder = new TextEncoder();
  let settle!: (report: MarkupReport) => void;
  let fail!: (error: unknown) => void;
  const report = new Promise<MarkupReport>((resolve, reject) => ((settle = resolve), (fail = reject)));
  report.catch(() => {}); // A caller that never reads it must not see an unhandled rejection.
  const send = (controller: TransformStreamDefaultController<Uint8Array>, out: string | Uint8Array) => {
    if (out.length > 0) controller.enqueue(typeof out === 'string' ? encoder.encode(out) : out);
  };
  const stream = new TransformStream<string | Uint8Array, Uint8Array>({
    transform(chunk, controller) {
      try {
        send(controller, page.write(typeof chunk === 'string' ? encoder.encode(chunk) : chunk));
      } catch (error) {
        fail(error);
        throw error;
      }
    },
    flush(controller) {
      try {
        send(controller, page.end());
        settle(page.report);
      } catch (error) {
        fail(error);
        throw error;
      }
    },
  });
  return Object.assign(stream, { report });
}

function pageRewriter(resolved: ResolvedMarkup, request: MarkupRequest): Rewriter {
  const records = currentRecords(request.cookieHeader, resolved.cookieName, {
    categories: resolved.categories,
    revision: resolved.revision,
    now: resolved.now(),
  });
  // A request was seen (a header, or its absence as null/'') and it holds no decision: a first visit.
  const firstVisit = request.cookieHeader !== undefined && records.length === 0;
  return createRewriter(resolved, grantsOf(records), { preloadUi: resolved.preloadUi && firstVisit });
}

/**
 * Marks up every tracker tag of a page: the site's consent config (the same
 * object as `window.NexusConsentConfig`; `rules`, `catalogues`, categories,
 * revision and cookie name are used) and, on a server, the request's `Cookie`
 * header. Returns the page and a report of what was marked up.
 */
export function markUpTrackers(html: string, options: MarkupOptions & MarkupRequest = {}): MarkupResult {
  const { cookieHeader, ...rest } = options;
  return createMarkup(rest).rewrite(html, { cookieHeader });
}
