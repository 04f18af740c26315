#!/usr/bin/env node
// Where the core's main-thread time goes before first contentful paint, on the peers
// bench's page (bench/peers.mjs), in cold loads (fresh context: no HTTP or code cache).
// Each load is traced through the Chrome DevTools Protocol (Tracing, with V8's compile
// events and its sampling CPU profiler); the core is built in memory as the release
// build is, with a source map, so samples are attributed to source files and lines.
//
//   node bench/startup-profile.mjs              returning visitor (a valid decision), LOADS=15
//   VISIT=first node bench/startup-profile.mjs  first visit (the banner is needed)
//   CORES=a.js,b.js node bench/startup-profile.mjs   built files as they are, interleaved (A/B;
//                                                   no attribution), beside the page without the SDK
//
// Figures are the median over the loads of each load's own sum; thread (CPU) time where
// the trace gives it, so a busy machine inflates them less than wall time.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { gzipSync } from 'node:zlib';
import { rollup } from 'rollup';
import { TraceMap, originalPositionFor } from '@jridgewell/trace-mapping';
import config from '../rollup.config.mjs';
import { launchChromium, median } from './browser.mjs';
import { PAGES } from './peers.mjs';

const LOADS = Number(process.env.LOADS ?? 15);
const VISIT = process.env.VISIT ?? 'returning';
const CATEGORIES = [
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'loading',
  'v8',
  'v8.execute',
  'disabled-by-default-v8.compile',
  'disabled-by-default-v8.gc',
  'disabled-by-default-v8.cpu_profiler',
  'blink.user_timing',
];
const CORE_PATH = '/dist/nexus-consent.min.js';

