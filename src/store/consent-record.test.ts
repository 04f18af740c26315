import { afterEach, describe, expect, it } from 'vitest';
import {
  addMonths,
  allChoices,
  CLOCK_SKEW_MS,
  decide,
  isCurrent,
  isGranted,
  leastPermissive,
  serviceChoices,
  UNDECIDED,
  type Choices,
  type ConsentRecord,
  type DecisionContext,
} from './consent-record.js';
import { decodeRecord, encodeRecord } from './record-codec.js';

const categories = ['analytics', 'advertising', 'personalisation'];
const now = Date.UTC(2026, 10, 25, 12, 0, 0);
const ctx: DecisionContext = { categories, revision: 2, validityMonths: 6, now, newId: () => 'id-1' };

describe('consent record', () => {
  it('grants nothing but necessary before a decision', () => {
    expect(isGranted(UNDECIDED, 'necessary')).toBe(true);
    for (const c of categories) expect(isGranted(UNDECIDED, c)).toBe(false);
  });

  it('records a custom decision with granted and denied categories', () => {
    const record = decide({ analytics: true }, 'custom', ctx, UNDECIDED);
    expect(record).toMatchObject({
      id: 'id-1',
      revision: 2,
      givenAt: now,
      updatedAt: now,
      method: 'custom',
      granted: ['necessary', 'analytics'],
      denied: ['advertising', 'personalisation'],
    });
    expect(record.expiresAt).toBe(Date.UTC(2027, 4, 25, 12, 0, 0));
  });

  it('keeps the id and first date on update and restarts validity', () => {
    const first = decide(allChoices(categories, true), 'accept-all', ctx, UNDECIDED);
    const later = now + 86_400_000;
    const second = decide(allChoices(categories, false), 'reject-all', { ...ctx, now: later, newId: () => 'id-2' }, { status: 'decided', record: first });
    expect(second.id).toBe('id-1');
    expect(second.givenAt).toBe(now);
    expect(second.updatedAt).toBe(later);
    expect(second.expiresAt).toBe(addMonths(later, 6));
  });

  it('keeps per-service exceptions to a category, and only those that differ from it', () => {
    const services = {
      'google-analytics': { category: 'analytics', allowed: true },
      hotjar: { category: 'analytics', allowed: false },
      criteo: { category: 'advertising', allowed: false },
      'bad id!': { category: 'advertising', allowed: true },
    };
    const record = decide({ advertising: true }, 'custom', ctx, UNDECIDED, services);
    expect(record.services).toEqual({ 'google-analytics': true, criteo: false });
    const state = { status: 'decided', record } as const;
    expect(isGranted(state, 'analytics')).toBe(false);
    expect(isGranted(state, 'analytics', 'google-analytics')).toBe(true);
    expect(isGranted(state, 'analytics', 'hotjar')).toBe(false);
    expect(isGranted(state, 'advertising', 'google-ads')).toBe(true);
    expect(isGranted(state, 'advertising', 'criteo')).toBe(false);
    expect(isGranted(UNDECIDED, 'analytics', 'google-analytics')).toBe(false);
  });

  it('remembers a refusal as long as an acceptance', () => {
    const yes = decide(allChoices(categories, true), 'accept-all', ctx, UNDECIDED);
    const no = decide(allChoices(categories, false), 'reject-all', ctx, UNDECIDED);
    expect(no.expiresAt).toBe(yes.expiresAt);
  });

  it('is current only for the same revision, before expiry, with the same categories', () => {
    const record = decide({}, 'reject-all', ctx, UNDECIDED);
    expect(isCurrent(record, ctx)).toBe(true);
    expect(isCurrent(record, { ...ctx, revision: 3 })).toBe(false);
    // A record from a higher revision than the site's (a rollback, or made up) is no answer either.
    expect(isCurrent(record, { ...ctx, revision: 1 })).toBe(false);
    expect(isCurrent({ ...record, revision: 3 }, ctx)).toBe(false);
    expect(isCurrent(record, { ...ctx, now: record.expiresAt })).toBe(false);
    expect(isCurrent(record, { ...ctx, categories: [...categories, 'social'] })).toBe(false);
    expect(isCurrent(record, { ...ctx, categories: ['analytics'] })).toBe(false);
  });

  it('adds calendar months, clamping to the end of short months', () => {
    expect(new Date(addMonths(Date.UTC(2026, 7, 31), 6)).toISOString()).toBe('2027-02-28T00:00:00.000Z');
    expect(new Date(addMonths(Date.UTC(2026, 0, 15), 13)).toISOString()).toBe('2027-02-15T00:00:00.000Z');
  });
});

