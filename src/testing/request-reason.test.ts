// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { probePage, reasonAfterLoad, reasonNow, type PageView } from './request-reason.js';

const view = (over: Partial<PageView> = {}): PageView => ({ instance: true, loaded: true, granted: false, held: false, escaped: false, released: false, ...over });

describe('request reasons (pure)', () => {
  it('placed at once when the page already tells', () => {
    expect(reasonNow(view({ granted: true }))).toBe('granted');
    expect(reasonNow(view({ granted: true, loaded: false }))).toBe('granted');
    expect(reasonNow(view({ granted: true, held: true }))).toBe('released-after-grant');
    expect(reasonNow(view({ released: true }))).toBe('released-after-grant');
    expect(reasonNow(view({ escaped: true }))).toBe('preload-scanner');
    // Once granted, a tag that had escaped is fetched again by its release.
    expect(reasonNow(view({ escaped: true, granted: true }))).toBe('released-after-grant');
    expect(reasonNow(view())).toBe('never-classified');
    expect(reasonNow(view({ held: true }))).toBe('unexplained');
    expect(reasonNow(view({ instance: false }))).toBe('no-instance');
  });

  it('while the page loads, a request not granted waits for its load: it may be the preload scanner', () => {
    expect(reasonNow(view({ loaded: false }))).toBeUndefined();
    expect(reasonNow(view({ loaded: false, held: true }))).toBeUndefined();
    expect(reasonNow(view({ instance: false, loaded: false }))).toBeUndefined();
    expect(reasonAfterLoad(view({ loaded: false }), view({ escaped: true }))).toBe('preload-scanner');
    expect(reasonAfterLoad(view({ loaded: false, instance: false }), view({ escaped: true }))).toBe('preload-scanner');
    expect(reasonAfterLoad(view({ loaded: false }), view())).toBe('never-classified');
    expect(reasonAfterLoad(view({ loaded: false, held: true }), view({ held: true }))).toBe('unexplained');
    // The SDK was not there yet when it went out.
    expect(reasonAfterLoad(view({ loaded: false, instance: false }), view())).toBe('no-instance');
  });
});

describe('probePage (jsdom)', () => {
  const URL_GA = 'https://www.googletagmanager.com/gtag/js?id=G-1';
  const arg = { url: URL_GA, category: 'analytics', service: 'google-analytics', afterLoad: false };
  const win = window as unknown as { NexusConsent?: unknown };
  const instance = (state: unknown, blocked: unknown[] = [], isGranted: (t: unknown) => boolean = () => false) => ({
    get: () => state,
    blocked: () => blocked,
    isGranted,
  });
  const decided = (granted: string[], services: Record<string, boolean> = {}) => ({ status: 'decided', record: { granted, services } });
  afterEach(() => {
    delete win.NexusConsent;
    document.body.replaceChildren();
  });

  it('no instance: the queue, nothing, or a getter that throws', () => {
    expect(probePage(arg)).toMatchObject({ instance: false, granted: false });
    win.NexusConsent = [];
    expect(probePage(arg)).toMatchObject({ instance: false });
    Object.defineProperty(window, 'NexusConsent', { configurable: true, get: () => { throw new Error('no'); } });
    expect(probePage(arg)).toMatchObject({ instance: false });
  });

  it('granted from the record for a service the SDK held nothing of: category, or the service’s own choice', () => {
    win.NexusConsent = instance(decided(['necessary', 'analytics']));
    expect(probePage(arg)).toEqual({ instance: true, loaded: true, granted: true, held: false, escaped: false, released: false });
    win.NexusConsent = instance(decided(['necessary', 'analytics'], { 'google-analytics': false }));
    expect(probePage(arg)).toMatchObject({ granted: false });
    win.NexusConsent = instance(decided(['necessary'], { 'google-analytics': true }));
    expect(probePage(arg)).toMatchObject({ granted: true });
    win.NexusConsent = instance({ status: 'undecided' });
    expect(probePage(arg)).toMatchObject({ granted: false });
    expect(probePage({ ...arg, category: 'necessary' })).toMatchObject({ granted: true });
  });

  it('what the SDK held of this URL: escaped or not, asked about with its own service and category', () => {
    const asked: unknown[] = [];
    const entries = [
      { target: `${URL_GA}#x`, escaped: false, service: 'google-analytics', category: 'analytics' },
      { target: 'https://elsewhere.example/x.js', escaped: true, service: 'x', category: 'advertising' },
    ];
    win.NexusConsent = instance({ status: 'undecided' }, entries, (t) => (asked.push(t), true));
    expect(probePage(arg)).toMatchObject({ held: true, escaped: false, granted: true });
    expect(asked).toEqual([{ service: 'google-analytics', category: 'analytics' }]);
    win.NexusConsent = instance({ status: 'undecided' }, [{ ...entries[0], escaped: true }]);
    expect(probePage(arg)).toMatchObject({ held: false, escaped: true });
  });

  it('a live tag with data-consent is a released one; an inert marked-up script is not', () => {
    document.body.innerHTML = `<script type="text/plain" data-consent="analytics" src="${URL_GA}"></script>`;
    expect(probePage(arg)).toMatchObject({ released: false });
    document.body.innerHTML = `<img data-consent="advertising" data-src="${URL_GA}">`;
    expect(probePage(arg)).toMatchObject({ released: false });
    document.body.innerHTML = `<img data-consent="analytics" src="${URL_GA}">`;
    expect(probePage(arg)).toMatchObject({ released: true });
  });

  it('a hostile instance never breaks the probe: it answers not granted', () => {
    win.NexusConsent = { get: () => { throw new Error('x'); }, blocked: () => { throw new Error('y'); }, isGranted: () => true };
    expect(probePage(arg)).toMatchObject({ instance: true, granted: false, held: false, escaped: false });
  });

  it('after load: waits for the load event when the document is still loading', async () => {
    Object.defineProperty(document, 'readyState', { configurable: true, get: () => 'loading' });
    try {
      win.NexusConsent = instance({ status: 'undecided' });
      expect(probePage(arg)).toMatchObject({ loaded: false });
      const later = probePage({ ...arg, afterLoad: true });
      expect(later).toBeInstanceOf(Promise);
      win.NexusConsent = instance({ status: 'undecided' }, [{ target: URL_GA, escaped: true, service: 'google-analytics', category: 'analytics' }]);
      window.dispatchEvent(new Event('load'));
      await expect(later).resolves.toMatchObject({ escaped: true });
    } finally {
      delete (document as unknown as { readyState?: unknown }).readyState;
    }
  });

  it('is self-contained: it runs from its own source text, as Playwright sends it', () => {
    win.NexusConsent = instance(decided(['necessary', 'analytics']));
    const rebuilt = new Function(`return (${probePage.toString()})`)() as typeof probePage;
    expect(rebuilt(arg)).toMatchObject({ instance: true, granted: true });
  });
});
