import { describe, expect, it } from 'vitest';
import { ConsentConfigError } from './config-error.js';
import { validateConfig } from './validate-config.js';

const minimal = { privacyPolicyUrl: '/confidentialite' };

function fieldOf(config: unknown): string {
  try {
    validateConfig(config);
  } catch (error) {
    expect(error).toBeInstanceOf(ConsentConfigError);
    return (error as ConsentConfigError).field;
  }
  throw new Error('expected a ConsentConfigError');
}

describe('validateConfig', () => {
  it('fills defaults', () => {
    const config = validateConfig(minimal);
    expect(config).toMatchObject({
      privacyPolicyUrl: '/confidentialite',
      revision: 1,
      validityMonths: 6,
      cookieName: 'nexus_consent',
      cookieDomain: undefined,
      ui: true,
      debug: false,
    });
    expect(config.categories.map((c) => c.id)).toEqual(['necessary', 'analytics', 'advertising', 'personalisation']);
  });

  it('adds site categories after the built-in ones and keeps their services', () => {
    const config = validateConfig({
      ...minimal,
      categories: {
        social: { label: { fr: 'Réseaux sociaux', en: 'Social' }, services: [{ id: 'x-embed', name: 'X' }] },
        analytics: { services: [{ id: 'matomo', name: 'Matomo' }] },
      },
    });
    expect(config.categories.map((c) => c.id)).toEqual(['necessary', 'analytics', 'advertising', 'personalisation', 'social']);
    expect(config.categories[1]?.services).toEqual([{ id: 'matomo', name: 'Matomo' }]);
  });

  it.each([
    ['the config itself', null, '(root)'],
    ['a missing policy URL', {}, 'privacyPolicyUrl'],
    ['a javascript: policy URL', { privacyPolicyUrl: 'javascript:alert(1)' }, 'privacyPolicyUrl'],
    ['a data: policy URL', { privacyPolicyUrl: 'data:text/html,<script>alert(1)</script>' }, 'privacyPolicyUrl'],
    ['a fractional revision', { ...minimal, revision: 1.5 }, 'revision'],
    ['a string revision', { ...minimal, revision: '2' }, 'revision'],
    ['a validity of 14 months', { ...minimal, validityMonths: 14 }, 'validityMonths'],
    ['a bad language', { ...minimal, language: 'français' }, 'language'],
    ['a bad cookie name', { ...minimal, cookie: { name: 'a;b' } }, 'cookie.name'],
    ['a bad cookie domain', { ...minimal, cookie: { domain: 'http://x.fr' } }, 'cookie.domain'],
    ['an unknown cookie option', { ...minimal, cookie: { path: '/x' } }, 'cookie.path'],
    ['a typo in an option', { ...minimal, valdityMonths: 3 }, 'valdityMonths'],
    ['an upper-case category', { ...minimal, categories: { Social: {} } }, 'categories.Social'],
    ['services that are not an array', { ...minimal, categories: { analytics: { services: {} } } }, 'categories.analytics.services'],
    ['a service without a name', { ...minimal, categories: { analytics: { services: [{ id: 'ga' }] } } }, 'categories.analytics.services[0].name'],
    ['an unknown text key', { ...minimal, texts: { fr: { acceptAl: 'Oui' } } }, 'texts.fr.acceptAl'],
    ['a text that is not a string', { ...minimal, texts: { en: { acceptAll: 1 } } }, 'texts.en.acceptAll'],
    ['ui that is not a boolean', { ...minimal, ui: 'yes' }, 'ui'],
    ['an unknown layout', { ...minimal, layout: 'popup' }, 'layout'],
    ['an unknown theme', { ...minimal, theme: 'blue' }, 'theme'],
    ['floatingButton true', { ...minimal, floatingButton: true }, 'floatingButton'],
    ['a javascript: vendor policy', { ...minimal, categories: { analytics: { services: [{ id: 'ga', name: 'GA', policyUrl: 'javascript:alert(1)' }] } } }, 'categories.analytics.services[0].policyUrl'],
    ['a service id with a dot', { ...minimal, categories: { analytics: { services: [{ id: 'a.b', name: 'AB' }] } } }, 'categories.analytics.services[0].id'],
    ['a service cookie without a name', { ...minimal, categories: { analytics: { services: [{ id: 'ga', name: 'GA', cookies: [{ purpose: 'x' }] }] } } }, 'categories.analytics.services[0].cookies[0].name'],
    ['a service cookie that is only a wildcard', { ...minimal, categories: { analytics: { services: [{ id: 'ga', name: 'GA', cookies: [{ name: '*' }] }] } } }, 'categories.analytics.services[0].cookies[0].name'],
    ['an unknown service cookie key', { ...minimal, categories: { analytics: { services: [{ id: 'ga', name: 'GA', cookies: [{ name: '_ga', duration: '1y' }] }] } } }, 'categories.analytics.services[0].cookies[0].duration'],
  ])('names the field for %s', (_label, config, field) => {
    expect(fieldOf(config)).toBe(field);
  });

  it('keeps what the preference centre shows of a service, and the look options', () => {
    const config = validateConfig({
      ...minimal,
      layout: 'box',
      theme: 'dark',
      floatingButton: false,
      categories: {
        analytics: {
          services: [{ id: 'google-analytics', name: 'GA', vendor: 'Google', policyUrl: 'https://policies.google.com/privacy', cookies: [{ name: '_ga', lifetime: { fr: '13 mois' } }] }],
        },
      },
    });
    expect(config).toMatchObject({ layout: 'box', theme: 'dark', floatingButton: false });
    expect(config.categories[1]?.services[0]).toEqual({
      id: 'google-analytics', name: 'GA', vendor: 'Google', policyUrl: 'https://policies.google.com/privacy', cookies: [{ name: '_ga', lifetime: { fr: '13 mois' } }],
    });
    expect(validateConfig(minimal)).toMatchObject({ layout: 'bar', theme: 'auto', floatingButton: 'bottom-left' });
    // Listed cookies become classification rules, after the site's own.
    expect(config.rules.cookies).toEqual([{ name: '_ga', category: 'analytics', service: 'google-analytics', vendor: 'Google' }]);
    const prefixed = validateConfig({ ...minimal, rules: { cookies: [{ name: 'x', category: 'analytics' }] }, categories: { advertising: { services: [{ id: 'ads', name: 'Ads', cookies: [{ name: 'ad_*' }, { name: 'a*b' }] }] } } });
    expect(prefixed.rules.cookies).toEqual([
      { name: 'x', category: 'analytics' },
      { prefix: 'ad_', category: 'advertising', service: 'ads', vendor: 'Ads' },
      { pattern: 'a*b', category: 'advertising', service: 'ads', vendor: 'Ads' },
    ]);
  });

  it('takes serviceDetails as the details object or a URL, and names the field otherwise', () => {
    expect(validateConfig({ ...minimal, serviceDetails: '/js/nexus-consent.details.json' }).serviceDetails).toBe('/js/nexus-consent.details.json');
    const details = { format: 1, language: 'en', services: {} };
    expect(validateConfig({ ...minimal, serviceDetails: details }).serviceDetails).toEqual(details);
    expect(fieldOf({ ...minimal, serviceDetails: 'javascript:alert(1)' })).toBe('serviceDetails');
    expect(fieldOf({ ...minimal, serviceDetails: { services: {} } })).toBe('serviceDetails');
  });

  it('says what was expected and what it got', () => {
    expect(() => validateConfig({ ...minimal, validityMonths: 24 })).toThrow(
      'nexus-consent: config.validityMonths must be an integer from 1 to 13; got number 24',
    );
  });
});

