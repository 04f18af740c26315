import { describe, expect, it } from 'vitest';
import { en } from './en.js';
import { fr } from './fr.js';
import { localise, resolveLanguage, resolveTexts } from './resolve-texts.js';

const has = (...codes: string[]) => (code: string) => codes.includes(code);

describe('language and texts', () => {
  it('prefers config, then <html lang>, then the browser, then French', () => {
    expect(resolveLanguage({ configured: 'en', documentLang: 'fr', browserLanguages: ['fr'] }, has('fr', 'en'))).toBe('en');
    expect(resolveLanguage({ documentLang: 'en-GB', browserLanguages: ['fr'] }, has('fr', 'en'))).toBe('en');
    expect(resolveLanguage({ documentLang: '', browserLanguages: ['de-DE', 'en-US'] }, has('fr', 'en'))).toBe('en');
    expect(resolveLanguage({ browserLanguages: ['ja'] }, has('fr', 'en'))).toBe('fr');
  });

  it('keeps every built-in language complete', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(fr).sort());
    for (const value of [...Object.values(fr), ...Object.values(en)]) expect(value.trim()).not.toBe('');
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
  });
});
