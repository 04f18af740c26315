import { describe, expect, it } from 'vitest';
import { checksum, decodeRecord, encodeRecord } from './record-codec.js';
import type { ConsentRecord } from './consent-record.js';

const record: ConsentRecord = {
  id: 'V1StGXR8_Z5jdHi6B-myT',
  revision: 3,
  givenAt: Date.UTC(2026, 0, 10, 8, 0, 0),
  updatedAt: Date.UTC(2026, 1, 1, 9, 30, 0),
  expiresAt: Date.UTC(2026, 7, 1, 9, 30, 0),
  method: 'custom',
  granted: ['necessary', 'analytics'],
  denied: ['advertising', 'personalisation'],
  services: { 'google-analytics': false, hotjar: true },
};

/** Re-seals a hand-edited body with a valid checksum, to test the other checks. */
const reseal = (value: string) => {
  const body = value.split('.').slice(0, -1).join('.');
  return `${body}.${checksum(body)}`;
};
const edit = (value: string, index: number, replacement: string) => {
  const parts = value.split('.');
  parts[index] = replacement;
  return parts.join('.');
};

describe('record codec', () => {
  it('round-trips a record', () => {
    expect(decodeRecord(encodeRecord(record))).toEqual(record);
  });

  it('writes a compact value of cookie-safe characters only', () => {
    const value = encodeRecord(record);
    expect(value).toMatch(/^[A-Za-z0-9_.~!-]+$/);
    expect(value.length).toBeLessThan(130);
    expect(value.startsWith('2.V1StGXR8_Z5jdHi6B-myT.3.')).toBe(true);
    expect(value.split('.')[9]).toBe('!google-analytics~hotjar');
  });

  it('rounds dates down to the second', () => {
    const decoded = decodeRecord(encodeRecord({ ...record, givenAt: record.givenAt + 999 }));
    expect(decoded?.givenAt).toBe(record.givenAt);
  });

  it.each([
    ['undefined', undefined],
    ['empty', ''],
    ['garbage', 'hello world'],
    ['JSON', '{"analytics":true}'],
    ['too many fields', `${encodeRecord(record)}.x`],
    ['truncated', encodeRecord(record).slice(0, -3)],
  ])('rejects %s', (_label, value) => {
    expect(decodeRecord(value)).toBeUndefined();
  });

  it('rejects a hand edit that grants a category (checksum)', () => {
    const value = encodeRecord(record);
    const edited = edit(edit(value, 7, 'analytics~advertising'), 8, 'personalisation');
    expect(decodeRecord(edited)).toBeUndefined();
  });

  it('rejects an unknown format version even when sealed', () => {
    expect(decodeRecord(reseal(edit(encodeRecord(record), 0, '3')))).toBeUndefined();
  });

  it('still reads version 1 (no services field) as a record without service exceptions', () => {
    const v2 = encodeRecord({ ...record, services: {} }).split('.');
    const v1 = reseal(['1', ...v2.slice(1, 9), 'x'].join('.'));
    expect(decodeRecord(v1)).toEqual({ ...record, services: {} });
    // A v1 value with a services field is malformed.
    expect(decodeRecord(reseal(edit(encodeRecord(record), 0, '1')))).toBeUndefined();
  });

  it('rejects service exceptions in an "accept all" or "reject all" record', () => {
    const accepted = { ...record, method: 'accept-all' as const, granted: ['necessary', 'analytics', 'advertising', 'personalisation'], denied: [] };
    expect(decodeRecord(encodeRecord({ ...accepted, services: {} }))).toBeDefined();
    expect(decodeRecord(encodeRecord(accepted))).toBeUndefined();
  });

  it('reads a Global Privacy Control record only when advertising alone is refused', () => {
    const gpc = { ...record, method: 'gpc' as const, granted: ['necessary', 'analytics', 'personalisation'], denied: ['advertising'], services: {} };
    expect(decodeRecord(encodeRecord(gpc))).toEqual(gpc);
    expect(decodeRecord(encodeRecord({ ...gpc, granted: ['necessary', 'analytics', 'advertising', 'personalisation'], denied: [] }))).toBeUndefined();
    expect(decodeRecord(encodeRecord({ ...gpc, granted: ['necessary', 'personalisation'], denied: ['analytics', 'advertising'] }))).toBeUndefined();
  });

  it.each([
    ['a bad id', 1, 'short'],
    ['a zero revision', 2, '0'],
    ['a non-numeric revision', 2, 'x'],
    ['an unknown method', 6, 'z'],
    ['a category in both lists', 7, 'analytics~advertising'],
    ['a duplicate category', 8, 'advertising~advertising~personalisation'],
    ['necessary in a list', 8, 'necessary'],
    ['an invalid category name', 7, 'Analytics'],
    ['an invalid service id', 9, 'Google Analytics'],
    ['a service listed twice', 9, 'hotjar~!hotjar'],
    ['an empty service id', 9, '!'],
    ['an expiry beyond 13 months', 5, Math.floor(Date.UTC(2027, 5, 1) / 1000).toString(36)],
    ['an expiry before the update', 5, Math.floor(Date.UTC(2026, 0, 1) / 1000).toString(36)],
    ['an update before the first decision', 3, Math.floor(Date.UTC(2026, 6, 1) / 1000).toString(36)],
  ])('rejects %s even with a valid checksum', (_label, index, replacement) => {
    expect(decodeRecord(reseal(edit(encodeRecord(record), index, replacement)))).toBeUndefined();
  });

  it('rejects "accept all" with denied categories and "reject all" with granted ones', () => {
    expect(decodeRecord(reseal(edit(encodeRecord(record), 6, 'a')))).toBeUndefined();
    expect(decodeRecord(reseal(edit(encodeRecord(record), 6, 'r')))).toBeUndefined();
  });
});