async function buildCore() {
  const entry = config.find((c) => c.input === 'src/iife.ts');
  const bundle = await rollup({ input: entry.input, plugins: entry.plugins, onwarn() {} });
  const { output } = await bundle.generate({ ...entry.output, file: undefined, sourcemap: true });
  const chunk = output.find((o) => o.type === 'chunk');
  // NO_HINT=1: without V8's explicit compile hint the release build carries (rollup.config.mjs), to
  // see what lazy compilation costs (a plain comment in its place keeps the source map's lines).
  const code = process.env.NO_HINT ? chunk.code.replace(/^\/\/# allFunctionsCalledOnLoad\n/, '// no compile hint\n') : chunk.code;
  return { code, map: new TraceMap(chunk.map) };
}

/** Variant i is served under /v<i>/ (the page, its core, the UI file beside it); the page without the SDK at /none. */
function serve(variants) {
  const bodies = new Map([['/none', ['text/html; charset=utf-8', PAGES.none]]]);
  const ui = readFileSync(new URL('../dist/nexus-consent.ui.min.js', import.meta.url));
  variants.forEach(({ code }, i) => {
    bodies.set(`/v${i}/`, ['text/html; charset=utf-8', PAGES['nexus-consent'].replace('src="/dist/', `src="/v${i}/dist/`)]);
    bodies.set(`/v${i}${CORE_PATH}`, ['application/javascript', code]);
    bodies.set(`/v${i}/dist/nexus-consent.ui.min.js`, ['application/javascript', ui]);
  });
  const server = createServer((req, res) => {
    const found = bodies.get(new URL(req.url, 'http://x').pathname);
    if (!found) return res.writeHead(404).end();
    res.writeHead(200, { 'content-type': found[0], 'content-encoding': 'gzip', 'cache-control': 'no-store' });
    res.end(gzipSync(found[1]));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

/** Thread time of an event when the trace has it, else wall time, in ms. */
const cpu = (e) => (e.tdur ?? e.dur ?? 0) / 1000;
const within = (e, from, to) => e.ts >= from && e.ts <= to;

/** One load's figures: what the renderer's main thread did before FCP, and in the core's evaluation. */
function analyse(events, map) {
  const evaluate = events.find((e) => e.name === 'EvaluateScript' && e.args?.data?.url?.endsWith(CORE_PATH));
  if (!evaluate) {
    // The page without the SDK: its first contentful paint only.
    const fcp = events.find((e) => e.name === 'firstContentfulPaint');
    const navigation = fcp && events.find((e) => e.name === 'navigationStart' && e.pid === fcp.pid && e.args?.data?.documentLoaderURL?.startsWith('http'));
    return { figures: { fcp: fcp && navigation ? (fcp.ts - navigation.ts) / 1000 : NaN }, lines: new Map() };
  }
  const { pid, tid } = evaluate;
  const main = events.filter((e) => e.pid === pid && e.tid === tid);
  const navigation = events.find((e) => e.name === 'navigationStart' && e.pid === pid && e.args?.data?.isLoadingMainFrame && e.args.data.documentLoaderURL?.startsWith('http'));
  const fcp = events.find((e) => e.name === 'firstContentfulPaint' && e.pid === pid);
  const start = navigation?.ts ?? evaluate.ts;
  const end = fcp?.ts ?? evaluate.ts + evaluate.dur;
  const inEval = main.filter((e) => e.ph === 'X' && within(e, evaluate.ts, evaluate.ts + evaluate.dur));
  const sum = (list, names) => list.filter((e) => names.includes(e.name)).reduce((s, e) => s + cpu(e), 0);
  const compiles = inEval.filter((e) => e.name === 'V8.CompileCode').map(cpu).sort((a, b) => b - a);
  const beforeFcp = main.filter((e) => e.ph === 'X' && within(e, start, end));
  // Off the main thread: the streamed (background) compile of the core.
  const streamed = events.filter((e) => e.name === 'V8.ScriptCompiler' || e.name === 'v8.parseOnBackground' || e.name === 'V8.CompileStreamedScript').filter((e) => e.pid === pid && e.tid !== tid);
  const figures = {
    fcp: fcp ? (fcp.ts - start) / 1000 : NaN,
    evalWall: evaluate.dur / 1000,
    evalCpu: cpu(evaluate),
    lazyCompile: compiles.reduce((s, d) => s + d, 0),
    lazyCompileCount: compiles.length,
    largestCompile: compiles[0] ?? 0,
    secondCompile: compiles[1] ?? 0,
    gc: sum(inEval, ['MinorGC', 'MajorGC', 'V8.GCScavenger', 'V8.GCFinalizeMC']),
    mainCompileTopLevel: sum(main, ['v8.compile']),
    backgroundCompile: streamed.reduce((s, e) => s + cpu(e), 0),
    styleLayoutBeforeFcp: sum(beforeFcp, ['UpdateLayoutTree', 'Layout']),
    scriptStartAfterNav: (evaluate.ts - start) / 1000,
  };
  // The CPU profile's samples inside the evaluation: self time per source line (or VM state).
  const lines = new Map();
  const profile = events.filter((e) => e.pid === pid && (e.name === 'Profile' || e.name === 'ProfileChunk'));
  const nodes = new Map();
  let t = profile.find((e) => e.name === 'Profile')?.args?.data?.startTime ?? 0;
  for (const chunk of profile) {
    const data = chunk.args?.data;
    for (const node of data?.cpuProfile?.nodes ?? []) nodes.set(node.id, node);
    const samples = data?.cpuProfile?.samples ?? [];
    const deltas = data?.timeDeltas ?? [];
    for (let i = 0; i < samples.length; i++) {
      const previous = t;
      t += deltas[i] ?? 0;
      if (!within({ ts: t }, evaluate.ts, evaluate.ts + evaluate.dur)) continue;
      const node = nodes.get(samples[i]);
      const frame = node?.callFrame ?? {};
      let key = frame.functionName ? `(${frame.functionName})` : '(unknown)';
      if (frame.url?.endsWith(CORE_PATH)) {
        const line = frame.lineNumber + 1 - (process.env.HINT ? 1 : 0);
        const at = map && line > 0 ? originalPositionFor(map, { line, column: frame.columnNumber }) : undefined;
        key = at?.source ? `${at.source.replace(/^.*?src\//, 'src/')}:${at.line}${at.name ? ` ${at.name}` : ''}` : `core ${frame.functionName || '(top level)'}`;
      } else if (frame.url) key = `${frame.url.replace(/^.*\//, '')} ${frame.functionName}`;
      lines.set(key, (lines.get(key) ?? 0) + (t - previous) / 1000);
    }
  }
  return { figures, lines };
}

async function load(browser, url, cookies) {
  const context = await browser.newContext();
  if (cookies) await context.addCookies(cookies);
  const tab = await context.newPage();
  await browser.startTracing(tab, { categories: CATEGORIES });
  await tab.goto(url);
  await tab.evaluate(
    () =>
      new Promise((resolve) =>
        new PerformanceObserver((list) => list.getEntriesByName('first-contentful-paint')[0] && resolve()).observe({ type: 'paint', buffered: true }),
      ),
  );
  await tab.waitForTimeout(100);
  const trace = JSON.parse((await browser.stopTracing()).toString());
  await context.close();
  return trace.traceEvents ?? trace;
}

const variants = process.env.CORES
  ? process.env.CORES.split(',').map((file) => ({ name: file, code: readFileSync(file, 'utf8'), map: undefined }))
  : [{ name: 'built from src/', ...(await buildCore()) }];
const server = await serve(variants);
const base = `http://127.0.0.1:${server.address().port}`;
const browser = await launchChromium();
const pages = [...variants.map((v, i) => ({ ...v, url: `${base}/v${i}/`, perLoad: [], lines: new Map() })), { name: 'page without the SDK', url: `${base}/none`, perLoad: [], lines: new Map() }];
try {
  let cookies;
  if (VISIT === 'returning') {
    const context = await browser.newContext();
    const tab = await context.newPage();
    // The decision is taken on the last variant's page (the first may be a stand-in, such as an empty script).
    await tab.goto(pages[variants.length - 1].url);
    await tab.evaluate(() => window.NexusConsent.rejectAll());
    cookies = await context.cookies();
    await context.close();
  }
  // Interleaved, one load of each per round, so a noisy neighbour hits them alike.
  for (let i = -1; i < LOADS; i++) {
    for (const page of pages) {
      const { figures, lines } = analyse(await load(browser, page.url, cookies), page.map);
      if (i < 0) continue; // warms Chromium's process pool
      page.perLoad.push(figures);
      for (const [key, ms] of lines) page.lines.set(key, (page.lines.get(key) ?? 0) + ms);
    }
  }
} finally {
  await browser.close();
  server.close();
}

console.log(`${VISIT} visitor, ${LOADS} cold loads of each, interleaved; medians (min–max), ms:`);
for (const page of pages) {
  const size = page.code ? `, ${page.code.length} B (${gzipSync(page.code, { level: 9 }).length} B gzip)` : '';
  console.log(`${page.name}${size}`);
  for (const key of Object.keys(page.perLoad[0])) {
    const values = page.perLoad.map((f) => f[key]);
    console.log(`  ${key.padEnd(22)} ${median(values).toFixed(2).padStart(8)}  (${Math.min(...values).toFixed(1)}–${Math.max(...values).toFixed(1)})`);
  }
  if (!page.map) continue;
  console.log("  CPU samples inside the core's evaluation, self time per load (mean), top 30:");
  for (const [key, ms] of [...page.lines].sort((a, b) => b[1] - a[1]).slice(0, 30)) console.log(`    ${(ms / LOADS).toFixed(2).padStart(7)}  ${key}`);
}
