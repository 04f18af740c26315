import { beforeEach, describe, expect, it } from 'vitest';
import { coreCatalogue } from '../catalogue/generated/core-catalogue.js';
import { ConsentConfigError } from '../config/config-error.js';
import { createClassifier } from './create-classifier.js';
import { validateSiteRules, type SiteRules } from './site-rules.js';

const PAGE = 'https://www.nexus-tech.fr/panier';

describe('site rules win over the catalogue', () => {
  const rules: SiteRules = {
    cookies: [
      { name: '_ga', category: 'necessary', service: 'nexus-stats', vendor: 'Nexus Tech' },
      { prefix: '_hjSession', category: 'personalisation' },
      { pattern: 'nx_*_ab', category: 'analytics', service: 'nexus-ab' },
      { name: '_fbp', allow: true },
      { prefix: 'nx_', category: 'necessary' },
    ],
    storage: [{ pattern: 'yt-*', category: 'personalisation', service: 'video' }],
    urls: [
      { host: 'google-analytics.com', category: 'personalisation' },
      { host: 'www.googletagmanager.com', path: '/gtag/js', allow: true },
      { path: '/collect', category: 'analytics', service: 'first-party-collect' },
      { path: '/collect/raw', category: 'advertising' },
      { host: 'Stats.Nexus-Tech.fr', category: 'analytics' },
      { host: 'facebook.com', path: '/TR', category: 'necessary' },
    ],
  };
  // Built for each test, not once at collection: a mutation run changes the code while tests run,
  // and a classifier compiled before would hide every change to how rules are compiled.
  let c: ReturnType<typeof createClassifier>;
  beforeEach(() => {
    c = createClassifier([coreCatalogue], rules);
  });

  it('overrides a catalogue cookie with a site name rule', () => {
    expect(c.classifyCookie('_ga')).toEqual({ service: 'nexus-stats', vendor: 'Nexus Tech', category: 'necessary', source: 'site' });
    // Without the rule the catalogue answers.
    expect(createClassifier([coreCatalogue]).classifyCookie('_ga')?.category).toBe('analytics');
  });

  it('matches prefixes and * patterns, the longest literal head first', () => {
    expect(c.classifyCookie('_hjSessionUser_123')).toMatchObject({ service: 'site', category: 'personalisation', source: 'site' });
    expect(c.classifyCookie('nx_home_ab')).toMatchObject({ service: 'nexus-ab', category: 'analytics' });
    expect(c.classifyCookie('nx_home')).toMatchObject({ service: 'site', category: 'necessary' });
    expect(c.classifyCookie('_hjid')?.service).toBe('hotjar'); // outside the rule's prefix
  });

  it('an allow rule leaves an item unclassified', () => {
    expect(c.classifyCookie('_fbp')).toBeUndefined();
    expect(c.classifyUrl('https://www.googletagmanager.com/gtag/js?id=G-1')).toBeUndefined();
  });

  it('overrides storage keys', () => {
    expect(c.classifyStorageKey('yt-remote-device-id')).toMatchObject({ service: 'video', category: 'personalisation' });
  });

  it('overrides hosts, sub-domains included, case-insensitively', () => {
    expect(c.classifyUrl('https://region1.google-analytics.com/g/collect')).toMatchObject({ service: 'google-analytics.com', category: 'personalisation', source: 'site' });
    expect(c.classifyUrl('https://cdn.stats.nexus-tech.fr/s.js')).toMatchObject({ service: 'stats.nexus-tech.fr', category: 'analytics' });
    expect(c.classifyUrl('https://www.facebook.com/tr?id=1')).toMatchObject({ category: 'necessary', source: 'site' });
  });

  it('applies path-only rules to first-party URLs only, longest path first', () => {
    expect(c.classifyUrl('/collect?v=2', PAGE)).toMatchObject({ service: 'first-party-collect', category: 'analytics' });
    expect(c.classifyUrl('https://www.nexus-tech.fr/collect', PAGE)).toMatchObject({ category: 'analytics' });
    expect(c.classifyUrl('https://www.nexus-tech.fr:8443/Collect/', PAGE)).toMatchObject({ category: 'analytics' });
    expect(c.classifyUrl('/collect/raw/1', PAGE)).toMatchObject({ category: 'advertising' });
    expect(c.classifyUrl('/collector', PAGE)).toBeUndefined();
    expect(c.classifyUrl('https://other.example/collect', PAGE)).toBeUndefined();
    expect(c.classifyUrl('https://www.nexus-tech.fr/collect')).toBeUndefined(); // no page: cannot tell first-party
  });

  it('of two rules for one cookie name, the first wins', () => {
    const twice = createClassifier([], { cookies: [{ name: 'nx_id', category: 'analytics' }, { name: 'nx_id', category: 'advertising' }] });
    expect(twice.classifyCookie('nx_id')?.category).toBe('analytics');
  });

  it('describes a catalogue service by id, and nothing for an unknown one', () => {
    expect(c.describeService('google-analytics')).toMatchObject({ service: 'google-analytics', vendor: 'Google', category: 'analytics' });
    expect(c.describeService('no-such-service')).toBeUndefined();
  });

  it('leaves the catalogue in charge where no rule matches', () => {
    expect(c.classifyUrl('https://connect.facebook.net/en_US/fbevents.js')).toMatchObject({ service: 'meta-pixel' });
    expect(c.classifyCookie('PHPSESSID')).toMatchObject({ category: 'necessary', source: 'curated' });
  });
});

