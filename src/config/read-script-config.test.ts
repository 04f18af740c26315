import { describe, expect, it } from 'vitest';
import { ConsentConfigError } from './config-error.js';
import { readScriptConfig } from './read-script-config.js';

const dataset = (values: Record<string, string>) => Object.assign(Object.create(null) as DOMStringMap, values);
const plain = (value: object) => ({ ...value });

describe('readScriptConfig', () => {
  it('reads the data-* attributes alone when the page set no config', () => {
    const config = readScriptConfig(undefined, dataset({ privacyPolicyUrl: '/confidentialite', language: 'fr', revision: '3' }));
    expect(plain(config)).toEqual({ privacyPolicyUrl: '/confidentialite', language: 'fr', revision: 3 });
    expect(Object.getPrototypeOf(config)).toBeNull();
  });

  it('takes the page config, the attributes of the SDK’s own tag winning', () => {
    const config = readScriptConfig({ privacyPolicyUrl: '/old', language: 'en', revision: 1, theme: 'dark' }, dataset({ privacyPolicyUrl: '/new', revision: '2' }));
    expect(plain(config)).toEqual({ privacyPolicyUrl: '/new', language: 'en', revision: 2, theme: 'dark' });
    expect(plain(readScriptConfig({ language: 'en' }, undefined))).toEqual({ language: 'en' });
    expect(plain(readScriptConfig(undefined, undefined))).toEqual({});
    // An attribute the SDK does not read stays out.
    expect(plain(readScriptConfig(undefined, dataset({ theme: 'dark' })))).toEqual({});
  });

  it('reads data-revision="1" and numbers of several digits', () => {
    expect(readScriptConfig(undefined, dataset({ revision: '1' })).revision).toBe(1);
    expect(readScriptConfig(undefined, dataset({ revision: '12' })).revision).toBe(12);
  });

  it.each(['0', '-1', '1.5', '3a', '', ' 3', '1e3'])('refuses data-revision="%s": a positive integer, in digits', (revision) => {
    expect(() => readScriptConfig(undefined, dataset({ revision }))).toThrow(
      `nexus-consent: config.revision (data-revision) must be a positive integer; got ${JSON.stringify(revision)}`,
    );
  });

  it.each([
    ['a string', 'x', '"x"'],
    ['an array', [], 'an array'],
    ['null', null, 'null'],
    ['a number', 1, 'number 1'],
  ])('refuses a window.NexusConsentConfig that is %s', (_label, value, got) => {
    expect(() => readScriptConfig(value, undefined)).toThrow(ConsentConfigError);
    expect(() => readScriptConfig(value, undefined)).toThrow(`nexus-consent: config.(window.NexusConsentConfig) must be an object; got ${got}`);
  });

  it('copies the page config once: a later change, or a getter, cannot reach the SDK', () => {
    const page = { privacyPolicyUrl: '/a' };
    const config = readScriptConfig(page, undefined);
    page.privacyPolicyUrl = 'javascript:alert(1)';
    expect(config.privacyPolicyUrl).toBe('/a');
    const hostile = Object.defineProperty({}, 'privacyPolicyUrl', { enumerable: true, get: () => { throw new Error('no'); } });
    expect(() => readScriptConfig(hostile, undefined)).toThrow('config.privacyPolicyUrl must be readable plain data; got an error when read (Error: no)');
  });
});
