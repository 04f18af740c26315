#!/usr/bin/env node
// Interception overhead, in headless Chromium: the same page with and without
// the SDK, running
//   - 10,000 mixed elements inserted one by one (div, span, p, a, li, section,
//     first-party img, inline JSON script) with attributes and URL setters, timed
//     until the microtask checkpoint, so that MutationObserver work is counted but
//     the browser's rendering of 10,000 new elements (which dwarfs both) is not;
//   - 1,000 fetch calls to a first-party URL (time to issue them, and to settle);
//   - 1,000 document.cookie writes of non-tracker cookies.
// The visitor has refused everything (stored decision, no banner on screen):
// every interceptor is active and classifies every call, and the two pages
// differ by the SDK's code alone. The two pages are same-origin frames of one
// page and take turns (ABBA) after a warm-up round, each workload ROUNDS times
// (fetch a fifth as often, cookies twice); per page the fastest run
// counts (on a shared 2-core machine, noise only ever adds time). PAIRS such
// pairs of pages; prints the median ratio with/without.
import { startServer } from '../scripts/serve.mjs';
import { launchChromium, median } from './browser.mjs';

const PAIRS = Number(process.env.PAIRS ?? 3);

/**
 * The workloads, run in the page; each returns its timings in ms. Rounds: how
 * many times each runs per page (cheap ones more often: their noise is larger
 * than their cost).
 */
const WORKLOADS = {
  async insert() {
    const root = document.getElementById('root');
    root.replaceChildren();
    await new Promise((resolve) => setTimeout(resolve, 0));
    const tags = ['div', 'span', 'p', 'a', 'li', 'section', 'img', 'script'];
    const t0 = performance.now();
    for (let i = 0; i < 10_000; i++) {
      const tag = tags[i % tags.length];
      const el = document.createElement(tag);
      el.setAttribute('data-i', String(i));
      if (tag === 'a') el.href = `/jobs/${i}`;
      if (tag === 'img') el.src = `/data.json?img=${i % 50}`;
      if (tag === 'script') { el.type = 'application/json'; el.textContent = '{}'; }
      if (i % 3 === 0) root.appendChild(el);
      else if (i % 3 === 1) root.append(el);
      else root.insertBefore(el, root.firstChild);
    }
    // Mutation-observer callbacks were queued before this continuation: they run first.
    await Promise.resolve();
    return { insert: performance.now() - t0 };
  },
  async fetch() {
    const t0 = performance.now();
    const issued = [];
    for (let i = 0; i < 1000; i++) issued.push(fetch(`/data.json?f=${i}`).then((res) => res.text()));
    const fetchIssue = performance.now() - t0;
    await Promise.allSettled(issued);
    return { fetchIssue, fetchSettle: performance.now() - t0 };
  },
  async cookies() {
    const t0 = performance.now();
    for (let i = 0; i < 1000; i++) document.cookie = `pref_${i % 20}=${i}; path=/; max-age=60`;
    return { cookies: performance.now() - t0 };
  },
};
const BASE_ROUNDS = Number(process.env.ROUNDS ?? 20);
const ROUNDS = { insert: BASE_ROUNDS, fetch: Math.ceil(BASE_ROUNDS / 5), cookies: 2 * BASE_ROUNDS };

export async function interceptionOverhead() {
  // Cacheable, so the 50 distinct images are fetched once, as on a real site.
  const server = await startServer({ root: new URL('./pages', import.meta.url).pathname, port: 0, headers: { 'cache-control': 'max-age=3600' } });
  const origin = `http://localhost:${server.address().port}`;
  const sources = { with: `${origin}/overhead.html`, without: `${origin}/overhead.html?nexus-consent=off` };
  const browser = await launchChromium();
  const context = await browser.newContext();
  const pairs = [];
  try {
    const first = await context.newPage();
    await first.goto(sources.with);
    await first.evaluate(() => window.NexusConsent.rejectAll());
    await first.close();
    for (let p = 0; p < PAIRS; p++) {
      // The two pages are same-origin frames of one page: one renderer process,
      // one JavaScript heap, one scheduler, so that whatever else the machine
      // does weighs on both alike. (Two tabs differed by ±30% with no SDK at all.)
      // No Playwright routing here: it would slow every request of the page it is on.
      const page = await context.newPage();
      await page.goto(`${origin}/pair.html`);
      await page.evaluate((srcs) => Promise.all(Object.entries(srcs).map(([name, src]) => new Promise((resolve) => {
        const frame = document.createElement('iframe');
        Object.assign(frame, { name, src, onload: resolve });
        document.body.append(frame);
      }))), sources);
      const frames = { with: page.frame({ name: 'with' }), without: page.frame({ name: 'without' }) };
      const source = Object.entries(WORKLOADS).map(([name, fn]) => `${JSON.stringify(name)}: ${fn.toString().replace(/^async \w+/, 'async function')}`);
      for (const frame of Object.values(frames)) {
        // Defined once in the page, so that it warms up as a site's own code
        // would (page.evaluate compiles a fresh copy at each call).
        await frame.addScriptTag({ content: `window.__workloads = { ${source.join(',\n')} };` });
      }
      const best = { with: {}, without: {} };
      for (const [name, rounds] of Object.entries(ROUNDS)) {
        for (let r = -1; r < rounds; r++) {
          const order = r % 2 === 0 ? ['with', 'without'] : ['without', 'with'];
          for (const side of order) {
            const sample = await frames[side].evaluate((n) => window.__workloads[n](), name);
            if (r < 0) continue; // the warm-up round
            for (const [key, ms] of Object.entries(sample)) best[side][key] = Math.min(best[side][key] ?? Infinity, ms);
          }
        }
      }
      pairs.push(best);
      await page.close();
    }
  } finally {
    await browser.close();
    server.close();
  }
  return Object.fromEntries(
    Object.keys(LABELS).map((key) => [
      key,
      {
        withMs: median(pairs.map((b) => b.with[key])),
        withoutMs: median(pairs.map((b) => b.without[key])),
        ratio: median(pairs.map((b) => b.with[key] / b.without[key])),
        ratios: pairs.map((b) => b.with[key] / b.without[key]),
      },
    ]),
  );
}

export const LABELS = {
  insert: '10,000 mixed element insertions',
  fetchIssue: '1,000 fetch calls (issuing)',
  fetchSettle: '1,000 fetch calls (until settled)',
  cookies: '1,000 document.cookie writes',
};

if (import.meta.url === `file://${process.argv[1]}`) {
  const result = await interceptionOverhead();
  for (const [key, { withMs, withoutMs, ratio, ratios }] of Object.entries(result)) {
    console.log(`${LABELS[key].padEnd(36)} ${withoutMs.toFixed(1).padStart(7)} ms without, ${withMs.toFixed(1).padStart(7)} ms with the SDK: ×${ratio.toFixed(2)} (per pair: ${ratios.map((r) => r.toFixed(2)).join(', ')})`);
  }
}
