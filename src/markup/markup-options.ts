/**
 * What the rewriter needs to know, read once: the site's consent config (the
 * same object as `window.NexusConsentConfig`, validated by the SDK's own
 * validator, so its `rules`, `catalogues`, categories, revision and cookie name
 * mean exactly what they mean in the page) plus a few server-side options.
 * A bad option throws a ConsentConfigError naming it: a build or a server
 * must not start with a rewriter that would let trackers through.
 */
import { coreCatalogue } from '../catalogue/generated/core-catalogue.js';
import type { Catalogue } from '../catalogue/catalogue.js';
import { createClassifier, type Classifier } from '../classifier/create-classifier.js';
import type { SiteRules } from '../classifier/site-rules.js';
import { ConsentConfigError } from '../config/config-error.js';
import type { ConsentConfig } from '../config/types.js';
import { validateConfig } from '../config/validate-config.js';
import { NECESSARY, type Category } from '../store/consent-record.js';

/** Options of the markup step: the site's consent config (any of its keys) and the rewriter's own. */
export interface MarkupOptions extends Partial<ConsentConfig> {
  /**
   * The page's URL: resolves relative URLs (and `<base href>`), and tells
   * first-party URLs apart for the site's path-only rules (`{ path: '/collect' }`).
   * @default a placeholder origin: root-relative URLs count as first-party
   */
  readonly pageUrl?: string;
  /**
   * Which `<script src>` is the SDK's, for the report's warnings (missing,
   * after a tracker, `async`/`defer`): a function of the `src`, or `false` when
   * the SDK comes in a bundle (`nexus-consent/auto`) and has no tag of its own.
   * @default a `src` whose path ends in `nexus-consent.min.js` or `nexus-consent.full.min.js`
   */
  readonly sdkScript?: ((src: string) => boolean) | false;
  /** The clock that decides whether a consent cookie has expired, epoch ms. @default Date.now */
  readonly now?: () => number;
  /**
   * A request whose `Cookie` header holds no current decision is a visitor the
   * banner is for: a `<link rel="modulepreload">` of the UI file
   * (`nexus-consent.ui.min.js`, beside the SDK's file, with the SDK tag's
   * `nonce`, `crossorigin` and `referrerpolicy`) goes just before the SDK's tag, so the banner's code downloads
   * with the core instead of after it. Never without a request (a build), nor
   * for a returning visitor, nor with the config's `ui: false`.
   * @default true
   */
  readonly preloadUi?: boolean;
}

/** Per request: what the visitor sent. */
export interface MarkupRequest {
  /**
   * The request's `Cookie` header. Categories and services its consent cookie
   * grants are left live; without it (at build time) every tracker of a
   * category other than `necessary` is marked up.
   * @default none
   */
  readonly cookieHeader?: string | null | undefined;
}

export interface ResolvedMarkup {
  readonly classifier: Classifier;
  /** What the classifier was built from (the CSP lists their hosts). */
  readonly catalogues: readonly Catalogue[];
  readonly rules: SiteRules;
  readonly cookieName: string;
  /** Categories that need consent, as the page's store requires a record to cover them. */
  readonly categories: readonly Category[];
  readonly revision: number;
  readonly pageUrl: string;
  readonly sdkScript: ((src: string) => boolean) | false;
  readonly now: () => number;
  readonly preloadUi: boolean;
}

const OWN_KEYS = ['pageUrl', 'sdkScript', 'now', 'cookieHeader', 'preloadUi'] as const;
/** Stands for the page when its URL is unknown: relative URLs resolve to it, so they are first-party. */
export const PLACEHOLDER_PAGE = 'https://page.invalid/';
const SDK_FILES = /(^|\/)nexus-consent(\.full)?\.min\.js$/;

/** The default SDK matcher: the path of `src`, without query or fragment, ends in the SDK's file name. */
export function isSdkScript(src: string): boolean {
  return SDK_FILES.test(src.trim().split(/[?#]/, 1)[0]!);
}

export function resolveMarkupOptions(options: MarkupOptions = {}): ResolvedMarkup {
  if (typeof options !== 'object' || options === null) throw new ConsentConfigError('(markup options)', 'an object', options);
  const { pageUrl, sdkScript, now, preloadUi } = options;
  // No prototype: a key "__proto__" from a JSON config file stays a key, never the object's prototype.
  const config: Record<string, unknown> = Object.create(null);
  for (const [key, value] of Object.entries(options)) if (!(OWN_KEYS as readonly string[]).includes(key)) config[key] = value;
  // The page needs a privacy policy link; the rewriter does not.
  const resolved = validateConfig({ privacyPolicyUrl: '/', ...config });
  if (pageUrl !== undefined && !isAbsoluteHttpUrl(pageUrl)) throw new ConsentConfigError('pageUrl', 'an absolute http(s) URL', pageUrl);
  if (sdkScript !== undefined && sdkScript !== false && typeof sdkScript !== 'function') {
    throw new ConsentConfigError('sdkScript', 'a function of the script’s src, or false', sdkScript);
  }
  if (now !== undefined && typeof now !== 'function') throw new ConsentConfigError('now', 'a function returning epoch milliseconds', now);
  if (preloadUi !== undefined && typeof preloadUi !== 'boolean') throw new ConsentConfigError('preloadUi', 'true or false', preloadUi);
  return {
    classifier: createClassifier([coreCatalogue, ...resolved.catalogues], resolved.rules),
    catalogues: [coreCatalogue, ...resolved.catalogues],
    rules: resolved.rules,
    cookieName: resolved.cookieName,
    categories: resolved.categories.map((c) => c.id).filter((c) => c !== NECESSARY),
    revision: resolved.revision,
    pageUrl: pageUrl ?? PLACEHOLDER_PAGE,
    sdkScript: sdkScript ?? isSdkScript,
    now: now ?? Date.now,
    preloadUi: (preloadUi ?? true) && resolved.ui,
  };
}

function isAbsoluteHttpUrl(input: unknown): input is string {
  if (typeof input !== 'string') return false;
  try {
    const { protocol } = new URL(input);
    return protocol === 'http:' || protocol === 'https:';
  } catch {
    return false;
  }
}
