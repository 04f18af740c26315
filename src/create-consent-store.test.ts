// @vitest-environment jsdom
// @vitest-environment-options { "url": "http://www.site.example/shop/cart" }
/**
 * The consent record as createConsent wires it: what is withdrawn, what
 * Consent Mode hears at start, and a consent cookie named like a tracker's.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ConsentApi } from './api.js';
import { installEarlyBlocker } from './blocker/early-blocker.js';
import { coreCatalogue } from './catalogue/generated/core-catalogue.js';
import { createClassifier } from './classifier/create-classifier.js';
import { createConsent } from './create-consent.js';
import { decodeRecord } from './store/record-codec.js';

const config = { privacyPolicyUrl: '/confidentialite', ui: false } as const;
let instances: ConsentApi[] = [];
const start = (extra: object = {}) => {
  const api = createConsent({ ...config, ...extra });
  instances.push(api);
  return api;
};
/** The gtag('consent', …) commands in dataLayer, as arrays. */
const consentCommands = () =>
  ((window as Layer).dataLayer ?? []).map((e) => Array.from(e as ArrayLike<unknown>)).filter((e) => e[0] === 'consent');
const cookieNames = () => document.cookie.split('; ').filter(Boolean).map((p) => p.split('=')[0]);
const cookieValue = (name: string) => document.cookie.split('; ').find((p) => p.startsWith(`${name}=`))?.slice(name.length + 1);
type Layer = { dataLayer?: unknown[] };

function clearCookies() {
  for (const name of cookieNames()) {
    for (const domain of ['', '; domain=www.site.example', '; domain=site.example']) {
      for (const path of ['/', '/shop', '/shop/', '/shop/cart']) document.cookie = `${name}=; max-age=0; path=${path}${domain}`;
    }
  }
}

beforeEach(clearCookies);
afterEach(() => {
  for (const api of instances) api.destroy();
  instances = [];
  delete (window as Layer).dataLayer;
  clearCookies();
});

describe('createConsent — what is withdrawn', () => {
  const withdrawals = (api: ConsentApi) => {
    const seen: string[][] = [];
    api.on('withdraw', (report) => seen.push([...report.categories]));
    return seen;
  };

  it('withdraws exactly the categories that were granted and no longer are', () => {
    const api = start();
    const seen = withdrawals(api);
    api.acceptAll();
    api.update({ analytics: false });
    api.update({ advertising: false, personalisation: false });
    expect(seen).toEqual([['analytics'], ['advertising', 'personalisation']]);
  });

  it('withdraws nothing on a first decision, on a grant, or on a refusal of what was never granted', () => {
    const api = start();
    const seen = withdrawals(api);
    api.rejectAll();
    api.update({ analytics: true });
    api.update({ advertising: false });
    api.acceptAll();
    expect(seen).toEqual([]);
    api.rejectAll();
    expect(seen).toEqual([['analytics', 'advertising', 'personalisation']]);
  });

  it('deletes the withdrawn category’s cookies and keeps the others', () => {
    const api = start();
    api.update({ analytics: true, advertising: true });
    document.cookie = '_ga=GA1.1.1; path=/';
    document.cookie = '_fbp=fb.1; path=/';
    document.cookie = 'cart=1; path=/';
    let report: { deletedCookies: readonly string[] } | undefined;
    api.on('withdraw', (r) => (report = r));
    api.update({ analytics: false });
    expect(report?.deletedCookies).toEqual(['_ga']);
    expect(cookieNames().sort()).toEqual(['_fbp', 'cart', 'nexus_consent']);
  });
});

describe('createConsent — Consent Mode at start', () => {
  it('replays a stored decision right after the default, before any tag can read it', () => {
    start({ googleConsentMode: true }).update({ analytics: true });
    instances.pop()!.destroy();
    delete (window as Layer).dataLayer;
    start({ googleConsentMode: true });
    const entries = consentCommands();
    expect(entries.map((e) => e.slice(0, 2))).toEqual([['consent', 'default'], ['consent', 'update']]);
    expect(entries[1]![2]).toMatchObject({ analytics_storage: 'granted', ad_storage: 'denied' });
  });

  it('sends no update at start when nothing is stored', () => {
    start({ googleConsentMode: true });
    expect(consentCommands().map((e) => e.slice(0, 2))).toEqual([['consent', 'default']]);
  });
});

