import { describe, expect, it } from 'vitest';
import { addUrlRule, createHostIndex, hasPathPrefix, lookupAnyHost, lookupHost, sortByPath, sortHostIndex } from './host-index.js';

const build = (rules: [host: string, path: string, value: string][]) => {
  const index = createHostIndex<string>();
  for (const [host, path, value] of rules) addUrlRule(index, host, path, value);
  sortHostIndex(index);
  return index;
};

describe('host index', () => {
  it('walks up the host suffixes, nearest first, down to two labels', () => {
    const index = build([['example.com', '', 'site'], ['cdn.example.com', '', 'cdn'], ['com', '', 'tld']]);
    expect(lookupHost(index, 'a.b.cdn.example.com', '/')).toBe('cdn');
    expect(lookupHost(index, 'www.example.com', '/')).toBe('site');
    expect(lookupHost(index, 'example.com', '/')).toBe('site');
    // A lone top-level domain only when it is the whole host.
    expect(lookupHost(index, 'other.com', '/')).toBeUndefined();
    expect(lookupHost(index, 'com', '/')).toBe('tld');
    expect(lookupHost(index, 'example.org', '/')).toBeUndefined();
  });

  it('finds a one-label host, and nothing for an unknown one', () => {
    const index = build([['localhost', '/collect', 'local']]);
    expect(lookupHost(index, 'localhost', '/collect')).toBe('local');
    expect(lookupHost(index, 'intranet', '/collect')).toBeUndefined();
    expect(lookupHost(index, '.localhost', '/collect')).toBeUndefined();
  });

  it('takes the longest matching path at the nearest host, and falls back to a parent host', () => {
    const index = build([
      ['facebook.com', '', 'whole'],
      ['facebook.com', '/tr', 'pixel'],
      ['facebook.com', '/tr/x', 'deep'],
      ['www.facebook.com', '/plugins', 'plugins'],
    ]);
    expect(lookupHost(index, 'facebook.com', '/tr/x/y')).toBe('deep');
    expect(lookupHost(index, 'facebook.com', '/tr')).toBe('pixel');
    expect(lookupHost(index, 'facebook.com', '/trending')).toBe('whole');
    expect(lookupHost(index, 'www.facebook.com', '/plugins/like')).toBe('plugins');
    expect(lookupHost(index, 'www.facebook.com', '/tr')).toBe('pixel');
  });

  it('keeps the first value for the same host and path', () => {
    const index = build([['a.com', '/x', 'first'], ['a.com', '/x', 'second'], ['a.com', '', 'all']]);
    expect(lookupHost(index, 'a.com', '/x')).toBe('first');
    expect(index.hosts.get('a.com')).toHaveLength(2);
  });

  it('orders rules longest path first whatever the order they were added in', () => {
    const rules = [{ path: '', value: 1 }, { path: '/a/b', value: 2 }, { path: '/a', value: 3 }];
    sortByPath(rules);
    expect(rules.map((r) => r.path)).toEqual(['/a/b', '/a', '']);
    const index = build([['a.com', '', 'all'], ['a.com', '/a', 'a'], ['a.com', '/a/b', 'ab']]);
    expect(lookupHost(index, 'a.com', '/a/b/c')).toBe('ab');
  });

  it('matches any-host rules by path suffix, longest first, first value kept', () => {
    const index = build([['', '.php', 'php'], ['', '/matomo.php', 'matomo'], ['', '/matomo.php', 'again'], ['', '/piwik.js', 'piwik']]);
    expect(index.anyHost).toHaveLength(3);
    expect(index.hosts.size).toBe(0);
    expect(lookupAnyHost(index, '/stats/matomo.php')).toBe('matomo');
    expect(lookupAnyHost(index, '/index.php')).toBe('php');
    expect(lookupAnyHost(index, '/js/piwik.js')).toBe('piwik');
    expect(lookupAnyHost(index, '/app.js')).toBeUndefined();
  });
});

describe('hasPathPrefix', () => {
  it.each([
    ['/tr', '', true],
    ['/tr', '/tr', true],
    ['/tr/', '/tr', true],
    ['/tr/x', '/tr', true],
    ['/trending', '/tr', false],
    ['/t', '/tr', false],
    ['/tr/x', '/tr/', true],
    ['/tr', '/tr/', false],
    ['/', '/', true],
    ['/x', '/', true],
  ])('%s under %s: %s', (path, prefix, expected) => {
    expect(hasPathPrefix(path, prefix)).toBe(expected);
  });
});
