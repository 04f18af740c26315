/**
 * A second line of defence for the server to send: Content-Security-Policy
 * directives (`script-src`, `img-src`, `connect-src`, `frame-src`) that list
 * `'self'`, the site's own sources and the hosts of the trackers the
 * visitor's consent cookie grants — nothing else. A tracker tag the markup
 * step missed, or one a script inserts past the SDK, is then refused by the
 * browser itself (CSP3 §6.7.2: a request whose URL matches no source
 * expression of the directive is blocked). The policy is one more policy
 * beside any the site sends: a browser enforces every policy it receives
 * (CSP3 §8.1), so it can only narrow the site's own.
 *
 * The hosts come from the data the classifier uses (the catalogues and the
 * site's URL rules), read with the store's rules for the cookie, so the policy
 * allows exactly the trackers the page's SDK would let through. It never
 * allows a URL the consent refuses: where a granted tracker's domain holds a
 * refused one (Adobe Analytics on `omtrdc.net`, Adobe Target on
 * `tt.omtrdc.net`), a CSP source cannot leave the refused part out, so the
 * source that would cover it is not listed (fail closed).
 */
import { decodeCatalogues } from '../classifier/decode-catalogue.js';
import type { Classification } from '../classifier/classification.js';
import { ConsentConfigError } from '../config/config-error.js';
import { NECESSARY } from '../store/consent-record.js';
import { currentRecords, grantsOf } from './consent-cookie.js';
import { resolveMarkupOptions, type MarkupOptions, type MarkupRequest, type ResolvedMarkup } from './markup-options.js';

export const CSP_DIRECTIVES = ['script-src', 'img-src', 'connect-src', 'frame-src'] as const;
export type CspDirective = (typeof CSP_DIRECTIVES)[number];

/** The site's own sources, per directive (source expressions as CSP writes them: `https://cdn.example.com`, `data:`, `'nonce-…'`). */
export type CspSources = { readonly [D in CspDirective]?: readonly string[] };

export interface ConsentCspOptions extends MarkupOptions {
  /**
   * What the site loads besides trackers (its CDN, fonts, APIs, a tag
   * manager's loader, `'unsafe-inline'` or a hash for inline scripts), per
   * directive. A source that would let a tracker through (`*`, `https:`, a
   * tracker's host) throws: list the exact path instead
   * (`https://www.googletagmanager.com/gtm.js`).
   * @default none: `'self'` only
   */
  readonly sources?: CspSources;
  /**
   * The tracker services the site uses (catalogue ids such as
   * `google-analytics`, or the `service` of its rules): only their hosts are
   * listed, which keeps the header short (every service of the catalogue is
   * some 140 hosts, several KB per directive; proxies refuse response headers
   * past 4–8 KB).
   * @default every service of the catalogues and rules
   */
  readonly services?: readonly string[];
}

/** The `csp` option of the middleware and the web handler: the site's sources and services (`true`: none, `'self'` only). */
export interface CspSettings {
  readonly sources?: CspSources;
  readonly services?: readonly string[];
}

export interface CspRequest extends MarkupRequest {
  /** This response's nonce, added to `script-src` as `'nonce-…'`. @default none */
  readonly nonce?: string | undefined;
}

/** Builds the policy for one request's `Cookie` header: the `Content-Security-Policy` header value. */
export type ConsentCsp = (request?: CspRequest) => string;

/** A source the policy may list: what the classifier says of its own URLs, and of every URL under it that some rule names. */
interface Candidate {
  readonly source: string;
  readonly own: Classification | null;
  readonly allows: readonly Classification[];
}

/** Where a source allows requests: a host (or its sub-domains), a path and what is under it (`''`: every path). */
interface Space {
  readonly host: string;
  readonly wildcard: boolean;
  readonly path: string;
}

interface Entry {
  readonly host: string;
  readonly path: string;
}

/** Host names as the URL parser writes them; anything else in a catalogue is left out, not escaped. */
const HOST = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*$/;
/** Source expressions that allow every host of a scheme (or every host): each would let every tracker through. */
const ANY_HOST = /^(?:\*|[a-z][a-z0-9+.-]*:(?:\/\/\*(?::\*)?\/?)?)$/i;
const SAFE_SCHEMES = new Set(['data:', 'blob:', 'mediastream:', 'filesystem:']);
const NONCE = /^[A-Za-z0-9+/_-]+={0,2}$/;
/** A sub-domain no rule names, to ask the classifier what `*.host` allows besides the rules inside it. */
const PROBE = 'nexus-consent-probe';

/** Validates the options once (throws a ConsentConfigError naming a bad one); the result builds each request's policy. */
export function createConsentCsp(options: ConsentCspOptions = {}): ConsentCsp {
  return buildConsentCsp(options, '');
}

