// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ConsentApi } from './api.js';
import { createConsent, DECISION_SEQUENCE, startConsent } from './create-consent.js';
import type { ConsentLogLoader } from './consent-log/connect-consent-log.js';
import { ConsentConfigError } from './config/config-error.js';

const config = { privacyPolicyUrl: '/confidentialite', ui: false } as const;
let instances: ConsentApi[] = [];
const start = (extra: object = {}) => {
  const api = createConsent({ ...config, ...extra });
  instances.push(api);
  return api;
};

function clearCookies() {
  for (const pair of document.cookie.split('; ')) {
    const name = pair.split('=')[0];
    if (name) document.cookie = `${name}=; path=/; max-age=0`;
  }
}

beforeEach(clearCookies);
afterEach(() => {
  for (const api of instances) api.destroy();
  instances = [];
  document.body.replaceChildren();
});

describe('createConsent — the decision sequence (jsdom)', () => {
  afterEach(() => void delete (window as unknown as { dataLayer?: unknown }).dataLayer);

  it('runs one decision as the named sequence save → signals → withdrawal → events → waiters → release', async () => {
    expect(DECISION_SEQUENCE).toEqual(['save', 'signals', 'withdrawal', 'settle', 'events', 'waiters', 'release']);
    const api = start({ googleConsentMode: true });
    const dataLayer = (window as unknown as { dataLayer: unknown[] }).dataLayer;
    const seen: string[] = [];
    const updates = () => dataLayer.filter((entry) => (entry as ArrayLike<unknown>)[1] === 'update').length;
    api.on('change', () => seen.push(`change: cookie ${document.cookie.includes('nexus_consent=') ? 'saved' : 'missing'}, consent mode updates ${updates()}`));
    void api.whenGranted('analytics').then(() => seen.push('whenGranted'));
    api.acceptAll();
    await Promise.resolve();
    expect(seen).toEqual(['change: cookie saved, consent mode updates 1', 'whenGranted']);
    // A withdrawal deletes before the events tell of it.
    document.cookie = '_ga=GA1.1.1.1; path=/';
    api.on('withdraw', () => seen.push(`withdraw: _ga ${document.cookie.includes('_ga=') ? 'present' : 'deleted'}`));
    api.on('change', () => seen.push(`change after withdraw: _ga ${document.cookie.includes('_ga=') ? 'present' : 'deleted'}`));
    api.rejectAll();
    expect(seen.slice(2)).toEqual(['withdraw: _ga deleted', 'change: cookie saved, consent mode updates 2', 'change after withdraw: _ga deleted']);
  });

  it('goes on past a failing step: a frozen dataLayer costs the signal only, logged once', () => {
    (window as unknown as { dataLayer: unknown }).dataLayer = Object.freeze([]);
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const api = start({ googleConsentMode: true });
    const seen: string[] = [];
    api.on('change', () => seen.push('change'));
    api.on('granted:analytics', () => seen.push('granted:analytics'));
    expect(() => api.acceptAll()).not.toThrow();
    expect(() => api.rejectAll()).not.toThrow();
    expect(api.get()).toMatchObject({ status: 'decided', record: { method: 'reject-all' } });
    expect(document.cookie).toContain('nexus_consent=');
    expect(seen).toEqual(['change', 'granted:analytics', 'change']);
    expect(error).toHaveBeenCalledTimes(1);
    expect(String(error.mock.calls[0]![1])).toContain('Google Consent Mode');
    error.mockRestore();
  });

  it('a change handler that throws does not stop the release or the other handlers', () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const api = start();
    document.body.innerHTML = '<img data-consent="analytics" data-src="https://t.example/p.gif">';
    let after = false;
    api.on('change', () => {
      throw new Error('page bug');
    });
    api.on('change', () => (after = true));
    api.acceptAll();
    expect(after).toBe(true);
    return vi.waitFor(() => expect(document.body.querySelector('img')!.getAttribute('src')).toBe('https://t.example/p.gif'));
  });
});

