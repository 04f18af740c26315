import { afterEach, describe, expect, it } from 'vitest';
import { ConsentConfigError, describeValue } from './config-error.js';
import { copyPlain } from './copy-plain.js';
import { isHttpUrlOrPath } from './check.js';
import { validateConfig } from './validate-config.js';

function errorOf(run: () => unknown): ConsentConfigError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ConsentConfigError);
    return error as ConsentConfigError;
  }
  throw new Error('expected a ConsentConfigError');
}

describe('copyPlain', () => {
  it('copies plain data into null-prototype objects the page can no longer change', () => {
    const texts = { fr: { acceptAll: 'OK' } };
    const copy = copyPlain({ texts, list: [1, 'a', true, null] }, '') as Record<string, Record<string, Record<string, string>>>;
    texts.fr.acceptAll = 'changed';
    expect(copy.texts!.fr!.acceptAll).toBe('OK');
    expect(Object.getPrototypeOf(copy)).toBeNull();
    expect(Object.getPrototypeOf(copy.texts)).toBeNull();
    expect(copy.list).toEqual([1, 'a', true, null]);
  });

  it('keeps "__proto__" and "constructor" as plain keys', () => {
    const input = JSON.parse('{"__proto__": {"x": 1}, "constructor": "c"}') as unknown;
    const copy = copyPlain(input, '') as Record<string, unknown>;
    expect(Object.keys(copy)).toEqual(['__proto__', 'constructor']);
    expect(Object.getPrototypeOf(copy)).toBeNull();
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });

  it('names the field whose getter throws', () => {
    const error = errorOf(() =>
      copyPlain({ cookie: { get name(): string { throw new Error('boom'); } } }, ''),
    );
    expect(error.field).toBe('cookie.name');
    expect(error.message).toContain('boom');
  });

  it('reports a Proxy whose traps throw, at the root', () => {
    const hostile = new Proxy({}, { ownKeys() { throw new Error('trap'); } });
    expect(errorOf(() => copyPlain(hostile, '')).field).toBe('(root)');
  });

  it('refuses functions, symbols and cycles with the field named', () => {
    expect(errorOf(() => copyPlain({ ui: () => true }, '')).field).toBe('ui');
    expect(errorOf(() => copyPlain({ language: Symbol('x') }, '')).field).toBe('language');
    const cycle: Record<string, unknown> = {};
    cycle.self = cycle;
    expect(errorOf(() => copyPlain({ texts: cycle }, '')).field).toMatch(/^texts(\.self)+$/);
  });

  it('lets validateConfig name the field of a throwing getter', () => {
    const config = { get privacyPolicyUrl(): string { throw new TypeError('no'); } };
    expect(errorOf(() => validateConfig(config)).field).toBe('privacyPolicyUrl');
  });

  it('keeps config texts by value: a text swapped later for a DOM-like object changes nothing', () => {
    const texts: Record<string, Record<string, unknown>> = { fr: { acceptAll: 'J’accepte' } };
    const resolved = validateConfig({ privacyPolicyUrl: '/p', texts });
    texts.fr!.acceptAll = { nodeType: 1 };
    expect(resolved.texts.fr?.acceptAll).toBe('J’accepte');
  });
});

describe('ids every object already has', () => {
  it.each(['constructor', 'hasownproperty'])('refuses the category id %s only when inherited', (id) => {
    const run = () => validateConfig({ privacyPolicyUrl: '/p', categories: { [id]: {} } });
    if (id in Object.prototype) expect(errorOf(run).field).toBe(`categories.${id}`);
    else expect(run).not.toThrow();
  });

  it('refuses a service id "constructor"', () => {
    const config = { privacyPolicyUrl: '/p', categories: { analytics: { services: [{ id: 'constructor', name: 'C' }] } } };
    expect(errorOf(() => validateConfig(config)).field).toBe('categories.analytics.services[0].id');
  });

  it('refuses "__proto__" as a category even when parsed from JSON', () => {
    const config = JSON.parse('{"privacyPolicyUrl": "/p", "categories": {"__proto__": {}}}') as unknown;
    expect(errorOf(() => validateConfig(config)).field).toBe('categories.__proto__');
  });
});

