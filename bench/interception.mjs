#!/usr/bin/env node
// Interception overhead, in headless Chromium: the same page with and without
// the SDK, running
//   - 10,000 mixed elements inserted one by one (div, span, p, a, li, section,
//     first-party img, inline JSON script) with attributes and URL setters, timed
//     until the microtask checkpoint, so that MutationObserver work is counted but
//     the browser's rendering of 10,000 new elements (which dwarfs both) is not;
//     first: after a burst of cookie writes, Chromium sets an image's src several
//     times slower for a while, in every frame, which would bury the SDK's cost;
//   - 2,000 innerHTML sets of small templates with a link and an image, and
//     2,000 without any URL attribute (parsing only: each replaces the last);
//   - 1,000 document.cookie writes of non-tracker cookies (deleted again, untimed);
//   - 1,000 fetch calls to a first-party URL (time to issue them, and to settle),
//     last, as their network traffic outlasts them.
// The visitor has refused everything (stored decision, no banner on screen):
// every interceptor is active and classifies every call, and the pages differ
// by the SDK's code alone. They run as frames of one page, taking turns
// (bench/frames.mjs): each workload ROUNDS times after WARMUP rounds (fetch a
// fifth as often, cookies twice), the fastest run per frame, in PAIRS fresh
// pages; prints the median ratio with/without and each page's ratio.
// A third frame, a second copy of the page without the SDK, is timed the same
// way: its ratio to the first is what the method reads when there is nothing
// to find, the resolution against which the SDK's ratio must be read.
import { startServer } from '../scripts/serve.mjs';
import { launchChromium } from './browser.mjs';
import { compareFrames } from './frames.mjs';

const PAIRS = Number(process.env.PAIRS ?? 5);

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
  // Markup given as strings, as templates and jQuery-era code do: with a URL
  // attribute (parsed once more, in an inert document, to be inspected) and
  // without one (passed on unparsed). Each set replaces the last: parsing only.
  async html() {
    const root = document.getElementById('root');
    root.replaceChildren();
    const slot = root.appendChild(document.createElement('div'));
    let t0 = performance.now();
    for (let i = 0; i < 2000; i++) {
      slot.innerHTML = `<article class="card"><h3>Offre ${i}</h3><p class="meta">Paris · CDI</p><a href="/jobs/${i}">Voir</a><img alt="" src="/data.json?img=${i % 50}"></article>`;
    }
    const htmlUrl = performance.now() - t0;
    t0 = performance.now();
    for (let i = 0; i < 2000; i++) slot.innerHTML = `<li class="row"><span>Offre ${i}</span><em>Paris</em></li>`;
    return { htmlUrl, htmlPlain: performance.now() - t0 };
  },
  async cookies() {
    const t0 = performance.now();
    for (let i = 0; i < 1000; i++) document.cookie = `pref_${i % 20}=${i}; path=/; max-age=60`;
    const ms = performance.now() - t0;
    // Gone again, untimed: a page with fresh cookies sets images' src several times slower.
    for (let i = 0; i < 20; i++) document.cookie = `pref_${i}=; path=/; max-age=0`;
    return { cookies: ms };
  },
  async fetch() {
    const t0 = performance.now();
    const issued = [];
    for (let i = 0; i < 1000; i++) issued.push(fetch(`/data.json?f=${i}`).then((res) => res.text()));
    const fetchIssue = performance.now() - t0;
    await Promise.allSettled(issued);
    return { fetchIssue, fetchSettle: performance.now() - t0 };
  },
};
const BASE_ROUNDS = Number(process.env.ROUNDS ?? 20);
const WARMUP = Number(process.env.WARMUP ?? 3);
const ROUNDS = { insert: BASE_ROUNDS, html: BASE_ROUNDS, cookies: 2 * BASE_ROUNDS, fetch: Math.ceil(BASE_ROUNDS / 5) };

export async function interceptionOverhead() {
  // Cacheable, so the 50 distinct images are fetched once, as on a real site.
  const server = await startServer({ root: new URL('./pages', import.meta.url).pathname, port: 0, headers: { 'cache-control': 'max-age=3600' } });
  const origin = `http://localhost:${server.address().port}`;
  const frames = {
    without: `${origin}/overhead.html?nexus-consent=off`,
    control: `${origin}/overhead.html?nexus-consent=off&copy=2`,
    with: `${origin}/overhead.html`,
  };
  const browser = await launchChromium();
  try {
    const context = await browser.newContext();
    const first = await context.newPage();
    await first.goto(frames.with);
    await first.evaluate(() => window.NexusConsent.rejectAll());
    await first.close();
    const result = await compareFrames(context, `${origin}/pair.html`, frames, WORKLOADS, { rounds: ROUNDS, warmup: WARMUP, pairs: PAIRS });
    return Object.fromEntries(
      Object.keys(LABELS).map((key) => [
        key,
        {
          withMs: result[key].with.ms,
          withoutMs: result[key].without.ms,
          ratio: result[key].with.ratio,
          ratios: result[key].with.ratios,
          control: { ratio: result[key].control.ratio, ratios: result[key].control.ratios },
        },
      ]),
    );
  } finally {
    await browser.close();
    server.close();
  }
}

export const LABELS = {
  insert: '10,000 mixed element insertions',
  htmlUrl: '2,000 innerHTML sets with URL attributes',
  htmlPlain: '2,000 innerHTML sets without URL attributes',
  cookies: '1,000 document.cookie writes',
  fetchIssue: '1,000 fetch calls (issuing)',
  fetchSettle: '1,000 fetch calls (until settled)',
};

/** One line per timing: the SDK's ratio, each page's, and the control's for comparison. */
export function describeOverhead(key, { withMs, withoutMs, ratio, ratios, control }) {
  const list = (values) => values.map((r) => r.toFixed(2)).join(', ');
  return (
    `Interception overhead, ${LABELS[key]}: ${withoutMs.toFixed(1)} ms without the SDK, ${withMs.toFixed(1)} ms with: ×${ratio.toFixed(2)} ` +
    `(per page ${list(ratios)}; the page without the SDK against itself: ×${control.ratio.toFixed(2)}, per page ${list(control.ratios)})`
  );
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const result = await interceptionOverhead();
  for (const [key, figures] of Object.entries(result)) console.log(describeOverhead(key, figures));
}
