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

/**
 * What a mutation run found unpinned: the defaults as a whole, each message
 * word for word (the "clear message" of failing closed), and the checks of
 * optional fields. Written from the config's documentation, not printed from
 * the code.
 */
describe('validateConfig — defaults, messages and optional fields', () => {
  const service = (extra: Record<string, unknown>) => ({ ...minimal, categories: { analytics: { services: [{ id: 'ga', name: 'GA', ...extra }] } } });

  it('resolves the minimal config to exactly these defaults', () => {
    const none = { label: undefined, description: undefined, services: [] };
    expect(validateConfig(minimal)).toStrictEqual({
      privacyPolicyUrl: '/confidentialite',
      revision: 1,
      language: undefined,
      validityMonths: 6,
      cookieName: 'nexus_consent',
      cookieDomain: undefined,
      categories: ['necessary', 'analytics', 'advertising', 'personalisation'].map((id) => ({ id, ...none })),
      rules: { cookies: [] },
      catalogues: [],
      // Blocking is on unless a site turns it off; nothing reloads, GPC is not assumed.
      autoBlock: true,
      reloadOnWithdraw: false,
      texts: {},
      ui: true,
      layout: 'bar',
      theme: 'auto',
      floatingButton: 'bottom-left',
      nonce: undefined,
      debug: false,
      googleConsentMode: undefined,
      honorGlobalPrivacyControl: false,
      serviceDetails: undefined,
      consentLog: undefined,
    });
  });

  it('takes each boolean option as given, true or false', () => {
    for (const key of ['autoBlock', 'reloadOnWithdraw', 'ui', 'debug', 'honorGlobalPrivacyControl'] as const) {
      expect(validateConfig({ ...minimal, [key]: true })[key]).toBe(true);
      expect(validateConfig({ ...minimal, [key]: false })[key]).toBe(false);
      expect(() => validateConfig({ ...minimal, [key]: 1 })).toThrow(`nexus-consent: config.${key} must be true or false; got number 1`);
    }
  });

  it.each([
    [{ ...minimal, catalogues: {} }, 'catalogues must be an array of compiled catalogues; got an object'],
    [{ ...minimal, catalogues: [{}] }, 'catalogues[0] must be a compiled catalogue (e.g. catalogueFull from nexus-consent/catalogue-full); got an object'],
    [{ ...minimal, cookie: 'x' }, 'cookie must be an object; got "x"'],
    [{ ...minimal, categories: [] }, 'categories must be an object keyed by category id; got an array'],
    [{ ...minimal, categories: { Social: {} } }, 'categories.Social must be keyed by a lowercase id (a-z, 0-9, "-"); got "Social"'],
    [{ ...minimal, categories: { constructor: {} } }, 'categories.constructor must be an id that is not a property every JavaScript object has (constructor, __proto__…); got "constructor"'],
    [{ ...minimal, categories: { analytics: 'x' } }, 'categories.analytics must be an object; got "x"'],
    [{ ...minimal, categories: { analytics: { colour: 1 } } }, 'categories.analytics.colour must be absent (not a known option; known: label, description, services); got number 1'],
    [{ ...minimal, categories: { analytics: { label: { fr: 1 } } } }, 'categories.analytics.label.fr must be a string keyed by a language code; got number 1'],
    [{ ...minimal, categories: { analytics: { description: { 'fr!': 'x' } } } }, 'categories.analytics.description.fr! must be a string keyed by a language code; got "x"'],
    [{ ...minimal, categories: { analytics: { label: 1 } } }, 'categories.analytics.label must be a string or an object of strings keyed by language; got number 1'],
    [{ ...minimal, categories: { analytics: { services: ['x'] } } }, 'categories.analytics.services[0] must be an object { id, name }; got "x"'],
    [service({ colour: 1 }), 'categories.analytics.services[0].colour must be absent (not a known option; known: id, name, description, vendor, policyUrl, cookies); got number 1'],
    [service({ id: 1 }), 'categories.analytics.services[0].id must be a lowercase id such as "google-analytics"; got number 1'],
    [service({ id: 'constructor' }), 'categories.analytics.services[0].id must be an id that is not a property every JavaScript object has (constructor, __proto__…); got "constructor"'],
    [service({ name: ' ' }), 'categories.analytics.services[0].name must be a non-empty string; got " "'],
    [service({ name: 1 }), 'categories.analytics.services[0].name must be a non-empty string; got number 1'],
    [service({ vendor: ' ' }), 'categories.analytics.services[0].vendor must be a non-empty string; got " "'],
    [service({ description: { fr: 1 } }), 'categories.analytics.services[0].description.fr must be a string keyed by a language code; got number 1'],
    [service({ policyUrl: '' }), 'categories.analytics.services[0].policyUrl must be an http(s) URL or a path; got ""'],
    [service({ cookies: 'x' }), 'categories.analytics.services[0].cookies must be an array; got "x"'],
    [service({ cookies: ['x'] }), 'categories.analytics.services[0].cookies[0] must be an object { name, purpose?, lifetime? }; got "x"'],
    [service({ cookies: [{ name: 'a b' }] }), 'categories.analytics.services[0].cookies[0].name must be a cookie name, or a prefix ending in "*" (no spaces, ";", "," or "="); got "a b"'],
    [service({ cookies: [{ name: '_ga', purpose: { fr: 1 } }] }), 'categories.analytics.services[0].cookies[0].purpose.fr must be a string keyed by a language code; got number 1'],
    [service({ cookies: [{ name: '_ga', lifetime: { fr: 1 } }] }), 'categories.analytics.services[0].cookies[0].lifetime.fr must be a string keyed by a language code; got number 1'],
    [{ ...minimal, texts: 'x' }, 'texts must be an object keyed by language code; got "x"'],
    [{ ...minimal, texts: { 'fr!': {} } }, 'texts.fr! must be keyed by a language code; got "fr!"'],
    [{ ...minimal, texts: { fr: 'x' } }, 'texts.fr must be an object of strings; got "x"'],
    [{ ...minimal, texts: { fr: { acceptAll: 1 } } }, 'texts.fr.acceptAll must be a string; got number 1'],
    [{ ...minimal, texts: { fr: { acceptAl: 'Oui' } } }, 'texts.fr.acceptAl must be one of bannerLabel, bannerTitle, bannerText, '],
    [{ ...minimal, rules: { cookies: [{ name: 'a', category: 'social' }] } }, 'rules.cookies[0].category must be one of necessary, analytics, advertising, personalisation; got "social"'],
    [{ ...minimal, serviceDetails: 1 }, 'serviceDetails must be serviceDetails (nexus-consent/catalogue-details) or the URL of nexus-consent.details.json; got number 1'],
    [{ ...minimal, consentLog: 'x' }, 'consentLog must be an object { endpoint }; got "x"'],
    [{ ...minimal, consentLog: { endpoint: 1 } }, "consentLog.endpoint must be the consent log's URL (http(s) or a path); got number 1"],
    [{ ...minimal, autoBlock: 'no' }, 'autoBlock must be true or false; got "no"'],
    [{ ...minimal, layout: 'x' }, 'layout must be one of "bar", "bar-top", "box", "modal"; got "x"'],
    [{ ...minimal, floatingButton: true }, 'floatingButton must be one of "bottom-left", "bottom-right", false; got boolean true'],
    [{ privacyPolicyUrl: ' ' }, 'privacyPolicyUrl must be the URL of the privacy policy (http(s) or a path); got " "'],
    [{ privacyPolicyUrl: 1 }, 'privacyPolicyUrl must be the URL of the privacy policy (http(s) or a path); got number 1'],
    // One message per field, for a blank value as for a wrong scheme.
    [{ privacyPolicyUrl: 'ftp://x' }, 'privacyPolicyUrl must be the URL of the privacy policy (http(s) or a path); got "ftp://x"'],
    [{ ...minimal, serviceDetails: 'ftp://x' }, 'serviceDetails must be serviceDetails (nexus-consent/catalogue-details) or the URL of nexus-consent.details.json; got "ftp://x"'],
    [{ ...minimal, consentLog: { endpoint: 'javascript:alert(1)' } }, "consentLog.endpoint must be the consent log's URL (http(s) or a path); got \"javascript:alert(1)\""],
    [service({ policyUrl: 'data:x' }), 'categories.analytics.services[0].policyUrl must be an http(s) URL or a path; got "data:x"'],
    [{ ...minimal, language: 'français' }, 'language must be a language code such as "fr" or "en-GB"; got "français"'],
    [{ ...minimal, theme: 'blue' }, 'theme must be one of "auto", "light", "dark"; got "blue"'],
    [{ ...minimal, nonce: '' }, 'nonce must be a non-empty string; got ""'],
    [{ ...minimal, cookie: { name: 'a;b' } }, 'cookie.name must be a cookie name (an RFC 6265 token); got "a;b"'],
    [{ ...minimal, cookie: { domain: 'http://x.fr' } }, 'cookie.domain must be a domain name such as "nexus-tech.fr"; got "http://x.fr"'],
    [{ ...minimal, cookie: { path: '/' } }, 'cookie.path must be absent (not a known option; known: name, domain); got "/"'],
    [null, '(root) must be an object; got null'],
  ])('%#: says what was expected and what it got', (config, message) => {
    expect(() => validateConfig(config)).toThrow(ConsentConfigError);
    expect(() => validateConfig(config)).toThrow(`nexus-consent: config.${message}`);
  });

  it('a cookie name may hold no space, ";", "," or "=" anywhere, and a "*" only with a literal part', () => {
    for (const name of ['a b', ' ab', 'ab ', 'a;b', 'a,b', 'a=b', '**']) expect(fieldOf(service({ cookies: [{ name }] }))).toBe('categories.analytics.services[0].cookies[0].name');
    const rules = (name: string) => validateConfig(service({ cookies: [{ name }] })).rules.cookies;
    expect(rules('_ga')).toEqual([{ name: '_ga', category: 'analytics', service: 'ga', vendor: 'GA' }]);
    expect(rules('_ga*')).toEqual([{ prefix: '_ga', category: 'analytics', service: 'ga', vendor: 'GA' }]);
    // A "*" first is a pattern, not a prefix.
    expect(rules('*_ga')).toEqual([{ pattern: '*_ga', category: 'analytics', service: 'ga', vendor: 'GA' }]);
  });

  it('keeps a service’s optional fields only when given, texts included', () => {
    const full = validateConfig(service({ description: 'Mesure', vendor: 'Google', policyUrl: '/ga', cookies: [{ name: '_ga', purpose: 'Compter', lifetime: { fr: '13 mois' } }] }));
    // The config is copied into objects without a prototype: compared by their own keys and values.
    const keysOf = (value: object) => Object.keys(value);
    const fullService = full.categories[1]!.services[0]!;
    expect(fullService).toEqual({
      id: 'ga', name: 'GA', description: 'Mesure', vendor: 'Google', policyUrl: '/ga', cookies: [{ name: '_ga', purpose: 'Compter', lifetime: { fr: '13 mois' } }],
    });
    expect(keysOf(fullService)).toEqual(['id', 'name', 'description', 'vendor', 'policyUrl', 'cookies']);
    expect(keysOf(fullService.cookies![0]!)).toEqual(['name', 'purpose', 'lifetime']);
    const bare = validateConfig(service({ cookies: [{ name: '_ga' }] })).categories[1]!.services[0]!;
    expect(keysOf(bare)).toEqual(['id', 'name', 'cookies']);
    expect(keysOf(bare.cookies![0]!)).toEqual(['name']);
    expect(keysOf(validateConfig(service({})).categories[1]!.services[0]!)).toEqual(['id', 'name']);
    // A category's label and description, a string or one per language.
    const labelled = validateConfig({ ...minimal, categories: { analytics: { label: 'Mesure', description: { fr: 'Compter', en: 'Count' } } } });
    expect(labelled.categories[1]).toMatchObject({ label: 'Mesure', description: { fr: 'Compter', en: 'Count' } });
  });

  it('a necessary service’s cookies are no classification rules: they need no consent', () => {
    const config = validateConfig({ ...minimal, categories: { necessary: { services: [{ id: 'session', name: 'Session', cookies: [{ name: 'PHPSESSID' }] }] } } });
    expect(config.rules.cookies).toEqual([]);
  });

  it('takes texts per language code, and catalogues when they are compiled catalogues', () => {
    expect(validateConfig({ ...minimal, texts: { 'en-GB': { acceptAll: 'Accept' } } }).texts).toEqual({ 'en-GB': { acceptAll: 'Accept' } });
    const catalogue = { format: 1, services: [], cookies: [], storage: [], urls: [] };
    expect(validateConfig({ ...minimal, catalogues: [catalogue] }).catalogues).toEqual([catalogue]);
  });
});

