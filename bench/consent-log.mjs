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
//      database restarted (PostgreSQL: pg_ctl restart, when the bench started the server itself;
//      PGlite lives in the receiver, so its restart is the receiver's). Every receipt is retried
//      until acknowledged, as the SDK does; then the stored receipts are read back: sent,
//      acknowledged, stored, lost, duplicated.
// The load generator is this process: node:http with a keep-alive agent and bodies serialised
// beforehand (undici's fetch costs several times the CPU per request, and the generator shares
// the machine's cores with the receiver and the database). Each phase prints the CPU each of
// the three used per receipt, so the reader sees who had the cores.
// Prints the figures; exits 1 if an acknowledged receipt is missing or stored twice.
import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { promisify } from 'node:util';
import { receiver } from '../scripts/consent-log-receiver.mjs';

const PORT = Number(process.env.BENCH_PORT ?? 4490);
const BURST = Number(process.env.BENCH_BURST ?? 3000);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 1000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 32);
const RATE_SECONDS = Number(process.env.BENCH_RATE_SECONDS ?? 6);
const FAULT_SECONDS = Number(process.env.BENCH_FAULT_SECONDS ?? 12);
const FAULT_RATE = Number(process.env.BENCH_FAULT_RATE ?? 150);
/** `pglite,postgresql` (both, the default), or one of them. */
const DATABASES = (process.env.BENCH_DATABASES ?? 'pglite,postgresql').toLowerCase().split(',');
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

// Keep-alive connections, as a browser keeps them to a site; as many as the requests in flight.
// The agent needs a timeout of its own to honour the server's `Keep-Alive: timeout=5` hint
// (Node 20 ignores it otherwise): an idle connection is dropped before the server closes it,
// never reused at the instant it does (ECONNRESET, counted as no answer).
const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity, maxFreeSockets: 1024, timeout: 60_000 });

const targets = new Map();
/** The receiver's host and port, parsed once. */
const target = (url) => targets.get(url) ?? targets.set(url, new URL(url)).get(url);

/** One POST of a prepared receipt; resolves to the status, or 0 when the receiver cannot be reached. */
function post(url, { body, headers }) {
  const { hostname, port } = target(url);
  return new Promise((resolve) => {
    const request = http.request(
      { hostname, port, path: '/v1/receipts', method: 'POST', agent, timeout: 10_000, headers },
      (response) => {
        response.on('error', () => resolve(0));
        response.on('end', () => resolve(response.statusCode ?? 0));
        response.resume();
      },
    );
    request.on('timeout', () => request.destroy(new Error('timeout')));
    request.on('error', () => resolve(0));
    request.end(body);
  });
}

const SITE = 'https://www.example.fr';
/**
 * A new receipt as a browser sends it: from the site's origin (the receiver checks CORS), and
 * from its own address, three receipts per visitor, through a proxy the receiver trusts (so the
 * per-address rate limit runs, as it does in production, instead of being turned off).
 */
function prepared() {
  const r = receipt();
  const body = Buffer.from(JSON.stringify(r));
  const visitor = Math.floor(serial / 3);
  return {
    key: `${r.recordId}@${r.updatedAt}`,
    body,
    headers: {
      'content-type': 'application/json',
      'content-length': body.length,
      origin: SITE,
      'x-forwarded-for': `10.${(visitor >> 16) & 255}.${(visitor >> 8) & 255}.${visitor & 255}`,
    },
  };
}

/** Statuses other than 201, counted; as text `, 3 not 201 (503 ×2, no answer ×1)` or nothing. */
function failures() {
  const counts = new Map();
  return {
    add: (status) => counts.set(status, (counts.get(status) ?? 0) + 1),
    toString() {
      if (counts.size === 0) return '';
      const list = [...counts].map(([status, n]) => `${status === 0 ? 'no answer' : status} ×${n}`);
      return `, ${[...counts.values()].reduce((a, b) => a + b, 0)} not 201 (${list.join(', ')})`;
    },
  };
}

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;

/** Fields of /proc/<pid>/stat after the command name (Linux); undefined elsewhere or when gone. */
function procStat(pid) {
  try {
    return readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  } catch {
    return undefined;
  }
}

