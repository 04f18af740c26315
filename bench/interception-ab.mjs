#!/usr/bin/env node
// Interception overhead measured side by side on ONE page, to cancel the
// machine's noise: the page runs the SDK (stored refusal, every interceptor
// active); a same-origin iframe holds the same page without it. The workloads
// of interception.mjs (element insertions, fetch issuing, cookie writes) run
// alternately in each realm, many rounds; the fastest round per realm counts
// (noise only ever adds time). Both realms share one renderer process, one
// moment and one machine state, so the ratio is far steadier than across pages.
import { startServer } from '../scripts/serve.mjs';
import { launchChromium } from './browser.mjs';

const ROUNDS = Number(process.env.ROUNDS ?? 15);

/** Runs in the page: `realm` is a window (the page's or the iframe's). */
async function abWorkload(rounds) {
  const frame = document.querySelector('iframe');
  await new Promise((resolve) => (frame.contentDocument?.readyState === 'complete' ? resolve() : frame.addEventListener('load', resolve, { once: true })));
  const realms = { with: window, without: frame.contentWindow };
  const tags = ['div', 'span', 'p', 'a', 'li', 'section', 'img', 'script'];
  const tasks = {
    insert(w) {
      const doc = w.document;
      const root = doc.body.appendChild(doc.createElement('main'));
      const t0 = performance.now();
      for (let i = 0; i < 10_000; i++) {
        const tag = tags[i % tags.length];
        const el = doc.createElement(tag);
        el.setAttribute('data-i', String(i));
        if (tag === 'a') el.href = `/jobs/${i}`;
        if (tag === 'img') el.src = `/data.json?img=${i % 50}`;
        if (tag === 'script') { el.type = 'application/json'; el.textContent = '{}'; }
        if (i % 3 === 0) root.appendChild(el);
        else if (i % 3 === 1) root.append(el);
        else root.insertBefore(el, root.firstChild);
      }
      const ms = performance.now() - t0;
      root.remove();
      return ms;
    },
    fetchIssue(w) {
      const t0 = performance.now();
      for (let i = 0; i < 1000; i++) w.fetch(`/data.json?f=${i}`).catch(() => {});
      return performance.now() - t0;
    },
    cookies(w) {
      const t0 = performance.now();
      for (let i = 0; i < 1000; i++) w.document.cookie = `pref_${i % 20}=${i}; path=/; max-age=60`;
      return performance.now() - t0;
    },
  };
  const best = {};
  for (let r = 0; r < rounds; r++) {
    // Alternate which realm goes first, so neither always gets the warmer state.
    const order = r % 2 ? ['with', 'without'] : ['without', 'with'];
    for (const [name, task] of Object.entries(tasks)) {
      for (const realm of order) {
        const ms = task(realms[realm]);
        const key = `${name}:${realm}`;
        best[key] = Math.min(best[key] ?? Infinity, ms);
        await new Promise((resolve) => setTimeout(resolve, 0));
      }
      if (name === 'fetchIssue') await new Promise((resolve) => setTimeout(resolve, 300));
    }
  }
  return best;
}

export async function interceptionOverheadAB() {
  const server = await startServer({ root: new URL('./pages', import.meta.url).pathname, port: 0, headers: { 'cache-control': 'max-age=3600' } });
  const base = `http://localhost:${server.address().port}`;
  const browser = await launchChromium();
  try {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${base}/overhead.html`);
    await page.evaluate(() => window.NexusConsent.rejectAll());
    await page.goto(`${base}/overhead.html`);
    await page.evaluate((src) => {
      const frame = document.createElement('iframe');
      frame.src = src;
      document.body.append(frame);
    }, `${base}/overhead.html?nexus-consent=off`);
    const best = await page.evaluate(abWorkload, ROUNDS);
    return Object.fromEntries(
      ['insert', 'fetchIssue', 'cookies'].map((key) => {
        const w = best[`${key}:with`];
        const wo = best[`${key}:without`];
        return [key, { withMs: w, withoutMs: wo, ratio: w / wo }];
      }),
    );
  } finally {
    await browser.close();
    server.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const labels = { insert: '10,000 mixed element insertions', fetchIssue: '1,000 fetch calls (issuing)', cookies: '1,000 document.cookie writes' };
  for (const [key, { withMs, withoutMs, ratio }] of Object.entries(await interceptionOverheadAB())) {
    console.log(`${labels[key].padEnd(34)} ${withoutMs.toFixed(1).padStart(7)} ms without, ${withMs.toFixed(1).padStart(7)} ms with the SDK: ×${ratio.toFixed(2)}`);
  }
}
