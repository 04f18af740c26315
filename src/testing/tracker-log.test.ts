import { describe, expect, it } from 'vitest';
import { catalogueFull } from '../catalogue/catalogue-full.js';
import { createTrackerLog } from './tracker-log.js';

const PAGE = 'https://www.nexus-tech.fr/offres';
const get = (url: string, resourceType = 'script') => ({ url, base: PAGE, resourceType, method: 'GET' });

describe('tracker log', () => {
  it('keeps classified requests only, by category, in order', () => {
    const log = createTrackerLog();
    log.record(get('https://www.googletagmanager.com/gtag/js?id=G-1'));
    log.record(get('https://www.nexus-tech.fr/app.js'));
    log.record(get('https://connect.facebook.net/en_US/fbevents.js'));
    log.record(get('data:image/gif;base64,R0lGOD', 'image'));
    log.record(get('https://www.facebook.com/tr?id=1&ev=PageView', 'image'));
    expect(log.all().map((r) => [r.category, r.service])).toEqual([
      ['analytics', 'google-analytics'],
      ['advertising', 'meta-pixel'],
      ['advertising', 'meta-pixel'],
    ]);
    expect(log.byCategory('analytics').map((r) => r.url)).toEqual(['https://www.googletagmanager.com/gtag/js?id=G-1']);
    expect(log.byCategory('advertising')[1]).toEqual({
      url: 'https://www.facebook.com/tr?id=1&ev=PageView',
      category: 'advertising',
      service: 'meta-pixel',
      vendor: 'Meta',
      resourceType: 'image',
      method: 'GET',
      reason: 'pending',
    });
    expect(log.byCategory('personalisation')).toEqual([]);
    expect(log.byService('meta-pixel').map((r) => r.resourceType)).toEqual(['script', 'image']);
    expect(log.byService('google-analytics')).toHaveLength(1);
    expect(log.byService('hotjar')).toEqual([]);
    // What it hands out is a copy: a test cannot empty the log by accident.
    (log.all() as unknown[]).splice(0);
    expect(log.all()).toHaveLength(3);
    log.clear();
    expect(log.all()).toEqual([]);
  });

  it('follows the site’s rules, which win over the catalogue', () => {
    const log = createTrackerLog({
      rules: { urls: [{ path: '/collect', category: 'analytics', service: 'nexus-collect' }, { host: 'googletagmanager.com', allow: true }] },
    });
    log.record(get('https://www.nexus-tech.fr/collect?e=view', 'fetch'));
    // A path-only rule is for the site's own host.
    log.record(get('https://elsewhere.example/collect?e=view', 'fetch'));
    log.record(get('https://www.googletagmanager.com/gtag/js?id=G-1'));
    expect(log.all().map((r) => [r.url, r.service, r.category])).toEqual([['https://www.nexus-tech.fr/collect?e=view', 'nexus-collect', 'analytics']]);
  });

  it('knows more services with the full catalogue', () => {
    const url = 'https://a.teads.tv/page/12345/tag';
    const core = createTrackerLog();
    const full = createTrackerLog({ catalogues: [catalogueFull] });
    core.record(get(url));
    full.record(get(url));
    expect(core.all()).toEqual([]);
    expect(full.byCategory('advertising').map((r) => r.service)).toEqual(['teads']);
  });

  it('gives each request its reason once known; entries handed out are frozen snapshots', () => {
    const log = createTrackerLog();
    const first = log.record(get('https://www.googletagmanager.com/gtag/js?id=G-1'));
    const second = log.record(get('https://connect.facebook.net/en_US/fbevents.js'));
    expect(log.record(get('https://www.nexus-tech.fr/app.js'))).toBeUndefined();
    expect(first).toMatchObject({ url: 'https://www.googletagmanager.com/gtag/js?id=G-1', category: 'analytics', service: 'google-analytics' });
    const before = log.all();
    first!.explain('released-after-grant');
    second!.explain('preload-scanner');
    expect(before.map((r) => r.reason)).toEqual(['pending', 'pending']);
    expect(log.all().map((r) => r.reason)).toEqual(['released-after-grant', 'preload-scanner']);
    expect(log.byService('meta-pixel')[0]?.reason).toBe('preload-scanner');
    expect(Object.isFrozen(log.all()[0])).toBe(true);
    // A request explained after clear() is not listed again.
    const third = log.record(get('https://static.hotjar.com/c/hotjar-1.js'));
    log.clear();
    third!.explain('granted');
    expect(log.all()).toEqual([]);
  });
});
