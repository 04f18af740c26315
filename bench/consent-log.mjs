#!/usr/bin/env node
// `npm run bench:consent-log`: the consent-log receiver under load and faults, loopback only,
// bounded in count and time. The receiver is the published command (dist/consent-server.mjs)
// in a child process, on PGlite (a fresh directory) and on PostgreSQL (DATABASE_URL, else a
// throwaway server started by scripts/postgres-test-server.sh when Debian's binaries are there).
//
// For each database:
//   1. throughput: BURST receipts, CONCURRENCY in flight → receipts/s
//   2. latency at half the target rate (PostgreSQL 500/s, PGlite 150/s) for RATE_SECONDS → p50/p99
//   3. faults: a steady stream while the receiver is killed (SIGKILL) and restarted, and the
//      database restarted (PostgreSQL: pg_ctl restart; PGlite lives in the receiver, so its
//      restart is the receiver's). Every receipt is retried until acknowledged, as the SDK does;
//      then the stored receipts are read back: sent, acknowledged, stored, lost, duplicated.
// Prints the figures; exits 1 if an acknowledged receipt is missing or stored twice.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { receiver } from '../scripts/consent-log-receiver.mjs';

const PORT = Number(process.env.BENCH_PORT ?? 4490);
const BURST = Number(process.env.BENCH_BURST ?? 3000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 32);
const RATE_SECONDS = Number(process.env.BENCH_RATE_SECONDS ?? 6);
const FAULT_SECONDS = Number(process.env.BENCH_FAULT_SECONDS ?? 12);
const FAULT_RATE = Number(process.env.BENCH_FAULT_RATE ?? 150);
const repo = fileURLToPath(new URL('..', import.meta.url));
const pgScript = join(repo, 'scripts/postgres-test-server.sh');

let serial = 0;
const RUN = Math.random().toString(36).slice(2, 8);
function receipt() {
  serial += 1;
  const now = Date.now();
  return {
    v: 1,
    recordId: `b${RUN}${String(serial).padStart(14, '0')}`.slice(0, 21),
    revision: 1,
    givenAt: now,
    updatedAt: now,
    expiresAt: now + 180 * 86400_000,
    method: serial % 3 === 0 ? 'reject-all' : 'accept-all',
    granted: serial % 3 === 0 ? ['necessary'] : ['necessary', 'analytics', 'advertising', 'personalisation'],
    denied: serial % 3 === 0 ? ['analytics', 'advertising', 'personalisation'] : [],
    withdrawn: [],
    services: {},
    language: 'fr',
    textsHash: `sha256:${'ab'.repeat(32)}`,
    pageUrl: 'https://www.example.fr/offres',
    sdkVersion: '0.1.0',
  };
}

/** One POST; resolves to the status, or 0 when the receiver cannot be reached. */
async function post(url, body) {
  try {
    const response = await fetch(`${url}/v1/receipts`, { method: 'POST', headers: { 'content-type': 'application/json' }, body, signal: AbortSignal.timeout(10_000) });
    await response.arrayBuffer();
    return response.status;
  } catch {
    return 0;
  }
}

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;

/** CPU seconds (user + system) a process used so far, from /proc (Linux); NaN elsewhere. */
function cpuSeconds(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return NaN;
  }
}

async function throughput(url, count = BURST) {
  const bodies = Array.from({ length: count }, () => JSON.stringify(receipt()));
  let next = 0;
  let failed = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < bodies.length) {
        const status = await post(url, bodies[next++]);
        if (status !== 201) failed += 1;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  return { perSecond: count / seconds, failed };
}

async function latencyAt(url, rate) {
  const latencies = [];
  let failed = 0;
  const total = rate * RATE_SECONDS;
  const started = performance.now();
  const inFlight = [];
  for (let i = 0; i < total; i++) {
    // Open-loop: each receipt leaves at its scheduled instant, whatever the others do.
    const due = started + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const body = JSON.stringify(receipt());
    const t0 = performance.now();
    inFlight.push(
      post(url, body).then((status) => {
        latencies.push(performance.now() - t0);
        if (status !== 201) failed += 1;
      }),
    );
  }
  await Promise.all(inFlight);
  latencies.sort((a, b) => a - b);
  return { rate, count: total, p50: percentile(latencies, 50), p99: percentile(latencies, 99), failed, achieved: total / ((performance.now() - started) / 1000) };
}

/** A steady stream under faults; every receipt retried until acknowledged (bounded). */
async function faults(url, faultsToInject) {
  const acked = new Map();
  let attempts = 0;
  const pending = [];
  const total = FAULT_RATE * FAULT_SECONDS;
  const started = performance.now();
  const deliver = async (body, key) => {
    for (let tries = 0; tries < 200; tries++) {
      attempts += 1;
      const status = await post(url, body);
      if (status === 200 || status === 201) {
        acked.set(key, (acked.get(key) ?? 0) + 1);
        return;
      }
      await new Promise((r) => setTimeout(r, Math.min(2000, 50 * 2 ** Math.min(tries, 6))));
    }
  };
  const injected = faultsToInject.map(async ({ at, name, run }) => {
    await new Promise((r) => setTimeout(r, at * 1000));
    const t0 = performance.now();
    await run();
    return `${name} at ${at}s (${((performance.now() - t0) / 1000).toFixed(1)} s to come back)`;
  });
  for (let i = 0; i < total; i++) {
    const due = started + (i * 1000) / FAULT_RATE;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const r = receipt();
    pending.push(deliver(JSON.stringify(r), `${r.recordId}@${r.updatedAt}`));
  }
  const events = await Promise.all(injected);
  await Promise.all(pending);
  return { sent: total, attempts, acked, events };
}