describe('createConsent — event API (jsdom)', () => {
  it('starts undecided with only necessary granted', () => {
    const api = start();
    expect(api.get()).toEqual({ status: 'undecided' });
    expect(api.isGranted('necessary')).toBe(true);
    expect(api.isGranted('analytics')).toBe(false);
  });

  it('emits change with the new and the previous state, once per decision', () => {
    const api = start();
    const changes: unknown[] = [];
    api.on('change', (change) => changes.push(change));
    api.acceptAll();
    expect(changes).toHaveLength(1);
    expect(changes[0]).toMatchObject({
      previous: { status: 'undecided' },
      state: { status: 'decided', record: { method: 'accept-all', denied: [] } },
    });
  });

  it('emits granted:<category> and denied:<category> for each category answered or flipped, after change', () => {
    const api = start();
    const seen: string[] = [];
    api.on('change', () => seen.push('change'));
    for (const c of ['analytics', 'advertising'] as const) {
      api.on(`granted:${c}`, (e) => seen.push(`granted:${e.category}`));
      api.on(`denied:${c}`, (e) => seen.push(`denied:${e.category}`));
    }
    const dom: string[] = [];
    const onDom = (e: Event) => dom.push(e.type);
    window.addEventListener('nexus-consent:granted:analytics', onDom);
    window.addEventListener('nexus-consent:denied:analytics', onDom);
    api.update({ analytics: true }); // the first decision answers every category
    api.update({ analytics: true, advertising: true });
    api.rejectAll();
    expect(seen).toEqual([
      'change', 'granted:analytics', 'denied:advertising',
      'change', 'granted:advertising',
      'change', 'denied:analytics', 'denied:advertising',
    ]);
    expect(dom).toEqual(['nexus-consent:granted:analytics', 'nexus-consent:denied:analytics']);
    window.removeEventListener('nexus-consent:granted:analytics', onDom);
    window.removeEventListener('nexus-consent:denied:analytics', onDom);
  });

  it('also dispatches a DOM event on window', () => {
    const api = start();
    const listener = vi.fn();
    window.addEventListener('nexus-consent:change', listener);
    api.rejectAll();
    window.removeEventListener('nexus-consent:change', listener);
    expect(listener).toHaveBeenCalledTimes(1);
    expect((listener.mock.calls[0]![0] as CustomEvent).detail.state.record.method).toBe('reject-all');
  });

  it('persists the decision for the next instance', () => {
    start().update({ analytics: true });
    const next = start();
    expect(next.isGranted('analytics')).toBe(true);
    expect(next.isGranted('advertising')).toBe(false);
    expect(next.get()).toMatchObject({ status: 'decided', record: { method: 'custom' } });
  });

  it('update() keeps the categories it was not given', () => {
    const api = start();
    api.update({ analytics: true });
    api.update({ advertising: true });
    expect(api.isGranted('analytics')).toBe(true);
    expect(api.isGranted('advertising')).toBe(true);
    expect(api.isGranted('personalisation')).toBe(false);
  });

  it('update() sets single services, which isGranted({ service }) and the next instance see', () => {
    const api = start();
    api.update({ analytics: true }, { hotjar: false });
    api.update({ advertising: false }, { 'google-ads': true });
    expect(api.isGranted({ service: 'hotjar' })).toBe(false);
    expect(api.isGranted({ service: 'google-analytics' })).toBe(true);
    expect(api.isGranted({ service: 'google-ads' })).toBe(true);
    expect(api.isGranted({ service: 'criteo' })).toBe(false);
    expect(api.isGranted({ service: 'never-heard-of' })).toBe(false);
    expect(api.isGranted('analytics')).toBe(true);
    api.destroy();
    const next = start();
    expect(next.get()).toMatchObject({ status: 'decided', record: { services: { hotjar: false, 'google-ads': true } } });
    // Setting a category as a whole drops its exceptions.
    next.update({ analytics: false });
    expect(next.get()).toMatchObject({ record: { services: { 'google-ads': true } } });
    expect(() => next.update({}, { 'never-heard-of': true })).toThrow(/never-heard-of/);
  });

  it('update() rejects an unknown category by name', () => {
    // @ts-expect-error -- a typo is a compile error too
    expect(() => start().update({ analytcs: true })).toThrow(/analytcs/);
  });

  it('whenGranted resolves on grant, or at once when already granted', async () => {
    const api = start();
    let resolved = false;
    const waiting = api.whenGranted('advertising').then(() => { resolved = true; });
    api.update({ analytics: true });
    await Promise.resolve();
    expect(resolved).toBe(false);
    api.acceptAll();
    await waiting;
    expect(resolved).toBe(true);
    await expect(api.whenGranted('analytics')).resolves.toBeUndefined();
  });

  it('reset() forgets the decision and deletes the cookie', () => {
    const api = start();
    api.acceptAll();
    expect(document.cookie).toContain('nexus_consent=');
    api.reset();
    expect(api.get()).toEqual({ status: 'undecided' });
    expect(document.cookie).not.toContain('nexus_consent=');
  });

  it('a revision change asks again', () => {
    start().acceptAll();
    expect(start({ revision: 2 }).get()).toEqual({ status: 'undecided' });
  });

  it('a corrupt cookie counts as no decision and does not throw', () => {
    document.cookie = 'nexus_consent=1.%E0%A4%A.zz; path=/';
    expect(start().get()).toEqual({ status: 'undecided' });
  });

  it('throws a ConsentConfigError naming the field', () => {
    expect(() => createConsent({ privacyPolicyUrl: 'javascript:void 0' })).toThrow(ConsentConfigError);
  });
});

