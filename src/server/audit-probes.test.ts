/**
 * Audit probes (issue #16's hostile-input claims): inputs server.test.ts does not try.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../../test/support/databases.js';
import { listenConsentLog, type NodeConsentLog } from './node.js';
import { createRateLimiter } from './rate-limit.js';
import type { ConsentReceipt } from '../consent-log/receipt.js';

let n = 0;
function receipt(over: Partial<Record<keyof ConsentReceipt, unknown>> = {}): Record<string, unknown> {
  const now = Date.now();
  n += 1;
  return {
    v: 1, recordId: `aud${String(n).padStart(6, '0')}_abcdefghijkl`.slice(0, 21), revision: 1, givenAt: now - 1000, updatedAt: now,
    expiresAt: now + 180 * 24 * 3600 * 1000, method: 'accept-all', granted: ['necessary', 'analytics'], denied: [], withdrawn: [],
    services: {}, language: 'fr', textsHash: `sha256:${'a'.repeat(64)}`, pageUrl: 'https://www.example.fr/offres', sdkVersion: '0.1.0', ...over,
  };
}

const TOKEN = 'dpo-token-0123456789abcdef';

describe.each(testDatabases())('receiver probes on $name', (database) => {
  let server: NodeConsentLog & { port: number };
  let base: string;
  const post = (body: unknown) =>
    fetch(`${base}/v1/receipts`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: typeof body === 'string' ? body : JSON.stringify(body) });
  const errors: unknown[] = [];
  beforeAll(async () => {
    server = await listenConsentLog({ ...(await database.options()), port: 0, token: TOKEN, ratePerMinute: 0, onError: (e) => errors.push(e) });
    base = `http://127.0.0.1:${server.port}`;
  }, 60_000);
  afterAll(async () => {
    await server?.close();
    await database.cleanup();
  });

  it('a NUL character in pageUrl is a 400, not a 503 the client retries for ever', async () => {
    const before = await server.store.count();
    const r = await post(receipt({ pageUrl: 'https://www.example.fr/a\u0000b' }));
    expect(r.status).toBe(400);
    expect(await server.store.count()).toBe(before);
  });

  it('a lone surrogate in pageUrl is a 400 or stored, never a 503', async () => {
    const r = await post(receipt({ pageUrl: 'https://www.example.fr/a\ud800b' }));
    expect([201, 400]).toContain(r.status);
  });

  it('the database down mid-run: 503 with Retry-After, health 503, then stored again once it is back', async () => {
    if (database.name !== 'PostgreSQL' || !process.env.AUDIT_PG_PORT) return;
    const { execFileSync } = await import('node:child_process');
    const pg = (action: string) => execFileSync('scripts/postgres-test-server.sh', [action, process.env.AUDIT_PG_PORT!]);
    pg('stop');
    try {
      const t0 = Date.now();
      const r = await post(receipt());
      expect(r.status).toBe(503);
      expect(r.headers.get('retry-after')).toBe('5');
      expect(Date.now() - t0).toBeLessThan(6000);
      expect((await fetch(`${base}/v1/health`)).status).toBe(503);
    } finally {
      pg('start');
    }
    const again = receipt();
    expect((await post(again)).status).toBe(201);
    expect((await post(again)).status).toBe(200);
  }, 60_000);

  it("one poisoned receipt does not fail the valid ones stored in the same batch", async () => {
    const good = Array.from({ length: 80 }, () => receipt());
    const bodies = good.flatMap((g, i) => (i % 8 === 0 ? [receipt({ pageUrl: 'https://www.example.fr/\u0000' }), g] : [g]));
    const statuses = await Promise.all(bodies.map((b) => post(b).then((r) => ({ good: good.includes(b), status: r.status }))));
    expect(statuses.filter((s) => s.good && s.status !== 201)).toEqual([]);
  });
});

describe('rate limiter', () => {
  it('counts two IPv4 visitors seen as IPv4-mapped IPv6 (a dual-stack socket) apart', () => {
    const limiter = createRateLimiter(1);
    expect(limiter.take('::ffff:203.0.113.7', 0)).toBe(0);
    expect(limiter.take('::ffff:198.51.100.9', 0)).toBe(0);
  });
});