/**
 * Golden values: literal cookie strings, written once by hand from the
 * format description and never regenerated from the code under test. A
 * changed separator, field order, date base, method letter or checksum
 * constant breaks them.
 */
describe('record codec — golden values', () => {
  const FORMAT_2 = '2.V1StGXR8_Z5jdHi6B-myT.3.t8n280.t9rx20.tj33q0.c.analytics.advertising~personalisation.!google-analytics~hotjar.1xmizls';
  const FORMAT_1 = '1.V1StGXR8_Z5jdHi6B-myT.3.t8n280.t9rx20.tj33q0.c.analytics.advertising~personalisation.1uiq31m';
  const ACCEPT_ALL = '2.V1StGXR8_Z5jdHi6B-myT.3.t8n280.t9rx20.tj33q0.a.analytics~advertising~personalisation...ufq9an';
  const acceptAll: ConsentRecord = { ...record, method: 'accept-all', granted: ['necessary', 'analytics', 'advertising', 'personalisation'], denied: [], services: {} };

  it('checksum is 32-bit FNV-1a in base 36 (the published test vectors)', () => {
    expect(checksum('')).toBe((0x811c9dc5).toString(36));
    expect(checksum('a')).toBe((0xe40c292c).toString(36));
    expect(checksum('foobar')).toBe((0xbf9cf968).toString(36));
    expect(checksum('')).toBe('ztntfp');
  });

  it('encodes a record to the exact format-2 string, checksum included', () => {
    expect(encodeRecord(record)).toBe(FORMAT_2);
    expect(encodeRecord(acceptAll)).toBe(ACCEPT_ALL);
  });

  it('decodes the literal format-2 string to the exact record', () => {
    const decoded = decodeRecord(FORMAT_2);
    expect(decoded).toEqual(record);
    expect(Object.keys(decoded!.services)).toEqual(['google-analytics', 'hotjar']);
    expect(decodeRecord(ACCEPT_ALL)).toEqual(acceptAll);
  });

  it('decodes the literal format-1 string (no services field) to the exact record', () => {
    expect(decodeRecord(FORMAT_1)).toEqual({ ...record, services: {} });
  });

  it('each field is where the format says', () => {
    const decoded = decodeRecord(FORMAT_2)!;
    expect(decoded.id).toBe('V1StGXR8_Z5jdHi6B-myT');
    expect(decoded.revision).toBe(3);
    expect(new Date(decoded.givenAt).toISOString()).toBe('2026-01-10T08:00:00.000Z');
    expect(new Date(decoded.updatedAt).toISOString()).toBe('2026-02-01T09:30:00.000Z');
    expect(new Date(decoded.expiresAt).toISOString()).toBe('2026-08-01T09:30:00.000Z');
    expect(decoded.method).toBe('custom');
    expect(decoded.granted).toEqual(['necessary', 'analytics']);
    expect(decoded.denied).toEqual(['advertising', 'personalisation']);
    expect(decoded.services['google-analytics']).toBe(false);
    expect(decoded.services.hotjar).toBe(true);
  });

  it.each([
    ['a checksum off by one character', FORMAT_2.replace(/s$/, 't')],
    ['a format-1 string with the format-2 checksum', `${FORMAT_1.slice(0, FORMAT_1.lastIndexOf('.'))}.1xmizls`],
    ['a format-2 string relabelled as format 1', `1${FORMAT_2.slice(1)}`],
    ['the method letter changed', FORMAT_2.replace('.c.', '.r.')],
  ])('rejects %s', (_label, value) => {
    expect(decodeRecord(value)).toBeUndefined();
  });

  it.each([['a', 'accept-all'], ['r', 'reject-all'], ['c', 'custom'], ['g', 'gpc']] as const)('method letter %s is %s', (letter, method) => {
    const granted = { a: 'analytics~advertising~personalisation', r: '', c: 'analytics', g: 'analytics~personalisation' }[letter];
    const denied = { a: '', r: 'analytics~advertising~personalisation', c: 'advertising~personalisation', g: 'advertising' }[letter];
    const value = reseal(['2', 'V1StGXR8_Z5jdHi6B-myT', '3', 't8n280', 't9rx20', 'tj33q0', letter, granted, denied, '', 'x'].join('.'));
    expect(decodeRecord(value)?.method).toBe(method);
    expect(encodeRecord(decodeRecord(value)!)).toBe(value);
  });
});

