/**
 * Issue #16: "a database that is down" loses nothing. A PostgreSQL server of
 * this test's own (not the one other test files share) is stopped mid-run:
 * the receiver answers 503 with Retry-After at once, so the client keeps the
 * receipt and sends it again; health says 503; once the server is back, the
 * same receipt is stored, and sent twice it is stored once.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { skipPostgres } from '../../test/support/databases.js';
import { listenConsentLog, type NodeConsentLog } from './node.js';

const freePort = () =>
  new Promise<number>((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });

function receipt(): Record<string, unknown> {
  const now = Date.now();
  return {
    v: 1, recordId: `down${Math.random().toString(36).slice(2)}xxxxxxxxxxxxxxxx`.slice(0, 21), revision: 1, givenAt: now - 1000, updatedAt: now,
    expiresAt: now + 180 * 24 * 3600 * 1000, method: 'reject-all', granted: ['necessary'], denied: ['analytics'], withdrawn: [],
    services: {}, language: 'fr', textsHash: `sha256:${'b'.repeat(64)}`, pageUrl: 'https://www.example.fr/', sdkVersion: '0.1.0',
  };
}

describe.skipIf(skipPostgres)('PostgreSQL down mid-run', () => {
  let port = 0;
  const parent = mkdtempSync(join(tmpdir(), 'nexus-consent-pg-down-'));
  chmodSync(parent, 0o755); // the server runs as the postgres user when the tests run as root
  const env = { ...process.env, PG_TEST_DIR: join(parent, 'data') };
  const pg = (action: string) => execFileSync('scripts/postgres-test-server.sh', [action, String(port)], { env, encoding: 'utf8' });
  let server: NodeConsentLog & { port: number };
  const post = (body: unknown) =>
    fetch(`http://127.0.0.1:${server.port}/v1/receipts`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

  beforeAll(async () => {
    port = await freePort();
    const databaseUrl = /DATABASE_URL=(\S+)/.exec(pg('start'))![1]!;
    server = await listenConsentLog({ databaseUrl, port: 0, token: 'dpo-token-0123456789abcdef', ratePerMinute: 0, onError: () => {} });
  }, 120_000);
  afterAll(async () => {
    await server?.close();
    if (port) pg('destroy');
    rmSync(parent, { recursive: true, force: true });
  });

  it('503 with Retry-After while it is down, nothing lost once it is back', async () => {
    const kept = receipt();
    expect((await post(receipt())).status).toBe(201);
    pg('stop');
    try {
      const started = Date.now();
      const down = await post(kept);
      expect(down.status).toBe(503);
      expect(down.headers.get('retry-after')).toBe('5');
      // At once, not after a client's timeout: the page is told to keep the receipt.
      expect(Date.now() - started).toBeLessThan(10_000);
      expect((await fetch(`http://127.0.0.1:${server.port}/v1/health`)).status).toBe(503);
    } finally {
      pg('start');
    }
    expect((await post(kept)).status).toBe(201);
    expect((await post(kept)).status).toBe(200);
  }, 120_000);
});