/** `field` prefixes the names of the CSP's own options in errors (`csp.` for the middleware's option). */
function buildConsentCsp(options: ConsentCspOptions, field: string): ConsentCsp {
  if (typeof options !== 'object' || options === null) throw new ConsentConfigError('(csp options)', 'an object', options);
  const { sources, services, ...config } = options;
  const resolved = resolveMarkupOptions(config);
  const entries = ruleEntries(resolved);
  const wanted = serviceFilter(services, field);
  const candidates = trackerCandidates(resolved, entries).filter((c) => c.own === null || wanted(c.own.service));
  const own = siteSources(sources, resolved, entries, field);
  // The policy depends on the cookie only through what it grants: one list per distinct answer.
  const asked = [...new Map(candidates.flatMap((c) => c.allows).map((a) => [`${a.category} ${a.service}`, a])).values()];
  const policies = new Map<string, Record<CspDirective, string>>();
  return (request = {}) => {
    if (typeof request !== 'object' || request === null) throw new TypeError('nexus-consent csp: pass { cookieHeader, nonce }');
    const { nonce } = request;
    if (nonce !== undefined && (typeof nonce !== 'string' || !NONCE.test(nonce))) throw new TypeError('nexus-consent csp: a nonce is base64 or base64url');
    const records = currentRecords(request.cookieHeader, resolved.cookieName, { categories: resolved.categories, revision: resolved.revision, now: resolved.now() });
    const granted = grantsOf(records);
    const answers = asked.map((a) => (granted(a.category, a.service) ? '1' : '0')).join('');
    let policy = policies.get(answers);
    if (!policy) {
      // Forged cookies could ask for every combination of service choices: the memory stays bounded.
      if (policies.size >= 256) policies.clear();
      const trackers = candidates.filter((c) => c.allows.every((a) => granted(a.category, a.service))).map((c) => c.source);
      policy = Object.fromEntries(CSP_DIRECTIVES.map((d) => [d, [...new Set(["'self'", ...own[d], ...trackers])].join(' ')])) as Record<CspDirective, string>;
      policies.set(answers, policy);
    }
    const directives = policy;
    return CSP_DIRECTIVES.map((d) => `${d} ${directives[d]}${d === 'script-src' && nonce ? ` 'nonce-${nonce}'` : ''}`).join('; ');
  };
}

/** One policy, one call: `createConsentCsp(options)({ cookieHeader })`. Build it once in a server. */
export function consentCsp(options: ConsentCspOptions, cookieHeader?: string | null): string {
  return createConsentCsp(options)({ cookieHeader });
}

function serviceFilter(services: unknown, field: string): (service: string) => boolean {
  if (services === undefined) return () => true;
  if (!Array.isArray(services) || !services.every((s) => typeof s === 'string')) throw new ConsentConfigError(`${field}services`, 'an array of service ids', services);
  const set = new Set<string>(services);
  return (service) => set.has(service);
}

/** Every host (and host + path) the site's URL rules and the catalogues name. */
function ruleEntries(resolved: ResolvedMarkup): Entry[] {
  const entries = new Map<string, Entry>();
  const add = (host: string, path: string) => {
    if (HOST.test(host)) entries.set(`${host}${path}`, { host, path });
  };
  for (const rule of resolved.rules.urls ?? []) if ('host' in rule) add(rule.host, rule.path ?? '');
  for (const [host, rules] of decodeCatalogues(resolved.catalogues).urls.hosts) for (const rule of rules) add(host, rule.path);
  return [...entries.values()];
}

/**
 * What the classifier says of the URLs a source allows: at its own host and
 * path, and wherever a rule reaches into it (a rule's host inside the
 * source's, or the source's host inside the rule's, which covers its
 * sub-domains; the longer of the two paths). The classifier picks the nearest
 * host and the longest path, so any URL of the source is classified as one of
 * these probes is.
 */
function classificationsIn(space: Space, entries: readonly Entry[], resolved: ResolvedMarkup): (Classification | null)[] {
  const { host, wildcard, path } = space;
  const probes: [string, string][] = [[wildcard ? `${PROBE}.${host}` : host, path]];
  for (const entry of entries) {
    const inside = wildcard ? entry.host.endsWith(`.${host}`) : entry.host === host;
    if (!inside && host !== entry.host && !host.endsWith(`.${entry.host}`)) continue;
    const probeHost = inside ? entry.host : wildcard ? `${PROBE}.${host}` : host;
    if (within(entry.path, path)) probes.push([probeHost, entry.path]);
    else if (within(path, entry.path)) probes.push([probeHost, path]);
  }
  return probes.map(([h, p]) => resolved.classifier.classifyUrl(`https://${h}${p || '/'}`, resolved.pageUrl) ?? null);
}

/**
 * The tracker hosts as CSP sources: each host, and `*.host` for its
 * sub-domains (the classifier matches both); with a path, that path and what
 * is under it. Where `*.host` needs more than the host's own service (another
 * service's sub-domain lies under it: `maps.google.com` under `google.com`),
 * `www.host` is offered on its own too, the sub-domain pages use.
 */
