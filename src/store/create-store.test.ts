import { describe, expect, it } from 'vitest';
import { allChoices, decide, UNDECIDED } from './consent-record.js';
import type { CookieJar } from './cookie-jar.js';
import { createStore } from './create-store.js';
import { decodeRecord, encodeRecord } from './record-codec.js';

const categories = ['analytics', 'advertising', 'personalisation'];
const now = Date.UTC(2026, 10, 25);
const ctx = { categories, revision: 1, validityMonths: 6, now, newId: () => 'V1StGXR8_Z5jdHi6B-myT' };

function memoryJar(initial?: string): CookieJar & { value: string | undefined } {
  return {
    value: initial,
    readAll() { return this.value === undefined ? [] : [this.value]; },
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

describe('consent store — several copies of the cookie', () => {
  const yes = decide(allChoices(categories, true), 'accept-all', ctx, UNDECIDED);
  const no = decide(allChoices(categories, false), 'reject-all', { ...ctx, now: now + 60_000 }, UNDECIDED);
  const analyticsOnly = decide({ analytics: true }, 'custom', ctx, UNDECIDED);
  const advertisingOnly = decide({ advertising: true }, 'custom', ctx, UNDECIDED);

  /** A jar holding several copies; records what the store writes back. */
  function copiesJar(values: string[]) {
    const writes: string[] = [];
    let removed = 0;
    const jar: CookieJar = {
      readAll: () => [...values],
      write: (value) => void writes.push(value),
      remove: () => void removed++,
    };
    return { jar, writes, removed: () => removed };
  }

  it.each([
    ['refusal first', () => [encodeRecord(no), encodeRecord(yes)]],
    ['stale acceptance first', () => [encodeRecord(yes), encodeRecord(no)]],
  ])('a refusal beats an acceptance whatever the order (%s), and is written back as the one copy', (_label, values) => {
    const { jar, writes } = copiesJar(values());
    const state = createStore(jar, () => ctx).load();
    expect(state).toEqual({ status: 'decided', record: no });
    expect(writes).toEqual([encodeRecord(no)]);
  });

  it('grants only what every copy grants', () => {
    const { jar, writes } = copiesJar([encodeRecord(analyticsOnly), encodeRecord(advertisingOnly)]);
    const state = createStore(jar, () => ctx).load();
    expect(state.status).toBe('decided');
    if (state.status !== 'decided') return;
    expect(state.record.granted).toEqual(['necessary']);
    expect(writes).toHaveLength(1);
    expect(decodeRecord(writes[0])).toEqual(state.record);
  });

  it.each([
    ['garbage', 'garbage'],
    ['a corrupt copy', encodeRecord(yes).slice(0, -2)],
    ['an empty copy', ''],
  ])('an undecodable copy (%s) counts as nothing and never makes a refusal lose', (_label, junk) => {
    for (const values of [[junk, encodeRecord(no), encodeRecord(yes)], [encodeRecord(yes), junk, encodeRecord(no)], [encodeRecord(no), junk]]) {
      const { jar } = copiesJar(values);
      expect(createStore(jar, () => ctx).load()).toEqual({ status: 'decided', record: no });
    }
    const { jar, writes } = copiesJar([junk, encodeRecord(yes)]);
    expect(createStore(jar, () => ctx).load()).toEqual({ status: 'decided', record: yes });
    expect(writes).toEqual([encodeRecord(yes)]);
  });

  it('a copy for another revision, expired or dated in the future counts as nothing', () => {
    const future = decide(allChoices(categories, true), 'accept-all', { ...ctx, now: now + 2 * 86_400_000 }, UNDECIDED);
    for (const stale of [future, { ...yes, revision: 2 }, { ...yes, expiresAt: now }]) {
      const { jar } = copiesJar([encodeRecord(stale), encodeRecord(analyticsOnly)]);
      expect(createStore(jar, () => ctx).load()).toEqual({ status: 'decided', record: analyticsOnly });
    }
  });

  it('several copies of which none counts: undecided, and every copy deleted', () => {
    const { jar, writes, removed } = copiesJar(['garbage', encodeRecord({ ...yes, revision: 2 })]);
    expect(createStore(jar, () => ctx).load()).toBe(UNDECIDED);
    expect(writes).toEqual([]);
    expect(removed()).toBe(1);
  });

  it('a single copy is read as it is, with no write', () => {
    const { jar, writes, removed } = copiesJar([encodeRecord(yes)]);
    expect(createStore(jar, () => ctx).load()).toEqual({ status: 'decided', record: yes });
    expect(writes).toEqual([]);
    expect(removed()).toBe(0);
    const single = copiesJar(['garbage']);
    expect(createStore(single.jar, () => ctx).load()).toBe(UNDECIDED);
    expect(single.removed()).toBe(0);
  });

  it('a write-back that throws (cookies disabled) still answers', () => {
    const jar: CookieJar = { readAll: () => [encodeRecord(yes), encodeRecord(no)], write: () => { throw new Error('SecurityError'); }, remove: () => {} };
    expect(createStore(jar, () => ctx).load()).toEqual({ status: 'decided', record: no });
  });

  it('a future-dated record alone is no decision', () => {
    const future = decide(allChoices(categories, true), 'accept-all', { ...ctx, now: now + 2 * 86_400_000 }, UNDECIDED);
    expect(createStore(memoryJar(encodeRecord(future)), () => ctx).load()).toBe(UNDECIDED);
  });
});
