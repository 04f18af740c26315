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
// differ by the SDK's code alone. Each workload runs REPEAT times per page (the
// fastest counts: on a shared 2-core machine, noise only ever adds time), on
// RUNS pages with and RUNS without, alternating (median across pages); prints
// the ratio with/without.
import { startServer } from '../scripts/serve.mjs';
import { launchChromium, median } from './browser.mjs';

const RUNS = Number(process.env.RUNS ?? 7);

const REPEAT = Number(process.env.REPEAT ?? 7);

async function workload(repeat) {
  const nextTask = () => new Promise((resolve) => setTimeout(resolve, 0));
  const fastest = (values) => Math.min(...values);
  const root = document.getElementById('root');
  const tags = ['div', 'span', 'p', 'a', 'li', 'section', 'img', 'script'];
  const runs = { insert: [], fetchIssue: [], fetchSettle: [], cookies: [] };
  for (let r = 0; r < repeat; r++) {
    root.replaceChildren();
    await nextTask();
    let t0 = performance.now();
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
    runs.insert.push(performance.now() - t0);
    await nextTask();

    t0 = performance.now();
    const issued = [];
    for (let i = 0; i < 1000; i++) issued.push(fetch(`/data.json?f=${i}`).then((res) => res.text()));
    runs.fetchIssue.push(performance.now() - t0);
    await Promise.allSettled(issued);
    runs.fetchSettle.push(performance.now() - t0);

    t0 = performance.now();
    for (let i = 0; i < 1000; i++) document.cookie = `pref_${i % 20}=${i}; path=/; max-age=60`;
    runs.cookies.push(performance.now() - t0);
  }
  return Object.fromEntries(Object.entries(runs).map(([k, v]) => [k, fastest(v)]));
}

export async function interceptionOverhead() {
  // Cacheable, so the 50 distinct images are fetched once, as on a real site.
  const server = await startServer({ root: new URL('./pages', import.meta.url).pathname, port: 0, headers: { 'cache-control': 'max-age=3600' } });
  const url = `http://localhost:${server.address().port}/overhead.html`;
  const browser = await launchChromium();
  const context = await browser.newContext();
  const results = { with: [], without: [] };
  try {
    const first = await context.newPage();
    await first.goto(url);
    await first.evaluate(() => window.NexusConsent.rejectAll());
    await first.close();
    for (let i = 0; i < 2 * (RUNS + 1); i++) {
      const withSdk = i % 2 === 0;
      const page = await context.newPage();
      // No Playwright routing here: it would slow every request of the page it is on.
      await page.goto(withSdk ? url : `${url}?nexus-consent=off`);
      const sample = await page.evaluate(workload, REPEAT);
      if (i > 1) results[withSdk ? 'with' : 'without'].push(sample);
      await page.close();
    }
  } finally {
    await browser.close();
    server.close();
  }
  const keys = ['insert', 'fetchIssue', 'fetchSettle', 'cookies'];
  return Object.fromEntries(
    keys.map((key) => {
      const w = median(results.with.map((s) => s[key]));
      const wo = median(results.without.map((s) => s[key]));
      return [key, { withMs: w, withoutMs: wo, ratio: w / wo }];
    }),
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
  for (const [key, { withMs, withoutMs, ratio }] of Object.entries(result)) {
    console.log(`${LABELS[key].padEnd(36)} ${withoutMs.toFixed(1).padStart(7)} ms without, ${withMs.toFixed(1).padStart(7)} ms with the SDK: ×${ratio.toFixed(2)}`);
  }
}