/** Records that must survive the cookie need a real 21-character id. */
const idOf = (label: string) => label.padEnd(21, '_');
const sealable: DecisionContext = { ...ctx, newId: () => idOf('first') };

describe('consent record — dates in the future', () => {
  const record = decide({ analytics: true }, 'custom', ctx, UNDECIDED);
  const later = (ms: number): ConsentRecord => ({ ...record, givenAt: record.givenAt + ms, updatedAt: record.updatedAt + ms, expiresAt: record.expiresAt + ms });

  it('accepts a record up to one day ahead of the clock (skew)', () => {
    expect(CLOCK_SKEW_MS).toBe(86_400_000);
    expect(isCurrent(later(CLOCK_SKEW_MS), ctx)).toBe(true);
  });

  it('refuses a record given or updated more than a day in the future', () => {
    expect(isCurrent(later(CLOCK_SKEW_MS + 1), ctx)).toBe(false);
    expect(isCurrent(later(365 * 86_400_000), ctx)).toBe(false);
    // Updated in the future, given in the past.
    expect(isCurrent({ ...record, updatedAt: now + CLOCK_SKEW_MS + 1000 }, ctx)).toBe(false);
    // Given in the future alone (the codec refuses givenAt > updatedAt, a record built otherwise must not pass either).
    expect(isCurrent({ ...record, givenAt: now + CLOCK_SKEW_MS + 1000 }, ctx)).toBe(false);
  });
});

describe('consent record — no prototype can grant', () => {
  const PROTO_NAMES = ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf', 'isPrototypeOf', '__defineGetter__'];
  const refused = { status: 'decided', record: decide(allChoices(categories, false), 'reject-all', sealable, UNDECIDED) } as const;
  const accepted = { status: 'decided', record: decide(allChoices(categories, true), 'accept-all', ctx, UNDECIDED) } as const;

  afterEach(() => {
    delete (Object.prototype as Record<string, unknown>)['meta-pixel'];
    delete (Object.prototype as Record<string, unknown>)['google-analytics'];
  });

  it.each(PROTO_NAMES)('a service named %s follows its category and isGranted returns a boolean', (name) => {
    expect(isGranted(refused, 'advertising', name)).toBe(false);
    expect(isGranted(accepted, 'advertising', name)).toBe(true);
    expect(isGranted(UNDECIDED, 'advertising', name)).toBe(false);
  });

  it('a refused visitor is not granted a service that Object.prototype names', () => {
    (Object.prototype as Record<string, unknown>)['meta-pixel'] = true;
    expect(isGranted(refused, 'advertising', 'meta-pixel')).toBe(false);
    const custom = { status: 'decided', record: decide({ analytics: true }, 'custom', ctx, UNDECIDED) } as const;
    expect(isGranted(custom, 'advertising', 'meta-pixel')).toBe(false);
    // Nor one decoded from a cookie.
    const decoded = decodeRecord(encodeRecord(refused.record))!;
    expect(isGranted({ status: 'decided', record: decoded }, 'advertising', 'meta-pixel')).toBe(false);
  });

  it('a polluted Object.prototype does not deny a granted service either', () => {
    (Object.prototype as Record<string, unknown>)['google-analytics'] = false;
    expect(isGranted(accepted, 'analytics', 'google-analytics')).toBe(true);
  });

  it('a non-boolean stored choice counts as refused, and isGranted never returns anything but a boolean', () => {
    const odd = { status: 'decided', record: { ...accepted.record, services: serviceChoices([]) } } as const;
    const services = Object.create(null) as Record<string, unknown>;
    services.hotjar = 'yes';
    const weird = { status: 'decided', record: { ...accepted.record, services: services as Record<string, boolean> } } as const;
    expect(isGranted(odd, 'analytics', 'hotjar')).toBe(true);
    expect(isGranted(weird, 'analytics', 'hotjar')).toBe(false);
    expect(typeof isGranted(accepted, 'analytics', 'constructor')).toBe('boolean');
    expect(typeof isGranted(accepted, 'analytics', undefined)).toBe('boolean');
  });

  it('builds service choices as frozen null-prototype objects, even from a hostile services map', () => {
    const services = JSON.parse('{"__proto__": {"category": "advertising", "allowed": true}, "constructor": {"category": "advertising", "allowed": true}}');
    const record = decide({}, 'custom', ctx, UNDECIDED, services);
    expect(Object.getPrototypeOf(record.services)).toBeNull();
    expect(Object.isFrozen(record.services)).toBe(true);
    // `__proto__` is no valid service id; `constructor` is one, recorded as an own property.
    expect(Object.keys(record.services)).toEqual(['constructor']);
    const state = { status: 'decided', record } as const;
    expect(isGranted(state, 'advertising', 'constructor')).toBe(true);
    expect(isGranted(state, 'advertising', '__proto__')).toBe(false);
    expect(isGranted(state, 'advertising', 'toString')).toBe(false);
  });
});

