/**
 * Accessible names of the consent UI as regular expressions, built from the
 * SDK's own strings in every built-in language (plus a site's overrides), so
 * a locator finds the same button whatever language the page shows. Pure.
 */
import { de } from '../i18n/de.js';
import { en } from '../i18n/en.js';
import { es } from '../i18n/es.js';
import { fr } from '../i18n/fr.js';
import { it } from '../i18n/it.js';
import { nl } from '../i18n/nl.js';
import type { TextKey, Texts } from '../i18n/texts.js';

export const BUILT_IN_LANGUAGES: Readonly<Record<string, Texts>> = { fr, en, de, es, it, nl };

/** A site's text overrides, the shape of the SDK's `texts` option: `{ fr: { acceptAll: 'J’accepte' } }`. */
export type TextOverrides = Readonly<Record<string, Partial<Texts>>>;

/** A label given per language (`{ fr: 'Newsletter', en: 'Newsletter' }`), as one string, or as a pattern. */
export type LabelPattern = string | RegExp | Readonly<Record<string, string>>;

/** Matches exactly one of `names` (after the whitespace normalisation accessible names get). */
export function anyOf(names: Iterable<string>): RegExp {
  const unique = [...new Set([...names].map((n) => n.trim().replace(/\s+/g, ' ')).filter((n) => n !== ''))];
  // Longest first, so that no alternative is shadowed by a prefix of it.
  unique.sort((a, b) => b.length - a.length);
  return new RegExp(`^(?:${unique.map(escape).join('|')})$`);
}

/** Every string for `key`: each built-in language's, then the site's overrides. */
export function textPattern(key: TextKey, overrides: TextOverrides = {}): RegExp {
  const names = Object.values(BUILT_IN_LANGUAGES).map((texts) => texts[key]);
  for (const texts of Object.values(overrides)) {
    const value = texts[key];
    if (typeof value === 'string') names.push(value);
  }
  return anyOf(names);
}

/**
 * A category's checkbox name: the label the site gave it (config
 * `categories.<id>.label`), else the built-in label of a built-in category
 * (`analyticsLabel`), else `undefined` (a category this kit cannot name).
 */
export function categoryPattern(category: string, overrides: TextOverrides = {}, label?: LabelPattern): RegExp | undefined {
  if (label instanceof RegExp) return label;
  if (label !== undefined) return anyOf(typeof label === 'string' ? [label] : Object.values(label));
  const key = `${category}Label`;
  return category !== 'necessary' && key in fr ? textPattern(key as TextKey, overrides) : undefined;
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
