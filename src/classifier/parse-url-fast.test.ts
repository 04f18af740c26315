import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseUrl } from './parse-url.js';

/**
 * The fast path: plain absolute, protocol-relative and root-relative URLs —
 * nearly every request a page makes — are split by hand, without a URL
 * object (the classifier runs on every request, element and attribute). Each
 * case checks the answer, and whether the WHATWG parser was needed.
 */
const NativeURL = globalThis.URL;
let parsed = 0;

function countURL() {
  parsed = 0;
  vi.stubGlobal(
    'URL',
    new Proxy(NativeURL, {
      construct(target, args) {
        parsed++;
        return Reflect.construct(target, args);
      },
    }),
  );
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('parseUrl — the fast path', () => {
  it.each([
    ['https://www.example.com/a/b.js', undefined, 'www.example.com', '/a/b.js'],
    ['http://example.com', undefined, 'example.com', '/'],
    ['https://example.com?x=1', undefined, 'example.com', '/'],
    ['https://example.com#top', undefined, 'example.com', '/'],
    ['https://example.com/?x', undefined, 'example.com', '/'],
    ['https://Www.EXAMPLE.com/Path/To', undefined, 'www.example.com', '/path/to'],
    ['HTTPS://example.com/x', undefined, 'example.com', '/x'],
    ['Http://example.com/x', undefined, 'example.com', '/x'],
    ['https://example.com:8443/x', undefined, 'example.com', '/x'],
    ['http://example.com:80', undefined, 'example.com', '/'],
    ['ws://a.example.com/s', undefined, 'a.example.com', '/s'],
    ['WSS://A.example.com/s', undefined, 'a.example.com', '/s'],
    ['//cdn.example.com/lib.js', undefined, 'cdn.example.com', '/lib.js'],
    ['//cdn.example.com/x', 'http://www.site.fr/', 'cdn.example.com', '/x'],
    ['https://example.com./x', undefined, 'example.com', '/x'],
    ['https://a-b_c.example9.com/x?y#z', undefined, 'a-b_c.example9.com', '/x'],
    ['https://example.com/a.b/c.js', undefined, 'example.com', '/a.b/c.js'],
    ['https://example.com/a?b/../c', undefined, 'example.com', '/a'],
    ['https://example.com/A?Q', undefined, 'example.com', '/a'],
    ['https://example.com/a#../b', undefined, 'example.com', '/a'],
    ['https://09.example.com/x', undefined, '09.example.com', '/x'],
    ['https://az.AZ.example.com/x', undefined, 'az.az.example.com', '/x'],
    ['/collect?v=1', 'https://www.site.fr/page', 'www.site.fr', '/collect'],
    ['/A/B', 'https://WWW.Site.fr/page', 'www.site.fr', '/a/b'],
    ['/', 'https://www.site.fr/page', 'www.site.fr', '/'],
  ])('%s (base %s) → %s %s, without the URL parser', (url, base, host, path) => {
    countURL();
    expect(parseUrl(url, base)).toEqual({ host, path });
    expect(parsed).toBe(0);
  });

  it.each([
    ['https://user@example.com/x', undefined, 'example.com', '/x'],
    ['https://example.com:x/x', undefined, undefined, undefined],
    ['https://example.com:8a/x', undefined, undefined, undefined],
    ['https://exa mple.com/x', undefined, undefined, undefined],
    ['https://example.com/a b', undefined, 'example.com', '/a%20b'],
    ['https://example.com/a\\b', undefined, 'example.com', '/a/b'],
    ['https://example.com/a/./b', undefined, 'example.com', '/a/b'],
    ['https://example.com/.hidden', undefined, 'example.com', '/.hidden'],
    ['https://%65xample.com/x', undefined, 'example.com', '/x'],
    ['https://[::1]/x', undefined, '[::1]', '/x'],
    ['https:///x', undefined, 'x', '/'],
    ['x.js', 'https://www.site.fr/a/page', 'www.site.fr', '/a/x.js'],
    ['/x', 'data:text/html,hi', undefined, undefined],
    ['/x', 'https://user@www.site.fr/', 'www.site.fr', '/x'],
    ['htt://example.com/x', undefined, undefined, undefined],
    ['https:/example.com/x', undefined, 'example.com', '/x'],
    ['https:example.com/x', undefined, 'example.com', '/x'],
    ['wsx://example.com/x', undefined, undefined, undefined],
    ['ftp://example.com/x', undefined, undefined, undefined],
    ['https://', undefined, undefined, undefined],
  ])('%s (base %s): the full parser decides → %s %s', (url, base, host, path) => {
    countURL();
    expect(parseUrl(url, base)).toEqual(host === undefined ? undefined : { host, path });
    expect(parsed).toBeGreaterThan(0);
  });

  it('answers undefined for a non-string, without throwing', () => {
    expect(parseUrl(42 as unknown as string)).toBeUndefined();
    expect(parseUrl(undefined as unknown as string)).toBeUndefined();
  });
});
