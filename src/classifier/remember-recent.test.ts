import { describe, expect, it, vi } from 'vitest';
import { rememberRecent } from './remember-recent.js';

describe('rememberRecent with a base', () => {
  const setup = (size?: number) => {
    const classify = vi.fn((url: string, base: string | undefined) => (url.includes('tracker') ? { url, base } : undefined));
    return { classify, remembered: rememberRecent(classify, size) };
  };

  it('classifies a URL once, known or unknown, and gives the same answer again', () => {
    const { classify, remembered } = setup();
    const first = remembered('https://tracker.example/p', 'https://site.example/');
    expect(remembered('https://tracker.example/p', 'https://site.example/')).toBe(first);
    expect(remembered('/img.png', 'https://site.example/')).toBeUndefined();
    expect(remembered('/img.png', 'https://site.example/')).toBeUndefined();
    expect(classify).toHaveBeenCalledTimes(2);
  });

  it('forgets everything when the base URL changes (relative URLs mean something else)', () => {
    const { classify, remembered } = setup();
    remembered('/a', 'https://site.example/');
    remembered('/a', 'https://other.example/');
    expect(classify).toHaveBeenCalledTimes(2);
    expect(classify).toHaveBeenLastCalledWith('/a', 'https://other.example/');
  });

  it('stays bounded: a full memo starts over', () => {
    const { classify, remembered } = setup(2);
    for (const url of ['/1', '/2', '/3', '/1']) remembered(url, 'b');
    // /3 cleared the memo (holding /1 and /2), so /1 is classified again.
    expect(classify).toHaveBeenCalledTimes(4);
    remembered('/3', 'b');
    expect(classify).toHaveBeenCalledTimes(4);
  });
});

describe('rememberRecent', () => {
  it('classifies a name once, known or unknown, and gives the same answer again', () => {
    const classify = vi.fn((name: string) => (name.startsWith('_ga') ? { name } : undefined));
    const remembered = rememberRecent(classify);
    const first = remembered('_ga_X');
    expect(first).toEqual({ name: '_ga_X' });
    expect(remembered('_ga_X')).toBe(first);
    expect(remembered('app:setting')).toBeUndefined();
    expect(remembered('app:setting')).toBeUndefined();
    expect(classify).toHaveBeenCalledTimes(2);
  });

  it('stays bounded: a full memo starts over', () => {
    const classify = vi.fn((name: string) => name);
    const remembered = rememberRecent(classify, 2);
    for (const name of ['a', 'b', 'c', 'a']) remembered(name);
    expect(classify).toHaveBeenCalledTimes(4);
  });

  it('keeps a string of 2,048 characters, not one longer', () => {
    const classify = vi.fn(() => undefined);
    const remembered = rememberRecent(classify);
    const limit = `/${'a'.repeat(2047)}`;
    remembered(limit);
    remembered(limit);
    expect(classify).toHaveBeenCalledTimes(1);
    const over = `${limit}b`;
    remembered(over);
    remembered(over);
    expect(classify).toHaveBeenCalledTimes(3);
  });

  it('does not keep a very long string (a data: URL the page may drop)', () => {
    const classify = vi.fn(() => undefined);
    const remembered = rememberRecent(classify);
    const long = `data:image/png;base64,${'A'.repeat(5000)}`;
    remembered(long);
    remembered(long);
    expect(classify).toHaveBeenCalledTimes(2);
  });

  it('answers anything but a string with nothing, without asking', () => {
    const classify = vi.fn(() => ({ service: 'x' }));
    const remembered = rememberRecent(classify);
    for (const odd of [42, null, undefined, { toString: () => '_ga' }]) expect(remembered(odd as unknown as string)).toBeUndefined();
    expect(classify).not.toHaveBeenCalled();
  });
});

describe('rememberRecent without a base', () => {
  it('tells no base from an empty one (a protocol-relative URL resolves only without)', () => {
    const classify = vi.fn((url: string, base: string | undefined) => (base === undefined ? 'no base' : 'base'));
    const remembered = rememberRecent(classify);
    expect(remembered('//cdn.example/x', undefined)).toBe('no base');
    expect(remembered('//cdn.example/x', '')).toBe('base');
    expect(remembered('//cdn.example/x', undefined)).toBe('no base');
    expect(classify).toHaveBeenCalledTimes(3);
  });
});
