#!/usr/bin/env node
// Where a first visit's time to banner goes (issue #15), on the peers bench's page
// (bench/peers.mjs), in cold loads: when the core is requested and received, when it
// has finished running (an inline script right after its tag: the parser resumes), when
// the UI file is requested and received, DOMContentLoaded, and the banner laid out
// (as bench/peers.mjs measures it). With and without the markup step's preload.
// Nothing is added to the SDK: resource timing and two inline scripts only.
//
//   node bench/first-visit-timeline.mjs     ROUNDS=15, NETWORK=none|fast4g|slow4g
import { PAGES, startPeersServer, markedUpPage, NETWORKS, visitTimeline } from './peers.mjs';
import { launchChromium, median } from './browser.mjs';

const ROUNDS = Number(process.env.ROUNDS ?? 15);
const network = process.env.NETWORK ?? 'none';
const SDK_TAG = '<script src="/dist/nexus-consent.min.js"></script>';
/** The SDK's tag, followed by an inline script that runs as soon as the core has run. */
const timed = (html) => html.replace(SDK_TAG, `${SDK_TAG}<script>window.__coreDone = performance.now()</script>`);

if (network !== 'none' && !NETWORKS[network]) throw new Error(`NETWORK must be one of ${Object.keys(NETWORKS).join(', ')}`);
PAGES['timeline'] = timed(PAGES['nexus-consent']);
PAGES['timeline-markup'] = timed(await markedUpPage());
if (!PAGES['timeline-markup'].includes('__coreDone')) throw new Error('the marked-up page lost the SDK tag');

const server = await startPeersServer();
const base = `http://127.0.0.1:${server.address().port}`;
const browser = await launchChromium();
const samples = { timeline: [], 'timeline-markup': [] };
try {
  for (let round = -1; round < ROUNDS; round++) {
    for (const name of Object.keys(samples)) {
      const sample = await visitTimeline(browser, `${base}/${name}`, NETWORKS[network]);
      if (round >= 0) samples[name].push(sample);
    }
  }
} finally {
  await browser.close();
  server.close();
}

// A step missing from a load (a file not requested, a page changed) would be NaN and skew every median: say so instead.
for (const [name, list] of Object.entries(samples)) {
  for (const sample of list) {
    const missing = Object.keys(sample).filter((key) => Number.isNaN(sample[key]));
    if (missing.length) throw new Error(`${name}: a load has no ${missing.join(', ')}`);
  }
}

const STEPS = [
  ['coreRequested', 'core requested'],
  ['coreReceived', 'core received'],
  ['coreDone', 'core has run'],
  ['uiRequested', 'UI file requested'],
  ['uiReceived', 'UI file received'],
  ['domContentLoaded', 'DOMContentLoaded'],
  ['banner', 'banner laid out'],
];
console.log(`First visit, ${ROUNDS} cold loads each, network ${network}; medians (p25–p75), ms after navigation start:`);
for (const [name, list] of Object.entries(samples)) {
  console.log(name === 'timeline' ? '  the page as written' : '  through the markup step (UI file preloaded)');
  for (const [key, label] of STEPS) {
    const values = list.map((s) => s[key]).sort((a, b) => a - b);
    const q = (p) => values[Math.round(p * (values.length - 1))];
    console.log(`    ${label.padEnd(20)} ${median(values).toFixed(0).padStart(5)}  (${q(0.25).toFixed(0)}–${q(0.75).toFixed(0)})`);
  }
}
