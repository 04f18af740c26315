import { webcrypto } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { validateConfig } from '../config/validate-config.js';
import { checkReceipt } from '../server/receipt-schema.js';
import { decide, UNDECIDED, type ConsentState } from '../store/consent-record.js';
import { SDK_VERSION } from '../version.js';
import { buildReceipt, type LoggedDecision } from './build-receipt.js';
import { createQueue, QUEUE_KEY } from './queue.js';
import type { ConsentReceipt } from './receipt.js';
import { startConsentLog, type ConsentLogOptions } from './start-consent-log.js';
import { canonicalJson, fnv1a64, textsHash } from './texts-hash.js';

const categories = ['analytics', 'advertising', 'personalisation'];
const ctx = (now: number) => ({ categories, revision: 3, validityMonths: 6, now, newId: () => 'abcdefghijklmnopqrstu' });
const receiptCtx = { categories, revision: 3, language: 'fr', textsHash: `sha256:${'0'.repeat(64)}`, pageUrl: 'https://www.example.fr/', sdkVersion: SDK_VERSION };
const T = Date.now() - 10_000;
const accepted: ConsentState = { status: 'decided', record: decide({ analytics: true, advertising: true, personalisation: true }, 'accept-all', ctx(T), UNDECIDED) };
const change = (state: ConsentState, previous: ConsentState, extra: Partial<LoggedDecision> = {}): LoggedDecision =>
  ({ kind: 'change', state, previous, at: T + 5000, ...extra }) as LoggedDecision;

