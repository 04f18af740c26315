#!/usr/bin/env node
// Why the SDK leaves Node.prototype.appendChild native (src/blocker/interceptors/
// dom-insertion.ts): in Chromium, setting an image's src gets slower in a page
// whose Node.prototype.appendChild was replaced — even by a pass-through that
// is never called — and not when appendChild is shadowed on Element, Document
// and DocumentFragment instead. Times 5,000 `img.src` sets and 5,000 appendChild
// calls in three frames of one page (bench/frames.mjs): untouched, replaced,
// shadowed.
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
    const elements = [];
    for (let i = 0; i < 5000; i++) elements.push(document.createElement(['div', 'span', 'p', 'li'][i % 4]));
    await new Promise((resolve) => setTimeout(resolve, 0));
    const t0 = performance.now();
    for (let i = 0; i < 5000; i++) root.appendChild(elements[i]);
    return { append: performance.now() - t0 };
  },
};

export const APPEND_CHILD_LABELS = { imgSrc: '5,000 img.src sets', append: '5,000 appendChild calls' };

export async function appendChildPatches() {
  const server = await startServer({ root: new URL('./pages', import.meta.url).pathname, port: 0, headers: { 'cache-control': 'max-age=3600' } });
  const origin = `http://localhost:${server.address().port}`;
  const browser = await launchChromium();
  try {
    const context = await browser.newContext();
    const page = (patch) => `${origin}/append-child.html?patch=${patch}`;
    const frames = { untouched: page('none'), 'Node.prototype replaced': page('node'), 'shadowed (the SDK)': page('shadow') };
    const rounds = { imgSrc: Number(process.env.ROUNDS ?? 15), append: Number(process.env.ROUNDS ?? 15) };
    return await compareFrames(context, `${origin}/pair.html`, frames, WORKLOADS, { rounds, warmup: 3, pairs: Number(process.env.PAIRS ?? 3) });
  } finally {
    await browser.close();
    server.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const [key, frames] of Object.entries(await appendChildPatches())) {
    for (const [frame, { ms, ratio, ratios }] of Object.entries(frames)) {
      console.log(`${APPEND_CHILD_LABELS[key].padEnd(24)} ${frame.padEnd(24)} ${ms.toFixed(1).padStart(6)} ms ×${ratio.toFixed(2)} (per page: ${ratios.map((r) => r.toFixed(2)).join(', ')})`);
    }
  }
}
