/**
 * The receiver, started for real (an http server on a free port) on each
 * database: PGlite in memory and the PostgreSQL server of DATABASE_URL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../../test/support/databases.js';
import type { ConsentReceipt } from '../consent-log/receipt.js';
import { serve } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { createConsentLogApp, type ConsentLogAppOptions } from './app.js';
import { listenConsentLog, nodeClientAddress, type NodeConsentLog } from './node.js';
import { migrate } from './storage/migrations.js';

const TOKEN = 'dpo-token-0123456789abcdef';
const SITE = 'https://www.example.fr';
let n = 0;
/** A valid receipt, a fresh record id each call unless given. */
export function receipt(over: Partial<Record<keyof ConsentReceipt, unknown>> = {}): Record<string, unknown> {
  const now = Date.now();
  n += 1;
  return {
    v: 1,
    recordId: `rec${String(n).padStart(6, '0')}_abcdefghijkl`.slice(0, 21),
    revision: 1,
    givenAt: now - 1000,
    updatedAt: now,
    expiresAt: now + 180 * 24 * 3600 * 1000,
    method: 'accept-all',
    granted: ['necessary', 'analytics', 'advertising', 'personalisation'],
    denied: [],
    withdrawn: [],
    services: {},
    language: 'fr',
    textsHash: `sha256:${'a'.repeat(64)}`,
    pageUrl: 'https://www.example.fr/offres',
    sdkVersion: '0.1.0',
    ...over,
  };
}