describe('validateConfig — numbers at their limits, and URLs', () => {
  it.each([
    ['revision', 1, 999_999_999, 0, 1_000_000_000],
    ['validityMonths', 1, 13, 0, 14],
  ] as const)('takes %s from %i to %i, not %i or %i', (key, min, max, below, above) => {
    expect(validateConfig({ ...minimal, [key]: min })[key]).toBe(min);
    expect(validateConfig({ ...minimal, [key]: max })[key]).toBe(max);
    expect(() => validateConfig({ ...minimal, [key]: below })).toThrow(`config.${key} must be an integer from ${min} to ${max}; got number ${below}`);
    expect(() => validateConfig({ ...minimal, [key]: above })).toThrow(`config.${key} must be an integer from ${min} to ${max}; got number ${above}`);
  });

  it('takes http and https URLs and paths for links, nothing else', () => {
    for (const url of ['http://www.nexus-tech.fr/confidentialite', 'https://www.nexus-tech.fr/confidentialite', '/confidentialite', 'confidentialite.html', '//cdn.nexus-tech.fr/p']) {
      expect(validateConfig({ privacyPolicyUrl: url }).privacyPolicyUrl).toBe(url);
    }
    // The URL parser drops leading spaces and control characters and every tab or newline: so must the check.
    for (const url of ['javascript:alert(1)', 'JAVASCRIPT:alert(1)', ' javascript:alert(1)', 'java\tscript:alert(1)', 'java\nscript:alert(1)', '\u0001javascript:alert(1)', 'data:text/html,x', 'mailto:dpo@nexus-tech.fr', 'ftp://x', 'http://']) {
      expect(fieldOf({ privacyPolicyUrl: url })).toBe('privacyPolicyUrl');
    }
  });
});