describe('leastPermissive — copies that disagree', () => {
  const base = (choices: Choices, method: ConsentRecord['method'], extra: Partial<ConsentRecord> = {}, services = {}): ConsentRecord => ({
    ...decide(choices, method, sealable, UNDECIDED, services),
    ...extra,
  });
  const yes = base(allChoices(categories, true), 'accept-all');
  const no = base(allChoices(categories, false), 'reject-all', { id: idOf('no'), updatedAt: now + 1000, expiresAt: addMonths(now, 6) + 1000 });

  it('returns nothing for no copy and the copy itself for one', () => {
    expect(leastPermissive([])).toBeUndefined();
    expect(leastPermissive([yes])).toBe(yes);
  });

  it('a refusal wins over an acceptance, in either order, as the refusal itself', () => {
    expect(leastPermissive([yes, no])).toBe(no);
    expect(leastPermissive([no, yes])).toBe(no);
  });

  it('grants a category only where every copy grants it (intersection)', () => {
    const a = base({ analytics: true, advertising: true }, 'custom');
    const b = base({ analytics: true, personalisation: true }, 'custom', { id: idOf('b'), expiresAt: a.expiresAt - 1000 });
    const merged = leastPermissive([a, b])!;
    expect(merged.method).toBe('custom');
    expect(merged.granted).toEqual(['necessary', 'analytics']);
    expect([...merged.denied].sort()).toEqual(['advertising', 'personalisation']);
    // Id and dates of the copy that expires first.
    expect(merged.id).toBe(idOf('b'));
    expect(merged.expiresAt).toBe(b.expiresAt);
    // And it survives the cookie.
    expect(decodeRecord(encodeRecord(merged))).toEqual(merged);
  });

  it('of several copies with the winning answer, keeps the one that expires first', () => {
    const early = { ...no, id: idOf('early'), expiresAt: no.expiresAt - 5000 };
    expect(leastPermissive([yes, no, early])).toBe(early);
  });

  it('denies a service any copy denies; allows one only every copy allows; otherwise it follows its (intersected) category', () => {
    const ga = { 'google-analytics': { category: 'analytics', allowed: true } };
    const a = base({ advertising: true }, 'custom', {}, { ...ga, criteo: { category: 'advertising', allowed: false }, hotjar: { category: 'analytics', allowed: true } });
    const b = base({ advertising: true }, 'custom', { id: idOf('b') }, ga);
    const merged = leastPermissive([a, b])!;
    expect({ ...merged.services }).toEqual({ 'google-analytics': true, criteo: false });
    const state = { status: 'decided', record: merged } as const;
    expect(isGranted(state, 'analytics', 'google-analytics')).toBe(true);
    expect(isGranted(state, 'analytics', 'hotjar')).toBe(false);
    expect(isGranted(state, 'advertising', 'criteo')).toBe(false);
    expect(isGranted(state, 'advertising', 'google-ads')).toBe(true);
  });

  it('a service exception one copy lacks is dropped: the service follows its category, denied unless every copy grants it', () => {
    // Both copies allow Hotjar (one by exception, one by its category), but the
    // store cannot tell a service's category: the answer errs towards refusal.
    const a = base({}, 'custom', {}, { hotjar: { category: 'analytics', allowed: true } });
    const merged = leastPermissive([a, yes])!;
    expect(isGranted({ status: 'decided', record: merged }, 'analytics', 'hotjar')).toBe(false);
    expect({ ...merged.services }).toEqual({});
    const c = base({ analytics: true }, 'custom', { id: idOf('c') }, { hotjar: { category: 'analytics', allowed: false } });
    const merged2 = leastPermissive([a, c])!;
    expect(isGranted({ status: 'decided', record: merged2 }, 'analytics', 'hotjar')).toBe(false);
    expect(isGranted({ status: 'decided', record: merged2 }, 'analytics')).toBe(false);
  });

  it('never grants what any copy refuses (every pair of sample records)', () => {
    const samples = [
      yes,
      no,
      base({ analytics: true }, 'custom'),
      base({ advertising: true, personalisation: true }, 'custom'),
      base({}, 'custom', {}, { hotjar: { category: 'analytics', allowed: true }, criteo: { category: 'advertising', allowed: true } }),
      base(allChoices(categories, true), 'custom', {}, { 'google-analytics': { category: 'analytics', allowed: false } }),
      base({ ...allChoices(categories, true), advertising: false }, 'gpc'),
    ];
    const services = ['hotjar', 'criteo', 'google-analytics', 'other'];
    for (const a of samples) {
      for (const b of samples) {
        const merged = { status: 'decided', record: leastPermissive([a, b])! } as const;
        for (const c of categories) {
          for (const s of [undefined, ...services]) {
            const every = [a, b].every((r) => isGranted({ status: 'decided', record: r }, c, s));
            if (isGranted(merged, c, s)) expect(every, `${c}/${s}`).toBe(true);
          }
        }
      }
    }
  });
});

