// @vitest-environment jsdom
import { describe, expect, it, vi } from 'vitest';
import { validateConfig } from '../config/validate-config.js';
import { ConsentConfigError } from '../config/config-error.js';
import { consentTypeStates, DEFAULT_MAPPING, startGoogleConsentMode } from './google-consent-mode.js';

const only = (...granted: string[]) => (category: string) => granted.includes(category);
const isArguments = (value: unknown) => Object.prototype.toString.call(value) === '[object Arguments]';

describe('consentTypeStates', () => {
  it('maps each category to its consent types; security is always granted', () => {
    expect(consentTypeStates(DEFAULT_MAPPING, only('analytics'))).toEqual({
      ad_storage: 'denied',
      ad_user_data: 'denied',
      ad_personalization: 'denied',
      analytics_storage: 'granted',
      functionality_storage: 'denied',
      personalization_storage: 'denied',
      security_storage: 'granted',
    });
    expect(consentTypeStates(DEFAULT_MAPPING, only('advertising', 'personalisation'))).toMatchObject({
      ad_storage: 'granted',
      ad_user_data: 'granted',
      ad_personalization: 'granted',
      analytics_storage: 'denied',
      functionality_storage: 'granted',
      personalization_storage: 'granted',
    });
  });

  it('grants a type two categories share only when both are granted, and never a type nobody maps', () => {
    const mapping = { analytics: ['analytics_storage', 'functionality_storage'], personalisation: ['functionality_storage'] } as const;
    expect(consentTypeStates(mapping, only('analytics')).functionality_storage).toBe('denied');
    expect(consentTypeStates(mapping, only('personalisation')).functionality_storage).toBe('denied');
    expect(consentTypeStates(mapping, only('analytics', 'personalisation')).functionality_storage).toBe('granted');
    expect(consentTypeStates(mapping, only('analytics', 'personalisation', 'advertising')).ad_storage).toBe('denied');
  });
});