describe('createConsent — a consent cookie named like a tracker’s', () => {
  it.each(['_pk_consent', 'mtm_consent', '_ga_consent'])('%s is written past the cookie guard and read by the next instance', (name) => {
    const api = start({ cookie: { name } });
    api.rejectAll();
    expect(decodeRecord(cookieValue(name))?.method).toBe('reject-all');
    api.destroy();
    expect(start({ cookie: { name } }).get().status).toBe('decided');
  });

  it('with nexus-consent/auto: the guard installed first does not drop it either', () => {
    installEarlyBlocker(window, createClassifier([coreCatalogue]));
    const api = start({ cookie: { name: '_pk_consent' } });
    // A refusal: the guard holds Matomo's cookies, and would hold this one.
    api.rejectAll();
    expect(decodeRecord(cookieValue('_pk_consent'))?.method).toBe('reject-all');
    expect(start({ cookie: { name: '_pk_consent' } }).get().status).toBe('decided');
    // The page's own writes of Matomo cookies are still held.
    document.cookie = '_pk_ses=1; path=/';
    expect(cookieNames()).not.toContain('_pk_ses');
  });

  it('withdrawal never deletes the consent cookie, whatever its name', () => {
    const api = start({ cookie: { name: '_pk_consent' } });
    api.acceptAll();
    document.cookie = '_pk_id.1.abc=1; path=/';
    api.rejectAll();
    expect(cookieNames()).toEqual(['_pk_consent']);
    expect(decodeRecord(cookieValue('_pk_consent'))?.method).toBe('reject-all');
  });

  it('a config accepts any RFC 6265 token as the cookie name', () => {
    const api = start({ cookie: { name: 'Consent.v2!' } });
    api.rejectAll();
    expect(decodeRecord(cookieValue('Consent.v2!'))?.method).toBe('reject-all');
    expect(() => start({ cookie: { name: 'a;b' } })).toThrow(/cookie\.name/);
  });
});

describe('createConsent — duplicates of the consent cookie', () => {
  /** The value an "accept all" leaves, made by an instance of its own. */
  const acceptedValue = () => {
    const api = start();
    api.acceptAll();
    const value = cookieValue('nexus_consent')!;
    api.destroy();
    clearCookies();
    return value;
  };

  it.each([
    ['Path=/shop', 'path=/shop'],
    ['the parent domain', 'path=/; domain=site.example'],
    // (Domain=<the host itself> is a separate cookie in browsers but not in jsdom: proven in Chromium.)
    ['the parent domain and Path=/shop/cart', 'path=/shop/cart; domain=site.example'],
  ])('a stale "accept all" on %s does not override a refusal, and is deleted', (_label, place) => {
    const accepted = acceptedValue();
    start().rejectAll();
    document.cookie = `nexus_consent=${accepted}; ${place}`;
    expect(document.cookie.split('; ').filter((c) => c.startsWith('nexus_consent='))).toHaveLength(2);
    const next = start();
    expect(next.get()).toMatchObject({ status: 'decided', record: { method: 'reject-all' } });
    expect(next.isGranted('analytics')).toBe(false);
    // One canonical copy left.
    expect(document.cookie.split('; ').filter((c) => c.startsWith('nexus_consent='))).toHaveLength(1);
    expect(decodeRecord(cookieValue('nexus_consent'))?.method).toBe('reject-all');
  });

  it('a decision written after cookie.domain was added replaces the old host-only copy', () => {
    start().acceptAll();
    const api = start({ cookie: { domain: 'site.example' } });
    api.rejectAll();
    expect(document.cookie.split('; ').filter((c) => c.startsWith('nexus_consent='))).toHaveLength(1);
    expect(start().get()).toMatchObject({ status: 'decided', record: { method: 'reject-all' } });
  });
});
