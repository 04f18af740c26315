import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { shouldBlock } from '../blocker/should-block.js';
import { ConsentConfigError } from '../config/config-error.js';
import { allChoices, decide, UNDECIDED, type Choices } from '../store/consent-record.js';
import { encodeRecord } from '../store/record-codec.js';
import { currentRecords, grantsOf } from './consent-cookie.js';
import { consentCsp, createConsentCsp, CSP_DIRECTIVES, type ConsentCspOptions, type CspSources } from './consent-csp.js';
import { resolveMarkupOptions } from './markup-options.js';

const categories = ['analytics', 'advertising', 'personalisation'];
const ctx = { categories, revision: 1, validityMonths: 6, now: Date.now(), newId: () => 'abcdefghijklmnopqrstu' };
type Services = Parameters<typeof decide>[4];
const cookie = (choices: Choices, services: Services = {}) => `theme=dark; nexus_consent=${encodeRecord(decide(choices, 'custom', ctx, UNDECIDED, services))}`;
const ALL = cookie(allChoices(categories, true));

/** The policy as a map: directive → its sources. */
function parse(policy: string): Map<string, string[]> {
  return new Map(policy.split('; ').map((d) => [d.split(' ')[0]!, d.split(' ').slice(1)]));
}
const sources = (policy: string, directive = 'script-src') => parse(policy).get(directive)!;

/**
 * CSP3 §6.7.2.8–9 for the sources this module writes (a host, `*.host`, with
 * an exact path or a path ending in `/`, no scheme, on an https page): whether
 * the browser would let `url` through.
 */
function allows(list: readonly string[], url: string): boolean {
  const { hostname, pathname } = new URL(url);
  return list.some((source) => {
    const slash = source.indexOf('/');
    const host = slash < 0 ? source : source.slice(0, slash);
    const path = slash < 0 ? '' : source.slice(slash);
    const hostMatch = host.startsWith('*.') ? hostname.endsWith(host.slice(1)) : hostname === host;
    if (!hostMatch) return false;
    if (path === '') return true;
    return path.endsWith('/') ? pathname.startsWith(path) : pathname === path;
  });
}

/** Tracker URLs as vendors' snippets and the test stand-ins have them. */
const URLS = [
  'https://www.googletagmanager.com/gtag/js?id=G-1',
  'https://region1.google-analytics.com/g/collect?v=2',
  'https://www.google-analytics.com/analytics.js',
  'https://connect.facebook.net/en_US/fbevents.js',
  'https://www.facebook.com/tr?id=1&ev=PageView',
  'https://www.facebook.com/plugins/like.php',
  'https://static.hotjar.com/c/hotjar-1.js',
  'https://www.clarity.ms/tag/abc',
  'https://snap.licdn.com/li.lms-analytics/insight.min.js',
  'https://px.ads.linkedin.com/collect/?pid=1',
  'https://analytics.tiktok.com/i18n/pixel/events.js',
  'https://cdn.matomo.cloud/site.matomo.cloud/matomo.js',
  'https://www.youtube.com/embed/abc',
  'https://www.youtube-nocookie.com/embed/abc',
  'https://player.vimeo.com/video/1',
  'https://www.google.com/maps/embed?pb=1',
  'https://www.google.com/pagead/1p-conversion/1/',
  'https://googleads.g.doubleclick.net/pagead/viewthroughconversion/1/',
  'https://static.criteo.net/js/ld/publishertag.js',
  'https://abc.sc.omtrdc.net/b/ss/x',
  'https://omtrdc.net/b/ss/x',
  'https://tt.omtrdc.net/m2/x',
];

