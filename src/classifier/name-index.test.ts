import { describe, expect, it } from 'vitest';
import { addName, addPattern, compileNamePattern, createNameIndex, lookupName, matchesNamePattern, sortNameIndex } from './name-index.js';

describe('name patterns', () => {
  it('splits a pattern at its stars', () => {
    expect(compileNamePattern('_ga')).toEqual({ head: '_ga', middle: [], tail: '' });
    expect(compileNamePattern('_ga_*')).toEqual({ head: '_ga_', middle: [], tail: '' });
    expect(compileNamePattern('*_mixpanel')).toEqual({ head: '', middle: [], tail: '_mixpanel' });
    expect(compileNamePattern('mp_*_mixpanel')).toEqual({ head: 'mp_', middle: [], tail: '_mixpanel' });
    expect(compileNamePattern('a*b*c*d')).toEqual({ head: 'a', middle: ['b', 'c'], tail: 'd' });
    expect(compileNamePattern('a**b')).toEqual({ head: 'a', middle: [], tail: 'b' });
  });

  it.each([
    ['_ga_*', '_ga_ABC', true],
    ['_ga_*', '_ga_', true],
    ['_ga_*', '_ga', false],
    ['_ga_*', 'x_ga_1', false],
    ['mp_*_mixpanel', 'mp_123_mixpanel', true],
    ['mp_*_mixpanel', 'mp__mixpanel', true],
    ['mp_*_mixpanel', 'mp_mixpanel', false],
    ['mp_*_mixpanel', 'mp_123_mixpanelx', false],
    ['ab*ba', 'aba', false],
    ['ab*ba', 'abba', true],
    ['a*b*c', 'abc', true],
    ['a*b*c', 'a_b_c', true],
    ['a*b*c', 'acb', false],
    ['a*bc*c', 'abcc', true],
    ['a*bc*c', 'abc', false],
    ['a*x*b', 'axb', true],
    ['a*xy*b', 'axb', false],
    ['a*xy*b', 'aaxyb', true],
    ['a*b*b', 'ab', false],
    ['*_session', 'php_session', true],
    ['*_session', '_session', true],
    ['*_session', 'session', false],
  ])('%s matches %s: %s', (pattern, name, expected) => {
    expect(matchesNamePattern(compileNamePattern(pattern), name)).toBe(expected);
  });
});

describe('name index', () => {
  const build = (items: [string, string][]) => {
    const index = createNameIndex<string>();
    for (const [item, value] of items) addName(index, item, value);
    sortNameIndex(index);
    return index;
  };

  it('finds exact names, the first value added winning', () => {
    const index = build([['_ga', 'first'], ['_ga', 'second'], ['_gid', 'gid']]);
    expect(lookupName(index, '_ga')).toBe('first');
    expect(lookupName(index, '_gid')).toBe('gid');
    expect(lookupName(index, '_gat')).toBeUndefined();
    expect(index.exact.size).toBe(2);
  });

  it('finds patterns by bucket, the longest head first, and exact names before patterns', () => {
    const index = build([['_ga*', 'short'], ['_ga_*', 'long'], ['_ga_X', 'exact']]);
    expect(lookupName(index, '_ga_1')).toBe('long');
    expect(lookupName(index, '_gat')).toBe('short');
    expect(lookupName(index, '_ga_X')).toBe('exact');
    expect(index.buckets.get('_ga')).toHaveLength(2);
  });

  it('keeps patterns with a head under three characters apart, and still finds them (also for short names)', () => {
    const index = build([['*_sess', 'tail'], ['a*', 'a'], ['ab*x', 'abx']]);
    expect(index.short).toHaveLength(3);
    expect(index.buckets.size).toBe(0);
    expect(lookupName(index, 'php_sess')).toBe('tail');
    expect(lookupName(index, 'a')).toBe('a');
    expect(lookupName(index, 'ab')).toBe('a');
    expect(lookupName(index, 'abx')).toBe('abx');
    expect(lookupName(index, 'b')).toBeUndefined();
  });

  it('does not look in a bucket for a name shorter than its key, nor in another bucket', () => {
    const index = build([['abc*', 'abc']]);
    expect(lookupName(index, 'ab')).toBeUndefined();
    expect(lookupName(index, 'abd1')).toBeUndefined();
    expect(lookupName(index, 'abc')).toBe('abc');
  });

  it('adds a compiled pattern directly', () => {
    const index = createNameIndex<number>();
    addPattern(index, { head: 'nx_', middle: [], tail: '_ab' }, 1);
    addPattern(index, { head: 'nx', middle: [], tail: '' }, 2);
    sortNameIndex(index);
    expect(lookupName(index, 'nx_home_ab')).toBe(1);
    expect(lookupName(index, 'nx_home')).toBe(2);
  });
});
