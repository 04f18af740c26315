/**
 * The consent cookie a visitor's decision would leave, built without a
 * browser: the same record format, checksum and attributes the SDK writes
 * (store/record-codec.ts, store/cookie-jar.ts), so the SDK reads it as a
 * decision already given. Pure: the clock and the id come in as arguments.
 */
import {
  addMonths,
  CATEGORY_ID,
  NECESSARY,
  OPTIONAL_BUILT_IN_CATEGORIES,
  SERVICE_ID,
  type Category,
  type ConsentMethod,
  type ConsentRecord,
} from '../store/consent-record.js';
import { encodeRecord } from '../store/record-codec.js';
import { TestingKitError } from './testing-error.js';

/** Category → granted, for the categories that need consent. Missing ones are denied, as in the SDK. */
export type PresetChoices = Readonly<Partial<Record<Category, boolean>>>;

export interface PresetConsentOptions {
  /**
   * A URL of the site the cookie is for; its host gets the cookie, and
   * `https:` makes it `Secure`, as the SDK does.
   * @default the BrowserContext's `baseURL`, else the page's current URL
   */
  readonly url?: string;
  /**
   * The SDK's `cookie.domain`, for a site that shares consent across sub-domains.
   * @default none: the cookie belongs to the URL's host alone
   */
  readonly domain?: string;
  /** The SDK's `revision`: a record for another revision counts as no decision. @default 1 */
  readonly revision?: number;
  /** The SDK's `cookie.name`. @default 'nexus_consent' */
  readonly cookieName?: string;
  /**
   * The site's own categories (keys of the SDK's `categories` option beyond the
   * built-in ones). A record must cover exactly the categories the site asks
   * about, or the SDK asks again.
   * @default none
   */
  readonly categories?: readonly string[];
  /**
   * Per-service exceptions to their category, as the preference centre records
   * them: `{ 'google-analytics': true }` with `analytics: false` allows Google
   * Analytics alone.
   * @default none
   */
  readonly services?: Readonly<Record<string, boolean>>;
  /** How long the decision is valid, in months (1 to 13), from `decidedAt`. @default 6 */
  readonly validityMonths?: number;
  /** When the decision was given. With `validityMonths`, sets the expiry. @default now */
  readonly decidedAt?: Date | number;
}

/** A cookie as Playwright's `BrowserContext.addCookies` takes it. */
export interface PresetCookie {
  readonly name: string;
  readonly value: string;
  /** Given for a host-only cookie (no `domain` option)… */
  readonly url?: string;
  /** …or a `domain` and `path` for a cookie shared across sub-domains. */
  readonly domain?: string;
  readonly path?: string;
  /** Epoch seconds. */
  readonly expires: number;
  readonly sameSite: 'Lax';
  readonly secure: boolean;
  readonly httpOnly: false;
}

export interface PresetEnvironment {
  /** The URL to use when `options.url` is absent. */
  readonly defaultUrl?: string | undefined;
  /** Epoch milliseconds. */
  readonly now: number;
  /** A fresh 21-character record id. */
  readonly newId: () => string;
}

const HELPER = 'presetConsent';
const OPTION_KEYS = ['url', 'domain', 'revision', 'cookieName', 'categories', 'services', 'validityMonths', 'decidedAt'] as const;
const COOKIE_NAME = /^[A-Za-z0-9_-]{1,64}$/;
const HOST = /^[a-z0-9]([a-z0-9_-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9_-]*[a-z0-9])?)*$/;