/** CPU seconds (user + system) a process used so far; NaN when unknown. */
function cpuSeconds(pid) {
  const f = procStat(pid);
  return f ? (Number(f[11]) + Number(f[12])) / 100 : NaN;
}

/**
 * CPU seconds of a whole PostgreSQL server on this machine: the postmaster, the children it
 * already reaped (a pool's connections that closed) and the live ones (backends, WAL writer,
 * checkpointer). NaN when the server is elsewhere.
 */
function postgresCpuSeconds(postmaster) {
  const f = procStat(postmaster);
  if (!f) return NaN;
  let ticks = Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14]);
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const c = procStat(entry);
    if (c && Number(c[1]) === postmaster) ticks += Number(c[11]) + Number(c[12]);
  }
  return ticks / 100;
}

/** The postmaster of a server backend's pid, if that server runs on this machine; else undefined. */
function postmasterOf(backendPid) {
  try {
    if (readFileSync(`/proc/${backendPid}/comm`, 'utf8').trim() !== 'postgres') return undefined;
    return Number(procStat(backendPid)?.[1]) || undefined;
  } catch {
    return undefined;
  }
}

/** Seconds some task of the machine waited for the disk so far (Linux PSI); NaN without it. */
function ioStallSeconds() {
  try {
    return Number(/^some .*total=(\d+)/m.exec(readFileSync('/proc/pressure/io', 'utf8'))?.[1]) / 1e6;
  } catch {
    return NaN;
  }
}

/** Busy and total CPU seconds of the whole machine (every core), from /proc/stat. */
function machineCpuSeconds() {
  try {
    const t = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1, 9).map(Number);
    const total = t.reduce((a, b) => a + b, 0);
    return { busy: (total - t[3] - t[4]) / 100, total: total / 100 };
  } catch {
    return { busy: NaN, total: NaN };
  }
}

/**
 * Who used the cores during a phase: CPU per receipt of the receiver, the database server
 * (PostgreSQL on this machine) and this process (the load generator), and how busy the
 * machine was, other processes included.
 */
function cpuMeter(receiverPid, postmasterPid) {
  const wall0 = performance.now();
  const generator0 = process.cpuUsage();
  const receiver0 = cpuSeconds(receiverPid);
  const database0 = postmasterPid ? postgresCpuSeconds(postmasterPid) : NaN;
  const machine0 = machineCpuSeconds();
  const io0 = ioStallSeconds();
  return (count) => {
    const seconds = (performance.now() - wall0) / 1000;
    const g = process.cpuUsage(generator0);
    const machine = machineCpuSeconds();
    const used = {
      receiver: cpuSeconds(receiverPid) - receiver0,
      database: postmasterPid ? postgresCpuSeconds(postmasterPid) - database0 : NaN,
      generator: (g.user + g.system) / 1e6,
    };
    const cores = (machine.total - machine0.total) / seconds;
    const part = (label, cpu) =>
      Number.isFinite(cpu) ? `${label} ${((cpu * 1000) / count).toFixed(2)} ms (${((100 * cpu) / seconds).toFixed(0)}% of a core)` : undefined;
    const ours = used.receiver + (Number.isFinite(used.database) ? used.database : 0) + used.generator;
    const busy = machine.busy - machine0.busy;
    const io = ioStallSeconds() - io0;
    return (
      'CPU per receipt: ' +
      [part('receiver', used.receiver), part('PostgreSQL server', used.database), part('load generator', used.generator)].filter(Boolean).join(', ') +
      (Number.isFinite(busy)
        ? `; the machine's ${cores.toFixed(0)} cores ${((100 * busy) / (machine.total - machine0.total)).toFixed(0)}% busy, ` +
          `${(((busy - ours) / seconds) * 100).toFixed(0)}% of a core by other processes`
        : '') +
      // Commits wait for the disk: when other processes keep it busy, latency shows it.
      (Number.isFinite(io) ? `; a task waiting for the disk ${((100 * io) / seconds).toFixed(0)}% of the time` : '')
    );
  };
}