async function storedKeys(url, token) {
  const day = (d) => d.toISOString().slice(0, 10);
  const from = day(new Date(Date.now() - 86400_000));
  const to = day(new Date(Date.now() + 86400_000));
  const response = await fetch(`${url}/v1/export?from=${from}&to=${to}`, { headers: { authorization: `Bearer ${token}` } });
  if (!response.ok) throw new Error(`export: ${response.status}`);
  const counts = new Map();
  for (const line of (await response.text()).split('\n')) {
    if (!line) continue;
    const r = JSON.parse(line);
    const key = `${r.recordId}@${r.updatedAt}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

async function benchDatabase(name, options, restartDatabase, target) {
  const log = receiver({ port: PORT, ...options });
  await log.start();
  try {
    // Warm-up (JIT, the pool's connections), not counted.
    await throughput(log.url, 300);
    const cpu0 = cpuSeconds(log.pid);
    const burst = await throughput(log.url);
    const cpuMs = ((cpuSeconds(log.pid) - cpu0) * 1000) / BURST;
    console.log(
      `${name}: ${burst.perSecond.toFixed(0)} receipts/s (${BURST} receipts, ${CONCURRENCY} in flight${burst.failed ? `, ${burst.failed} not 201` : ''}; target ≥ ${target}/s); ` +
        `the receiver process used ${cpuMs.toFixed(2)} ms of CPU per receipt (≈ ${(1000 / cpuMs).toFixed(0)}/s on one free core${name === 'PostgreSQL' ? ', PostgreSQL itself apart' : ''})`,
    );
    const half = await latencyAt(log.url, target / 2);
    console.log(
      `${name}: at ${half.rate}/s (half the target) for ${RATE_SECONDS} s: p50 ${half.p50.toFixed(1)} ms, p99 ${half.p99.toFixed(1)} ms ` +
        `(${half.count} receipts, ${half.achieved.toFixed(0)}/s achieved${half.failed ? `, ${half.failed} not 201` : ''}; target p99 < 50 ms)`,
    );
    const faultList = [
      { at: 2, name: 'receiver killed (SIGKILL) and restarted', run: async () => (await log.kill(), await log.start()) },
      ...(restartDatabase ? [{ at: Math.max(4, FAULT_SECONDS / 2), name: 'database restarted', run: restartDatabase }] : []),
    ];
    const run = await faults(log.url, faultList);
    const stored = await storedKeys(log.url, log.token);
    let lost = 0;
    let duplicated = 0;
    for (const key of run.acked.keys()) {
      const n = stored.get(key) ?? 0;
      if (n === 0) lost += 1;
      if (n > 1) duplicated += 1;
    }
    const storedOfRun = [...run.acked.keys()].filter((k) => stored.has(k)).length;
    console.log(
      `${name}, faults (${run.events.join('; ')}), ${FAULT_RATE}/s for ${FAULT_SECONDS} s: sent ${run.sent}, attempts ${run.attempts}, ` +
        `acknowledged ${run.acked.size}, stored ${storedOfRun}; lost ${lost}, duplicated ${duplicated}`,
    );
    return lost === 0 && duplicated === 0 && run.acked.size === run.sent;
  } finally {
    await log.stop();
  }
}

const dir = mkdtempSync(join(tmpdir(), 'consent-log-bench-'));
let ok = true;
try {
  console.log(`Machine: ${execFileSync('uptime').toString().trim()}`);
  ok = (await benchDatabase('PGlite', { dataDir: join(dir, 'pglite') }, undefined, 300)) && ok;

  let databaseUrl = process.env.DATABASE_URL;
  let ownServer = false;
  const pgPort = String(Number(process.env.BENCH_PG_PORT ?? PORT + 1));
  if (!databaseUrl) {
    try {
      const out = execFileSync(pgScript, ['start', pgPort]).toString();
      databaseUrl = /DATABASE_URL=(\S+)/.exec(out)?.[1];
      ownServer = true;
    } catch (error) {
      console.log(`PostgreSQL: skipped — no DATABASE_URL and no server could be started (${String(error).split('\n')[0]})`);
    }
  }
  if (databaseUrl) {
    // A fresh schema for this run, so the figures and the count are this run's alone.
    const pg = (await import('pg')).default;
    const schema = `bench_${RUN}`;
    const admin = new pg.Client({ connectionString: databaseUrl });
    await admin.connect();
    await admin.query(`CREATE SCHEMA ${schema}`);
    await admin.end();
    const url = new URL(databaseUrl);
    url.searchParams.set('options', `-c search_path=${schema}`);
    const restart = ownServer
      ? async () => void execFileSync(pgScript, ['restart', pgPort])
      : undefined;
    if (!restart) console.log('PostgreSQL: DATABASE_URL given, so the database is not restarted (the bench restarts only a server it started)');
    try {
      ok = (await benchDatabase('PostgreSQL', { databaseUrl: url.href, env: { CONSENT_LOG_POOL_SIZE: '20' } }, restart, 1000)) && ok;
    } finally {
      const cleanup = new pg.Client({ connectionString: databaseUrl });
      await cleanup.connect();
      await cleanup.query(`DROP SCHEMA ${schema} CASCADE`);
      await cleanup.end();
      if (ownServer) execFileSync(pgScript, ['destroy', pgPort]);
    }
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
if (!ok) {
  console.error('consent-log bench: an acknowledged receipt was lost or stored twice, or not every receipt was acknowledged');
  process.exit(1);
}