describe('record codec — services are plain data', () => {
  it('decodes services into a null-prototype object: no inherited names', () => {
    const decoded = decodeRecord(encodeRecord(record))!;
    expect(Object.getPrototypeOf(decoded.services)).toBeNull();
    expect('constructor' in decoded.services).toBe(false);
    expect('toString' in decoded.services).toBe(false);
    expect(Object.isFrozen(decoded.services)).toBe(true);
  });

  it('keeps a service named like an Object.prototype member as an ordinary id', () => {
    const odd = { ...record, services: { constructor: true, hasownproperty: false } };
    const decoded = decodeRecord(encodeRecord(odd))!;
    expect(Object.getOwnPropertyDescriptor(decoded.services, 'constructor')?.value).toBe(true);
    expect(Object.getOwnPropertyDescriptor(decoded.services, 'hasownproperty')?.value).toBe(false);
  });
});

describe('record codec — each check on its own', () => {
  const valid = encodeRecord(record);

  it.each([[3], [4], [5]])('rejects a date field %i that is not base-36 seconds, even sealed', (index) => {
    expect(decodeRecord(reseal(edit(valid, index, 'T8N280')))).toBeUndefined();
    expect(decodeRecord(reseal(edit(valid, index, '')))).toBeUndefined();
  });

  it('accepts an expiry exactly 13 months (397 days) after the update, not a second more', () => {
    const updated = Math.floor(record.updatedAt / 1000);
    const at = (seconds: number) => reseal(edit(valid, 5, seconds.toString(36)));
    expect(decodeRecord(at(updated + 397 * 86_400))).toBeDefined();
    expect(decodeRecord(at(updated + 397 * 86_400 + 1))).toBeUndefined();
    // An expiry at the very instant of the update is no validity at all.
    expect(decodeRecord(at(updated))).toBeUndefined();
    expect(decodeRecord(at(updated + 1))).toBeDefined();
  });

  it('accepts an update at the instant of the first decision', () => {
    const given = Math.floor(record.givenAt / 1000).toString(36);
    expect(decodeRecord(reseal(edit(valid, 4, given)))?.updatedAt).toBe(record.givenAt);
  });

  it('refuses a value longer than 4 KB before parsing it', () => {
    const long = reseal(edit(valid, 9, Array.from({ length: 400 }, (_, i) => `service-${i}`).join('~')));
    expect(long.length).toBeGreaterThan(4096);
    expect(decodeRecord(long)).toBeUndefined();
    const justUnder = reseal(edit(valid, 9, Array.from({ length: 300 }, (_, i) => `s${i}`).join('~')));
    expect(justUnder.length).toBeLessThanOrEqual(4096);
    expect(decodeRecord(justUnder)).toBeDefined();
  });

  it('reads format 1 only with its ten fields, and format 2 only with eleven', () => {
    const v1 = reseal(['1', ...valid.split('.').slice(1, 9), 'x'].join('.'));
    expect(decodeRecord(v1)).toBeDefined();
    // Format 1 with eleven fields, format 2 with ten: malformed.
    expect(decodeRecord(reseal(['1', ...valid.split('.').slice(1)].join('.')))).toBeUndefined();
    expect(decodeRecord(reseal(['2', ...valid.split('.').slice(1, 9), 'x'].join('.')))).toBeUndefined();
    expect(decodeRecord(reseal(['3', ...valid.split('.').slice(1, 9), 'x'].join('.')))).toBeUndefined();
  });
});

