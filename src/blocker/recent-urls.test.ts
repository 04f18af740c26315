import { describe, expect, it, vi } from 'vitest';
import { rememberRecentUrls } from './recent-urls.js';

describe('rememberRecentUrls', () => {
  const setup = (size?: number) => {
    const classify = vi.fn((url: string, base: string) => (url.includes('tracker') ? { url, base } : undefined));
    return { classify, remembered: rememberRecentUrls(classify, size) };
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