function trackerCandidates(resolved: ResolvedMarkup, entries: readonly Entry[]): Candidate[] {
  const candidates: Candidate[] = [];
  const sources = (name: string, path: string) => (path === '' ? [name] : [`${name}${cspPath(path)}`, `${name}${cspPath(path)}/`]);
  const add = (name: string, space: Space) => {
    const [own = null, ...rest] = classificationsIn(space, entries, resolved);
    const allows = [...new Map([own, ...rest].filter((c): c is Classification => c !== null).map((c) => [`${c.category} ${c.service}`, c])).values()];
    for (const source of sources(name, space.path)) candidates.push({ source, own, allows });
    return allows;
  };
  for (const { host, path } of entries) {
    const exact = add(host, { host, wildcard: false, path });
    const wildcard = add(`*.${host}`, { host, wildcard: true, path });
    if (!host.startsWith('www.') && wildcard.length > exact.length) add(`www.${host}`, { host: `www.${host}`, wildcard: false, path });
  }
  return candidates;
}

/** `path` is `prefix` or under it, at a segment boundary (`''`: every path). */
function within(path: string, prefix: string): boolean {
  return prefix === '' || path === prefix || path.startsWith(prefix.endsWith('/') ? prefix : `${prefix}/`);
}

/** A path as a CSP source writes it: `;` and `,` would end the directive or the policy (CSP3 §2.3.1), so they and anything unusual are percent-encoded. */
function cspPath(path: string): string {
  return path.replace(/[^A-Za-z0-9\-._~!$&'()*+=:@/%]/g, (c) => encodeURIComponent(c));
}

/** The site's own sources: checked, and refused where they would let a tracker through whatever the visitor chose. */
function siteSources(sources: unknown, resolved: ResolvedMarkup, entries: readonly Entry[], prefix: string): Record<CspDirective, string[]> {
  const out: Record<CspDirective, string[]> = { 'script-src': [], 'img-src': [], 'connect-src': [], 'frame-src': [] };
  if (sources === undefined) return out;
  if (typeof sources !== 'object' || sources === null || Array.isArray(sources)) throw new ConsentConfigError(`${prefix}sources`, 'an object of directive: sources[]', sources);
  for (const [directive, list] of Object.entries(sources)) {
    if (!(CSP_DIRECTIVES as readonly string[]).includes(directive)) throw new ConsentConfigError(`${prefix}sources.${directive}`, `one of ${CSP_DIRECTIVES.join(', ')}`, directive);
    if (!Array.isArray(list)) throw new ConsentConfigError(`${prefix}sources.${directive}`, 'an array of source expressions', list);
    list.forEach((source: unknown, i) => {
      const field = `${prefix}sources.${directive}[${i}]`;
      // A space, `;` or `,` would start another source, directive or policy.
      if (typeof source !== 'string' || !/^[!-~]+$/.test(source) || /[;,]/.test(source)) throw new ConsentConfigError(field, 'one source expression', source);
      if (/^'strict-dynamic'$/i.test(source)) throw new ConsentConfigError(field, "no 'strict-dynamic' (the browser would ignore the host list)", source);
      if (ANY_HOST.test(source) && !SAFE_SCHEMES.has(source.toLowerCase())) throw new ConsentConfigError(field, 'a source that does not allow every host', source);
      const space = hostSpace(source);
      const tracker = space && classificationsIn(space, entries, resolved).find((c) => c !== null && c.category !== NECESSARY);
      if (tracker) {
        throw new ConsentConfigError(field, `a source no tracker is under (it would allow ${tracker.service}, ${tracker.category}, whatever the visitor chose: list the exact path you need)`, source);
      }
      out[directive as CspDirective].push(source);
    });
  }
  return out;
}

/** The hosts and paths a host-source expression allows (CSP3 §2.3.1); undefined for keywords, nonces, hashes and schemes. */
function hostSpace(source: string): Space | undefined {
  const match = /^(?:[a-z][a-z0-9+.-]*:\/\/)?(\*\.)?([a-z0-9.-]+)(?::(?:\d+|\*))?(\/[^?#]*)?$/i.exec(source);
  if (!match) return undefined;
  let path: string;
  try {
    path = decodeURIComponent(match[3] ?? '').toLowerCase();
  } catch {
    path = (match[3] ?? '').toLowerCase();
  }
  // `/a/` allows what is under /a/, `/a` only /a: both are within /a, which is what is checked.
  return { host: match[2]!.toLowerCase(), wildcard: match[1] !== undefined, path: path.replace(/\/+$/, '') };
}

/** The middleware's and web handler's `csp` option, checked at start-up; undefined when it is not set. */
export function consentPolicy(csp: unknown, config: MarkupOptions, readConsentCookie: boolean): ConsentCsp | undefined {
  if (csp === undefined || csp === false) return undefined;
  if (csp !== true && (typeof csp !== 'object' || csp === null)) throw new ConsentConfigError('csp', 'true, or { sources, services }', csp);
  // The policy follows the consent cookie: a page meant to be the same for everyone cannot carry it.
  if (!readConsentCookie) throw new ConsentConfigError('csp', 'absent when readConsentCookie is false (the policy follows the consent cookie)', csp);
  const settings = csp === true ? {} : (csp as CspSettings);
  for (const key of Object.keys(settings)) if (key !== 'sources' && key !== 'services') throw new ConsentConfigError(`csp.${key}`, 'sources or services', key);
  return buildConsentCsp({ ...config, ...settings }, 'csp.');
}
