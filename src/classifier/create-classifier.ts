/**
 * The classifier: cookie name | storage key | URL → service and category.
 * Pure data in, data out; no DOM. The site's rules are consulted first and
 * win over the catalogue; an `allow` rule stops the lookup with no answer.
 */
import type { Catalogue } from '../catalogue/catalogue.js';
import type { Classification } from './classification.js';
import { decodeCatalogues, type CatalogueIndex } from './decode-catalogue.js';
import { addUrlRule, createHostIndex, hasPathPrefix, lookupAnyHost, lookupHost, sortByPath, sortHostIndex, type HostIndex } from './host-index.js';
import { addName, addPattern, createNameIndex, lookupName, sortNameIndex, type NameIndex } from './name-index.js';
import { parseUrl, type ParsedUrl } from './parse-url.js';
import { rememberRecent } from './remember-recent.js';
import { validateSiteRules, type NameRule, type SiteRules, type UrlRule } from './site-rules.js';

export interface Classifier {
  /** The service and category of a cookie, by its name; `undefined` when unknown. */
  classifyCookie(name: string): Classification | undefined;
  /** The same for a localStorage / sessionStorage key. */
  classifyStorageKey(key: string): Classification | undefined;
  /**
   * The same for a request URL: absolute, protocol-relative, or relative to
   * `base` (the page's URL). `base` also tells first-party URLs apart, for
   * the site's path-only rules. Never throws; garbage gives `undefined`.
   */
  classifyUrl(url: string, base?: string): Classification | undefined;
  /** A service of the catalogue by its id (`google-analytics`), with its vendor and category. */
  describeService(id: string): Classification | undefined;
}

/** `null` marks an allow rule: stop, no classification. */
type Verdict = Classification | null;

/**
 * Builds a classifier over compiled catalogues (earlier ones win: give the
 * core first, then e.g. `catalogueFull`) and the site's rules, which win over
 * every catalogue. Rules are validated (see site-rules.ts).
 */
export function createClassifier(catalogues: readonly Catalogue[], rules?: SiteRules): Classifier {
  // The site's rules are checked now (a bad rule must stop the start, fail closed); the
  // catalogues' index is built on the first question instead: a returning visitor's page
  // often asks none before its first paint (issue #15), and the answer is the same either way.
  let index: CatalogueIndex | undefined;
  const catalogue = () => (index ??= decodeCatalogues(catalogues));
  const site = compileSiteRules(validateSiteRules(rules));

  const classifyCookie = (name: string): Classification | undefined => {
    const own = lookupName(site.cookies, name);
    return own !== undefined ? own ?? undefined : lookupName(catalogue().cookies, name);
  };

  // Every call the page makes asks one of these: each remembers its recent answers, and answers
  // anything but a string with nothing (remember-recent.ts).
  return {
    classifyCookie: rememberRecent(classifyCookie),
    classifyStorageKey: rememberRecent((key) => {
      const own = lookupName(site.storage, key);
      if (own !== undefined) return own ?? undefined;
      // The Open Cookie Database lists storage keys among cookie names.
      return lookupName(catalogue().storage, key) ?? classifyCookie(key);
    }),
    classifyUrl: rememberRecent((url, base) => {
      const target = parseUrl(url, base);
      if (!target) return undefined;
      const own = siteUrlVerdict(site, target, base);
      if (own !== undefined) return own ?? undefined;
      const { urls } = catalogue();
      return lookupHost(urls, target.host, target.path) ?? lookupAnyHost(urls, target.path);
    }),
    describeService: (id) => catalogue().services.get(id),
  };
}

interface CompiledSiteRules {
  readonly cookies: NameIndex<Verdict>;
  readonly storage: NameIndex<Verdict>;
  readonly hosts: HostIndex<Verdict>;
  /** Path-only rules: first-party URLs only, longest path first. */
  readonly firstParty: { readonly path: string; readonly value: Verdict }[];
}

function compileSiteRules(rules: SiteRules): CompiledSiteRules {
  const compiled: CompiledSiteRules = { cookies: createNameIndex(), storage: createNameIndex(), hosts: createHostIndex(), firstParty: [] };
  for (const rule of rules.cookies ?? []) addNameRule(compiled.cookies, rule);
  for (const rule of rules.storage ?? []) addNameRule(compiled.storage, rule);
  for (const rule of rules.urls ?? []) {
    const host = 'host' in rule ? rule.host : undefined;
    const path = rule.path ?? '';
    const value = verdict(rule, host ?? 'site');
    if (host === undefined) {
      if (!compiled.firstParty.some((r) => r.path === path)) compiled.firstParty.push({ path, value });
    } else addUrlRule(compiled.hosts, host, path, value);
  }
  sortNameIndex(compiled.cookies);
  sortNameIndex(compiled.storage);
  sortHostIndex(compiled.hosts);
  sortByPath(compiled.firstParty);
  return compiled;
}

function addNameRule(index: NameIndex<Verdict>, rule: NameRule): void {
  const value = verdict(rule, 'site');
  if ('name' in rule) {
    if (!index.exact.has(rule.name)) index.exact.set(rule.name, value);
  } else if ('prefix' in rule) addPattern(index, { head: rule.prefix, middle: [], tail: '' }, value);
  else addName(index, rule.pattern, value);
}

function verdict(rule: NameRule | UrlRule, defaultService: string): Verdict {
  if ('allow' in rule) return null;
  const service = rule.service ?? defaultService;
  return Object.freeze({ service, vendor: rule.vendor ?? service, category: rule.category, source: 'site' });
}

function siteUrlVerdict(site: CompiledSiteRules, target: ParsedUrl, base: string | undefined): Verdict | undefined {
  const byHost = site.hosts.hosts.size === 0 ? undefined : lookupHost(site.hosts, target.host, target.path);
  if (byHost !== undefined) return byHost;
  // Path-only rules apply on the page's own host. (Asked again only when the URL memo misses.)
  if (site.firstParty.length && base !== undefined && target.host === parseUrl(base)?.host) {
    for (const rule of site.firstParty) if (hasPathPrefix(target.path, rule.path)) return rule.value;
  }
  return undefined;
}
