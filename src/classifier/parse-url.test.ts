import { describe, expect, it } from 'vitest';
import { parseUrl } from './parse-url.js';

describe('parseUrl', () => {
  it.each([
    ['https://www.Example.com/A/b.js?x=1#y', undefined, 'www.example.com', '/a/b.js'],
    ['http://example.com', undefined, 'example.com', '/'],
    ['HTTPS://EXAMPLE.COM:8443/x', undefined, 'example.com', '/x'],
    ['//cdn.example.com/lib.js', undefined, 'cdn.example.com', '/lib.js'],
    ['wss://ws.example.com/socket', undefined, 'ws.example.com', '/socket'],
    ['https://example.com./x', undefined, 'example.com', '/x'],
    ['https://user:pw@example.com/x', undefined, 'example.com', '/x'],
    ['https://evil.com@example.com/x', undefined, 'example.com', '/x'],
    ['https://[2001:db8::1]:8080/x', undefined, '[2001:db8::1]', '/x'],
    ['https://xn--caf-dma.fr/x', undefined, 'xn--caf-dma.fr', '/x'],
    ['https://café.fr/x', undefined, 'xn--caf-dma.fr', '/x'],
    ['https:\\\\example.com\\a\\b', undefined, 'example.com', '/a/b'],
    ['https://example.com/a/../b', undefined, 'example.com', '/b'],
    [' \thttps://exa\nmple.com/x ', undefined, 'example.com', '/x'],
    ['/collect?v=1', 'https://www.site.fr/page', 'www.site.fr', '/collect'],
    ['collect', 'https://www.site.fr/a/page', 'www.site.fr', '/a/collect'],
    ['?q=1', 'https://www.site.fr/a/page', 'www.site.fr', '/a/page'],
    ['//other.fr/x', 'https://www.site.fr/', 'other.fr', '/x'],
    ['', 'https://www.site.fr/', 'www.site.fr', '/'], // an empty src is the page itself
  ])('%j (base %j) → %s %s', (input, base, host, path) => {
    expect(parseUrl(input, base)).toEqual({ host, path });
  });

  it.each([
    ['/relative-without-base', undefined],
    ['relative', 'not a url'],
    ['data:text/plain,hi', undefined],
    ['blob:https://example.com/1234', undefined],
    ['javascript:void(0)', undefined],
    ['mailto:a@b.c', undefined],
    ['ftp://example.com/x', undefined],
    ['http://', undefined],
    ['https://exa mple.com/', undefined],
    ['', undefined],
  ])('%j (base %j) → undefined', (input, base) => {
    expect(parseUrl(input, base)).toBeUndefined();
  });

  it('does not throw on non-strings', () => {
    expect(parseUrl(42 as unknown as string)).toBeUndefined();
    expect(parseUrl(null as unknown as string)).toBeUndefined();
  });
});

describe('parseUrl — unusual forms that leave the fast path (mutation survivors)', () => {
  const PAGE = 'https://www.nexus-tech.fr/panier';

  it('a protocol-relative URL with user info is another host, never a path of the page', () => {
    expect(parseUrl('//user@tracker.example/p', PAGE)).toEqual({ host: 'tracker.example', path: '/p' });
    expect(parseUrl('//user@tracker.example/p')).toEqual({ host: 'tracker.example', path: '/p' });
  });

  it('drops the trailing dot of a host the full parser read', () => {
    expect(parseUrl('https://user@Tracker.Example./P')).toEqual({ host: 'tracker.example', path: '/p' });
  });

  it.each(['ftp://tracker.example/x', 'xttp://tracker.example/x', 'hxtp://tracker.example/x', 'htxp://tracker.example/x', 'httx://tracker.example/x', 'wx://tracker.example/x'])(
    'is no network URL: %s',
    (url) => {
      // Not a request the blocker must answer.
      expect(parseUrl(url)).toBeUndefined();
    },
  );

  it('reads a special scheme with one slash as the browser does: a request to that host', () => {
    expect(parseUrl('https:/tracker.example/x')).toEqual({ host: 'tracker.example', path: '/x' });
    // Without slashes, against a page of the same scheme, it is a path of that page (URL Standard), as for the browser.
    expect(parseUrl('https:tracker.example/x', PAGE)).toEqual({ host: 'www.nexus-tech.fr', path: '/tracker.example/x' });
    expect(parseUrl('https:tracker.example/x')).toEqual({ host: 'tracker.example', path: '/x' });
  });

  it('reads ws and wss URLs, in any case', () => {
    expect(parseUrl('WSS://Tracker.Example/Live')).toEqual({ host: 'tracker.example', path: '/live' });
    expect(parseUrl('ws://tracker.example')).toEqual({ host: 'tracker.example', path: '/' });
  });
});
