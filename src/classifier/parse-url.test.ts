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
