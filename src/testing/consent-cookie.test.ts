import { describe, expect, it } from 'vitest';
import { createStore } from '../store/create-store.js';
import { isGranted, OPTIONAL_BUILT_IN_CATEGORIES } from '../store/consent-record.js';
import { decodeRecord } from '../store/record-codec.js';
import { presetCookie, randomRecordId, type PresetChoices, type PresetConsentOptions } from './consent-cookie.js';
import { TestingKitError } from './testing-error.js';

const NOW = Date.UTC(2026, 10, 25, 10, 0, 0, 400);
const env = { defaultUrl: 'http://localhost:4391', now: NOW, newId: () => 'V1StGXR8_Z5jdHi6B-myT' };
const build = (choices: PresetChoices, options: PresetConsentOptions = {}) => presetCookie(choices, options, env);

/** What the SDK's store makes of a cookie value, for a site with these categories and revision. */
const loadInSdk = (value: string, { categories = [...OPTIONAL_BUILT_IN_CATEGORIES] as string[], revision = 1, now = NOW } = {}) =>
  createStore({ readAll: () => [value], write: () => {}, remove: () => {} }, () => ({ categories, revision, now })).load();

describe('presetCookie', () => {
  it('writes a record the SDK loads as the decision given', () => {
    const { record, cookie } = build({ analytics: true, advertising: false });
    const state = loadInSdk(cookie.value);
    expect(state).toEqual({ status: 'decided', record });
    expect(isGranted(state, 'analytics')).toBe(true);
    expect(isGranted(state, 'advertising')).toBe(false);
    // Missing categories are denied, as the SDK's own Choices are.
    expect(isGranted(state, 'personalisation')).toBe(false);
    expect(record).toMatchObject({ method: 'custom', granted: ['necessary', 'analytics'], denied: ['advertising', 'personalisation'] });
  });

  it('names the method as the buttons would', () => {
    expect(build({ analytics: true, advertising: true, personalisation: true }).record.method).toBe('accept-all');
    expect(build({}).record.method).toBe('reject-all');
    expect(build({ analytics: false, advertising: false, personalisation: false }).record.method).toBe('reject-all');
    // Service exceptions only exist in a custom record (the format refuses them elsewhere).
    const withService = build({ analytics: true, advertising: true, personalisation: true }, { services: { hotjar: false } });
    expect(withService.record.method).toBe('custom');
    expect(decodeRecord(withService.cookie.value)).toEqual(withService.record);
  });

  it('carries per-service exceptions the SDK honours', () => {
    const { cookie } = build({ analytics: false }, { services: { 'google-analytics': true } });
    const state = loadInSdk(cookie.value);
    expect(isGranted(state, 'analytics', 'google-analytics')).toBe(true);
    expect(isGranted(state, 'analytics', 'hotjar')).toBe(false);
  });

  it('has the attributes the SDK gives its cookie: host-only, Path=/, SameSite=Lax, Secure on https only', () => {
    const { cookie, record } = build({ analytics: true });
    expect(cookie).toEqual({
      name: 'nexus_consent',
      value: cookie.value,
      url: 'http://localhost:4391/',
      expires: Math.floor(record.expiresAt / 1000),
      sameSite: 'Lax',
      secure: false,
      httpOnly: false,
    });
    expect(build({}, { url: 'https://www.nexus-tech.fr/offres/dev?x=1' }).cookie).toMatchObject({ url: 'https://www.nexus-tech.fr/', secure: true });
    const shared = build({}, { url: 'https://www.nexus-tech.fr/', domain: 'nexus-tech.fr', cookieName: 'site_consent' }).cookie;
    expect(shared).toMatchObject({ name: 'site_consent', domain: '.nexus-tech.fr', path: '/', secure: true });
    expect(shared).not.toHaveProperty('url');
  });

  it('lasts 6 months by default, or validityMonths from decidedAt, in whole seconds as stored', () => {
    expect(build({}).record).toMatchObject({
      givenAt: Date.UTC(2026, 10, 25, 10, 0, 0),
      updatedAt: Date.UTC(2026, 10, 25, 10, 0, 0),
      expiresAt: Date.UTC(2027, 4, 25, 10, 0, 0),
    });
    const decidedAt = new Date('2026-01-31T00:00:00Z');
    const { record, cookie } = build({}, { decidedAt, validityMonths: 13 });
    expect(record.expiresAt).toBe(Date.UTC(2027, 1, 28));
    expect(cookie.expires).toBe(Date.UTC(2027, 1, 28) / 1000);
    // Past its expiry, the SDK asks again.
    expect(loadInSdk(cookie.value, { now: Date.UTC(2027, 1, 28, 0, 0, 1) })).toEqual({ status: 'undecided' });
  });

  it('must match the site: its revision and its own categories', () => {
    const { cookie } = build({ analytics: true }, { revision: 3 });
    expect(loadInSdk(cookie.value, { revision: 3 }).status).toBe('decided');
    expect(loadInSdk(cookie.value, { revision: 4 }).status).toBe('undecided');
    const categories = [...OPTIONAL_BUILT_IN_CATEGORIES, 'newsletter'];
    expect(loadInSdk(cookie.value, { categories }).status).toBe('undecided');
    const withSiteCategory = build({ newsletter: true }, { categories: ['newsletter'] });
    const state = loadInSdk(withSiteCategory.cookie.value, { categories });
    expect(isGranted(state, 'newsletter')).toBe(true);
    expect(isGranted(state, 'analytics')).toBe(false);
  });

  it.each<[string, PresetChoices, PresetConsentOptions, string]>([
    ['an unknown category', { analytic: true }, {}, 'choices.analytic'],
    ['a non-boolean choice', { analytics: 'yes' as unknown as boolean }, {}, 'choices.analytics'],
    ['necessary refused', { necessary: false }, {}, 'choices.necessary'],
    ['a site category not declared', { newsletter: true }, {}, 'choices.newsletter'],
    ['a built-in category declared again', {}, { categories: ['analytics'] }, 'options.categories[0]'],
    ['an unknown option', {}, { expiry: 3 } as PresetConsentOptions, 'options.expiry'],
    ['a zero revision', {}, { revision: 0 }, 'options.revision'],
    ['a 14-month validity', {}, { validityMonths: 14 }, 'options.validityMonths'],
    ['a cookie name with a space', {}, { cookieName: 'my consent' }, 'options.cookieName'],
    ['a service id in capitals', {}, { services: { Hotjar: true } }, 'options.services.Hotjar'],
    ['a relative URL', {}, { url: '/shop' }, 'options.url'],
    ['a domain the URL is not in', {}, { url: 'https://www.nexus-tech.fr/', domain: 'example.com' }, 'options.domain'],
    ['a bad date', {}, { decidedAt: new Date('nope') }, 'options.decidedAt'],
  ])('refuses %s, naming the field', (_label, choices, options, field) => {
    let error: unknown;
    try {
      build(choices, options);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(TestingKitError);
    expect((error as TestingKitError).field).toBe(field);
    expect((error as Error).message).toContain(`presetConsent() ${field} must be`);
  });

  it('asks for a URL when there is no baseURL to default to', () => {
    expect(() => presetCookie({}, {}, { ...env, defaultUrl: undefined })).toThrow(/options\.url must be an absolute http\(s\) URL/);
    // A domain alone is enough.
    expect(presetCookie({}, { domain: 'localhost' }, { ...env, defaultUrl: undefined }).cookie).toMatchObject({ domain: '.localhost', secure: false });
  });

  it('makes ids the record format accepts, different each time', () => {
    const ids = new Set(Array.from({ length: 50 }, () => randomRecordId()));
    expect(ids.size).toBe(50);
    for (const id of ids) expect(id).toMatch(/^[A-Za-z0-9_-]{21}$/);
    const { cookie } = presetCookie({}, {}, { ...env, newId: () => randomRecordId() });
    expect(loadInSdk(cookie.value).status).toBe('decided');
  });
});
