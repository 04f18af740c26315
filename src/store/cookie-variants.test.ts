import { describe, expect, it } from 'vitest';
import { COOKIE_NAME, cookieDomains, cookieValues, deletionLine, parentPaths } from './cookie-variants.js';

describe('cookie variants', () => {
  it('lists the host and each parent domain of at least two labels', () => {
    expect(cookieDomains('www.shop.nexus-tech.fr')).toEqual(['www.shop.nexus-tech.fr', 'shop.nexus-tech.fr', 'nexus-tech.fr']);
    expect(cookieDomains('WWW.Site.Example')).toEqual(['www.site.example', 'site.example']);
    expect(cookieDomains('nexus-tech.fr')).toEqual(['nexus-tech.fr']);
    // A longer public suffix is tried; the browser refuses it harmlessly.
    expect(cookieDomains('a.example.co.uk')).toEqual(['a.example.co.uk', 'example.co.uk', 'co.uk']);
  });

  it('gives a one-label host or an IP address as its only domain', () => {
    expect(cookieDomains('localhost')).toEqual(['localhost']);
    // A host that starts with digits is no IP address.
    expect(cookieDomains('1001.pneus.fr')).toEqual(['1001.pneus.fr', 'pneus.fr']);
    expect(cookieDomains('127.0.0.1')).toEqual(['127.0.0.1']);
    expect(cookieDomains('[::1]')).toEqual(['[::1]']);
  });

  it('lists / and each path prefix, with and without a trailing slash', () => {
    expect(parentPaths('/emplois/paris/dev')).toEqual(['/', '/emplois', '/emplois/', '/emplois/paris', '/emplois/paris/', '/emplois/paris/dev', '/emplois/paris/dev/']);
    expect(parentPaths('/shop/')).toEqual(['/', '/shop', '/shop/']);
    expect(parentPaths('/')).toEqual(['/']);
    expect(parentPaths('')).toEqual(['/']);
    expect(parentPaths('//a//b')).toEqual(['/', '/a', '/a/', '/a/b', '/a/b/']);
  });

  it('writes a deletion for one exact path and domain', () => {
    expect(deletionLine('_ga', '/shop', 'site.example')).toBe('_ga=; expires=Thu, 01 Jan 1970 00:00:00 GMT; max-age=0; path=/shop; domain=site.example');
    expect(deletionLine('_ga', '/', undefined)).toBe('_ga=; expires=Thu, 01 Jan 1970 00:00:00 GMT; max-age=0; path=/');
  });

  it('finds every copy of a name in document.cookie, in order, and nothing else', () => {
    expect(cookieValues('a=1; nexus_consent=x; b=2; nexus_consent=y; nexus_consent_old=z; xnexus_consent=w', 'nexus_consent')).toEqual(['x', 'y']);
    expect(cookieValues('nexus_consent=a=b; nexus_consent', 'nexus_consent')).toEqual(['a=b']);
    // A pair without "=" is a value with no name (RFC 6265bis), whatever it starts with.
    expect(cookieValues('nexus_consentX; nexus_consent=2', 'nexus_consent')).toEqual(['2']);
    expect(cookieValues('', 'nexus_consent')).toEqual([]);
    expect(cookieValues(' nexus_consent = v ', 'nexus_consent')).toEqual(['v']);
  });

  it.each(['nexus_consent', '_pk_consent', 'mtm_consent', 'a', "!#$%&'*+-.^_`|~", 'Consent.v2', 'x'.repeat(256)])('accepts the cookie name %s (RFC 6265 token)', (name) => {
    expect(COOKIE_NAME.test(name)).toBe(true);
  });

  it.each(['', 'a b', 'a;b', 'a=b', 'a,b', 'a"b', 'a/b', 'a(b)', 'a@b', 'a:b', 'a\tb', 'é', 'x'.repeat(257), 'a\nb'])('refuses the cookie name %j', (name) => {
    expect(COOKIE_NAME.test(name)).toBe(false);
  });
});
