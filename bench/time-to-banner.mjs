#!/usr/bin/env node
// Time from navigation start to the consent banner on screen, on the demo page
// (examples/script-tag), in headless Chromium: median of RUNS fresh visits.
// The banner is on screen at the first paint after it has a layout box: the
// later of "laid out" (seen from requestAnimationFrame) and First Contentful
// Paint. The same page without the SDK gives the baseline FCP, so the figure
// shows what the SDK costs the page's own first paint.
import { startServer } from '../scripts/serve.mjs';
import { launchChromium, median } from './browser.mjs';

const RUNS = Number(process.env.RUNS ?? 5);

export async function timeToBanner() {
  const server = await startServer({ root: 'examples/script-tag', port: 0 });
  const url = `http://localhost:${server.address().port}/`;
  const browser = await launchChromium();
  const samples = [];
  try {
    for (let i = 0; i < 2 * (RUNS + 1); i++) {
      const withSdk = i % 2 === 0;
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.addInitScript(() => {
        window.__bannerPainted = new Promise((resolve) => {
          const check = () => {
            const banner = document.querySelector('[data-nexus-consent]')?.shadowRoot?.querySelector('.nc-banner');
            if (banner && !banner.hidden && banner.getBoundingClientRect().height > 0) {
              requestAnimationFrame(() => resolve(performance.now()));
            } else requestAnimationFrame(check);
          };
          requestAnimationFrame(check);
        });
      });
      // No Playwright routing here: it would slow every request of the page it is on.
      await page.goto(withSdk ? url : `${url}?nexus-consent=off`);
      const laidOut = withSdk ? await page.evaluate(() => window.__bannerPainted) : NaN;
      const fcp = await page.evaluate(
        () =>
          new Promise((resolve) =>
            new PerformanceObserver((list) => {
              const entry = list.getEntriesByName('first-contentful-paint')[0];
              if (entry) resolve(entry.startTime);
            }).observe({ type: 'paint', buffered: true }),
          ),
      );
      // The first pair of visits warms the engine's own caches; it is not counted.
      if (i > 1) samples.push({ withSdk, laidOut, fcp, banner: Math.max(laidOut, fcp) });
      await context.close();
    }
  } finally {
    await browser.close();
    server.close();
  }
  const sdk = samples.filter((s) => s.withSdk);
  const base = samples.filter((s) => !s.withSdk);
  return {
    runs: sdk.length,
    bannerMs: median(sdk.map((s) => s.banner)),
    fcpMs: median(sdk.map((s) => s.fcp)),
    baselineFcpMs: median(base.map((s) => s.fcp)),
    samples: sdk,
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const result = await timeToBanner();
  console.log(
    `time to banner (median of ${result.runs}): ${result.bannerMs.toFixed(1)} ms; ` +
      `first contentful paint ${result.fcpMs.toFixed(1)} ms with the SDK, ${result.baselineFcpMs.toFixed(1)} ms without`,
  );
  console.log('samples (ms):', result.samples.map((s) => s.banner.toFixed(1)).join(', '));
}
