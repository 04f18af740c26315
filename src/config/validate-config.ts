/**
 * Turns whatever the page passed into a ResolvedConfig, or throws a
 * ConsentConfigError naming the first bad field and what was expected.
 * Unknown keys are errors too: a typo must not silently drop an option.
 */
import { CATEGORY_ID, NECESSARY, OPTIONAL_BUILT_IN_CATEGORIES } from '../store/consent-record.js';
import { COOKIE_NAME } from '../store/cookie-variants.js';
import { TEXT_KEYS as TEXT_KEY_LIST, type TextKey } from '../i18n/texts.js';
import { LANGUAGE_TAG as LANGUAGE } from '../i18n/resolve-texts.js';
import { isCatalogue, type Catalogue } from '../catalogue/catalogue.js';
import { isServiceDetails, type ServiceDetails } from '../catalogue/service-details.js';
import { validateSiteRules, type NameRule } from '../classifier/site-rules.js';
import { arrayAt, HOST, integer, isHttpUrlOrPath, objectAt, onlyKeys, SERVICE_ID } from './check.js';
import { copyPlain } from './copy-plain.js';
import { isInheritedName } from '../own-property.js';
import { ConsentConfigError } from './config-error.js';
import { googleConsentMode } from './validate-google-consent-mode.js';
import type { CategoryConfig, ConsentConfig, LocalisedText, ResolvedCategory, ResolvedConfig, ServiceConfig, ServiceCookieConfig } from './types.js';

export const CONFIG_KEYS = [
  'privacyPolicyUrl', 'revision', 'language', 'validityMonths', 'cookie', 'categories', 'rules', 'catalogues',
  'autoBlock', 'reloadOnWithdraw', 'texts', 'ui', 'layout', 'theme', 'floatingButton', 'nonce', 'debug',
  'googleConsentMode', 'honorGlobalPrivacyControl', 'serviceDetails', 'consentLog',
] as const satisfies readonly (keyof ConsentConfig)[];
const TEXT_KEYS = new Set<string>(TEXT_KEY_LIST);
/** An absent object, without a prototype: a page's `Object.prototype.analytics = true` must read as nothing. */
const NONE: Record<string, unknown> = Object.freeze(Object.create(null) as Record<string, unknown>);
/** `constructor` passes the id patterns, yet every plain object already has it: a page's lookups would find it. */
const RESERVED = 'an id that is not a property every JavaScript object has (constructor, __proto__…)';

export function validateConfig(input: unknown): ResolvedConfig {
  // Read once into data the SDK owns: a throwing getter names its field, a later swap changes nothing.
  const config = objectAt(copyPlain(input, ''), '(root)', 'an object');
  onlyKeys(config, CONFIG_KEYS, '');

  const privacyPolicyUrl = safeUrl(config.privacyPolicyUrl, 'privacyPolicyUrl');
  const revision = integer(config.revision, 'revision', 1, 999_999_999, 1);
  const validityMonths = integer(config.validityMonths, 'validityMonths', 1, 13, 6);
  const language = optional(config.language, 'language', 'a language code such as "fr" or "en-GB"', (v) =>
    typeof v === 'string' && LANGUAGE.test(v),
  ) as string | undefined;

  const cookie = config.cookie === undefined ? NONE : objectAt(config.cookie, 'cookie', 'an object');
  onlyKeys(cookie, ['name', 'domain'], 'cookie.');
  const cookieName = (optional(cookie.name, 'cookie.name', 'a cookie name (an RFC 6265 token)', (v) =>
    typeof v === 'string' && COOKIE_NAME.test(v),
  ) as string | undefined) ?? 'nexus_consent';
  const cookieDomain = optional(cookie.domain, 'cookie.domain', 'a domain name such as "nexus-tech.fr"', (v) =>
    typeof v === 'string' && HOST.test(v.replace(/^\./, '').toLowerCase()),
  ) as string | undefined;

  const resolvedCategories = categories(config.categories);
  const siteRules = validateSiteRules(config.rules, 'rules', resolvedCategories.map((c) => c.id));
  return {
    privacyPolicyUrl,
    revision,
    language,
    validityMonths,
    cookieName,
    cookieDomain,
    categories: resolvedCategories,
    rules: { ...siteRules, cookies: [...(siteRules.cookies ?? []), ...serviceCookieRules(resolvedCategories)] },
    catalogues: catalogues(config.catalogues),
    autoBlock: boolean(config.autoBlock, 'autoBlock', true),
    reloadOnWithdraw: boolean(config.reloadOnWithdraw, 'reloadOnWithdraw', false),
    texts: texts(config.texts),
    ui: boolean(config.ui, 'ui', true),
    layout: oneOf(config.layout, 'layout', ['bar', 'bar-top', 'box', 'modal'] as const, 'bar'),
    theme: oneOf(config.theme, 'theme', ['auto', 'light', 'dark'] as const, 'auto'),
    floatingButton: oneOf(config.floatingButton, 'floatingButton', ['bottom-left', 'bottom-right', false] as const, 'bottom-left'),
    nonce: optional(config.nonce, 'nonce', 'a non-empty string', (v) => typeof v === 'string' && v !== '') as
      | string
      | undefined,
    debug: boolean(config.debug, 'debug', false),
    googleConsentMode: googleConsentMode(config.googleConsentMode, resolvedCategories.map((c) => c.id)),
    honorGlobalPrivacyControl: boolean(config.honorGlobalPrivacyControl, 'honorGlobalPrivacyControl', false),
    serviceDetails: serviceDetails(config.serviceDetails),
    consentLog: consentLog(config.consentLog),
  };
}

