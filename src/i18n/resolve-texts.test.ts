import { describe, expect, it } from 'vitest';
import { en } from './en.js';
import { fr } from './fr.js';
import { de, es, it as italian, nl } from './languages.js';
import { localise, resolveLanguage, resolveTexts, textDirection } from './resolve-texts.js';
import type { Texts } from './texts.js';

const has = (...codes: string[]) => (code: string) => codes.includes(code);

describe('language and texts', () => {
  it('prefers config, then <html lang>, then the browser, then French', () => {
    expect(resolveLanguage({ configured: 'en', documentLang: 'fr', browserLanguages: ['fr'] }, has('fr', 'en'))).toBe('en');
    expect(resolveLanguage({ documentLang: 'en-GB', browserLanguages: ['fr'] }, has('fr', 'en'))).toBe('en');
    expect(resolveLanguage({ documentLang: '', browserLanguages: ['de-DE', 'en-US'] }, has('fr', 'en'))).toBe('en');
    // A language the build lacks: English, not French; no hint at all: the site's French.
    expect(resolveLanguage({ browserLanguages: ['ja'] }, has('fr', 'en'))).toBe('en');
    expect(resolveLanguage({ documentLang: 'pt-BR', browserLanguages: ['pt'] }, has('fr', 'en'))).toBe('en');
    expect(resolveLanguage({ documentLang: '', browserLanguages: [] }, has('fr', 'en'))).toBe('fr');
    expect(resolveLanguage({}, has('fr', 'en'))).toBe('fr');
    // An empty entry in the browser's list is no hint either.
    expect(resolveLanguage({ browserLanguages: [''] }, has('fr', 'en'))).toBe('fr');
  });

  it('gives a page declared in a language the build lacks English, whatever the browser says (issue #15)', () => {
    expect(resolveLanguage({ documentLang: 'de', browserLanguages: ['fr-FR', 'fr'] }, has('fr', 'en'))).toBe('en');
    expect(resolveLanguage({ configured: 'ja', browserLanguages: ['fr'] }, has('fr', 'en'))).toBe('en');
    // The config's language first, then the page's, before English.
    expect(resolveLanguage({ configured: 'de', documentLang: 'fr-FR', browserLanguages: ['en'] }, has('fr', 'en'))).toBe('fr');
    // A blank <html lang> declares nothing: the browser decides.
    expect(resolveLanguage({ documentLang: '  ', browserLanguages: ['en-US'] }, has('fr', 'en'))).toBe('en');
    expect(resolveLanguage({ documentLang: '', browserLanguages: ['fr-FR'] }, has('fr', 'en'))).toBe('fr');
    // So does a lang that is no language tag.
    expect(resolveLanguage({ documentLang: 'constructor', browserLanguages: ['fr-FR'] }, has('fr', 'en'))).toBe('fr');
    expect(resolveLanguage({ documentLang: 'x', browserLanguages: ['en'] }, has('fr', 'en'))).toBe('en');
    // A build or a site that has the page's language uses it.
    expect(resolveLanguage({ documentLang: 'de-CH', browserLanguages: ['fr'] }, has('fr', 'en', 'de'))).toBe('de');
  });

  it('keeps every translation complete, with the same placeholders as French', () => {
    for (const texts of [en, de, es, italian, nl] as Texts[]) {
      expect(Object.keys(texts).sort()).toEqual(Object.keys(fr).sort());
      for (const [key, value] of Object.entries(texts)) {
        expect(value.trim()).not.toBe('');
        expect(value.match(/\{\w+\}/g)).toEqual(fr[key as keyof Texts].match(/\{\w+\}/g));
      }
    }
  });

  it('falls back from a region to its base language, and fills an added language from English', () => {
    expect(resolveLanguage({ documentLang: 'de-AT' }, has('fr', 'en', 'de'))).toBe('de');
    expect(resolveTexts('de-AT', { de }).acceptAll).toBe('Alle akzeptieren');
    const added = resolveTexts('ar', { ar: { acceptAll: 'قبول الكل' } });
    expect(added.acceptAll).toBe('قبول الكل');
    expect(added.rejectAll).toBe('Reject all');
    expect(textDirection('ar')).toBe('rtl');
    expect(textDirection('he-IL')).toBe('rtl');
    expect(textDirection('fr')).toBe('ltr');
  });

  it('merges site overrides over the built-in strings', () => {
    const texts = resolveTexts('fr', { fr: { privacyPolicy: 'Engagement de confidentialité' } });
    expect(texts.privacyPolicy).toBe('Engagement de confidentialité');
    expect(texts.acceptAll).toBe('Tout accepter');
    expect(resolveTexts('en-GB', {}).acceptAll).toBe('Accept all');
  });

  it('localises per-language config strings', () => {
    expect(localise({ fr: 'Réseaux', en: 'Social' }, 'en-US')).toBe('Social');
    expect(localise({ fr: 'Réseaux' }, 'en')).toBe('Réseaux');
    expect(localise('Social', 'fr')).toBe('Social');
    expect(localise(undefined, 'fr')).toBeUndefined();
  });

  it('takes a full code the build has before its base, and reads a hint with spaces and capitals', () => {
    expect(resolveLanguage({ documentLang: 'pt-BR' }, has('fr', 'en', 'pt', 'pt-br'))).toBe('pt-br');
    expect(resolveLanguage({ documentLang: ' DE ' }, has('fr', 'de'))).toBe('de');
  });

  it('gives a region of a built-in language that language’s texts (fr-CA is French)', () => {
    expect(resolveTexts('fr-CA', {}).acceptAll).toBe('Tout accepter');
  });
});
