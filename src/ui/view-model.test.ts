import { describe, expect, it } from 'vitest';
import { validateConfig } from '../config/validate-config.js';
import { fr } from '../i18n/fr.js';
import { displayName, uiCategories, uiServices } from './view-model.js';

const config = validateConfig({
  privacyPolicyUrl: '/p',
  categories: {
    analytics: {
      services: [
        { id: 'google-analytics', name: 'Google Analytics', cookies: [{ name: '_ga_*', purpose: { fr: 'Session', en: 'Session' }, lifetime: '13 mois' }] },
      ],
    },
  },
});
const categories = uiCategories(config.categories, fr, 'fr');

describe('the preference centre’s services', () => {
  it('lists the configured services first, with the cookies found in the page that the config does not list', () => {
    const services = uiServices(
      config.categories,
      [
        { id: 'google-analytics', vendor: 'Google', category: 'analytics', cookies: ['_ga', '_ga_NEXUS1'] },
        { id: 'hotjar', vendor: 'Hotjar', category: 'analytics', cookies: ['_hjSessionUser_1'] },
        { id: 'php', vendor: 'PHP', category: 'necessary', cookies: ['PHPSESSID'] },
        { id: 'youtube', vendor: 'Google', category: 'advertising', cookies: [] },
      ],
      'fr',
      categories,
    );
    expect(services.map((s) => [s.id, s.category, s.name, s.vendor])).toEqual([
      ['google-analytics', 'analytics', 'Google Analytics', 'Google'],
      ['hotjar', 'analytics', 'Hotjar', 'Hotjar'],
      ['youtube', 'advertising', 'Youtube', 'Google'],
    ]);
    // `_ga_*` covers `_ga_NEXUS1`; `_ga` is not listed, so it is added from the page.
    expect(services[0]?.cookies).toEqual([{ name: '_ga_*', purpose: 'Session', lifetime: '13 mois' }, { name: '_ga' }]);
    // A found service is described by its category's purpose.
    expect(services[1]?.description).toBe(fr.analyticsDescription);
  });

  it('fills what the config does not say from the catalogue details, marking their language', () => {
    const details = {
      format: 1 as const,
      language: 'en',
      services: {
        'google-analytics': { policyUrl: 'https://ga.example/privacy', cookies: [['_ga', 'Distinguishes users', '2 years'] as const] },
        hotjar: { policyUrl: 'https://hotjar.example/privacy', cookies: [['_hjSessionUser_*', 'Keeps the user id', '365 days'] as const] },
      },
    };
    const found = [
      { id: 'google-analytics', vendor: 'Google', category: 'analytics', cookies: ['_ga'] },
      { id: 'hotjar', vendor: 'Hotjar', category: 'analytics', cookies: ['_hjSessionUser_1', '_hjOther'] },
    ];
    const [ga, hotjar] = uiServices(config.categories, found, 'fr', categories, details);
    // The config lists Google Analytics' cookies: they win; its policy comes from the details.
    expect(ga?.policyUrl).toBe('https://ga.example/privacy');
    expect(ga?.cookies).toEqual([{ name: '_ga_*', purpose: 'Session', lifetime: '13 mois' }, { name: '_ga' }]);
    // Hotjar is only found: the catalogue's cookies, in English (lang), then what the page holds beyond them.
    expect(hotjar?.policyUrl).toBe('https://hotjar.example/privacy');
    expect(hotjar?.cookies).toEqual([
      { name: '_hjSessionUser_*', purpose: 'Keeps the user id', lifetime: '365 days', lang: 'en' },
      { name: '_hjOther' },
    ]);
    // In English the texts need no marking.
    expect(uiServices(config.categories, found, 'en-GB', categories, details)[1]?.cookies[0]).toMatchObject({ lang: undefined });
  });

  it('leaves out services of categories the site does not ask about', () => {
    const services = uiServices(config.categories, [{ id: 'x', vendor: 'X', category: 'social', cookies: [] }], 'fr', categories);
    expect(services.map((s) => s.id)).toEqual(['google-analytics']);
  });

  it('turns catalogue ids into names', () => {
    expect(displayName('google-analytics')).toBe('Google Analytics');
    expect(displayName('ab_tasty')).toBe('Ab Tasty');
  });
});
