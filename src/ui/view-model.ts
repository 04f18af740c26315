import type { ResolvedCategory, ServiceConfig } from '../config/types.js';
import type { Texts } from '../i18n/texts.js';
import { localise } from '../i18n/resolve-texts.js';
import { ownValue } from '../own-property.js';
import type { Category } from '../store/consent-record.js';
import type { ServiceDetails } from '../catalogue/service-details.js';

/** What the UI shows, already localised: the UI never sees raw config. */
export interface UiCategory {
  readonly id: Category;
  readonly label: string;
  readonly description: string;
  readonly locked: boolean;
}

export interface UiCookie {
  readonly name: string;
  readonly purpose?: string | undefined;
  readonly lifetime?: string | undefined;
  /** Language of purpose and lifetime when it is not the UI's (catalogue details are English). */
  readonly lang?: string | undefined;
}

/** A service in the preference centre: from the site's config, or found on the page by the catalogue. */
export interface UiService {
  readonly id: string;
  readonly category: Category;
  readonly name: string;
  readonly vendor: string | undefined;
  readonly description: string;
  readonly policyUrl: string | undefined;
  readonly cookies: readonly UiCookie[];
}

export type UiLayout = 'bar' | 'bar-top' | 'box' | 'modal';
export type UiTheme = 'auto' | 'light' | 'dark';

export interface UiModel {
  readonly language: string;
  /** `rtl` for Arabic, Hebrew, Persian, Urdu…: the UI mirrors. */
  readonly direction: 'ltr' | 'rtl';
  readonly texts: Texts;
  readonly privacyPolicyUrl: string;
  readonly categories: readonly UiCategory[];
  readonly layout: UiLayout;
  readonly theme: UiTheme;
  /** Where the button that reopens the preferences sits, or `false` for none. */
  readonly floatingButton: 'bottom-left' | 'bottom-right' | false;
  /** The browser sent Global Privacy Control and the site honours it: the banner says so. */
  readonly gpc: boolean;
}

export function uiCategories(categories: readonly ResolvedCategory[], texts: Texts, language: string): UiCategory[] {
  return categories.map((category) => {
    const builtIn = ownValue(BUILT_IN_TEXT_KEYS, category.id);
    return {
      id: category.id,
      label: localise(category.label, language) ?? (builtIn ? texts[builtIn[0]] : category.id),
      description: localise(category.description, language) ?? (builtIn ? texts[builtIn[1]] : ''),
      locked: category.id === 'necessary',
    };
  });
}

/** What the page revealed about a service: the catalogue's answer and the cookies it holds now. */
export interface FoundService {
  readonly id: string;
  /** The catalogue's name for it, when its id in words would not give it. */
  readonly name?: string | undefined;
  readonly vendor: string;
  readonly category: Category;
  readonly cookies: readonly string[];
}

/**
 * The services of the preference centre: those the site describes, then those
 * found on the page that it does not, each with the cookies present now added
 * to the ones the site lists — so the list is never stale. Catalogue details
 * (`serviceDetails`), when given, fill what the site does not say: the
 * vendor's policy, and each cookie's purpose and lifetime.
 */
export function uiServices(
  categories: readonly ResolvedCategory[],
  found: readonly FoundService[],
  language: string,
  uiCats: readonly UiCategory[],
  details?: ServiceDetails,
): UiService[] {
  const byId = new Map(found.map((f) => [f.id, f]));
  const lang = details && details.language !== language.split('-')[0] ? details.language : undefined;
  const known = (id: string): UiCookie[] =>
    (ownValue(details?.services, id)?.cookies ?? []).map(([name, purpose, lifetime]) => ({ name, purpose, lifetime, lang }));
  const purpose = (category: Category) => uiCats.find((c) => c.id === category)?.description ?? '';
  const services: UiService[] = [];
  for (const category of categories) {
    if (category.id === 'necessary') continue;
    for (const service of category.services) {
      const fallback = { policyUrl: ownValue(details?.services, service.id)?.policyUrl, cookies: known(service.id) };
      services.push(fromConfig(service, category.id, byId.get(service.id), language, purpose(category.id), fallback));
      byId.delete(service.id);
    }
  }
  for (const f of byId.values()) {
    if (f.category === 'necessary' || !uiCats.some((c) => c.id === f.category)) continue;
    services.push({
      id: f.id,
      category: f.category,
      name: f.name ?? displayName(f.id),
      vendor: f.vendor,
      description: purpose(f.category),
      policyUrl: ownValue(details?.services, f.id)?.policyUrl,
      cookies: withPresent(known(f.id), f.cookies),
    });
  }
  return services;
}

function fromConfig(
  service: ServiceConfig,
  category: Category,
  found: FoundService | undefined,
  language: string,
  purpose: string,
  fallback: { policyUrl: string | undefined; cookies: UiCookie[] },
): UiService {
  const listed = service.cookies
    ? service.cookies.map((c) => ({ name: c.name, purpose: localise(c.purpose, language), lifetime: localise(c.lifetime, language) }))
    : fallback.cookies;
  return {
    id: service.id,
    category,
    name: service.name,
    vendor: service.vendor ?? found?.vendor,
    description: localise(service.description, language) ?? purpose,
    policyUrl: service.policyUrl ?? fallback.policyUrl,
    cookies: withPresent(listed, found?.cookies ?? []),
  };
}

/** The listed cookies, then those present in the page that none of them covers. */
function withPresent(listed: readonly UiCookie[], present: readonly string[]): UiCookie[] {
  return [...listed, ...present.filter((name) => !listed.some((c) => matchesCookie(c.name, name))).map((name) => ({ name }))];
}

/** `_ga_*` in the config covers `_ga_NEXUS1` in the page. */
function matchesCookie(pattern: string, name: string): boolean {
  return pattern.endsWith('*') ? name.startsWith(pattern.slice(0, -1)) : pattern === name;
}

/** `google-analytics` → `Google Analytics`: catalogue ids are readable words. */
export function displayName(id: string): string {
  return id
    .split(/[-_]/)
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join(' ');
}

const BUILT_IN_TEXT_KEYS: Readonly<Record<string, readonly [keyof Texts, keyof Texts]>> = {
  necessary: ['necessaryLabel', 'necessaryDescription'],
  analytics: ['analyticsLabel', 'analyticsDescription'],
  advertising: ['advertisingLabel', 'advertisingDescription'],
  personalisation: ['personalisationLabel', 'personalisationDescription'],
};

/**
 * The `dir` attribute the UI's views carry: `rtl` for a right-to-left language,
 * else none — left to right is the shadow root's own direction (styles.css),
 * whatever the page's. One element with a `dir` attribute anywhere in a
 * document makes Chromium take a slower path for every insertion in it
 * (×1.21 on 40,000 appendChild calls, bench/chromium-quirks.mjs), and the
 * banner would make the whole page pay for it.
 */
export function dirAttribute(model: Pick<UiModel, 'direction'>): 'rtl' | undefined {
  return model.direction === 'rtl' ? 'rtl' : undefined;
}
