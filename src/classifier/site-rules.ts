/**
 * The site's own classification rules (config `rules`): they add to the
 * catalogue and win over it. Validation turns whatever the page passed into
 * normalised rules, or throws a ConsentConfigError naming the bad field.
 */
import { arrayAt, HOST, objectAt, onlyKeys, SERVICE_ID } from '../config/check.js';
import { ConsentConfigError } from '../config/config-error.js';
import { CATEGORY_ID, type Category } from '../store/consent-record.js';

/** What matching items are: a category (and optionally the service and vendor to report). */
export interface RuleTarget {
  readonly category: Category;
  /** Service id reported for matches. @default the rule's host for URL rules, else `site` */
  readonly service?: string;
  /** Company reported for matches. @default the service */
  readonly vendor?: string;
}

/** Matching items are never classified, whatever the catalogue says (e.g. a self-hosted tool the site exempts). */
export interface RuleAllow {
  readonly allow: true;
}

/**
 * A cookie or storage-key rule. `name` is exact; `prefix` matches names that
 * start with it; `pattern` is a name with `*` wildcards (`*` = any run of
 * characters: `_hjSession_*`, `mp_*_mixpanel`) — wildcards only, not a
 * regular expression, so a config never runs a regex engine per entry.
 * Names are case-sensitive, as cookie names are.
 */
export type NameRule = ({ readonly name: string } | { readonly prefix: string } | { readonly pattern: string }) & (RuleTarget | RuleAllow);

/**
 * A URL rule. `host` matches the host and its sub-domains (`example.com`
 * matches `cdn.example.com`); `path` a path prefix at a segment boundary
 * (`/collect` matches `/collect` and `/collect/x`, not `/collector`). A rule
 * with a path and no host only matches first-party URLs (same host as the
 * page), e.g. `{ path: '/collect', category: 'analytics' }` for a proxied
 * tracker endpoint. Hosts and paths are case-insensitive.
 */
export type UrlRule = ({ readonly host: string; readonly path?: string } | { readonly path: string }) & (RuleTarget | RuleAllow);

export interface SiteRules {
  readonly cookies?: readonly NameRule[];
  /** localStorage and sessionStorage keys. */
  readonly storage?: readonly NameRule[];
  readonly urls?: readonly UrlRule[];
}

const NAME_KINDS = ['name', 'prefix', 'pattern'] as const;

/**
 * Checks and normalises site rules (`undefined` → no rules). `field` is the config path for error
 * messages (`rules` → `rules.cookies[2].category`); `categories`, when given,
 * are the only categories a rule may name (the built-in ones and the site's).
 */
export function validateSiteRules(input: unknown, field = 'rules', categories?: readonly Category[]): SiteRules {
  if (input === undefined) return Object.freeze({});
  const rules = objectAt(input, field);
  onlyKeys(rules, ['cookies', 'storage', 'urls'], `${field}.`);
  const out: { cookies?: NameRule[]; storage?: NameRule[]; urls?: UrlRule[] } = {};
  if (rules.cookies !== undefined) out.cookies = arrayAt(rules.cookies, `${field}.cookies`).map((r, i) => nameRule(r, `${field}.cookies[${i}]`, categories));
  if (rules.storage !== undefined) out.storage = arrayAt(rules.storage, `${field}.storage`).map((r, i) => nameRule(r, `${field}.storage[${i}]`, categories));
  if (rules.urls !== undefined) out.urls = arrayAt(rules.urls, `${field}.urls`).map((r, i) => urlRule(r, `${field}.urls[${i}]`, categories));
  return Object.freeze(out);
}

function nameRule(input: unknown, field: string, categories: readonly Category[] | undefined): NameRule {
  const rule = objectAt(input, field);
  onlyKeys(rule, [...NAME_KINDS, 'category', 'service', 'vendor', 'allow'], `${field}.`);
  const kinds = NAME_KINDS.filter((k) => rule[k] !== undefined);
  if (kinds.length !== 1) {
    throw new ConsentConfigError(field, 'one of name, prefix, pattern', kinds.length === 0 ? input : kinds.join(' and '));
  }
  const kind = kinds[0] as (typeof NAME_KINDS)[number];
  const value = rule[kind];
  if (typeof value !== 'string' || value === '' || value.length > 256 || /[\s;,=]/.test(value)) {
    throw new ConsentConfigError(`${field}.${kind}`, 'a name (no spaces, ";", "," or "=")', value);
  }
  if (kind === 'pattern' && !value.includes('*')) throw new ConsentConfigError(`${field}.pattern`, 'a name with "*"', value);
  return Object.freeze({ [kind]: value, ...verdict(rule, field, categories) }) as NameRule;
}

function urlRule(input: unknown, field: string, categories: readonly Category[] | undefined): UrlRule {
  const rule = objectAt(input, field);
  onlyKeys(rule, ['host', 'path', 'category', 'service', 'vendor', 'allow'], `${field}.`);
  if (rule.host === undefined && rule.path === undefined) throw new ConsentConfigError(field, 'a host or a path', input);
  const out: { host?: string; path?: string } = {};
  if (rule.host !== undefined) {
    const host = typeof rule.host === 'string' ? rule.host.trim().toLowerCase().replace(/^\*?\./, '') : '';
    if (!HOST.test(host) || host.length > 253) throw new ConsentConfigError(`${field}.host`, 'a host name', rule.host);
    out.host = host;
  }
  if (rule.path !== undefined) {
    if (typeof rule.path !== 'string' || !/^\/[^?#\s]{0,511}$/.test(rule.path)) {
      throw new ConsentConfigError(`${field}.path`, 'a path starting with "/"', rule.path);
    }
    const path = rule.path.toLowerCase();
    out.path = path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path;
  }
  return Object.freeze({ ...out, ...verdict(rule, field, categories) }) as UrlRule;
}

function verdict(rule: Record<string, unknown>, field: string, categories: readonly Category[] | undefined): RuleTarget | RuleAllow {
  if (rule.allow !== undefined) {
    if (rule.allow !== true) throw new ConsentConfigError(`${field}.allow`, 'true', rule.allow);
    for (const key of ['category', 'service', 'vendor']) {
      if (rule[key] !== undefined) throw new ConsentConfigError(`${field}.${key}`, 'absent with allow', rule[key]);
    }
    return { allow: true };
  }
  const { category, service, vendor } = rule;
  if (typeof category !== 'string' || !CATEGORY_ID.test(category) || (categories !== undefined && !categories.includes(category))) {
    throw new ConsentConfigError(
      `${field}.category`,
      categories ? `one of ${categories.join(', ')}` : 'a category id',
      category,
    );
  }
  const target: { category: Category; service?: string; vendor?: string } = { category };
  if (service !== undefined) {
    if (typeof service !== 'string' || !SERVICE_ID.test(service)) throw new ConsentConfigError(`${field}.service`, 'a lowercase id', service);
    target.service = service;
  }
  if (vendor !== undefined) {
    if (typeof vendor !== 'string' || vendor.trim() === '') throw new ConsentConfigError(`${field}.vendor`, 'a non-empty string', vendor);
    target.vendor = vendor;
  }
  return target;
}