function consentLog(input: unknown): ResolvedConfig['consentLog'] {
  if (input === undefined) return undefined;
  const log = objectAt(input, 'consentLog', 'an object { endpoint }');
  onlyKeys(log, ['endpoint'], 'consentLog.');
  return { endpoint: safeUrl(log.endpoint, 'consentLog.endpoint', "the consent log's URL (http(s) or a path)") };
}

function categories(input: unknown): ResolvedCategory[] {
  const given = input === undefined ? NONE : objectAt(input, 'categories', 'an object keyed by category id');
  const ids = [NECESSARY, ...OPTIONAL_BUILT_IN_CATEGORIES, ...Object.keys(given)];
  return [...new Set(ids)].map((id) => {
    const field = `categories.${id}`;
    if (!CATEGORY_ID.test(id)) throw new ConsentConfigError(field, 'keyed by a lowercase id (a-z, 0-9, "-")', id);
    if (isInheritedName(id)) throw new ConsentConfigError(field, RESERVED, id);
    const raw = given[id];
    const category: Partial<CategoryConfig> = raw === undefined ? NONE : objectAt(raw, field, 'an object');
    onlyKeys(category as Record<string, unknown>, ['label', 'description', 'services'], `${field}.`);
    const services = category.services === undefined ? [] : category.services;
    arrayAt(services, `${field}.services`);
    return {
      id,
      label: localised(category.label, `${field}.label`),
      description: localised(category.description, `${field}.description`),
      services: (services as readonly unknown[]).map((s, i) => service(s, `${field}.services[${i}]`)),
    };
  });
}

function serviceDetails(input: unknown): ServiceDetails | string | undefined {
  if (input === undefined || isServiceDetails(input)) return input;
  return safeUrl(input, 'serviceDetails', 'serviceDetails (nexus-consent/catalogue-details) or the URL of nexus-consent.details.json');
}

function catalogues(input: unknown): Catalogue[] {
  if (input === undefined) return [];
  arrayAt(input, 'catalogues', 'an array of compiled catalogues').forEach((c, i) => {
    if (!isCatalogue(c)) throw new ConsentConfigError(`catalogues[${i}]`, 'a compiled catalogue (e.g. catalogueFull from nexus-consent/catalogue-full)', c);
  });
  return input as Catalogue[];
}

function service(input: unknown, field: string): ServiceConfig {
  const s = objectAt(input, field, 'an object { id, name }');
  onlyKeys(s, ['id', 'name', 'description', 'vendor', 'policyUrl', 'cookies'], `${field}.`);
  if (typeof s.id !== 'string' || !SERVICE_ID.test(s.id)) {
    throw new ConsentConfigError(`${field}.id`, 'a lowercase id such as "google-analytics"', s.id);
  }
  if (isInheritedName(s.id)) throw new ConsentConfigError(`${field}.id`, RESERVED, s.id);
  if (typeof s.name !== 'string' || s.name.trim() === '') {
    throw new ConsentConfigError(`${field}.name`, 'a non-empty string', s.name);
  }
  const description = localised(s.description, `${field}.description`);
  const vendor = optional(s.vendor, `${field}.vendor`, 'a non-empty string', (v) => typeof v === 'string' && v.trim() !== '') as string | undefined;
  const policyUrl = s.policyUrl === undefined ? undefined : safeUrl(s.policyUrl, `${field}.policyUrl`, 'an http(s) URL or a path');
  const cookies = s.cookies === undefined ? undefined : arrayAt(s.cookies, `${field}.cookies`).map((c, i) => serviceCookie(c, `${field}.cookies[${i}]`));
  return {
    id: s.id,
    name: s.name,
    ...(description === undefined ? {} : { description }),
    ...(vendor === undefined ? {} : { vendor }),
    ...(policyUrl === undefined ? {} : { policyUrl }),
    ...(cookies === undefined ? {} : { cookies }),
  };
}

