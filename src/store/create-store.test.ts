import { describe, expect, it } from 'vitest';
import { allChoices, decide, UNDECIDED } from './consent-record.js';
import type { CookieJar } from './cookie-jar.js';
import { createStore } from './create-store.js';
import { encodeRecord } from './record-codec.js';

const categories = ['analytics', 'advertising', 'personalisation'];
const now = Date.UTC(2026, 10, 25);
const ctx = { categories, revision: 1, validityMonths: 6, now, newId: () => 'V1StGXR8_Z5jdHi6B-myT' };

function memoryJar(initial?: string): CookieJar & { value: string | undefined } {
  return {
    value: initial,
    read() { return this.value; },
    write(value) { this.value = value; },
    remove() { this.value = undefined; },
  };
}

describe('consent store', () => {
  const record = decide(allChoices(categories, true), 'accept-all', ctx, UNDECIDED);

  it('saves and loads a decision', () => {
    const jar = memoryJar();
    const store = createStore(jar, () => ctx);
    store.save(record);
    expect(store.load()).toEqual({ status: 'decided', record });
    store.clear();
    expect(store.load()).toBe(UNDECIDED);
  });

  it.each([
    ['no cookie', undefined],
    ['a corrupt cookie', 'not-a-record'],
    ['a hand-edited cookie', encodeRecord(record).replace('.a.', '.c.')],
  ])('loads %s as undecided', (_label, value) => {
    expect(createStore(memoryJar(value), () => ctx).load()).toBe(UNDECIDED);
  });

  it('loads a record for another revision, or an expired one, as undecided', () => {
    const value = encodeRecord(record);
    expect(createStore(memoryJar(value), () => ({ ...ctx, revision: 2 })).load()).toBe(UNDECIDED);
    expect(createStore(memoryJar(value), () => ({ ...ctx, now: record.expiresAt + 1 })).load()).toBe(UNDECIDED);
  });

  it('never throws when reading the cookie fails', () => {
    const jar = { ...memoryJar(), read: () => { throw new Error('SecurityError'); } };
    expect(createStore(jar, () => ctx).load()).toBe(UNDECIDED);
  });
});
