#!/usr/bin/env node
// `npm run bench`: every benchmark, one after the other (they measure; they assert nothing).
import { benchClassify } from './classify.mjs';
import { chromiumQuirks, QUIRK_LABELS } from './chromium-quirks.mjs';
import { describeOverhead, interceptionOverhead } from './interception.mjs';
import { benchMarkup, describeMarkup } from './markup.mjs';
import { describeOverheadPages, overheadPages } from './overhead-pages.mjs';
import { benchPeers, describePeers } from './peers.mjs';
import { timeToBanner } from './time-to-banner.mjs';

const banner = await timeToBanner();
console.log(
  `Time to banner, demo page, headless Chromium: median ${banner.bannerMs.toFixed(1)} ms over ${banner.runs} visits ` +
    `(first contentful paint ${banner.fcpMs.toFixed(1)} ms with the SDK, ${banner.baselineFcpMs.toFixed(1)} ms without)`,
);

// Beside the peers, on the same page, in the same run.
console.log(describePeers(await benchPeers()));

for (const { catalogue, cookieNs, urlNs, buildMs } of await benchClassify()) {
  console.log(
    `Classification, ${catalogue} catalogue, Node: ${cookieNs.toFixed(0)} ns per cookie name, ${urlNs.toFixed(0)} ns per URL ` +
      `(100,000 each; index built in ${buildMs.toFixed(1)} ms)`,
  );
}

console.log(describeMarkup(await benchMarkup()));

const overhead = await interceptionOverhead();
for (const [key, figures] of Object.entries(overhead)) console.log(describeOverhead(key, figures));
// The same question asked the other way: separate loads in fresh contexts, not frames of one page.
for (const [key, figures] of Object.entries(await overheadPages())) console.log(describeOverheadPages(key, figures));

for (const [key, frames] of Object.entries(await chromiumQuirks())) {
  const figures = Object.entries(frames).map(([frame, { ms, ratio }]) => `${frame} ${ms.toFixed(1)} ms (×${ratio.toFixed(2)})`);
  console.log(`What a page pays for what a script does to it, ${QUIRK_LABELS[key]}: ${figures.join(', ')}`);
}