/**
 * The cookies a site lists for its services are classified too (after its own
 * `rules`): written only with consent, deleted on withdrawal. `_ga_*` is a prefix.
 */
function serviceCookieRules(categories: readonly ResolvedCategory[]): NameRule[] {
  return categories.flatMap((category) =>
    category.id === NECESSARY
      ? []
      : category.services.flatMap((service) =>
          (service.cookies ?? []).map((cookie): NameRule => {
            const target = { category: category.id, service: service.id, vendor: service.vendor ?? service.name };
            const star = cookie.name.indexOf('*');
            if (star < 0) return { name: cookie.name, ...target };
            return star === cookie.name.length - 1 ? { prefix: cookie.name.slice(0, -1), ...target } : { pattern: cookie.name, ...target };
          }),
        ),
  );
}

function serviceCookie(input: unknown, field: string): ServiceCookieConfig {
  const c = objectAt(input, field, 'an object { name, purpose?, lifetime? }');
  onlyKeys(c, ['name', 'purpose', 'lifetime'], `${field}.`);
  // What a site rule accepts: it becomes one (a bare "*" would match every cookie).
  if (typeof c.name !== 'string' || !/^[^\s;,=]{1,256}$/.test(c.name) || c.name.replaceAll('*', '') === '') {
    throw new ConsentConfigError(`${field}.name`, 'a cookie name, or a prefix ending in "*" (no spaces, ";", "," or "=")', c.name);
  }
  const purpose = localised(c.purpose, `${field}.purpose`);
  const lifetime = localised(c.lifetime, `${field}.lifetime`);
  return { name: c.name, ...(purpose === undefined ? {} : { purpose }), ...(lifetime === undefined ? {} : { lifetime }) };
}

function texts(input: unknown): ResolvedConfig['texts'] {
  if (input === undefined) return {};
  const byLanguage = objectAt(input, 'texts', 'an object keyed by language code');
  for (const [language, strings] of Object.entries(byLanguage)) {
    if (!LANGUAGE.test(language) || isInheritedName(language)) throw new ConsentConfigError(`texts.${language}`, 'keyed by a language code', language);
    const entries = objectAt(strings, `texts.${language}`, 'an object of strings');
    for (const [key, value] of Object.entries(entries)) {
      const field = `texts.${language}.${key}`;
      if (!TEXT_KEYS.has(key as TextKey)) throw new ConsentConfigError(field, `one of ${[...TEXT_KEYS].join(', ')}`, key);
      if (typeof value !== 'string') throw new ConsentConfigError(field, 'a string', value);
    }
  }
  return byLanguage as ResolvedConfig['texts'];
}

function localised(input: unknown, field: string): LocalisedText | undefined {
  if (input === undefined || typeof input === 'string') return input;
  const byLanguage = objectAt(input, field, 'a string or an object of strings keyed by language');
  for (const [language, value] of Object.entries(byLanguage)) {
    if (!LANGUAGE.test(language) || typeof value !== 'string') {
      throw new ConsentConfigError(`${field}.${language}`, 'a string keyed by a language code', value);
    }
  }
  return byLanguage as Record<string, string>;
}

/** http(s) URLs and paths only: a `javascript:` link from config must never reach the page. */
function safeUrl(input: unknown, field: string, expected = 'the URL of the privacy policy (http(s) or a path)'): string {
  // One message per field, whatever is wrong with the value: it says what the field takes.
  if (!isHttpUrlOrPath(input)) throw new ConsentConfigError(field, expected, input);
  return input;
}

function oneOf<T extends string | boolean>(input: unknown, field: string, allowed: readonly T[], fallback: T): T {
  if (input === undefined) return fallback;
  if (!allowed.includes(input as T)) throw new ConsentConfigError(field, `one of ${allowed.map((a) => JSON.stringify(a)).join(', ')}`, input);
  return input as T;
}

function boolean(input: unknown, field: string, fallback: boolean): boolean {
  if (input === undefined) return fallback;
  if (typeof input !== 'boolean') throw new ConsentConfigError(field, 'true or false', input);
  return input;
}

function optional(input: unknown, field: string, expected: string, valid: (v: unknown) => boolean): unknown {
  if (input === undefined) return undefined;
  if (!valid(input)) throw new ConsentConfigError(field, expected, input);
  return input;
}
