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