describe('createConsent — UI strings (jsdom)', () => {
  it('renders hostile config strings as text, never as HTML', async () => {
    const hostile = '<img src=x onerror="window.__pwned=1">';
    start({ ui: true, texts: { fr: { bannerTitle: hostile } }, language: 'fr' });
    // The banner comes with the UI chunk, loaded on demand.
    const root = await vi.waitFor(() => document.querySelector('[data-nexus-consent]')!.shadowRoot!);
    await vi.waitFor(() => expect(root.querySelector('h2')).not.toBeNull());
    expect(root.querySelector('h2')!.textContent).toBe(hostile);
    expect(root.querySelector('img')).toBeNull();
  });
});

describe('startConsent — the UI file (jsdom)', () => {
  const scriptSrc = () => Object.getOwnPropertyDescriptor(HTMLScriptElement.prototype, 'src')!.set;
  const nativeSrc = scriptSrc();
  const source = () => {
    const calls: boolean[] = [];
    // Records, at each call, whether the blocker had already hooked <script>.src.
    const loadUi = vi.fn(() => {
      calls.push(scriptSrc() !== nativeSrc);
      return new Promise<never>(() => {});
    });
    return { loadUi, calls };
  };

  it('a banner is needed: the UI file is requested once, before the blocker installs', () => {
    const { loadUi, calls } = source();
    instances.push(startConsent({ ...config, ui: true }, {}, { loadUi }));
    expect(loadUi).toHaveBeenCalledTimes(1);
    expect(calls).toEqual([false]);
    expect(scriptSrc()).not.toBe(nativeSrc);
  });

  it('a returning visitor with a valid decision: the UI file is not requested', () => {
    start().rejectAll();
    const { loadUi } = source();
    instances.push(startConsent({ ...config, ui: true }, {}, { loadUi }));
    expect(loadUi).not.toHaveBeenCalled();
  });

  it('a loader that throws at once: nothing granted, one message, the API works', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const api = startConsent({ ...config, ui: true }, {}, { loadUi: () => { throw new Error('no UI'); } });
    instances.push(api);
    expect(api.isGranted('analytics')).toBe(false);
    await vi.waitFor(() => expect(error.mock.calls.filter((call) => String(call).includes('could not be loaded'))).toHaveLength(1));
    error.mockRestore();
  });
});

describe('createConsent — consentLog (jsdom)', () => {
  it('hands the client every decision, those made while it loads first; a site without consentLog never loads it', async () => {
    const got: { kind: string; method: string | undefined }[] = [];
    let release!: () => void;
    const loaded = new Promise<void>((resolve) => (release = resolve));
    const loadConsentLog = vi.fn(async () => {
      await loaded;
      return {
        startConsentLog: (options: { decisions: (sink: (d: { kind: string; state?: { record?: { method: string } } }) => void) => () => void }) =>
          options.decisions((d) => got.push({ kind: d.kind, method: d.state?.record?.method })),
      };
    });
    const api = createConsent({ ...config, consentLog: { endpoint: '/consent-log/v1/receipts' } }, { loadConsentLog: loadConsentLog as unknown as ConsentLogLoader });
    instances.push(api);
    api.acceptAll();
    expect(got).toEqual([]);
    release();
    await vi.waitFor(() => expect(got).toHaveLength(1));
    api.rejectAll();
    expect(got).toEqual([
      { kind: 'change', method: 'accept-all' },
      { kind: 'change', method: 'reject-all' },
    ]);
    expect(loadConsentLog).toHaveBeenCalledTimes(1);

    const without = vi.fn(() => Promise.reject(new Error('never')));
    instances.push(createConsent(config, { loadConsentLog: without }));
    expect(without).not.toHaveBeenCalled();
  });

  it('a client that cannot load: one message, decisions still work', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const api = createConsent({ ...config, consentLog: { endpoint: '/x' } }, { loadConsentLog: () => Promise.reject(new Error('offline')) });
    instances.push(api);
    api.acceptAll();
    expect(api.isGranted('analytics')).toBe(true);
    // (An earlier test's window listener may log too: count ours.)
    const ours = () => error.mock.calls.filter((c) => String(c[1]).includes('consentLog'));
    await vi.waitFor(() => expect(ours()).toHaveLength(1));
    error.mockRestore();
  });
});

