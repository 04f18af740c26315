/**
 * Hostile receipts server.test.ts does not try (issue #16: a clear 4xx, never a
 * 503 the client would retry for ever), and the rate limit on a dual-stack socket.
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