describe('record codec — every item of a list is checked, not only one', () => {
  const plain = encodeRecord({ ...record, services: {} });
  const withServices = encodeRecord(record);

  it.each([
    ['a valid category beside an invalid one', plain, 7, 'analytics~Advertising'],
    ['necessary beside a valid category', plain, 8, 'advertising~necessary'],
    ['a valid service id beside an invalid one', withServices, 9, 'hotjar~Hot Jar'],
  ])('rejects %s', (_label, value, index, replacement) => {
    expect(decodeRecord(reseal(edit(value, index, replacement)))).toBeUndefined();
  });

  it('rejects "accept all" with a denied category and "reject all" with a granted one, without service exceptions', () => {
    // The record grants analytics and denies the rest: as "accept all" or "reject all" it contradicts itself.
    expect(decodeRecord(reseal(edit(plain, 6, 'a')))).toBeUndefined();
    expect(decodeRecord(reseal(edit(plain, 6, 'r')))).toBeUndefined();
    // The same method letters with lists that agree are read.
    expect(decodeRecord(reseal(edit(edit(edit(plain, 6, 'a'), 7, 'analytics~advertising~personalisation'), 8, '')))?.method).toBe('accept-all');
    expect(decodeRecord(reseal(edit(edit(edit(plain, 6, 'r'), 7, ''), 8, 'analytics~advertising~personalisation')))?.method).toBe('reject-all');
  });

  it('reads a value of exactly 4,096 characters, not one of 4,097', () => {
    /** The sealed value whose services field ends with an id padded to reach `length` (the checksum's own length varies). */
    const ofLength = (length: number) => {
      // Ids of six characters with their separator, up to about 60 characters short of the length.
      const room = length - reseal(edit(withServices, 9, '')).length - 60;
      const ids = Array.from({ length: Math.floor(room / 6) }, (_, i) => `s${String(i).padStart(4, '0')}`).join('~');
      for (let pad = 1; pad < 64; pad++) {
        const value = reseal(edit(withServices, 9, `${ids}~${'p'.repeat(pad)}`));
        if (value.length === length) return value;
      }
      throw new Error(`no padding gives ${length} characters`);
    };
    const grow = (value: string) => reseal(edit(value, 9, `${value.split('.')[9]}q`));
    const exact = ofLength(4096);
    expect(decodeRecord(exact)).toBeDefined();
    // One character more, if the checksum keeps its length; else two.
    const longer = [grow(exact), grow(grow(exact))].find((v) => v.length > 4096)!;
    expect(longer.length).toBeLessThanOrEqual(4098);
    expect(decodeRecord(longer)).toBeUndefined();
  });
});