describe('a page that polluted Object.prototype', () => {
  const polluted = ['analytics', 'cookie', 'categories', 'googleConsentMode', 'mapping'];
  afterEach(() => {
    for (const key of polluted) delete (Object.prototype as Record<string, unknown>)[key];
  });

  it('changes nothing in the resolved config', () => {
    const clean = validateConfig({ privacyPolicyUrl: '/p', googleConsentMode: true });
    for (const key of polluted) (Object.prototype as Record<string, unknown>)[key] = true;
    const resolved = validateConfig({ privacyPolicyUrl: '/p', googleConsentMode: true });
    expect(resolved.categories.map((c) => c.id)).toEqual(clean.categories.map((c) => c.id));
    expect(resolved.cookieName).toBe('nexus_consent');
    expect(resolved.googleConsentMode).toEqual(clean.googleConsentMode);
  });
});

describe('copyPlain — limits', () => {
  /** An object nested `levels` deep below the root: { a: { a: … { a: 1 } } }. */
  const nested = (levels: number) => {
    let value: unknown = 1;
    for (let i = 0; i < levels; i++) value = { a: value };
    return value;
  };

  it('copies objects nested twelve deep below the root, and refuses one more', () => {
    expect(() => copyPlain(nested(13), '')).not.toThrow();
    expect(() => copyPlain(nested(14), '')).toThrow('must be plain data nested at most 12 deep (is there a cycle?)');
  });

  it('counts arrays as levels too: an array that holds itself is refused by name, not by a stack overflow', () => {
    const looped: unknown[] = [];
    looped.push(looped);
    expect(() => copyPlain({ list: looped }, '')).toThrow(ConsentConfigError);
    expect(() => copyPlain({ list: looped }, '')).toThrow(/config\.list(\[0\])+ must be plain data nested at most 12 deep/);
  });

  it('passes null and undefined through as they are', () => {
    expect(copyPlain(null, 'x')).toBeNull();
    expect(copyPlain(undefined, 'x')).toBeUndefined();
  });
});

describe('ConsentConfigError', () => {
  it('is named, carries its field, and describes what it got in a few words', () => {
    const error = new ConsentConfigError('layout', 'one of "bar", "box"', 'popup');
    expect(error.name).toBe('ConsentConfigError');
    expect(error.message).toBe('nexus-consent: config.layout must be one of "bar", "box"; got "popup"');
    expect(error.field).toBe('layout');
    expect(describeValue('a'.repeat(60))).toBe(JSON.stringify('a'.repeat(60)));
    expect(describeValue('a'.repeat(61))).toBe(JSON.stringify(`${'a'.repeat(60)}…`));
    expect(describeValue(null)).toBe('null');
    expect(describeValue(undefined)).toBe('undefined');
    expect(describeValue([1])).toBe('an array');
    expect(describeValue(new Date(0))).toBe(`Date ${String(new Date(0))}`);
    expect(describeValue({})).toBe('an object');
    expect(describeValue(true)).toBe('boolean true');
  });
});

describe('copyPlain — what a failed read says', () => {
  it('names the array element whose getter throws, and keeps the reason short', () => {
    const list = [1];
    Object.defineProperty(list, 0, { get: () => { throw new Error(`x${'y'.repeat(200)}`); } });
    const error = errorOf(() => copyPlain({ cookies: list }, ''));
    expect(error.field).toBe('cookies[0]');
    expect(error.message).toBe(`nexus-consent: config.cookies[0] must be readable plain data; got an error when read (${`Error: x${'y'.repeat(200)}`.slice(0, 80)})`);
  });

  it('says what plain data is when given a function', () => {
    expect(() => copyPlain({ ui: () => true }, '')).toThrow('config.ui must be plain data (strings, numbers, booleans, arrays, objects); got function');
  });
});

describe('isHttpUrlOrPath (also for policy links the details file brings)', () => {
  it('is false for anything but a non-blank http(s) URL or path', () => {
    for (const value of [1, null, undefined, {}, '', '   ', 'javascript:x', 'http://[']) expect(isHttpUrlOrPath(value)).toBe(false);
    for (const value of ['/p', 'p.html', 'http://x.fr', 'https://x.fr/p']) expect(isHttpUrlOrPath(value)).toBe(true);
  });
});
