import type { ResolvedCategory } from '../config/types.js';
import type { Texts } from '../i18n/texts.js';
import { localise } from '../i18n/resolve-texts.js';
import type { Category } from '../store/consent-record.js';

/** What the UI shows, already localised: the UI never sees raw config. */
export interface UiCategory {
  readonly id: Category;
  readonly label: string;
  readonly description: string;
  readonly locked: boolean;
  readonly services: readonly string[];
}

export interface UiModel {
  readonly language: string;
  readonly texts: Texts;
  readonly privacyPolicyUrl: string;
  readonly categories: readonly UiCategory[];
}

export function uiCategories(
  categories: readonly ResolvedCategory[],
  texts: Texts,
  language: string,
): UiCategory[] {
  return categories.map((category) => {
    const builtIn = BUILT_IN_TEXT_KEYS[category.id];
    return {
      id: category.id,
      label: localise(category.label, language) ?? (builtIn ? texts[builtIn[0]] : category.id),
      description: localise(category.description, language) ?? (builtIn ? texts[builtIn[1]] : ''),
      locked: category.id === 'necessary',
      services: category.services.map((s) => s.name),
    };
  });
}

const BUILT_IN_TEXT_KEYS: Readonly<Record<string, readonly [keyof Texts, keyof Texts]>> = {
  necessary: ['necessaryLabel', 'necessaryDescription'],
  analytics: ['analyticsLabel', 'analyticsDescription'],
  advertising: ['advertisingLabel', 'advertisingDescription'],
  personalisation: ['personalisationLabel', 'personalisationDescription'],
};
