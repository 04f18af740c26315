#!/usr/bin/env node
// What happens between the core having run and the banner being laid out on a first visit
// (issue #15), on the peers bench's page, in cold loads traced through the Chrome DevTools
// Protocol: when the UI file is received, compiled and evaluated, when the banner enters its
// shadow root, how many frames the page paints before the banner is seen, and how much of the
// wall time the renderer's main thread actually spends working (thread time), by kind.
// "Laid out" is measured as bench/peers.mjs measures it (a rAF that sees the banner, then one more).
// The page as written and through the markup step (UI file preloaded) are interleaved.
//
//   node bench/banner-gap.mjs      LOADS=10
import { PAGES, startPeersServer, markedUpPage } from './peers.mjs';
import { launchChromium, median } from './browser.mjs';

const LOADS = Number(process.env.LOADS ?? 10);
const CATEGORIES = ['toplevel', 'blink', 'devtools.timeline', 'disabled-by-default-devtools.timeline', 'disabled-by-default-devtools.timeline.frame', 'loading', 'v8', 'v8.execute', 'blink.user_timing'];
const CORE = '/nexus-consent.min.js';
const UI = '/nexus-consent.ui.min.js';
const BANNER = `document.querySelector('[data-nexus-consent]')?.shadowRoot?.querySelector('.nc-banner:not([hidden])')`;

/** Marks, in the page: the banner entering the UI's shadow root; the peers bench's rAF check, with its two steps marked. */
const INIT = `{
  const attach = Element.prototype.attachShadow;
  Element.prototype.attachShadow = function (init) {
    const root = attach.call(this, init);
    if (this.hasAttribute('data-nexus-consent')) {
      const observer = new MutationObserver(() => { if (root.querySelector('.nc-banner')) { performance.mark('banner-in-shadow'); observer.disconnect(); } });
      observer.observe(root, { childList: true });
    }
    return root;
  };
  window.__bannerLaidOut = new Promise((resolve) => {
    const check = () => { const b = ${BANNER}; if (b && b.getBoundingClientRect().height > 0) { performance.mark('banner-seen'); requestAnimationFrame(() => { performance.mark('banner-laid-out'); resolve(performance.now()); }); } else requestAnimationFrame(check); };
    requestAnimationFrame(check);
  });
}`;

/** Thread time of an event (wall time when the trace has none), ms. */
const cpu = (e) => (e.tdur ?? e.dur ?? 0) / 1000;
/** Sum over the outermost events named `names` among `list` (sorted by start), so nested ones count once. */
function outermost(list, names, keep = () => true) {
  let sum = 0;
  let end = -Infinity;
  for (const e of list) {
    if (e.ts < end || !names.includes(e.name) || !keep(e)) continue;
    sum += cpu(e);
    end = e.ts + e.dur;
  }
  return sum;
}

function analyse(events, marks) {
  const navigation = events.find((e) => e.name === 'navigationStart' && e.args?.data?.isLoadingMainFrame && e.args.data.documentLoaderURL?.startsWith('http'));
  const { pid } = navigation;
  const tid = events.find((e) => e.pid === pid && e.name === 'ParseHTML').tid;
  const main = events.filter((e) => e.pid === pid && e.tid === tid && e.ph === 'X').sort((a, b) => a.ts - b.ts);
  const at = (ts) => (ts - navigation.ts) / 1000;
  const core = main.find((e) => e.name === 'EvaluateScript' && e.args?.data?.url?.endsWith(CORE));
  const compiled = main.find((e) => e.name === 'v8.compileModule' && e.args?.data?.url?.endsWith(UI));
  const evaluated = main.find((e) => e.name === 'v8.evaluateModule' && compiled && e.ts >= compiled.ts);
  const mark = (name) => events.find((e) => e.pid === pid && e.name === name)?.ts;
  const [from, seen, to] = [core.ts + core.dur, mark('banner-seen'), mark('banner-laid-out')];
  const window = main.filter((e) => e.ts >= from && e.ts + e.dur <= to);
  const layoutIn = (parent) => outermost(window.filter((e) => e.ts >= parent.ts && e.ts + e.dur <= parent.ts + parent.dur), ['UpdateLayoutTree', 'Layout']);
  // The SDK's own JavaScript: callbacks in the core or the UI file, and microtasks (the UI's creation runs in them), minus the style and layout they force.
  let sdk = 0;
  let end = -Infinity;
  for (const e of window) {
    if (e.ts < end) continue;
    const url = e.args?.data?.url ?? '';
    const ours = (e.name === 'FunctionCall' || e.name === 'v8.evaluateModule') && url.includes('/nexus-consent.');
    if (!ours && e.name !== 'RunMicrotasks') continue;
    sdk += cpu(e) - layoutIn(e);
    end = e.ts + e.dur;
  }
  const paintedFrames = main.filter((e) => e.name === 'WebFrameWidgetImpl::UpdateLifecycle' && e.ts < seen && main.some((p) => p.name === 'Paint' && p.ts >= e.ts && p.ts <= e.ts + e.dur));
  const domContentLoaded = window.find((e) => e.name === 'EventDispatch' && e.args?.data?.type === 'DOMContentLoaded');
  return {
    coreReceived: marks.coreReceived,
    coreStarted: at(core.ts),
    coreEvalCpu: cpu(core),
    coreDone: at(from),
    uiReceived: marks.uiReceived,
    uiCompiled: compiled ? at(compiled.ts) : NaN,
    uiEvaluated: evaluated ? at(evaluated.ts) : NaN,
    bannerInShadow: marks['banner-in-shadow'],
    domContentLoaded: marks.domContentLoaded,
    seen: marks['banner-seen'],
    laidOut: marks['banner-laid-out'],
    framesBefore: paintedFrames.length,
    wall: (to - from) / 1000,
    mainThreadCpu: outermost(window, ['ThreadControllerImpl::RunTask']),
    styleLayoutCpu: outermost(window, ['UpdateLayoutTree', 'Layout']),
    paintCommitCpu: outermost(window, ['PrePaint', 'Paint', 'Commit', 'Layerize']),
    sdkJsCpu: sdk,
    domContentLoadedCpu: domContentLoaded ? cpu(domContentLoaded) : 0,
  };
}

