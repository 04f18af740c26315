/**
 * Connect / Express middleware: every HTML response passes through the
 * rewriter as it streams, read in the light of the request's consent cookie.
 * Mount it before the routes or static files that send HTML (after any
 * compression middleware: a compressed body passes untouched).
 *
 *   app.use(markupMiddleware(siteConfig));
 */
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import { bytePage, type BytePage } from './byte-page.js';
import { createMarkup } from './create-markup.js';
import { consentPolicy, type CspSettings } from './consent-csp.js';
import { isRewritableHtml, namesCharset, varyOnCookie } from './http-headers.js';
import type { MarkupOptions } from './markup-options.js';
import type { MarkupReport } from './report.js';

export interface MarkupMiddlewareOptions extends MarkupOptions {
  /**
   * Leave what the visitor's consent cookie grants live (the page then
   * varies with the cookie: `Vary: Cookie` is added). `false` marks up every
   * tracker for everyone (one page for all, cache-friendly; the SDK releases
   * them in the page).
   * @default true
   */
  readonly readConsentCookie?: boolean;
  /** Told of each page's report, e.g. to log the warnings. @default none */
  readonly onReport?: (report: MarkupReport, request: IncomingMessage) => void;
  /**
   * Also send a `Content-Security-Policy` whose `script-src`, `img-src`,
   * `connect-src` and `frame-src` list only `'self'`, the site's `sources` and
   * the trackers the visitor's consent cookie grants (see consent-csp.ts): a
   * second line of defence. It is added beside any policy the response has.
   * @default none
   */
  readonly csp?: true | CspSettings;
}

type Next = (error?: unknown) => void;
type Write = ServerResponse['write'];
type End = ServerResponse['end'];

export function markupMiddleware(options: MarkupMiddlewareOptions = {}): (request: IncomingMessage, response: ServerResponse, next: Next) => void {
  const { readConsentCookie = true, onReport, csp, ...config } = options;
  const markup = createMarkup(config);
  const policy = consentPolicy(csp, config, readConsentCookie);
  return (request, response, next) => {
    const write = response.write as (...args: unknown[]) => boolean;
    const end = response.end as (...args: unknown[]) => ServerResponse;
    const writeHead = response.writeHead as (...args: unknown[]) => ServerResponse;
    /** undefined: not known yet; null: this response passes untouched. */
    let page: BytePage | null | undefined;

    const decide = () => {
      if (page !== undefined) return;
      const status = response.statusCode;
      const type = response.getHeader('content-type');
      const encoding = response.getHeader('content-encoding');
      if (status === 204 || status === 304 || !isRewritableHtml(typeof type === 'string' ? type : undefined, typeof encoding === 'string' ? encoding : undefined)) {
        page = null;
        return;
      }
      // No Cookie header is a request too (a first visit): null, not undefined, which means a build.
      const rewriter = markup.rewriter(readConsentCookie ? { cookieHeader: request.headers.cookie ?? null } : {});
      page = bytePage(rewriter, !namesCharset(typeof type === 'string' ? type : undefined));
      // The body changes length and bytes: the length and validator of the original no longer hold.
      response.removeHeader('content-length');
      response.removeHeader('etag');
      if (readConsentCookie) response.setHeader('vary', varyOnCookie(response.getHeader('vary')?.toString()));
      if (policy) response.setHeader('content-security-policy', withPolicy(response.getHeader('content-security-policy'), policy({ cookieHeader: request.headers.cookie })));
    };
    const bytes = (chunk: unknown, encoding: unknown): Uint8Array =>
      typeof chunk === 'string' ? Buffer.from(chunk, (encoding as BufferEncoding | undefined) ?? 'utf8') : (chunk as Uint8Array);
    /** Rewritten text goes out as UTF-8; a page that passes untouched, as its own bytes. */
    const send = (self: ServerResponse, out: string | Uint8Array, callback: (() => void) | undefined, last: boolean): unknown => {
      const call: (...args: unknown[]) => unknown = last ? end : write;
      return typeof out === 'string' ? call.call(self, out, 'utf8', callback) : call.call(self, out, callback);
    };

    response.writeHead = function (this: ServerResponse, status: number, ...rest: unknown[]) {
      // Headers given here are sent with the status line: apply them first, so decide() sees them.
      const last = rest[rest.length - 1];
      if (typeof last === 'object' && last !== null) {
        rest.pop();
        const entries = Array.isArray(last) ? pairs(last) : Object.entries(last as OutgoingHttpHeaders);
        for (const [name, value] of entries) if (value !== undefined) response.setHeader(name, value as string);
      }
      response.statusCode = status;
      decide();
      return writeHead.call(this, status, ...rest);
    } as ServerResponse['writeHead'];

    response.write = function (this: ServerResponse, chunk: unknown, ...args: unknown[]) {
      decide();
      if (!page) return write.call(this, chunk, ...args);
      const callback = args.find((a) => typeof a === 'function') as (() => void) | undefined;
      const encoding = typeof args[0] === 'string' ? args[0] : undefined;
      const out = page.write(bytes(chunk, encoding));
      if (out.length === 0) {
        if (callback) process.nextTick(callback);
        return true;
      }
      return send(this, out, callback, false) as boolean;
    } as Write;

    response.end = function (this: ServerResponse, ...args: unknown[]) {
      decide();
      if (!page) return end.apply(this, args);
      const callback = args.find((a) => typeof a === 'function') as (() => void) | undefined;
      const chunk = typeof args[0] === 'function' ? undefined : args[0];
      const encoding = typeof args[1] === 'string' ? args[1] : undefined;
      const first = chunk === undefined || chunk === null ? '' : page.write(bytes(chunk, encoding));
      const rest = page.end();
      onReport?.(page.report, request);
      if (first.length > 0) send(this, first, undefined, false);
      return send(this, rest, callback, true) as ServerResponse;
    } as End;

    next();
  };
}

/** The response's policies and ours: two header lines, each enforced (CSP3 §8.1), so ours only narrows the site's. */
function withPolicy(existing: number | string | string[] | undefined, policy: string): string[] {
  const list = existing === undefined ? [] : Array.isArray(existing) ? existing : [String(existing)];
  return [...list, policy];
}

/** `['a', '1', 'b', '2']` or `[['a', '1']]` → pairs. */
function pairs(list: unknown[]): [string, unknown][] {
  if (list.every(Array.isArray)) return list as [string, unknown][];
  const out: [string, unknown][] = [];
  for (let i = 0; i + 1 < list.length; i += 2) out.push([String(list[i]), list[i + 1]]);
  return out;
}