describe('SDK_VERSION', () => {
  it("is package.json's version", () => {
    expect(SDK_VERSION).toBe(JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')).version);
  });
});

describe('texts hash', () => {
  it('serialises canonically: key order does not matter, undefined members are left out', () => {
    expect(canonicalJson({ b: 1, a: [1, { d: 'x', c: undefined }] })).toBe('{"a":[1,{"d":"x"}],"b":1}');
    expect(canonicalJson({ a: 1, b: 2 })).toBe(canonicalJson({ b: 2, a: 1 }));
  });
  it('is the SHA-256 of that serialisation, and FNV-1a 64 without crypto.subtle', async () => {
    expect(await textsHash({ a: 1 }, webcrypto.subtle as SubtleCrypto)).toBe(
      `sha256:${(await import('node:crypto')).createHash('sha256').update('{"a":1}').digest('hex')}`,
    );
    // FNV-1a 64 reference vectors (the draft-eastlake-fnv test suite): "", "a", "foobar".
    expect(fnv1a64(new Uint8Array())).toBe('cbf29ce484222325');
    expect(fnv1a64(new TextEncoder().encode('a'))).toBe('af63dc4c8601ec8c');
    expect(fnv1a64(new TextEncoder().encode('foobar'))).toBe('85944171f73967e8');
    expect(await textsHash({ a: 1 }, undefined)).toBe(`fnv1a64:${fnv1a64(new TextEncoder().encode('{"a":1}'))}`);
  });
});

describe('buildReceipt: one receipt per decision, each valid for the receiver', () => {
  const valid = (r: ConsentReceipt | undefined) => {
    const check = checkReceipt(r, Date.now());
    expect(check).toMatchObject({ ok: true });
    return r!;
  };
  it('accept all', () => {
    const r = valid(buildReceipt(change(accepted, UNDECIDED), receiptCtx));
    expect(r).toMatchObject({ method: 'accept-all', granted: ['necessary', ...categories], denied: [], withdrawn: [], revision: 3, recordId: 'abcdefghijklmnopqrstu' });
  });
  it('a custom decision that only takes back categories is a withdrawal', () => {
    const next: ConsentState = { status: 'decided', record: decide({ analytics: false, advertising: true, personalisation: true }, 'custom', ctx(T + 1000), accepted) };
    expect(valid(buildReceipt(change(next, accepted), receiptCtx))).toMatchObject({ method: 'withdraw', withdrawn: ['analytics'] });
  });
  it('reject all after accept all withdraws everything', () => {
    const next: ConsentState = { status: 'decided', record: decide({}, 'reject-all', ctx(T + 1000), accepted) };
    expect(valid(buildReceipt(change(next, accepted), receiptCtx))).toMatchObject({ method: 'reject-all', withdrawn: categories });
  });
  it('a change of service exceptions only, and one from a placeholder', () => {
    const next: ConsentState = {
      status: 'decided',
      record: decide({ analytics: true, advertising: true, personalisation: true }, 'custom', ctx(T + 1000), accepted, { hotjar: { category: 'analytics', allowed: false } }),
    };
    expect(valid(buildReceipt(change(next, accepted), receiptCtx))).toMatchObject({ method: 'service', services: { hotjar: false } });
    expect(valid(buildReceipt(change(next, accepted, { placeholder: true }), receiptCtx)).method).toBe('placeholder');
  });
  it('reset: everything denied, previously granted categories withdrawn; nothing when nothing was decided', () => {
    expect(valid(buildReceipt(change(UNDECIDED, accepted), receiptCtx))).toMatchObject({ method: 'reset', granted: ['necessary'], withdrawn: categories, updatedAt: T + 5000 });
    expect(buildReceipt(change(UNDECIDED, UNDECIDED), receiptCtx)).toBeUndefined();
  });
  it("an undecided visitor's one-service allowance", () => {
    const r = valid(buildReceipt({ kind: 'page-allowance', id: 'zyxwvutsrqponmlkjihgf', service: 'youtube', at: T }, receiptCtx));
    expect(r).toMatchObject({ method: 'placeholder', services: { youtube: true }, granted: ['necessary'], expiresAt: T });
  });
});

function memoryStorage() {
  const map = new Map<string, string>();
  return { map, get: (k: string) => map.get(k) ?? null, set: (k: string, v: string) => void map.set(k, v) };
}

describe('queue', () => {
  const r = (i: number) => ({ recordId: `r${i}`, updatedAt: i }) as unknown as ConsentReceipt;
  it('is bounded: the oldest are dropped and counted; a receipt is queued once', () => {
    const storage = memoryStorage();
    const q = createQueue(storage, 3);
    for (let i = 0; i < 5; i++) q.add(r(i));
    q.add(r(4));
    expect(q.read().items.map((x) => x.updatedAt)).toEqual([2, 3, 4]);
    expect(q.read().dropped).toBe(2);
    q.remove(r(2), 2);
    expect(q.read()).toMatchObject({ dropped: 0, failures: 0 });
    expect(JSON.parse(storage.map.get(QUEUE_KEY)!).items).toHaveLength(2);
  });
  it('drops and counts queued items that are not receipts (null, a string, an object without an id), and goes on queueing', () => {
    const storage = memoryStorage();
    storage.map.set(QUEUE_KEY, JSON.stringify({ items: [null, r(1), 'x', { recordId: 7, updatedAt: 1 }], dropped: 1, failures: 0, retryAt: 0 }));
    const q = createQueue(storage);
    q.add(r(2));
    expect(q.read().items.map((x) => x.updatedAt)).toEqual([1, 2]);
    expect(q.read().dropped).toBe(4);
  });
  it('backs off 1 s, 2 s, 4 s… up to 5 minutes', () => {
    const q = createQueue(memoryStorage());
    expect([1, 2, 3].map(() => q.failed(0))).toEqual([1000, 2000, 4000]);
    for (let i = 0; i < 20; i++) q.failed(0);
    expect(q.failed(0)).toBe(300_000);
  });
  it('starts afresh from anything else in its key, and works without storage', () => {
    const storage = memoryStorage();
    storage.map.set(QUEUE_KEY, '{"items":"oops"}');
    expect(createQueue(storage).read().items).toEqual([]);
    storage.map.set(QUEUE_KEY, 'not json');
    const q = createQueue(undefined);
    q.add(r(1));
    expect(q.read().items).toHaveLength(1);
  });
});

describe('startConsentLog', () => {
  function setup(answer: (body: ConsentReceipt) => number | 'down') {
    const listeners = new Map<string, () => void>();
    const sent: ConsentReceipt[] = [];
    let sink: ((d: LoggedDecision) => void) | undefined;
    const storage = memoryStorage();
    const report = vi.fn();
    const options: ConsentLogOptions = {
      endpoint: '/consent-log/v1/receipts',
      window: {
        addEventListener: ((type: string, fn: () => void) => void listeners.set(type, fn)) as Window['addEventListener'],
        removeEventListener: (type: string) => void listeners.delete(type),
        setTimeout: (() => 0) as unknown as Window['setTimeout'],
        clearTimeout: () => {},
        location: { href: 'https://www.example.fr/offres?email=x#y', origin: 'https://www.example.fr', pathname: '/offres' } as Location,
        crypto: webcrypto as unknown as Crypto,
      },
      fetch: (async (_url: string, init: RequestInit) => {
        const body = JSON.parse(init.body as string) as ConsentReceipt;
        const status = answer(body);
        if (status === 'down') throw new TypeError('Failed to fetch');
        sent.push(body);
        return new Response('{}', { status });
      }) as typeof fetch,
      storage,
      decisions: (to) => ((sink = to), () => (sink = undefined)),
      shown: { config: validateConfig({ privacyPolicyUrl: '/confidentialite' }), language: 'fr' },
      language: 'fr',
      categories,
      revision: 3,
      sdkVersion: SDK_VERSION,
      report,
    };
    const stop = startConsentLog(options);
    return { sent, decide: (d: LoggedDecision) => sink!(d), storage, listeners, report, stop };
  }
  const until = (fn: () => boolean) => vi.waitFor(() => expect(fn()).toBe(true));
  const next = (state: ConsentState, method: 'custom' | 'reject-all', at: number): ConsentState => ({
    status: 'decided',
    record: decide({ analytics: false, advertising: true, personalisation: true }, method, ctx(at), state),
  });

  it('sends each decision at once, in order, with the page URL without query or fragment, and forgets it once acknowledged', async () => {
    const log = setup(() => 201);
    log.decide(change(accepted, UNDECIDED));
    log.decide(change(next(accepted, 'custom', T + 1000), accepted));
    await until(() => log.sent.length === 2);
    expect(log.sent.map((r) => r.method)).toEqual(['accept-all', 'withdraw']);
    expect(log.sent[0]!.pageUrl).toBe('https://www.example.fr/offres');
    expect(log.sent[0]!.textsHash).toMatch(/^sha256:[0-9a-f]{64}$/);
    await until(() => JSON.parse(log.storage.map.get(QUEUE_KEY)!).items.length === 0);
  });

  it('keeps receipts while the receiver is down, then sends them on `online`, none lost', async () => {
    let down = true;
    const log = setup(() => (down ? 'down' : 201));
    log.decide(change(accepted, UNDECIDED));
    log.decide(change(UNDECIDED, accepted));
    await until(() => JSON.parse(log.storage.map.get(QUEUE_KEY) ?? '{"items":[]}').items.length === 2);
    expect(log.report).toHaveBeenCalledTimes(1);
    down = false;
    log.listeners.get('online')!();
    await until(() => log.sent.length === 2);
    expect(log.sent.map((r) => r.method)).toEqual(['accept-all', 'reset']);
    await until(() => JSON.parse(log.storage.map.get(QUEUE_KEY)!).items.length === 0);
  });

  it('a 4xx is final: the receipt is dropped (with one message), the queue goes on', async () => {
    const log = setup((r) => (r.method === 'accept-all' ? 400 : 201));
    log.decide(change(accepted, UNDECIDED));
    log.decide(change(UNDECIDED, accepted));
    await until(() => log.sent.length === 2);
    expect(log.report).toHaveBeenCalledTimes(1);
    await until(() => JSON.parse(log.storage.map.get(QUEUE_KEY)!).items.length === 0);
  });

  it('sends what an earlier page left, on start', async () => {
    const storage = memoryStorage();
    const first = buildReceipt(change(accepted, UNDECIDED), receiptCtx)!;
    storage.map.set(QUEUE_KEY, JSON.stringify({ items: [first], dropped: 4, failures: 2, retryAt: 0 }));
    const sent: unknown[] = [];
    startConsentLog({
      ...({} as ConsentLogOptions),
      endpoint: 'https://log.example.fr/v1/receipts',
      window: { addEventListener() {}, removeEventListener() {}, setTimeout: (() => 0) as never, clearTimeout() {}, location: { href: 'https://www.example.fr/' } as Location },
      fetch: (async (_u: string, init: RequestInit) => (sent.push(JSON.parse(init.body as string)), new Response('{}', { status: 200 }))) as typeof fetch,
      storage,
      decisions: () => () => {},
      shown: { config: validateConfig({ privacyPolicyUrl: '/confidentialite' }), language: 'fr' },
      report: () => {},
    });
    await until(() => sent.length === 1);
    expect(sent[0]).toEqual({ ...first, dropped: 4 });
  });

  it('a queue a page rewrote (a retryAt in 30 years, a count the receiver refuses) still sends at start, the count capped', async () => {
    const storage = memoryStorage();
    const first = buildReceipt(change(accepted, UNDECIDED), receiptCtx)!;
    storage.map.set(QUEUE_KEY, JSON.stringify({ items: [first], dropped: 1e15, failures: 3, retryAt: Date.now() + 1e12 }));
    const sent: Record<string, unknown>[] = [];
    const timers: number[] = [];
    startConsentLog({
      ...({} as ConsentLogOptions),
      endpoint: 'https://log.example.fr/v1/receipts',
      window: { addEventListener() {}, removeEventListener() {}, setTimeout: ((_f: unknown, ms: number) => (timers.push(ms), 0)) as never, clearTimeout() {}, location: { href: 'https://www.example.fr/' } as Location },
      fetch: (async (_u: string, init: RequestInit) => (sent.push(JSON.parse(init.body as string)), new Response('{}', { status: 201 }))) as typeof fetch,
      storage,
      decisions: () => () => {},
      shown: { config: validateConfig({ privacyPolicyUrl: '/confidentialite' }), language: 'fr' },
      report: () => {},
    });
    await until(() => sent.length === 1);
    expect(sent[0]!.dropped).toBe(1e9);
    expect(timers.every((ms) => ms <= 300_000)).toBe(true);
  });
});

describe('shownTexts', () => {
  it('fingerprints what the visitor reads: another language or another text gives another hash', async () => {
    const { shownTexts } = await import('./shown-texts.js');
    const config = validateConfig({ privacyPolicyUrl: '/confidentialite' });
    const fr = await textsHash(shownTexts(config, 'fr'), webcrypto.subtle as SubtleCrypto);
    expect(await textsHash(shownTexts(config, 'fr'), webcrypto.subtle as SubtleCrypto)).toBe(fr);
    expect(await textsHash(shownTexts(config, 'en'), webcrypto.subtle as SubtleCrypto)).not.toBe(fr);
    const edited = validateConfig({ privacyPolicyUrl: '/confidentialite', texts: { fr: { acceptAll: 'Accepter' } } });
    expect(await textsHash(shownTexts(edited, 'fr'), webcrypto.subtle as SubtleCrypto)).not.toBe(fr);
  });
});
