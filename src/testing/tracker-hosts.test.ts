import { describe, expect, it } from 'vitest';
import { catalogueFull } from '../catalogue/catalogue-full.js';
import { coreCatalogue } from '../catalogue/generated/core-catalogue.js';
import { trackerHosts } from './tracker-hosts.js';

describe('tracker hosts', () => {
  const hosts = trackerHosts([coreCatalogue, catalogueFull]);

  it('knows every host of the core and the full catalogue, with its sub-domains', () => {
    expect(hosts.match('www.google-analytics.com')).toBe('google-analytics.com');
    expect(hosts.match('region1.google-analytics.com')).toBe('google-analytics.com');
    expect(hosts.match('connect.facebook.net')).toBe('facebook.net');
    // Only the full catalogue has Teads (publisher ad-tech).
    expect(trackerHosts([coreCatalogue]).match('a.teads.tv')).toBeUndefined();
    expect(hosts.match('a.teads.tv')).toBe('teads.tv');
    expect(hosts.size).toBeGreaterThan(trackerHosts([coreCatalogue]).size);
  });

  it('answers a host the catalogue knows by a path only, whole', () => {
    // `googletagmanager.com/gtag/js`, `facebook.com/tr`: the rest of the host is no business of a test suite either.
    expect(hosts.match('www.googletagmanager.com')).toBe('googletagmanager.com');
    expect(hosts.match('www.facebook.com')).toBe('facebook.com');
  });

  it('leaves the site’s own hosts alone, and never matches on a top-level domain or a look-alike', () => {
    for (const host of ['localhost', '127.0.0.1', '[::1]', 'www.nexus-tech.fr', 'com', 'google-analytics.com.evil.example', 'notgoogle-analytics.com']) {
      expect(hosts.match(host), host).toBeUndefined();
    }
    // Case and a trailing dot are the same host.
    expect(hosts.match('WWW.Google-Analytics.COM.')).toBe('google-analytics.com');
  });

  it('adds the hosts it is given', () => {
    const more = trackerHosts([coreCatalogue], ['stats.partner.example', '*.pixel.example']);
    expect(more.match('stats.partner.example')).toBe('stats.partner.example');
    expect(more.match('eu.stats.partner.example')).toBe('stats.partner.example');
    expect(more.match('a.pixel.example')).toBe('pixel.example');
    expect(more.match('partner.example')).toBeUndefined();
  });
});
