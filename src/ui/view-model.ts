import type { ResolvedCategory, ServiceConfig } from '../config/types.js';
import type { Texts } from '../i18n/texts.js';
import { localise } from '../i18n/resolve-texts.js';
import type { Category } from '../store/consent-record.js';

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
    const builtIn = BUILT_IN_TEXT_KEYS[category.id];
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
  readonly vendor: string;
  readonly category: Category;
  readonly cookies: readonly string[];
}

/**
 * The services of the preference centre: those the site describes, then those
 * found on the page that it does not, each with the cookies present now added
 * to the ones the site lists — so the list is never stale.
 */
export function uiServices(
  categories: readonly ResolvedCategory[],
  found: readonly FoundService[],
  language: string,
  uiCats: readonly UiCategory[],
): UiService[] {
  const byId = new Map(found.map((f) => [f.id, f]));
  const purpose = (category: Category) => uiCats.find((c) => c.id === category)?.description ?? '';
  const services: UiService[] = [];
  for (const category of categories) {
    if (category.id === 'necessary') continue;
    for (const service of category.services) {
      services.push(fromConfig(service, category.id, byId.get(service.id), language, purpose(category.id)));
      byId.delete(service.id);
    }
  }
  for (const f of byId.values()) {
    if (f.category === 'necessary' || !uiCats.some((c) => c.id === f.category)) continue;
    services.push({
      id: f.id,
      category: f.category,
      name: displayName(f.id),
      vendor: f.vendor,
      description: purpose(f.category),
      policyUrl: undefined,
      cookies: f.cookies.map((name) => ({ name })),
    });
  }
  return services;
}

function fromConfig(service: ServiceConfig, category: Category, found: FoundService | undefined, language: string, purpose: string): UiService {
  const listed = (service.cookies ?? []).map((c) => ({
    name: c.name,
    purpose: localise(c.purpose, language),
    lifetime: localise(c.lifetime, language),
  }));
  const present = (found?.cookies ?? []).filter((name) => !listed.some((c) => matchesCookie(c.name, name)));
  return {
    id: service.id,
    category,
    name: service.name,
    vendor: service.vendor ?? found?.vendor,
    description: localise(service.description, language) ?? purpose,
    policyUrl: service.policyUrl,
    cookies: [...listed, ...present.map((name) => ({ name }))],
  };
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
