import { describe, expect, it } from 'vitest';
import { addMonths, allChoices, decide, isCurrent, isGranted, UNDECIDED, type DecisionContext } from './consent-record.js';

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
    expect(isCurrent(record, { ...ctx, now: record.expiresAt })).toBe(false);
    expect(isCurrent(record, { ...ctx, categories: [...categories, 'social'] })).toBe(false);
    expect(isCurrent(record, { ...ctx, categories: ['analytics'] })).toBe(false);
  });

  it('adds calendar months, clamping to the end of short months', () => {
    expect(new Date(addMonths(Date.UTC(2026, 7, 31), 6)).toISOString()).toBe('2027-02-28T00:00:00.000Z');
    expect(new Date(addMonths(Date.UTC(2026, 0, 15), 13)).toISOString()).toBe('2027-02-15T00:00:00.000Z');
  });
});