describe('consentCsp: the trackers the consent cookie grants, and nothing else', () => {
  it('no consent cookie (or none at all): every directive lists only \'self\'', () => {
    const none = "script-src 'self'; img-src 'self'; connect-src 'self'; frame-src 'self'";
    expect(consentCsp({}, undefined)).toBe(none);
    expect(consentCsp({}, 'theme=dark')).toBe(none);
    expect(consentCsp({}, cookie({ analytics: false, advertising: false, personalisation: false }))).toBe(none);
  });

  it('analytics granted: its hosts in each of the four directives, not advertising’s', () => {
    const policy = consentCsp({}, cookie({ analytics: true }));
    expect([...parse(policy).keys()]).toEqual([...CSP_DIRECTIVES]);
    for (const directive of CSP_DIRECTIVES) {
      const list = sources(policy, directive);
      expect(list[0]).toBe("'self'");
      expect(list).toEqual(expect.arrayContaining(['googletagmanager.com/gtag/js', '*.googletagmanager.com/gtag/js', 'google-analytics.com', '*.google-analytics.com', '*.hotjar.com']));
      expect(allows(list, 'https://connect.facebook.net/en_US/fbevents.js')).toBe(false);
      expect(allows(list, 'https://www.facebook.com/tr?id=1')).toBe(false);
    }
  });

  it('allows a tracker URL exactly when the page’s SDK would let it through, for every kind of choice', () => {
    const resolved = resolveMarkupOptions({});
    const csp = createConsentCsp({});
    const states = [
      undefined,
      cookie({ analytics: true }),
      cookie({ advertising: true }),
      cookie({ personalisation: true }),
      ALL,
      // Per-service choices: one service allowed in a refused category, one refused in a granted one.
      cookie({ analytics: true }, { hotjar: { category: 'analytics', allowed: false }, youtube: { category: 'advertising', allowed: true } }),
      cookie({ analytics: false }, { 'adobe-analytics': { category: 'analytics', allowed: true } }),
    ];
    for (const header of states) {
      const granted = grantsOf(currentRecords(header, 'nexus_consent', { categories, revision: 1, now: Date.now() }));
      const list = sources(csp({ cookieHeader: header }));
      for (const url of URLS) {
        const c = resolved.classifier.classifyUrl(url)!;
        expect(c, url).toBeDefined();
        const live = shouldBlock(c, granted) === undefined;
        // Never a URL the consent refuses. The one case the other way is a CSP's limit (next test).
        if (url === 'https://abc.sc.omtrdc.net/b/ss/x' && live && !granted('personalisation', 'adobe-target')) expect(allows(list, url), url).toBe(false);
        else expect(allows(list, url), `${url} with ${header ?? 'no cookie'}`).toBe(live);
      }
    }
  });

  it('fails closed where a granted tracker’s domain holds a refused one: Adobe Analytics’s *.omtrdc.net would allow Adobe Target’s tt.omtrdc.net', () => {
    const list = sources(consentCsp({}, cookie({ analytics: true })));
    expect(list).toContain('omtrdc.net');
    expect(list).not.toContain('*.omtrdc.net');
    expect(list).not.toContain('tt.omtrdc.net');
    const both = sources(consentCsp({}, cookie({ analytics: true, personalisation: true })));
    expect(both).toEqual(expect.arrayContaining(['omtrdc.net', '*.omtrdc.net', 'tt.omtrdc.net']));
  });

  it('the site’s URL rules count: its own trackers when granted, hosts it exempts always, hosts it refiles under their new category', () => {
    const options: ConsentCspOptions = {
      rules: {
        urls: [
          { host: 'collect.nexus-stats.fr', category: 'analytics', service: 'nexus-stats' },
          { host: 'cdn.hotjar.com', allow: true },
          { host: 'player.vimeo.com', category: 'analytics', service: 'vimeo-stats' },
        ],
      },
    };
    const none = sources(consentCsp(options, undefined));
    expect(none).toEqual(["'self'", 'cdn.hotjar.com', '*.cdn.hotjar.com']);
    const analytics = sources(consentCsp(options, cookie({ analytics: true })));
    expect(analytics).toEqual(expect.arrayContaining(['collect.nexus-stats.fr', '*.collect.nexus-stats.fr', 'player.vimeo.com', '*.player.vimeo.com']));
    // vimeo.com itself stays personalisation.
    expect(analytics).not.toContain('vimeo.com');
  });

  it('services: only the trackers the site uses, which keeps the header short', () => {
    const everything = consentCsp({}, ALL);
    const used = consentCsp({ services: ['hotjar', 'google-analytics'] }, ALL);
    const list = sources(used);
    expect(list).toEqual(expect.arrayContaining(['hotjar.com', '*.hotjar.com', 'google-analytics.com', '*.google-analytics.com', 'googletagmanager.com/gtag/js']));
    // Nothing of another service: every source allows a URL of one of the two, and no other tracker's.
    expect(list.filter((s) => !/hotjar|google|gexperiments/.test(s))).toEqual(["'self'"]);
    expect(allows(list, 'https://www.facebook.com/tr?id=1')).toBe(false);
    expect(used.length).toBeLessThan(2500);
    expect(everything.length).toBeGreaterThan(8 * used.length);
  });

  it('the site’s own sources, per directive, and this response’s nonce in script-src', () => {
    const csp = createConsentCsp({
      sources: {
        'script-src': ["'unsafe-inline'", 'https://www.googletagmanager.com/gtm.js', 'https://cdn.nexus-tech.fr'],
        'img-src': ['data:', 'https://cdn.nexus-tech.fr'],
        'frame-src': ['https://www.nexus-tech.fr/embed/'],
      },
    });
    expect(csp({ nonce: 'r4nd0m-n0nce' })).toBe(
      "script-src 'self' 'unsafe-inline' https://www.googletagmanager.com/gtm.js https://cdn.nexus-tech.fr 'nonce-r4nd0m-n0nce'; " +
        "img-src 'self' data: https://cdn.nexus-tech.fr; connect-src 'self'; frame-src 'self' https://www.nexus-tech.fr/embed/",
    );
    expect(() => csp({ nonce: "x' 'unsafe-eval" })).toThrow(TypeError);
  });

  it.each([
    ['every host', { 'script-src': ['*'] }, 'sources.script-src[0]'],
    ['every https host', { 'img-src': ['https:'] }, 'sources.img-src[0]'],
    ["'strict-dynamic' (the browser would ignore the host list)", { 'script-src': ["'strict-dynamic'"] }, 'sources.script-src[0]'],
    ['a tracker’s host (gtag.js is on Google Tag Manager’s host)', { 'script-src': ['https://www.googletagmanager.com'] }, 'sources.script-src[0]'],
    ['a domain that holds trackers', { 'frame-src': ['*.youtube.com'] }, 'sources.frame-src[0]'],
    ['a second directive smuggled in', { 'img-src': ["'self'; script-src *"] }, 'sources.img-src[0]'],
    ['a second policy smuggled in', { 'img-src': ['data:,script-src'] }, 'sources.img-src[0]'],
    ['another directive', { 'style-src': ["'self'"] }, 'sources.style-src'],
  ])('refuses a site source that would let trackers through: %s', (_, given, field) => {
    expect(() => createConsentCsp({ sources: given as CspSources })).toThrow(ConsentConfigError);
    expect(() => createConsentCsp({ sources: given as CspSources })).toThrow(field);
  });

  it('a bad option of the site’s config fails as the markup step does, naming it', () => {
    expect(() => createConsentCsp({ rules: { urls: [{ host: 'x y', category: 'analytics' }] } })).toThrow('rules.urls[0].host');
    expect(() => createConsentCsp({ services: 'hotjar' as never })).toThrow('services');
  });
});

