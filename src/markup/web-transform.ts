/**
 * The web-standard form: `(Request, Response) => Response`, for Hono,
 * Cloudflare Workers (with nodejs_compat), Deno, Bun and Next.js middleware
 * on the Node runtime. The body streams through the rewriter; headers are
 * kept, except `Content-Length` and `ETag` (the body changes) and `Vary`,
 * which gains `Cookie` (the page depends on the visitor's consent cookie).
 * Anything but UTF-8 HTML with a body is returned as it came.
 *
 *   const markup = createMarkupHandler(siteConfig);
 *   app.use(async (c, next) => { await next(); c.res = markup(c.req.raw, c.res); });   // Hono
 */
import { bytePage } from './byte-page.js';
import { createMarkup, pageStream } from './create-markup.js';
import { consentPolicy, type CspSettings } from './consent-csp.js';
import { isRewritableHtml, namesCharset, varyOnCookie } from './http-headers.js';
import type { MarkupOptions } from './markup-options.js';
import type { MarkupReport } from './report.js';

export interface MarkupHandlerOptions extends MarkupOptions {
  /** As for the middleware: leave what the consent cookie grants live, and vary on it. @default true */
  readonly readConsentCookie?: boolean;
  /** Told of each page's report once its body has passed through. @default none */
  readonly onReport?: (report: MarkupReport, request: Request) => void;
  /** As for the middleware: also send a Content-Security-Policy allowing only the granted trackers. @default none */
  readonly csp?: true | CspSettings;
}

export function createMarkupHandler(options: MarkupHandlerOptions = {}): (request: Request, response: Response) => Response {
  const { readConsentCookie = true, onReport, csp, ...config } = options;
  const markup = createMarkup(config);
  const policy = consentPolicy(csp, config, readConsentCookie);
  return (request, response) => {
    const { status, headers, body } = response;
    if (
      body === null ||
      request.method === 'HEAD' ||
      status === 204 ||
      status === 304 ||
      !isRewritableHtml(headers.get('content-type'), headers.get('content-encoding'))
    ) {
      return response;
    }
    const page = markup.rewriter(readConsentCookie ? { cookieHeader: request.headers.get('cookie') } : {});
    const stream = pageStream(bytePage(page, !namesCharset(headers.get('content-type'))));
    if (onReport) void stream.report.then((report) => onReport(report, request), () => {});
    const out = new Headers(headers);
    out.delete('content-length');
    out.delete('etag');
    if (readConsentCookie) out.set('vary', varyOnCookie(headers.get('vary')));
    // A second policy beside the site's: `append` joins them with a comma, which is two policies (CSP3 §4.1).
    if (policy) out.append('content-security-policy', policy({ cookieHeader: request.headers.get('cookie') }));
    return new Response(body.pipeThrough(stream), { status, statusText: response.statusText, headers: out });
  };
}

/** One response, one call: `createMarkupHandler(options)(request, response)`. Build the handler once in a server. */
export function markupResponse(request: Request, response: Response, options: MarkupHandlerOptions = {}): Response {
  return createMarkupHandler(options)(request, response);
}
