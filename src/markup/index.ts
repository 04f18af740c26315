/**
 * nexus-consent/markup: marks trackers up in HTML before the browser sees it,
 * at build time or on the server (Node ≥ 20.19, Deno, Bun, Workers, edge runtimes:
 * no `node:` import; nodeStream() loads node:stream when called). Never in a browser bundle.
 */
export { consentCsp, createConsentCsp } from './consent-csp.js';
export { createMarkup, markUpTrackers } from './create-markup.js';
export { isSdkScript } from './markup-options.js';
export { markupMiddleware } from './middleware.js';
export { markupResponse, createMarkupHandler } from './web-transform.js';
export type { MarkupHandlerOptions } from './web-transform.js';
export type { ConsentCsp, ConsentCspOptions, CspDirective, CspRequest, CspSettings, CspSources } from './consent-csp.js';
export type { Markup, MarkupResult, MarkupStream, MarkupTransform } from './create-markup.js';
export type { MarkupOptions, MarkupRequest } from './markup-options.js';
export type { MarkupMiddlewareOptions } from './middleware.js';
export type { MarkedUpTag, MarkupReport, MarkupWarning } from './report.js';
export type { Rewriter } from './rewriter.js';