describe('startGoogleConsentMode', () => {
  const start = (options = { mapping: DEFAULT_MAPPING, waitForUpdate: 500, regions: [] as { region: string[]; granted: ('analytics_storage')[] }[] }) => {
    delete (window as unknown as { dataLayer?: unknown }).dataLayer;
    const consentMode = startGoogleConsentMode(window, options, ['analytics', 'advertising', 'personalisation']);
    return { consentMode, dataLayer: () => (window as unknown as { dataLayer: unknown[] }).dataLayer };
  };

  it('pushes the default at once, as the Arguments object gtag() pushes, with wait_for_update', () => {
    const { dataLayer } = start();
    expect(dataLayer()).toHaveLength(1);
    const [command] = dataLayer();
    expect(isArguments(command)).toBe(true);
    expect(Array.from(command as ArrayLike<unknown>)).toEqual([
      'consent',
      'default',
      expect.objectContaining({ ad_storage: 'denied', analytics_storage: 'denied', security_storage: 'granted', wait_for_update: 500 }),
    ]);
  });

  it('pushes region defaults before the general one, and keeps what the page queued before', () => {
    (window as unknown as { dataLayer: unknown[] }).dataLayer = [{ event: 'page-queued' }];
    startGoogleConsentMode(window, { mapping: DEFAULT_MAPPING, waitForUpdate: 0, regions: [{ region: ['US-CA'], granted: ['analytics_storage'] }] }, ['analytics']);
    const queue = (window as unknown as { dataLayer: ArrayLike<unknown>[] }).dataLayer;
    expect(queue[0]).toEqual({ event: 'page-queued' });
    expect(Array.from(queue[1]!).slice(0, 2)).toEqual(['consent', 'default']);
    expect(Array.from(queue[1]!)[2]).toMatchObject({ region: ['US-CA'], analytics_storage: 'granted', ad_storage: 'denied', wait_for_update: 0 });
    expect(Array.from(queue[2]!)[2]).not.toHaveProperty('region');
  });

  it.each([
    ['frozen', () => Object.freeze([])],
    ['with a push that throws', () => Object.assign([], { push: () => { throw new Error('hostile'); } })],
  ])('survives a dataLayer %s: nothing thrown, each failure handed to fail()', (_, make) => {
    (window as unknown as { dataLayer: unknown }).dataLayer = make();
    const fail = vi.fn();
    const consentMode = startGoogleConsentMode(window, { mapping: DEFAULT_MAPPING, waitForUpdate: 500, regions: [] }, ['analytics'], fail);
    expect(() => consentMode.update(only('analytics'))).not.toThrow();
    expect(fail).toHaveBeenCalledTimes(3);
    expect(fail.mock.calls[0]![0]).toBeInstanceOf(Error);
  });

  it('survives a dataLayer getter that throws, and a read-only non-array; replaces a writable non-array', () => {
    const fail = vi.fn();
    Object.defineProperty(window, 'dataLayer', { get: () => { throw new Error('hostile'); }, configurable: true });
    expect(() => startGoogleConsentMode(window, { mapping: DEFAULT_MAPPING, waitForUpdate: 500, regions: [] }, [], fail).update(only())).not.toThrow();
    expect(fail).toHaveBeenCalledTimes(3);
    Object.defineProperty(window, 'dataLayer', { value: 42, writable: false, configurable: true });
    fail.mockClear();
    expect(() => startGoogleConsentMode(window, { mapping: DEFAULT_MAPPING, waitForUpdate: 500, regions: [] }, [], fail)).not.toThrow();
    expect(fail).toHaveBeenCalledTimes(1);
    Object.defineProperty(window, 'dataLayer', { value: 'not a queue', writable: true, configurable: true });
    fail.mockClear();
    startGoogleConsentMode(window, { mapping: DEFAULT_MAPPING, waitForUpdate: 500, regions: [] }, [], fail);
    expect(fail).not.toHaveBeenCalled();
    expect((window as unknown as { dataLayer: unknown[] }).dataLayer).toHaveLength(1);
    delete (window as unknown as { dataLayer?: unknown }).dataLayer;
  });

  it('pushes an update and the nexus_consent_update event for each decision', () => {
    const { consentMode, dataLayer } = start();
    consentMode.update(only('advertising'));
    const [, update, event] = dataLayer();
    expect(isArguments(update)).toBe(true);
    expect(Array.from(update as ArrayLike<unknown>)).toEqual(['consent', 'update', expect.objectContaining({ ad_storage: 'granted', ad_user_data: 'granted', analytics_storage: 'denied' })]);
    expect(event).toEqual({ event: 'nexus_consent_update', nexus_consent: { analytics: false, advertising: true, personalisation: false } });
  });
});