describe.each(testDatabases())('consent-log receiver on $name', (database) => {
  let server: NodeConsentLog & { port: number };
  let base: string;
  const post = (body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${base}/v1/receipts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
  /** Another app over the same database, on its own port (other settings); returns its base URL and a stop. */
  const another = (options: Omit<ConsentLogAppOptions, 'store'>) =>
    new Promise<{ base: string; stop: () => Promise<void> }>((resolve) => {
      const app = createConsentLogApp({ store: server.store, clientAddress: nodeClientAddress(false), onError: () => {}, ...options });
      const http = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info: AddressInfo) =>
        resolve({ base: `http://127.0.0.1:${info.port}`, stop: () => new Promise<void>((done) => http.close(() => done())) }),
      );
    });
  const dpo = (path: string, token = TOKEN) => fetch(`${base}${path}`, { headers: { authorization: `Bearer ${token}` } });

  beforeAll(async () => {
    server = await listenConsentLog({ ...(await database.options()), port: 0, origins: [SITE], token: TOKEN, ratePerMinute: 0, onError: () => {} });
    base = `http://127.0.0.1:${server.port}`;
  }, 60_000);
  afterAll(async () => {
    await server?.close();
    await database.cleanup();
  });

  it('runs its migrations once: a second start applies none', async () => {
    expect(await migrate(server.db)).toEqual([]);
    const { rows } = await server.db.query<{ version: number }>('SELECT version FROM consent_log_migrations');
    expect(rows.map((r) => Number(r.version))).toEqual([1]);
  });

  it('stores a receipt (201), and a duplicate answers 200 without a second row', async () => {
    const r = receipt();
    const first = await post(r, { origin: SITE });
    expect(first.status).toBe(201);
    expect(first.headers.get('access-control-allow-origin')).toBe(SITE);
    expect(await first.json()).toEqual({ id: `${r.recordId}@${r.updatedAt}`, stored: true });
    const again = await post(r);
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ stored: false });
    const history = await (await dpo(`/v1/receipts/${r.recordId}`)).json();
    expect(history.receipts).toHaveLength(1);
    expect(history.receipts[0]).toMatchObject({ ...r, dropped: 0, ip: null });
  });

  it('stores a concurrent burst once each, duplicates in the same batch included (group commit)', async () => {
    const burst = Array.from({ length: 60 }, () => receipt());
    const before = await server.store.count();
    const statuses = await Promise.all([...burst, ...burst.slice(0, 20)].map((r) => post(r).then((x) => x.status)));
    expect(statuses.filter((s) => s === 201)).toHaveLength(60);
    expect(statuses.filter((s) => s === 200)).toHaveLength(20);
    expect(await server.store.count()).toBe(before + 60);
  });

  it('accepts text/plain (sendBeacon) and answers a preflight from an allowed origin', async () => {
    expect((await post(receipt(), { 'content-type': 'text/plain;charset=UTF-8' })).status).toBe(201);
    const preflight = await fetch(`${base}/v1/receipts`, { method: 'OPTIONS', headers: { origin: SITE, 'access-control-request-method': 'POST' } });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe(SITE);
  });

  it('refuses other origins (403) and stores nothing from them', async () => {
    const r = receipt();
    const response = await post(r, { origin: 'https://evil.example' });
    expect(response.status).toBe(403);
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
    expect((await (await dpo(`/v1/receipts/${r.recordId}`)).json()).receipts).toEqual([]);
  });

  it("returns a record's history in decision order, whatever the arrival order", async () => {
    const t = Date.now() - 60_000;
    const id = 'history_record_000001';
    const decisions = [
      receipt({ recordId: id, givenAt: t, updatedAt: t + 2000, method: 'reject-all', granted: ['necessary'], denied: ['analytics', 'advertising', 'personalisation'], withdrawn: ['analytics', 'advertising', 'personalisation'] }),
      receipt({ recordId: id, givenAt: t, updatedAt: t }),
      receipt({ recordId: id, givenAt: t, updatedAt: t + 1000, method: 'withdraw', granted: ['necessary', 'advertising', 'personalisation'], denied: ['analytics'], withdrawn: ['analytics'] }),
    ];
    for (const d of decisions) expect((await post(d)).status).toBe(201);
    const { receipts } = await (await dpo(`/v1/receipts/${id}`)).json();
    expect(receipts.map((r: ConsentReceipt) => r.method)).toEqual(['accept-all', 'withdraw', 'reject-all']);
  });

  it('exports a date range as NDJSON and CSV, behind the bearer token', async () => {
    const today = new Date().toISOString().slice(0, 10);
    expect((await fetch(`${base}/v1/export?from=${today}&to=${today}`)).status).toBe(401);
    expect((await dpo(`/v1/export?from=${today}&to=${today}`, 'wrong-token-0123456789')).status).toBe(401);
    const ndjson = await dpo(`/v1/export?from=${today}&to=${today}`);
    expect(ndjson.headers.get('content-type')).toContain('ndjson');
    const lines = (await ndjson.text()).trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.length).toBeGreaterThanOrEqual(3);
    const sorted = [...lines].sort((a, b) => a.updatedAt - b.updatedAt || (a.recordId < b.recordId ? -1 : 1));
    expect(lines).toEqual(sorted);
    const csv = await (await dpo(`/v1/export?from=${today}&to=${today}&format=csv`)).text();
    const rows = csv.trim().split('\r\n');
    expect(rows[0]).toBe('recordId,updatedAt,givenAt,expiresAt,receivedAt,revision,method,granted,denied,withdrawn,services,language,textsHash,pageUrl,sdkVersion,dropped,ip');
    expect(rows).toHaveLength(lines.length + 1);
    expect((await dpo('/v1/export?from=2026-13-01&to=2026-01-01')).status).toBe(400);
    // A day that does not exist is refused, not rolled over to another (2026-02-30 is not 2 March).
    expect((await dpo('/v1/export?from=2026-02-30&to=2026-03-31')).status).toBe(400);
    expect((await dpo('/v1/export?from=2026-01-01&to=2026-04-31')).status).toBe(400);
    expect((await dpo('/v1/export?from=2024-02-29&to=2024-03-01')).status).toBe(200);
    const yesterday = new Date(Date.now() - 2 * 86400_000).toISOString().slice(0, 10);
    expect((await (await dpo(`/v1/export?from=${yesterday}&to=${yesterday}`)).text()).trim()).not.toContain(today);
  });

  it('pages an export of more rows than one batch without losing or repeating any', async () => {
    const id = (i: number) => `page_${String(i).padStart(16, '0')}`;
    const t = Date.UTC(2020, 0, 15);
    await server.store.ensurePartitions(new Date(t), new Date(t));
    for (let i = 0; i < 25; i++) {
      // Several receipts share a decision instant: the page boundary must split ties correctly.
      await server.store.insert(receipt({ recordId: id(i), givenAt: t, updatedAt: t + Math.floor(i / 4), expiresAt: t + 1e9 }) as unknown as ConsentReceipt, null);
    }
    const seen: string[] = [];
    for await (const r of server.store.range(new Date(t), new Date(t + 86400_000), 4)) seen.push(r.recordId);
    expect(seen).toEqual(Array.from({ length: 25 }, (_, i) => id(i)));
  });

  it('purges receipts past the retention, dropping whole months, keeping the rest', async () => {
    const old = Date.UTC(2019, 5, 10);
    await server.store.ensurePartitions(new Date(old), new Date(old));
    for (let i = 0; i < 3; i++) {
      await server.store.insert(receipt({ recordId: `purge_old_record_000${i}`, givenAt: old, updatedAt: old + i, expiresAt: old + 1e9 }) as unknown as ConsentReceipt, null);
    }
    const before = await server.store.count();
    const purged = await server.purge(new Date());
    expect(purged).toBeGreaterThanOrEqual(3);
    expect(await server.store.count()).toBe(before - purged);
    expect((await (await dpo('/v1/receipts/purge_old_record_0000')).json()).receipts).toEqual([]);
    const { rows } = await server.db.query<{ found: boolean }>("SELECT to_regclass('consent_receipts_y2019m06') IS NOT NULL AS found");
    expect(rows[0]!.found).toBe(false);
  });

  it('keeps the DPO routes off without a token', async () => {
    const bare = await another({});
    try {
      expect((await fetch(`${bare.base}/v1/receipts/abcdefghijklmnopqrstu`, { headers: { authorization: 'Bearer x' } })).status).toBe(404);
      expect((await fetch(`${bare.base}/v1/export?from=2026-01-01&to=2026-01-02`)).status).toBe(404);
    } finally {
      await bare.stop();
    }
  });

  describe('hostile input: the right status, nothing stored, still up', () => {
    const refused = async (body: unknown, status: number, headers: Record<string, string> = {}) => {
      const before = await server.store.count();
      const response = await post(body, headers);
      expect(response.status).toBe(status);
      expect(await response.json()).toHaveProperty('error');
      expect(await server.store.count()).toBe(before);
    };

    it('truncated JSON', async () => {
      const text = JSON.stringify(receipt());
      await refused(text.slice(0, text.length - 5), 400);
      await refused('', 400);
      await refused('{"v":1,', 400);
    });

    it('wrong types in every field', async () => {
      const wrong: Record<string, unknown[]> = {
        v: ['1', 2, null],
        recordId: [123, null, ['x'], 'short'],
        revision: ['1', 1.5, 0, -1, 1e12],
        givenAt: ['now', 1.5, -1],
        updatedAt: [null, '1700000000000'],
        expiresAt: [{}, true],
        method: ['grant-all', 1, null],
        granted: ['necessary', [1], ['analytics'], { 0: 'necessary' }],
        denied: [null, ['Analytics'], ['necessary']],
        withdrawn: ['x', ['advertising']],
        services: [[], 'x', { 'google-analytics': 'yes' }, { 'Bad Id': true }, { constructor: true }, JSON.parse('{"__proto__": true}')],
        language: [1, 'french language', ''],
        textsHash: ['sha256:xyz', 'md5:00', 1],
        pageUrl: ['javascript:alert(1)', 'https://www.example.fr/?email=a@b.c', 'https://www.example.fr/#x', '/relative', 5],
        sdkVersion: ['latest', 1],
        dropped: [-1, '3', 1.5],
      };
      for (const [field, values] of Object.entries(wrong)) {
        for (const value of values) await refused(receipt({ [field]: value }), 400);
      }
      await refused(receipt({ updatedAt: Date.now() + 3 * 86400_000, expiresAt: Date.now() + 4 * 86400_000 }), 400);
      await refused(receipt({ updatedAt: Date.now() - 500 * 86400_000, givenAt: Date.now() - 500 * 86400_000 }), 400);
      await refused([receipt()], 400);
      await refused(null, 400);
    });

    it('unknown fields', async () => {
      await refused({ ...receipt(), email: 'visitor@example.fr' }, 400);
      await refused({ ...receipt(), ip: '1.2.3.4' }, 400);
    });

    it('huge strings and bodies: 413 whether announced or streamed', async () => {
      await refused(receipt({ pageUrl: `https://www.example.fr/${'a'.repeat(5000)}` }), 413);
      // No Content-Length: a chunked body is cut at the limit.
      const big = JSON.stringify(receipt({ pageUrl: `https://www.example.fr/${'a'.repeat(1_000_000)}` }));
      const stream = new ReadableStream({ start: (c) => (c.enqueue(new TextEncoder().encode(big)), c.close()) });
      const response = await fetch(`${base}/v1/receipts`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: stream, duplex: 'half' } as RequestInit);
      expect(response.status).toBe(413);
      await refused(receipt({ pageUrl: `https://www.example.fr/${'a'.repeat(2100)}` }), 400);
      await refused(receipt({ language: `fr-${'a'.repeat(3000)}` }), 400);
    });

    it('a wrong content type', async () => {
      await refused(receipt(), 415, { 'content-type': 'application/x-www-form-urlencoded' });
      await refused(receipt(), 415, { 'content-type': 'multipart/form-data; boundary=x' });
    });

    it('SQL metacharacters in every field: refused, or stored verbatim as data', async () => {
      const sql = "'; DROP TABLE consent_receipts; --";
      for (const field of ['recordId', 'method', 'language', 'textsHash', 'sdkVersion']) await refused(receipt({ [field]: sql }), 400);
      await refused(receipt({ granted: ['necessary', sql] }), 400);
      await refused(receipt({ services: { [sql]: true } }), 400);
      // A URL path may hold quotes and semicolons: stored as a value, read back as it was.
      const pageUrl = "https://www.example.fr/a';DROP%20TABLE%20consent_receipts;--/$1/\\x00";
      const r = receipt({ recordId: 'sql_meta_record_00001', pageUrl });
      expect((await post(r)).status).toBe(201);
      const { receipts } = await (await dpo('/v1/receipts/sql_meta_record_00001')).json();
      expect(receipts[0].pageUrl).toBe(pageUrl);
      expect(await server.store.count()).toBeGreaterThan(0);
      expect((await dpo(`/v1/receipts/${encodeURIComponent("x' OR '1'='1")}`)).status).toBe(400);
    });

    it('a flood from one address: 429 with Retry-After past the limit, only the allowed ones stored, the service still up', async () => {
      const limited = await another({ ratePerMinute: 20 });
      const before = await server.store.count();
      try {
        const url = `${limited.base}/v1/receipts`;
        const statuses = await Promise.all(
          Array.from({ length: 60 }, () =>
            fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(receipt()) }).then(async (r) => {
              if (r.status === 429) expect(Number(r.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
              return r.status;
            }),
          ),
        );
        const stored = statuses.filter((s) => s === 201).length;
        expect(stored).toBeGreaterThanOrEqual(20);
        expect(stored).toBeLessThanOrEqual(21);
        expect(statuses.filter((s) => s === 429)).toHaveLength(60 - stored);
        expect(await server.store.count()).toBe(before + stored);
        expect((await fetch(`${limited.base}/v1/health`)).status).toBe(200);
      } finally {
        await limited.stop();
      }
    });

    it('stores no address unless told, then only its /24', async () => {
      const r = receipt();
      await post(r);
      expect((await (await dpo(`/v1/receipts/${r.recordId}`)).json()).receipts[0].ip).toBeNull();
      const truncating = await another({ ip: 'truncated', token: TOKEN });
      try {
        const t = receipt();
        await fetch(`${truncating.base}/v1/receipts`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(t) });
        expect((await (await dpo(`/v1/receipts/${t.recordId}`)).json()).receipts[0].ip).toBe('127.0.0.0');
      } finally {
        await truncating.stop();
      }
    });
  });
});
