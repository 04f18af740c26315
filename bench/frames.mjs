// Shared by the overhead benchmarks: the same workloads timed in several
// same-origin frames of one page — one renderer process, one JavaScript heap,
// one scheduler — so that whatever else the machine does weighs on all of them
// alike (two tabs differed by ±30 % with no SDK at all).
//
// Each round runs every workload once in every frame, the frames taking turns
// in a rotating order; the first WARMUP rounds only warm the engine up (its
// optimising tiers arrive after a few runs). Per frame the fastest run counts:
// on a shared 2-core machine, noise only ever adds time. That makes one
// "sample"; PAIRS samples are taken, each in a fresh page.
import { median } from './browser.mjs';

/**
 * @param {import('playwright').BrowserContext} context
 * @param {string} pageUrl an empty same-origin page to hold the frames
 * @param {Record<string, string>} frames frame name → URL; the first is the reference
 * @param {Record<string, () => Promise<Record<string, number>>>} workloads each returns its timings in ms
 * @param {{ rounds: Record<string, number>, warmup: number, pairs: number }} plan
 * @returns per timing key: each frame's median best time, and its median ratio to the reference with every sample's ratio
 */
export async function compareFrames(context, pageUrl, frames, workloads, { rounds, warmup, pairs }) {
  const names = Object.keys(frames);
  // Defined once in each frame, so that it warms up as a site's own code would
  // (page.evaluate compiles a fresh copy at each call).
  const source = Object.entries(workloads).map(([name, fn]) => `${JSON.stringify(name)}: ${fn.toString().replace(/^async \w+/, 'async function')}`);
  const samples = [];
  for (let p = 0; p < pairs; p++) {
    // No Playwright routing here: it would slow every request of the page it is on.
    const page = await context.newPage();
    await page.goto(pageUrl);
    await page.evaluate((entries) => Promise.all(entries.map(([name, src]) => new Promise((resolve) => {
      const frame = document.createElement('iframe');
      Object.assign(frame, { name, src, onload: resolve });
      document.body.append(frame);
    }))), Object.entries(frames));
    const handles = names.map((name) => page.frame({ name }));
    for (const frame of handles) await frame.addScriptTag({ content: `window.__workloads = { ${source.join(',\n')} };` });
    const best = names.map(() => ({}));
    for (const workload of Object.keys(workloads)) {
      for (let r = -warmup; r < rounds[workload]; r++) {
        for (let k = 0; k < names.length; k++) {
          const i = (k + r + warmup * names.length) % names.length;
          const sample = await handles[i].evaluate((n) => window.__workloads[n](), workload);
          if (r < 0) continue;
          for (const [key, ms] of Object.entries(sample)) best[i][key] = Math.min(best[i][key] ?? Infinity, ms);
        }
      }
    }
    samples.push(best);
    await page.close();
  }
  const keys = Object.keys(samples[0][0]);
  return Object.fromEntries(keys.map((key) => [key, Object.fromEntries(names.map((name, i) => {
    const ratios = samples.map((best) => best[i][key] / best[0][key]);
    return [name, { ms: median(samples.map((best) => best[i][key])), ratio: median(ratios), ratios }];
  }))]));
}