describe('googleConsentMode option', () => {
  const base = { privacyPolicyUrl: '/confidentialite' };
  const fieldOf = (googleConsentMode: unknown) => {
    try {
      validateConfig({ ...base, googleConsentMode });
    } catch (error) {
      expect(error).toBeInstanceOf(ConsentConfigError);
      return (error as ConsentConfigError).field;
    }
    throw new Error('expected a ConsentConfigError');
  };

  it('is off by default; true gives the documented mapping and a 500 ms wait', () => {
    expect(validateConfig(base).googleConsentMode).toBeUndefined();
    expect(validateConfig({ ...base, googleConsentMode: true }).googleConsentMode).toEqual({ mapping: DEFAULT_MAPPING, waitForUpdate: 500, regions: [] });
  });

  it('lets a site remap a category, including one of its own', () => {
    const resolved = validateConfig({
      ...base,
      categories: { video: { label: 'Vidéo' } },
      googleConsentMode: { mapping: { personalisation: ['personalization_storage'], video: ['functionality_storage'] }, waitForUpdate: 1000 },
    }).googleConsentMode!;
    expect(resolved.mapping).toMatchObject({ analytics: ['analytics_storage'], personalisation: ['personalization_storage'], video: ['functionality_storage'] });
    expect(resolved.waitForUpdate).toBe(1000);
  });

  it('is off for false; a site category with no default mapping maps to nothing', () => {
    expect(validateConfig({ ...base, googleConsentMode: false }).googleConsentMode).toBeUndefined();
    const mapping = validateConfig({ ...base, categories: { video: {} }, googleConsentMode: true }).googleConsentMode!.mapping;
    expect(Object.keys(mapping)).toEqual(['analytics', 'advertising', 'personalisation']);
  });

  it('checks every region code and every consent type, not only one', () => {
    const region = (codes: unknown) => ({ regions: [{ region: codes, granted: ['analytics_storage'] }] });
    expect(fieldOf(region(['ES', 'es']))).toBe('googleConsentMode.regions[0].region');
    expect(fieldOf(region([['ES']]))).toBe('googleConsentMode.regions[0].region');
    expect(fieldOf(region([]))).toBe('googleConsentMode.regions[0].region');
    expect(fieldOf({ mapping: { analytics: ['analytics_storage', 'analytics_cookies'] } })).toBe('googleConsentMode.mapping.analytics');
    expect(validateConfig({ ...base, googleConsentMode: region(['ES', 'US-CA']) }).googleConsentMode!.regions).toEqual([{ region: ['ES', 'US-CA'], granted: ['analytics_storage'] }]);
  });

  it.each([
    ['yes', 'googleConsentMode must be true or an object; got "yes"'],
    [{ mapping: { necessary: [] } }, 'googleConsentMode.mapping.necessary must be keyed by a category that needs consent; got "necessary"'],
    [{ regions: [{ region: ['es'], granted: [] }] }, 'googleConsentMode.regions[0].region must be ISO 3166 codes such as ["ES", "US-CA"]; got an array'],
    [{ regions: [{ region: ['ES'], granted: [], colour: 1 }] }, 'googleConsentMode.regions[0].colour must be absent (not a known option; known: region, granted); got number 1'],
    [{ regions: [{ region: 'ES', granted: [] }] }, 'googleConsentMode.regions[0].region must be an array; got "ES"'],
    [{ regions: {} }, 'googleConsentMode.regions must be an array; got an object'],
    [{ mapping: [] }, 'googleConsentMode.mapping must be an object; got an array'],
    [
      { mapping: { analytics: ['x'] } },
      'googleConsentMode.mapping.analytics must be consent types among ad_storage, ad_user_data, ad_personalization, analytics_storage, functionality_storage, personalization_storage, security_storage; got an array',
    ],
  ])('%#: says what was expected', (googleConsentMode, message) => {
    expect(() => validateConfig({ ...base, googleConsentMode })).toThrow(`nexus-consent: config.${message}`);
  });

  it('names the bad field', () => {
    expect(fieldOf('yes')).toBe('googleConsentMode');
    expect(fieldOf({ datalayer: 'x' })).toBe('googleConsentMode.datalayer');
    expect(fieldOf({ mapping: { analytics: ['analytics_cookies'] } })).toBe('googleConsentMode.mapping.analytics');
    expect(fieldOf({ mapping: { necessary: ['security_storage'] } })).toBe('googleConsentMode.mapping.necessary');
    expect(fieldOf({ mapping: { unknown: ['ad_storage'] } })).toBe('googleConsentMode.mapping.unknown');
    expect(fieldOf({ waitForUpdate: -1 })).toBe('googleConsentMode.waitForUpdate');
    expect(fieldOf({ regions: [{ region: ['california'], granted: [] }] })).toBe('googleConsentMode.regions[0].region');
    expect(fieldOf({ regions: [{ region: [], granted: [] }] })).toBe('googleConsentMode.regions[0].region');
    expect(fieldOf({ regions: [{ region: ['ES'], granted: ['everything'] }] })).toBe('googleConsentMode.regions[0].granted');
    expect(() => validateConfig({ ...base, honorGlobalPrivacyControl: 'yes' })).toThrow(/honorGlobalPrivacyControl/);
  });
});
