import { describe, expect, it } from 'vitest';
import { HOST_ATTRIBUTE } from '../ui/mount-root.js';
import type { TextKey } from '../i18n/texts.js';
import { OPEN_ATTRIBUTE, UI_HOST } from './consent-banner.js';
import { OPEN_ATTRIBUTE as SDK_OPEN_ATTRIBUTE } from '../ui-host/ui-host.js';
import { anyOf, BUILT_IN_LANGUAGES, categoryPattern, textPattern } from './text-patterns.js';

/** Names the kit tells apart by role and name: no language's string may match another key's pattern. */
const BUTTONS: TextKey[] = ['acceptAll', 'rejectAll', 'customise', 'save', 'manage', 'close'];
const CATEGORIES: TextKey[] = ['analyticsLabel', 'advertisingLabel', 'personalisationLabel', 'necessaryLabel'];

describe('text patterns', () => {
  it('match each built-in language’s own string, whole', () => {
    for (const [language, texts] of Object.entries(BUILT_IN_LANGUAGES)) {
      for (const key of [...BUTTONS, ...CATEGORIES, 'bannerLabel', 'dialogTitle'] as TextKey[]) {
        expect(textPattern(key).test(texts[key]), `${language}.${key}`).toBe(true);
        expect(textPattern(key).test(`${texts[key]} x`)).toBe(false);
      }
    }
    expect(Object.keys(BUILT_IN_LANGUAGES).sort()).toEqual(['de', 'en', 'es', 'fr', 'it', 'nl']);
  });

  it('never confuse two buttons, or two categories, in any language', () => {
    for (const group of [BUTTONS, CATEGORIES]) {
      for (const key of group) {
        for (const other of group.filter((k) => k !== key)) {
          for (const texts of Object.values(BUILT_IN_LANGUAGES)) expect(textPattern(key).test(texts[other]), `${key} vs ${other}`).toBe(false);
        }
      }
    }
  });

  it('add the site’s overrides and escape them', () => {
    const pattern = textPattern('acceptAll', { fr: { acceptAll: 'J’accepte (tout)' }, pt: { acceptAll: 'Aceitar tudo' } });
    expect(pattern.test('J’accepte (tout)')).toBe(true);
    expect(pattern.test('Aceitar tudo')).toBe(true);
    expect(pattern.test('Tout accepter')).toBe(true);
    expect(pattern.test('J’accepte tout')).toBe(false);
    expect(anyOf(['a.b', '  spaced   out ']).test('spaced out')).toBe(true);
    expect(anyOf(['a.b']).test('axb')).toBe(false);
  });

  it('name categories: built-in labels, or the site’s', () => {
    expect(categoryPattern('advertising')?.test('Werbung')).toBe(true);
    expect(categoryPattern('advertising')?.test('Publicité')).toBe(true);
    expect(categoryPattern('newsletter')).toBeUndefined();
    expect(categoryPattern('necessary')).toBeUndefined();
    expect(categoryPattern('newsletter', {}, { fr: 'Lettre d’information', en: 'Newsletter' })?.test('Newsletter')).toBe(true);
    expect(categoryPattern('analytics', {}, 'Statistiques')?.test('Mesure d’audience')).toBe(false);
    expect(categoryPattern('analytics', {}, /^Stat/)?.test('Statistiques')).toBe(true);
  });

  it('start from the SDK’s own shadow host', () => {
    expect(UI_HOST).toBe(`[${HOST_ATTRIBUTE}]`);
  });

  it('know the attribute of the page’s own “Gérer les cookies” links', () => {
    expect(OPEN_ATTRIBUTE).toBe(SDK_OPEN_ATTRIBUTE);
  });
});
