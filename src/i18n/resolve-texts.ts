/**
 * Picks the UI language and merges the site's overrides over the built-in strings.
 * Order: config `language`, then `<html lang>`; the browser's languages only when
 * the page declares none. A region variant (`fr-CA`) falls back to its base. When
 * none of them is available, English (a page in German or Japanese is better served
 * in English than in French, whatever the visitor's browser says), and French only
 * when there is no hint at all (the sites are French).
 */
import { en } from './en.js';
import { fr } from './fr.js';
import type { Texts } from './texts.js';
import { ownValue } from '../own-property.js';

export const BUILT_IN_TEXTS: Readonly<Record<string, Texts>> = { fr, en };
export const DEFAULT_LANGUAGE = 'fr';
/** For a page in a language the build lacks. */
export const FALLBACK_LANGUAGE = 'en';
/** A language tag as pages and configs write them (`fr`, `en-GB`, `zh-Hant-TW`). */
export const LANGUAGE_TAG = /^[a-z]{2,3}(-[a-z0-9]{2,8})*$/i;

export interface LanguageHints {
  readonly configured?: string | undefined;
  readonly documentLang?: string | undefined;
  readonly browserLanguages?: readonly string[] | undefined;
}

export function resolveLanguage(
  hints: LanguageHints,
  available: (language: string) => boolean,
): string {
  // The page's own language speaks for its readers: a German page seen in a French
  // browser gets English when the build lacks German, not the browser's French.
  // A blank or malformed `lang` (`lang="constructor"`) declares nothing.
  const declared = [hints.configured, hints.documentLang].filter((hint) => hint !== undefined && LANGUAGE_TAG.test(hint.trim()));
  const candidates = declared.length > 0 ? declared : (hints.browserLanguages ?? []);
  let hinted = false;
  for (const candidate of candidates) {
    if (!candidate) continue;
    hinted = true;
    const full = candidate.trim().toLowerCase();
    const base = full.split('-')[0] ?? full;
    if (available(full)) return full;
    if (available(base)) return base;
  }
  // Nothing matched: no hint said French (it is always available), so English
  // reaches more of these readers than French would. No hint at all: the site's French.
  return hinted && available(FALLBACK_LANGUAGE) ? FALLBACK_LANGUAGE : DEFAULT_LANGUAGE;
}

/**
 * Built-in strings of the language, overridden by the site's strings for that
 * language. A language the site adds falls back to English for the strings it
 * leaves out: its readers are likelier to read English than French.
 */
export function resolveTexts(
  language: string,
  overrides: Readonly<Record<string, Partial<Texts>>>,
): Texts {
  const base = language.split('-')[0] ?? language;
  // Codes come from the page (`<html lang="constructor">`): own keys only.
  const builtIn = ownValue(BUILT_IN_TEXTS, language) ?? ownValue(BUILT_IN_TEXTS, base) ?? en;
  return { ...builtIn, ...ownValue(overrides, base), ...ownValue(overrides, language) };
}

/** A config text that is either one string or one per language. */
export function localise(
  text: string | Readonly<Record<string, string>> | undefined,
  language: string,
): string | undefined {
  if (text === undefined || typeof text === 'string') return text;
  const base = language.split('-')[0] ?? language;
  return ownValue(text, language) ?? ownValue(text, base) ?? ownValue(text, DEFAULT_LANGUAGE) ?? Object.values(text)[0];
}

/** Scripts written right to left (Arabic, Hebrew, Persian, Urdu, Yiddish, Pashto, Sindhi, Dhivehi, Kurdish Sorani, Uyghur). */
const RTL = new Set(['ar', 'he', 'fa', 'ur', 'yi', 'ps', 'sd', 'dv', 'ckb', 'ug']);

export function textDirection(language: string): 'ltr' | 'rtl' {
  return RTL.has(language.split('-')[0] ?? language) ? 'rtl' : 'ltr';
}