describe('consent record — cases a mutation run found unpinned', () => {
  const record = (services: Record<string, { category: string; allowed: boolean }> = {}) => decide({ analytics: true }, 'custom', ctx, UNDECIDED, services);

  it('a record that answers as many categories as the site asks, but other ones, is not current', () => {
    // Last year's "marketing" is not today's "personalisation": a new purpose is a new question.
    const old = { ...record(), denied: ['advertising', 'marketing'] };
    expect(isCurrent(old, ctx)).toBe(false);
    expect(isCurrent(record(), ctx)).toBe(true);
  });

  it('asked about a category without a service, a service exception never answers (not even one named "undefined")', () => {
    const state = { status: 'decided', record: { ...record(), services: serviceChoices([['undefined', true]]) } } as const;
    expect(isGranted(state, 'advertising')).toBe(false);
    expect(isGranted(state, 'advertising', 'undefined')).toBe(true);
  });

  it('drops a service exception whose id is not a service id', () => {
    const r = record({ 'Google Analytics': { category: 'advertising', allowed: true }, criteo: { category: 'advertising', allowed: true } });
    expect({ ...r.services }).toEqual({ criteo: true });
  });

  it('of copies with one answer, service exceptions included, returns the copy that expires first itself', () => {
    const services = { criteo: { category: 'advertising', allowed: true } };
    const early = { ...decide({ analytics: true }, 'custom', ctx, UNDECIDED, services), id: 'early'.padEnd(21, '_') };
    const late = { ...early, id: 'late'.padEnd(21, '_'), expiresAt: early.expiresAt + 1000 };
    expect(leastPermissive([late, early])).toBe(early);
  });
});