describe('consentLog', () => {
  it('takes an http(s) URL or a path', () => {
    expect(validateConfig({ ...minimal, consentLog: { endpoint: '/consent-log/v1/receipts' } }).consentLog).toEqual({ endpoint: '/consent-log/v1/receipts' });
    expect(validateConfig({ ...minimal, consentLog: { endpoint: 'https://log.example.fr/v1/receipts' } }).consentLog?.endpoint).toBe('https://log.example.fr/v1/receipts');
    expect(validateConfig(minimal).consentLog).toBeUndefined();
  });
  it('fails closed on anything else, naming the field', () => {
    expect(fieldOf({ ...minimal, consentLog: { endpoint: 'javascript:alert(1)' } })).toBe('consentLog.endpoint');
    expect(fieldOf({ ...minimal, consentLog: { endpoint: 'data:text/plain,x' } })).toBe('consentLog.endpoint');
    expect(fieldOf({ ...minimal, consentLog: { endpoint: '' } })).toBe('consentLog.endpoint');
    expect(fieldOf({ ...minimal, consentLog: {} })).toBe('consentLog.endpoint');
    expect(fieldOf({ ...minimal, consentLog: '/consent-log' })).toBe('consentLog');
    expect(fieldOf({ ...minimal, consentLog: { endpoint: '/x', url: '/y' } })).toBe('consentLog.url');
  });
});
