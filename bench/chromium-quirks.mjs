#!/usr/bin/env node
// Two things Chromium makes a whole page pay for, which the SDK therefore does
// not do, measured in frames of one page (bench/frames.mjs):
//   - replacing Node.prototype.appendChild, even by a pass-through that is never
//     called, makes every image's `src` slower to set; shadowing appendChild on
//     Element, Document and DocumentFragment does not (src/blocker/interceptors/
//     dom-insertion.ts);
//   - one element with a `dir` attribute anywhere in the document makes every
//     insertion slower; the UI writes `dir` only for a right-to-left language
//     (src/ui/view-model.ts).
// Times 5,000 `img.src` sets and 40,000 appendChild calls (the browser's own
// method, so that only the page's state differs) in four frames.
import { startServer } from '../scripts/serve.mjs';
import { launchChromium } from './browser.mjs';
import { compareFrames } from './frames.mjs';

const WORKLOADS = {
  async imgSrc() {
    const images = [];
    for (let i = 0; i < 5000; i++) images.push(document.createElement('img'));
    await new Promise((resolve) => setTimeout(resolve, 0));
    const t0 = performance.now();
    for (let i = 0; i < 5000; i++) images[i].src = `/data.json?img=${i % 50}`;
    return { imgSrc: performance.now() - t0 };
  },
  async append() {
    const root = document.getElementById('root');
    root.replaceChildren();
    const append = Object.getOwnPropertyDescriptor(Node.prototype, 'appendChild').value;
    const elements = [];
    for (let i = 0; i < 40_000; i++) elements.push(document.createElement(['div', 'span', 'p', 'li'][i % 4]));
    await new Promise((resolve) => setTimeout(resolve, 0));
    const t0 = performance.now();
    for (let i = 0; i < 40_000; i++) append.call(root, elements[i]);
    return { append: performance.now() - t0 };
  },
};

export const QUIRK_LABELS = { imgSrc: '5,000 img.src sets', append: '40,000 appendChild calls' };

export async function chromiumQuirks() {
  const server = await startServer({ root: new URL('./pages', import.meta.url).pathname, port: 0, headers: { 'cache-control': 'max-age=3600' } });
  const origin = `http://localhost:${server.address().port}`;
  const browser = await launchChromium();
  try {
    const context = await browser.newContext();
    const page = (patch) => `${origin}/quirks.html?patch=${patch}`;
    const frames = {
      untouched: page('none'),
      'Node.prototype.appendChild replaced': page('node'),
      'appendChild shadowed (the SDK)': page('shadow'),
      'a dir attribute': page('dir'),
    };
    const rounds = Number(process.env.ROUNDS ?? 12);
    return await compareFrames(context, `${origin}/pair.html`, frames, WORKLOADS, { rounds: { imgSrc: rounds, append: rounds }, warmup: 3, pairs: Number(process.env.PAIRS ?? 3) });
  } finally {
    await browser.close();
    server.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const [key, frames] of Object.entries(await chromiumQuirks())) {
    for (const [frame, { ms, ratio, ratios }] of Object.entries(frames)) {
      console.log(`${QUIRK_LABELS[key].padEnd(26)} ${frame.padEnd(36)} ${ms.toFixed(1).padStart(6)} ms ×${ratio.toFixed(2)} (per page: ${ratios.map((r) => r.toFixed(2)).join(', ')})`);
    }
  }
}