/** Checks the input, then builds the record and its cookie; throws a TestingKitError naming the bad field. */
export function presetCookie(
  choices: PresetChoices,
  options: PresetConsentOptions,
  env: PresetEnvironment,
): { readonly record: ConsentRecord; readonly cookie: PresetCookie } {
  const opts = plainObject(options, 'options');
  for (const key of Object.keys(opts)) {
    if (!(OPTION_KEYS as readonly string[]).includes(key)) fail(`options.${key}`, `absent (known options: ${OPTION_KEYS.join(', ')})`, opts[key]);
  }
  const siteCategories = opts.categories === undefined ? [] : list(opts.categories, 'options.categories');
  siteCategories.forEach((c, i) => {
    if (typeof c !== 'string' || !CATEGORY_ID.test(c) || c === NECESSARY || (OPTIONAL_BUILT_IN_CATEGORIES as readonly string[]).includes(c)) {
      fail(`options.categories[${i}]`, 'the id of a category the site adds (lowercase a-z, 0-9, "-"; not a built-in one)', c);
    }
  });
  const categories: string[] = [...OPTIONAL_BUILT_IN_CATEGORIES, ...(siteCategories as string[])];

  const given = plainObject(choices, 'choices');
  for (const [category, value] of Object.entries(given)) {
    if (category === NECESSARY) {
      if (value !== true) fail('choices.necessary', 'true or absent (necessary is always granted)', value);
      continue;
    }
    if (!categories.includes(category)) {
      fail(`choices.${category}`, `absent: unknown category (known: ${categories.join(', ')}; declare the site's own in options.categories)`, value);
    }
    if (typeof value !== 'boolean') fail(`choices.${category}`, 'true or false', value);
  }

  const services = opts.services === undefined ? {} : plainObject(opts.services, 'options.services');
  for (const [id, allowed] of Object.entries(services)) {
    if (!SERVICE_ID.test(id)) fail(`options.services.${id}`, 'keyed by a lowercase service id such as "google-analytics"', id);
    if (typeof allowed !== 'boolean') fail(`options.services.${id}`, 'true or false', allowed);
  }

  const revision = integer(opts.revision, 'options.revision', 1, 999_999_999, 1);
  const validityMonths = integer(opts.validityMonths, 'options.validityMonths', 1, 13, 6);
  const name = opts.cookieName ?? 'nexus_consent';
  if (typeof name !== 'string' || !COOKIE_NAME.test(name)) fail('options.cookieName', 'letters, digits, "_" or "-" (1–64)', name);
  const decidedAt = opts.decidedAt === undefined ? env.now : opts.decidedAt instanceof Date ? opts.decidedAt.getTime() : opts.decidedAt;
  if (typeof decidedAt !== 'number' || !Number.isFinite(decidedAt) || decidedAt < 0) {
    fail('options.decidedAt', 'a Date or epoch milliseconds', opts.decidedAt);
  }

  const rawUrl = opts.url ?? env.defaultUrl;
  let url: URL | undefined;
  if (rawUrl !== undefined) {
    try {
      url = new URL(String(rawUrl));
    } catch {
      url = undefined;
    }
    if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
      fail(opts.url === undefined ? "the context's baseURL" : 'options.url', 'an absolute http(s) URL', rawUrl);
    }
  }
  let domain: string | undefined;
  if (opts.domain !== undefined) {
    domain = typeof opts.domain === 'string' ? opts.domain.replace(/^\./, '').toLowerCase() : undefined;
    if (!domain || !HOST.test(domain)) fail('options.domain', 'a domain name such as "nexus-tech.fr"', opts.domain);
    if (url && url.hostname !== domain && !url.hostname.endsWith(`.${domain}`)) {
      fail('options.domain', `the host of ${url.origin} or a parent domain of it`, opts.domain);
    }
  }
  if (!url && !domain) {
    fail('options.url', "an absolute http(s) URL of the site (the context has no baseURL and the page no URL yet)", opts.url);
  }

  const granted: Category[] = [NECESSARY];
  const denied: Category[] = [];
  for (const category of categories) (given[category] === true ? granted : denied).push(category);
  const hasExceptions = Object.keys(services).length > 0;
  const method: ConsentMethod =
    !hasExceptions && denied.length === 0 ? 'accept-all' : !hasExceptions && granted.length === 1 ? 'reject-all' : 'custom';
  // Stored dates have second precision: round here, so the record returned is the one read back.
  const at = Math.floor(decidedAt / 1000) * 1000;
  const record: ConsentRecord = Object.freeze({
    id: env.newId(),
    revision,
    givenAt: at,
    updatedAt: at,
    expiresAt: addMonths(at, validityMonths),
    method,
    granted: Object.freeze(granted),
    denied: Object.freeze(denied),
    services: Object.freeze({ ...(services as Record<string, boolean>) }),
  });
  const place = domain ? { domain: `.${domain}`, path: '/' } : { url: `${url!.origin}/` };
  return {
    record,
    cookie: {
      name,
      value: encodeRecord(record),
      ...place,
      expires: Math.floor(record.expiresAt / 1000),
      sameSite: 'Lax',
      secure: url?.protocol === 'https:',
      httpOnly: false,
    },
  };
}

const ID_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-';

/** 21 random characters of the URL-safe alphabet: what a record id looks like (the SDK makes them with nanoid). */
export function randomRecordId(random: (bytes: Uint8Array) => Uint8Array = (b) => globalThis.crypto.getRandomValues(b)): string {
  // 64 symbols: the low 6 bits of a byte pick one without bias.
  return Array.from(random(new Uint8Array(21)), (byte) => ID_ALPHABET[byte & 63]).join('');
}

function fail(field: string, expected: string, received: unknown): never {
  throw new TestingKitError(HELPER, field, expected, received);
}

function plainObject(value: unknown, field: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail(field, 'an object', value);
  return value as Record<string, unknown>;
}

function list(value: unknown, field: string): readonly unknown[] {
  if (!Array.isArray(value)) fail(field, 'an array', value);
  return value;
}

function integer(value: unknown, field: string, min: number, max: number, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    fail(field, `an integer from ${min} to ${max}`, value);
  }
  return value;
}
