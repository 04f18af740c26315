#!/usr/bin/env node
// Interception overhead measured the way an outside reviewer would (issue #15), as a
// second method beside bench/interception.mjs's frames: the same page with and without
// the SDK, each load in a fresh browser context, the two alternating; a visitor who
// refused everything (a stored decision: every interceptor active, no banner); per load
// the best of RUNS runs of each workload; the median over PAGES loads of each.
//   rows     2,000 rows built the way UI libraries do: each row detached, div > a, a span
//            put in with insertBefore, an img with a first-party src, then appended
//   storage  2,000 localStorage.setItem of first-party keys
//   cookies  300 first-party document.cookie writes
//
//   node bench/overhead-pages.mjs        PAGES=9 RUNS=7 by default
import { startServer } from '../scripts/serve.mjs';
import { launchChromium, median } from './browser.mjs';

const PAGES = Number(process.env.PAGES ?? 9);
const RUNS = Number(process.env.RUNS ?? 7);

/** Run in the page: each returns ms. Defined as source so that each load compiles its own copy, as a site's code. */
const WORKLOADS = `{
  rows() {
    const root = document.getElementById('root');
    root.replaceChildren();
    const t0 = performance.now();
    for (let i = 0; i < 2000; i++) {
      const row = document.createElement('div');
      row.className = 'row';
      const link = document.createElement('a');
      link.href = '/jobs/' + i;
      link.textContent = 'Offre ' + i;
      row.appendChild(link);
      const label = document.createElement('span');
      label.textContent = 'Paris';
      row.insertBefore(label, link);
      const img = document.createElement('img');
      img.alt = '';
      img.src = '/data.json?img=' + (i % 50);
      row.appendChild(img);
      root.appendChild(row);
    }
    return performance.now() - t0;
  },
  storage() {
    const t0 = performance.now();
    for (let i = 0; i < 2000; i++) localStorage.setItem('app:setting:' + (i % 100), String(i));
    const ms = performance.now() - t0;
    for (let i = 0; i < 100; i++) localStorage.removeItem('app:setting:' + i);
    return ms;
  },
  cookies() {
    const t0 = performance.now();
    for (let i = 0; i < 300; i++) document.cookie = 'pref_' + (i % 20) + '=' + i + '; path=/; max-age=60';
    const ms = performance.now() - t0;
    for (let i = 0; i < 20; i++) document.cookie = 'pref_' + i + '=; path=/; max-age=0';
    return ms;
  },
}`;

export const PAGE_LABELS = {
  rows: '2,000 framework-style rows (detached div > a, span by insertBefore, first-party img, then appended)',
  storage: '2,000 localStorage.setItem of first-party keys',
  cookies: '300 first-party document.cookie writes',
};

export async function overheadPages() {
  // Cross-origin isolated, so that performance.now() is precise to a few µs instead of 100 µs:
  // 300 cookie writes take about a millisecond.
  const isolated = { 'cross-origin-opener-policy': 'same-origin', 'cross-origin-embedder-policy': 'require-corp' };
  const server = await startServer({ root: new URL('./pages', import.meta.url).pathname, port: 0, headers: { 'cache-control': 'max-age=3600', ...isolated } });
  const origin = `http://localhost:${server.address().port}`;
  const browser = await launchChromium();
  const samples = { with: [], without: [] };
  try {
    // A stored "refuse all", replayed into every fresh context that has the SDK.
    const first = await browser.newContext();
    const page = await first.newPage();
    await page.goto(`${origin}/overhead.html`);
    await page.evaluate(() => window.NexusConsent.rejectAll());
    const cookies = await first.cookies();
    await first.close();
    for (let p = 0; p < 2 * PAGES; p++) {
      const withSdk = p % 2 === 0;
      const context = await browser.newContext();
      await context.addCookies(cookies);
      const tab = await context.newPage();
      await tab.goto(withSdk ? `${origin}/overhead.html` : `${origin}/overhead.html?nexus-consent=off`);
      const best = await tab.evaluate(
        ({ source, runs }) => {
          const workloads = new Function(`return ${source}`)();
          // Both pages start from the same state: the SDK reads the cookie jar as it starts, so the
          // page with it would otherwise have paid the first access to document.cookie (and its
          // connection to the browser's cookie store) before the timing, the page without inside it.
          // Untimed, in both: a read, a write and a deletion of a cookie, and a read of localStorage.
          void document.cookie;
          document.cookie = '__bench_warm=1; path=/';
          document.cookie = '__bench_warm=; path=/; max-age=0';
          localStorage.getItem('__bench_warm');
          const best = {};
          // Each workload's runs together, cookies last: after a burst of cookie writes Chromium
          // sets images' src several times slower for a while (bench/interception.mjs), which
          // would make the rows of the next round depend on how long that lasts.
          for (const [name, run] of Object.entries(workloads)) {
            for (let r = 0; r < runs; r++) best[name] = Math.min(best[name] ?? Infinity, run());
          }
          return best;
        },
        { source: WORKLOADS, runs: RUNS },
      );
      if (withSdk && !(await tab.evaluate(() => !!window.NexusConsent?.get))) throw new Error('the SDK did not start');
      if (!(await tab.evaluate(() => self.crossOriginIsolated))) throw new Error('the page is not cross-origin isolated: timings would be coarse');
      // The writes timed are real ones: a first-party cookie and key reach the browser's stores, with the SDK as without
      // (one held or refused would cost next to nothing, and flatter the SDK).
      await tab.evaluate(() => {
        document.cookie = 'pref_check=1; path=/; max-age=60';
        localStorage.setItem('app:setting:check', '1');
      });
      const state = await context.storageState();
      const stored = state.cookies.some((c) => c.name === 'pref_check') && state.origins.some((o) => o.localStorage.some((e) => e.name === 'app:setting:check'));
      if (!stored) throw new Error(`a first-party cookie or key was not written ${withSdk ? 'with' : 'without'} the SDK`);
      samples[withSdk ? 'with' : 'without'].push(best);
      await context.close();
    }
  } finally {
    await browser.close();
    server.close();
  }
  return Object.fromEntries(
    Object.keys(PAGE_LABELS).map((key) => {
      const withMs = median(samples.with.map((s) => s[key]));
      const withoutMs = median(samples.without.map((s) => s[key]));
      return [key, { withMs, withoutMs, ratio: withMs / withoutMs }];
    }),
  );
}

export function describeOverheadPages(key, { withMs, withoutMs, ratio }) {
  return `Interception overhead, separate loads (best of ${RUNS}, median of ${PAGES} each), ${PAGE_LABELS[key]}: ${withoutMs.toFixed(2)} ms without, ${withMs.toFixed(2)} ms with: ×${ratio.toFixed(2)}`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const [key, figures] of Object.entries(await overheadPages())) console.log(describeOverheadPages(key, figures));
}
