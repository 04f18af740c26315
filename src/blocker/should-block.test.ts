import { describe, expect, it } from 'vitest';
import { allChoices, decide, isGranted, UNDECIDED, type Category, type ConsentState } from '../store/consent-record.js';
import { shouldBlock, type Classified } from './should-block.js';

const categories = ['analytics', 'advertising', 'personalisation'];
const ctx = { categories, revision: 1, validityMonths: 6, now: Date.UTC(2026, 10, 25), newId: () => 'V1StGXR8_Z5jdHi6B-myT' };
const grants = (state: ConsentState) => (category: Category, service?: string) => isGranted(state, category, service);
const decided = (...args: Parameters<typeof decide>): ConsentState => ({ status: 'decided', record: decide(...args) });

const ga: Classified = { service: 'google-analytics', vendor: 'Google', category: 'analytics', source: 'curated' };
const hotjar: Classified = { service: 'hotjar', vendor: 'Hotjar', category: 'analytics', source: 'curated' };
const meta: Classified = { service: 'meta-pixel', vendor: 'Meta', category: 'advertising', source: 'curated' };
const session: Classified = { service: 'php-session', vendor: 'PHP', category: 'necessary', source: 'curated' };

describe('shouldBlock with real consent states', () => {
  it('blocks every classified tracker before a decision, with its classification', () => {
    for (const c of [ga, hotjar, meta]) expect(shouldBlock(c, grants(UNDECIDED))).toBe(c);
  });

  it('lets unknown things and necessary ones through, whatever the state', () => {
    for (const state of [UNDECIDED, decided(allChoices(categories, false), 'reject-all', ctx, UNDECIDED)]) {
      expect(shouldBlock(undefined, grants(state))).toBeUndefined();
      expect(shouldBlock(session, grants(state))).toBeUndefined();
    }
  });

  it('lets a necessary classification through even where a site says no category is granted', () => {
    // The verdict's own rule, not the consent state's: `necessary` never waits, whatever isGranted answers.
    expect(shouldBlock(session, () => false)).toBeUndefined();
    expect(shouldBlock(ga, () => false)).toBe(ga);
  });

  it('follows the categories of an "accept all" and a "reject all"', () => {
    const yes = grants(decided(allChoices(categories, true), 'accept-all', ctx, UNDECIDED));
    const no = grants(decided(allChoices(categories, false), 'reject-all', ctx, UNDECIDED));
    for (const c of [ga, hotjar, meta]) {
      expect(shouldBlock(c, yes)).toBeUndefined();
      expect(shouldBlock(c, no)).toBeDefined();
    }
  });

  it('follows a custom decision category by category', () => {
    const state = grants(decided({ analytics: true }, 'custom', ctx, UNDECIDED));
    expect(shouldBlock(ga, state)).toBeUndefined();
    expect(shouldBlock(meta, state)).toBeDefined();
  });

  it('lets one allowed service of a denied category through, and only that one', () => {
    const state = grants(decided({}, 'custom', ctx, UNDECIDED, { 'google-analytics': { category: 'analytics', allowed: true } }));
    expect(shouldBlock(ga, state)).toBeUndefined();
    expect(shouldBlock(hotjar, state)).toBe(hotjar);
    expect(shouldBlock(meta, state)).toBeDefined();
  });

  it('blocks one denied service of a granted category, and only that one', () => {
    const state = grants(decided({ analytics: true, advertising: true }, 'custom', ctx, UNDECIDED, { hotjar: { category: 'analytics', allowed: false } }));
    expect(shouldBlock(hotjar, state)).toBe(hotjar);
    expect(shouldBlock(ga, state)).toBeUndefined();
    expect(shouldBlock(meta, state)).toBeUndefined();
  });

  it('asks about the classification’s own category and service', () => {
    const asked: [Category, string | undefined][] = [];
    shouldBlock(meta, (category, service) => {
      asked.push([category, service]);
      return false;
    });
    expect(asked).toEqual([['advertising', 'meta-pixel']]);
  });

  it('a tracker whose service is named like an Object.prototype member gets nothing from the prototype', () => {
    const odd: Classified = { service: 'constructor', vendor: 'x', category: 'advertising', source: 'site' };
    const no = grants(decided(allChoices(categories, false), 'reject-all', ctx, UNDECIDED));
    expect(shouldBlock(odd, no)).toBeDefined();
    expect(shouldBlock({ ...odd, service: '__proto__' }, no)).toBeDefined();
  });
});