async function load(browser, url) {
  const context = await browser.newContext();
  const tab = await context.newPage();
  await tab.addInitScript(INIT);
  await browser.startTracing(tab, { categories: CATEGORIES });
  await tab.goto(url);
  await tab.evaluate(() => window.__bannerLaidOut);
  const marks = await tab.evaluate(([ui, core]) => ({
    ...Object.fromEntries(performance.getEntriesByType('mark').map((m) => [m.name, m.startTime])),
    uiReceived: performance.getEntriesByType('resource').find((e) => e.name.endsWith(ui))?.responseEnd ?? NaN,
    coreReceived: performance.getEntriesByType('resource').find((e) => e.name.endsWith(core))?.responseEnd ?? NaN,
    domContentLoaded: performance.getEntriesByType('navigation')[0].domContentLoadedEventStart,
  }), [UI, CORE]);
  const trace = JSON.parse((await browser.stopTracing()).toString());
  await context.close();
  return analyse(trace.traceEvents ?? trace, marks);
}

PAGES['nexus-consent-markup'] = await markedUpPage();
const names = ['nexus-consent', 'nexus-consent-markup'];
const samples = Object.fromEntries(names.map((n) => [n, []]));
const server = await startPeersServer();
const base = `http://127.0.0.1:${server.address().port}`;
const browser = await launchChromium();
try {
  for (let round = -1; round < LOADS; round++) {
    for (const name of names) {
      const figures = await load(browser, `${base}/${name}`);
      if (round >= 0) samples[name].push(figures);
    }
  }
} finally {
  await browser.close();
  server.close();
}

const LABELS = {
  coreReceived: 'core received',
  coreStarted: 'core starts running',
  coreEvalCpu: '  core evaluation (CPU)',
  coreDone: 'core has run',
  uiReceived: 'UI file received',
  uiCompiled: 'UI file compiled',
  uiEvaluated: 'UI file evaluated',
  bannerInShadow: 'banner in its shadow root',
  domContentLoaded: 'DOMContentLoaded',
  seen: 'banner seen by a rAF',
  laidOut: 'banner laid out',
  framesBefore: 'frames painted before',
  wall: 'core run → laid out, wall',
  mainThreadCpu: '  main thread busy (CPU)',
  styleLayoutCpu: '    style + layout',
  paintCommitCpu: '    paint + commit',
  sdkJsCpu: '    SDK JavaScript',
  domContentLoadedCpu: '    DOMContentLoaded handlers',
};
console.log(`First visit, ${LOADS} traced cold loads each; medians (p25–p75), ms after navigation start (CPU: renderer main thread's thread time):`);
for (const name of names) {
  console.log(name === 'nexus-consent' ? '  the page as written' : '  through the markup step (UI file preloaded)');
  for (const [key, label] of Object.entries(LABELS)) {
    const values = samples[name].map((s) => s[key]).filter((v) => !Number.isNaN(v)).sort((a, b) => a - b);
    const q = (p) => values[Math.round(p * (values.length - 1))];
    const digits = key.endsWith('Cpu') ? 1 : 0;
    console.log(`    ${label.padEnd(30)} ${median(values).toFixed(digits).padStart(6)}  (${q(0.25).toFixed(digits)}–${q(0.75).toFixed(digits)})`);
  }
}