async function throughput(url, count = BURST) {
  const bodies = Array.from({ length: count }, prepared);
  let next = 0;
  const failed = failures();
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < bodies.length) {
        const status = await post(url, bodies[next++]);
        if (status !== 201) failed.add(status);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  return { perSecond: count / seconds, failed };
}

async function latencyAt(url, rate) {
  const latencies = [];
  const failed = failures();
  const total = rate * RATE_SECONDS;
  const started = performance.now();
  const inFlight = [];
  for (let i = 0; i < total; i++) {
    // Open-loop: each receipt leaves at its scheduled instant, whatever the others do.
    const due = started + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const body = prepared();
    const t0 = performance.now();
    inFlight.push(
      post(url, body).then((status) => {
        latencies.push(performance.now() - t0);
        if (status !== 201) failed.add(status);
      }),
    );
  }
  await Promise.all(inFlight);
  latencies.sort((a, b) => a - b);
  return { rate, count: total, p50: percentile(latencies, 50), p99: percentile(latencies, 99), max: latencies.at(-1), failed, achieved: total / ((performance.now() - started) / 1000) };
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
    const p = prepared();
    pending.push(deliver(p, p.key));
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

async function benchDatabase(name, options, restartDatabase, target, postmasterPid) {
  // The receiver as a site runs it: CORS to the site, the default rate limit per address.
  const log = receiver({ port: PORT, origins: SITE, ...options, env: { CONSENT_LOG_RATE_LIMIT: '120', CONSENT_LOG_TRUST_PROXY: '1', ...options.env } });
  await log.start();
  try {
    // Warm-up (the JIT: the first thousand receipts cost several times the next ones; the
    // pool's connections), not counted.
    await throughput(log.url, WARMUP);
    let meter = cpuMeter(log.pid, postmasterPid);
    const burst = await throughput(log.url);
    console.log(
      `${name}: ${burst.perSecond.toFixed(0)} receipts/s (${BURST} receipts, ${CONCURRENCY} in flight${burst.failed}; target ≥ ${target}/s); ` +
        meter(BURST),
    );
    meter = cpuMeter(log.pid, postmasterPid);
    const half = await latencyAt(log.url, target / 2);
    console.log(
      `${name}: at ${half.rate}/s (half the target) for ${RATE_SECONDS} s: p50 ${half.p50.toFixed(1)} ms, p99 ${half.p99.toFixed(1)} ms, max ${half.max.toFixed(0)} ms ` +
        `(${half.count} receipts, ${half.achieved.toFixed(0)}/s achieved${half.failed}; target p99 < 50 ms); ` +
        meter(half.count),
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
  if (DATABASES.includes('pglite')) ok = (await benchDatabase('PGlite', { dataDir: join(dir, 'pglite') }, undefined, 300)) && ok;

  let databaseUrl = process.env.DATABASE_URL;
  let ownServer = false;
  const pgPort = String(Number(process.env.BENCH_PG_PORT ?? PORT + 1));
  if (!DATABASES.includes('postgresql')) databaseUrl = undefined;
  else if (!databaseUrl) {
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
    const postmasterPid = postmasterOf(Number((await admin.query('SELECT pg_backend_pid() AS pid')).rows[0].pid));
    await admin.end();
    const url = new URL(databaseUrl);
    url.searchParams.set('options', `-c search_path=${schema}`);
    // Not execFileSync: the load goes on while the server restarts (receipts meet it down).
    const restart = ownServer ? async () => void (await promisify(execFile)(pgScript, ['restart', pgPort])) : undefined;
    if (!restart) console.log('PostgreSQL: DATABASE_URL given, so the database is not restarted (the bench restarts only a server it started)');
    try {
      ok = (await benchDatabase('PostgreSQL', { databaseUrl: url.href }, restart, 1000, postmasterPid)) && ok;
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
  console.log(`Machine: ${execFileSync('uptime').toString().trim()}`);
}
if (!ok) {
  console.error('consent-log bench: an acknowledged receipt was lost or stored twice, or not every receipt was acknowledged');
  process.exit(1);
}