describe('validateSiteRules', () => {
  const fieldOf = (input: unknown, categories?: readonly string[]) => {
    try {
      validateSiteRules(input, 'rules', categories);
    } catch (error) {
      expect(error).toBeInstanceOf(ConsentConfigError);
      return (error as ConsentConfigError).field;
    }
    return undefined;
  };

  it('accepts no rules and normalises hosts and paths', () => {
    expect(validateSiteRules(undefined)).toEqual({});
    expect(validateSiteRules({ urls: [{ host: ' *.Example.COM ', path: '/Collect/', category: 'analytics' }] })).toEqual({
      urls: [{ host: 'example.com', path: '/collect', category: 'analytics' }],
    });
    expect(validateSiteRules({ urls: [{ host: 'x.com', category: 'analytics', service: 'x-stats', vendor: 'X' }] })).toEqual({
      urls: [{ host: 'x.com', category: 'analytics', service: 'x-stats', vendor: 'X' }],
    });
  });

  it.each([
    [{ cookies: [{ name: 'a', category: 'analytics' }, { name: 'b', category: 'analytics' }, { name: 'c', category: 'Analytics!' }] }, 'rules.cookies[2].category'],
    [{ cookies: [{ name: 'a' }] }, 'rules.cookies[0].category'],
    [{ cookies: [{ name: 'a', prefix: 'b', category: 'analytics' }] }, 'rules.cookies[0]'],
    [{ cookies: [{ category: 'analytics' }] }, 'rules.cookies[0]'],
    [{ cookies: [{ name: 'a b', category: 'analytics' }] }, 'rules.cookies[0].name'],
    [{ cookies: [{ pattern: 'abc', category: 'analytics' }] }, 'rules.cookies[0].pattern'],
    [{ cookies: [{ name: 'a', category: 'analytics', colour: 'red' }] }, 'rules.cookies[0].colour'],
    [{ cookies: [{ name: 'a', allow: true, category: 'analytics' }] }, 'rules.cookies[0].category'],
    [{ cookies: [{ name: 'a', allow: 'yes' }] }, 'rules.cookies[0].allow'],
    [{ cookies: [{ name: 'a', category: 'analytics', service: 'Not An Id' }] }, 'rules.cookies[0].service'],
    [{ cookies: [{ name: 'a', category: 'analytics', vendor: ' ' }] }, 'rules.cookies[0].vendor'],
    [{ cookies: 'a' }, 'rules.cookies'],
    [{ storage: [null] }, 'rules.storage[0]'],
    [{ urls: [{ category: 'analytics' }] }, 'rules.urls[0]'],
    [{ urls: [{ host: 'https://x.com', category: 'analytics' }] }, 'rules.urls[0].host'],
    [{ urls: [{ path: 'collect', category: 'analytics' }] }, 'rules.urls[0].path'],
    [{ urls: [{ path: '/a?b', category: 'analytics' }] }, 'rules.urls[0].path'],
    [{ urls: [{ path: 'x/collect', category: 'analytics' }] }, 'rules.urls[0].path'],
    [{ urls: [{ path: ['/collect'], category: 'analytics' }] }, 'rules.urls[0].path'],
    [{ urls: [{ host: 'x.com', category: 'analytics', service: 42 }] }, 'rules.urls[0].service'],
    [{ urls: [{ host: 'x.com', category: 'analytics', vendor: 42 }] }, 'rules.urls[0].vendor'],
    [{ scripts: [] }, 'rules.scripts'],
    ['rules', 'rules'],
  ])('%j fails on %s', (input, field) => {
    expect(fieldOf(input)).toBe(field);
  });

  it('restricts categories to the configured ones when given', () => {
    expect(fieldOf({ urls: [{ host: 'x.com', category: 'social' }] }, ['necessary', 'analytics'])).toBe('rules.urls[0].category');
    expect(fieldOf({ urls: [{ host: 'x.com', category: 'analytics' }] }, ['necessary', 'analytics'])).toBeUndefined();
  });

  it('names the field in the message', () => {
    expect(() => validateSiteRules({ cookies: [{ name: 'a', category: 7 }] })).toThrow('config.rules.cookies[0].category must be');
  });

  it('is applied by createClassifier too', () => {
    expect(() => createClassifier([], { cookies: [{ name: '', category: 'analytics' }] } as SiteRules)).toThrow(ConsentConfigError);
  });
});