describe('createConsent — unknown names are warned about, never granted (jsdom)', () => {
  /** The API as plain JavaScript (or a config read at run time) sees it: any string goes in. */
  const loose = (api: ConsentApi<string>) => api as ConsentApi<string>;
  const warnings = () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    return {
      naming: (name: string) => warn.mock.calls.map((c) => String(c[0])).filter((m) => m.includes(`"${name}"`)),
      all: () => warn.mock.calls.map((c) => String(c[0])),
      restore: () => warn.mockRestore(),
    };
  };

  it('a category typo: false, a warning naming it once across every method, and nothing settles', async () => {
    const seen = warnings();
    const api = loose(start({ categories: { newsletter: {} } }));
    api.acceptAll();
    expect(api.isGranted('analytic')).toBe(false);
    expect(api.isGranted('analytic')).toBe(false);
    expect(api.isGranted({ service: 'google-analytics', category: 'analytic' })).toBe(false);
    let settled = false;
    void api.whenGranted('analytic').then(() => (settled = true));
    const handler = vi.fn();
    api.on('granted:analytic', handler);
    api.off('denied:analytic', handler);
    api.update({ analytics: true });
    await Promise.resolve();
    expect(settled).toBe(false);
    expect(handler).not.toHaveBeenCalled();
    expect(seen.naming('analytic')).toEqual([expect.stringMatching(/^\[nexus-consent\] isGranted\("analytic"\): not a category of this site \(necessary, analytics, advertising, personalisation, newsletter\); it is never granted$/)]);
    // Each other name gets its own warning; a known one none.
    api.isGranted('newsleter');
    void api.whenGranted('newsleter');
    expect(seen.naming('newsleter')).toHaveLength(1);
    expect(api.isGranted('newsletter')).toBe(true);
    expect(seen.naming('newsletter')).toEqual([]);
    seen.restore();
  });

  it('the first method to meet a name is the one the warning names', () => {
    const seen = warnings();
    const api = loose(start());
    void api.whenGranted('advertisment');
    api.on('denied:personalization', () => {});
    api.off('granted:analytic', () => {});
    expect(seen.naming('advertisment')).toEqual([expect.stringContaining('whenGranted("advertisment")')]);
    expect(seen.naming('personalization')).toEqual([expect.stringContaining(`on('denied:…')("personalization")`)]);
    expect(seen.naming('analytic')).toEqual([expect.stringContaining(`off('granted:…')("analytic")`)]);
    seen.restore();
  });

  it('an unknown service: not granted, even in a granted category, and warned about once', () => {
    const seen = warnings();
    const api = loose(start());
    api.acceptAll();
    expect(api.isGranted({ service: 'google-analytic' })).toBe(false);
    expect(api.isGranted({ service: 'google-analytic', category: 'analytics' })).toBe(false);
    expect(api.isGranted({ service: 'google-analytics' })).toBe(true);
    expect(seen.naming('google-analytic')).toEqual([expect.stringMatching(/isGranted\(\{ service: "google-analytic" \}\): neither the config nor the catalogue knows this service; it is never granted/)]);
    expect(seen.all().some((m) => m.includes('"google-analytics"'))).toBe(false);
    seen.restore();
  });

  it('an unknown event name: warned about once, by on and off alike', () => {
    const seen = warnings();
    const api = loose(start());
    const handler = vi.fn();
    (api.on as (e: string, h: () => void) => void)('chnage', handler);
    (api.off as (e: string, h: () => void) => void)('chnage', handler);
    (api.on as (e: string, h: () => void) => void)('nexus-consent:change', handler);
    api.acceptAll();
    expect(handler).not.toHaveBeenCalled();
    expect(seen.naming('chnage')).toEqual([expect.stringContaining('on("chnage"): no such event (change, show, withdraw, granted:<category>, denied:<category>)')]);
    expect(seen.naming('nexus-consent:change')).toHaveLength(1);
    api.on('change', handler);
    api.on('granted:analytics', handler);
    expect(seen.all()).toHaveLength(2);
    seen.restore();
  });

  it('update() takes necessary: true as the no-op it is, and refuses necessary: false by name, recording nothing', () => {
    const api = start();
    expect(() => api.update({ necessary: false, analytics: true })).toThrow(/necessary: false; necessary is always granted/);
    expect(api.get()).toEqual({ status: 'undecided' });
    api.update({ necessary: true, analytics: true });
    expect(api.get()).toMatchObject({ status: 'decided', record: { granted: ['necessary', 'analytics'], method: 'custom' } });
    expect(api.isGranted('necessary')).toBe(true);
  });

  it('update() with an unknown category or service throws, naming it, and records nothing', () => {
    const api = loose(start());
    expect(() => api.update({ analytics: true, newsleter: true })).toThrow(/unknown categories newsleter; known: analytics, advertising, personalisation/);
    expect(() => api.update({ analytics: true }, { 'google-analytic': true })).toThrow(/unknown service "google-analytic"/);
    expect(api.get()).toEqual({ status: 'undecided' });
    expect(api.isGranted('analytics')).toBe(false);
  });
});