describe('README: the Content-Security-Policy example', () => {
  it('runs as written: the page marked up, the policy following the visitor’s consent cookie', async () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const code = /<!-- csp-example[^>]*-->\n```js\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(code).toBeDefined();
    const dir = await mkdtemp(join(tmpdir(), 'nexus-csp-example-'));
    const previous = process.env.PORT;
    try {
      // The example as a site would save it, importing this package's source instead of its build.
      await writeFile(join(dir, 'server.mjs'), code!.replace("'nexus-consent/markup'", JSON.stringify(new URL('./index.ts', import.meta.url).pathname)));
      await writeFile(join(dir, 'index.html'), '<!doctype html><script src="/nexus-consent.min.js"></script><script async src="https://www.googletagmanager.com/gtag/js?id=G-1"></script>');
      process.env.PORT = '0';
      const { server } = (await import(join(dir, 'server.mjs'))) as { server: Server };
      await new Promise<void>((done) => (server.listening ? done() : server.once('listening', done)));
      const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
      try {
        const first = await fetch(base);
        expect(first.headers.get('content-security-policy')).toBe(
          "script-src 'self' 'unsafe-inline' https://www.googletagmanager.com/gtm.js; img-src 'self' data:; connect-src 'self'; frame-src 'self'",
        );
        expect(await first.text()).toContain('type="text/plain"');
        const granted = await fetch(base, { headers: { cookie: cookie({ analytics: true }) } });
        const policy = granted.headers.get('content-security-policy')!;
        for (const source of ['google-analytics.com', '*.google-analytics.com', 'googletagmanager.com/gtag/js', 'hotjar.com', '*.hotjar.com']) expect(sources(policy)).toContain(source);
        expect(policy).not.toMatch(/facebook|youtube/);
        expect(await granted.text()).not.toContain('type="text/plain"');
      } finally {
        await new Promise<void>((done) => server.close(() => done()));
      }
    } finally {
      if (previous === undefined) delete process.env.PORT;
      else process.env.PORT = previous;
      await rm(dir, { recursive: true, force: true });
    }
  });
});
