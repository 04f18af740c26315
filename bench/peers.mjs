#!/usr/bin/env node
// Side by side, in one run, on the same page served the same way (gzip, like any CDN):
//   - time to banner on a first visit: nexus-consent, Orejime and vanilla-cookieconsent,
//     each set up as its documentation says (pinned versions, devDependencies);
//   - first contentful paint of a returning visitor (a valid decision in the cookie jar)
//     against the same page without any consent manager;
//   - the bytes each one makes a first visit download;
//   - the floor under any consent manager loaded the way the law needs (synchronously, first in
//     <head>): the same page with a one-line external script, which costs first paint a fetch and
//     a parser pause whatever the script does. What the SDK itself costs is what it adds above it.
// Every load is a cold one: a fresh browser context, no HTTP cache, no code cache. The
// variants are interleaved (one of each per round) so a noisy neighbour hits them alike.
// Optional network emulation (Chrome DevTools Protocol): NETWORK=slow4g.
//
//   node bench/peers.mjs            ROUNDS=15 by default
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { gzipSync } from 'node:zlib';
import { launchChromium, median } from './browser.mjs';

const ROUNDS = Number(process.env.ROUNDS ?? 15);
export const NETWORKS = {
  // Chrome DevTools' presets: 4G-like and "slow 4G".
  none: undefined,
  fast4g: { latency: 20, downloadThroughput: (9_000_000 / 8) * 0.9, uploadThroughput: (1_500_000 / 8) * 0.9 },
  slow4g: { latency: 150, downloadThroughput: (1_600_000 / 8) * 0.9, uploadThroughput: (750_000 / 8) * 0.9 },
};

const require = createRequire(import.meta.url);
const orejimeDir = require.resolve('orejime/package.json').replace(/package\.json$/, 'dist/');
const vccDir = require.resolve('vanilla-cookieconsent/package.json').replace(/package\.json$/, 'dist/');
export const PEER_VERSIONS = {
  orejime: require('orejime/package.json').version,
  'vanilla-cookieconsent': require('vanilla-cookieconsent/package.json').version,
};

const ARTICLE = `<header><a href="/">Nexus Tech</a></header>
<main><h1>Offres d’emploi</h1>
${Array.from({ length: 6 }, (_, i) => `<p>Paragraphe ${i + 1}. Trouvez votre prochain poste parmi nos offres : développement, données, produit, design, support. Chaque offre précise le lieu, le contrat et l’équipe.</p>`).join('\n')}
</main>`;

const page = (head, bodyEnd = '') =>
  `<!doctype html><html lang="fr"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><link rel="icon" href="data:,"><title>Nexus Tech</title>
${head}</head><body>${ARTICLE}${bodyEnd}</body></html>`;

const PURPOSES = [
  ['analytics', 'Mesure d’audience'],
  ['advertising', 'Publicité'],
  ['personalisation', 'Personnalisation'],
];

export const PAGES = {
  none: page(''),
  // The floor: a synchronous script in <head> that does nothing (FLOOR_SCRIPT).
  floor: page(`<script src="/floor.js"></script>`),
  'nexus-consent': page(
    `<script>window.NexusConsentConfig = { privacyPolicyUrl: '/confidentialite' };</script>\n<script src="/dist/nexus-consent.min.js"></script>`,
  ),
  // The same page as the markup step serves it to a first visitor: the UI file preloaded (set by benchPeers).
  'nexus-consent-markup': undefined,
  // Orejime's README: config on window.orejimeConfig, then its script and stylesheet.
  orejime: page(
    `<script>window.orejimeConfig = { privacyPolicyUrl: '/confidentialite', purposes: ${JSON.stringify(
      PURPOSES.map(([id, title]) => ({ id, title, cookies: [] })),
    )} };</script>
<script src="/orejime/orejime-standard-fr.js"></script>
<link href="/orejime/orejime-standard.css" rel="stylesheet">`,
  ),
  // vanilla-cookieconsent's "Getting started": the stylesheet in <head>, a module at the end of <body>.
  'vanilla-cookieconsent': page(`<link rel="stylesheet" href="/vcc/cookieconsent.css">`, `<script type="module" src="/vcc-config.js"></script>`),
};

/** The page rewritten by the real markup step (the build's), for a request with no consent cookie (README, "The markup step"). */
export async function markedUpPage() {
  const { markUpTrackers } = await import('../dist/markup.mjs');
  const html = markUpTrackers(PAGES['nexus-consent'], { privacyPolicyUrl: '/confidentialite', cookieHeader: null }).html;
  if (!html.includes('modulepreload')) throw new Error('the markup step added no preload of the UI file');
  return html;
}

const VCC_CONFIG = `import '/vcc/cookieconsent.umd.js';
CookieConsent.run({
  // Its default hides the banner from automated browsers (navigator.webdriver), which this one is.
  hideFromBots: false,
  categories: { necessary: { enabled: true, readOnly: true }, ${PURPOSES.map(([id]) => `${id}: {}`).join(', ')} },
  language: { default: 'fr', translations: { fr: {
    consentModal: { title: 'Vos choix en matière de cookies', description: 'Avec votre accord, nous utilisons des cookies.',
      acceptAllBtn: 'Tout accepter', acceptNecessaryBtn: 'Tout refuser', showPreferencesBtn: 'Personnaliser' },
    preferencesModal: { title: 'Paramètres des cookies', acceptAllBtn: 'Tout accepter', acceptNecessaryBtn: 'Tout refuser',
      savePreferencesBtn: 'Enregistrer mes choix', sections: ${JSON.stringify(PURPOSES.map(([linkedCategory, title]) => ({ title, linkedCategory })))} },
  } } },
});`;

/** What "the banner is laid out" means for each. */
const BANNER = {
  'nexus-consent': `document.querySelector('[data-nexus-consent]')?.shadowRoot?.querySelector('.nc-banner:not([hidden])')`,
  'nexus-consent-markup': `document.querySelector('[data-nexus-consent]')?.shadowRoot?.querySelector('.nc-banner:not([hidden])')`,
  orejime: `document.querySelector('.orejime-Banner')`,
  'vanilla-cookieconsent': `document.querySelector('#cc-main .cm')`,
};

const FLOOR_SCRIPT = 'window.floor = 1;';

function file(path) {
  if (path === '/floor.js') return ['application/javascript', Buffer.from(FLOOR_SCRIPT)];
  if (path.startsWith('/dist/')) return ['application/javascript', readFileSync(new URL(`..${path}`, import.meta.url))];
  if (path.startsWith('/orejime/')) return [path.endsWith('.css') ? 'text/css' : 'application/javascript', readFileSync(orejimeDir + path.slice(9))];
  if (path.startsWith('/vcc/')) return [path.endsWith('.css') ? 'text/css' : 'application/javascript', readFileSync(vccDir + path.slice(5))];
  if (path === '/vcc-config.js') return ['application/javascript', Buffer.from(VCC_CONFIG)];
  const name = path.slice(1);
  if (Object.hasOwn(PAGES, name) && PAGES[name] !== undefined) return ['text/html; charset=utf-8', Buffer.from(PAGES[name])];
  return undefined;
}

export function startPeersServer() {
  const cache = new Map();
  const server = createServer((req, res) => {
    const path = new URL(req.url, 'http://x').pathname;
    let entry = cache.get(path);
    if (!entry) {
      const found = file(path);
      if (!found) return res.writeHead(404).end();
      entry = { type: found[0], body: gzipSync(found[1], { level: 9 }) };
      cache.set(path, entry);
    }
    res.writeHead(200, { 'content-type': entry.type, 'content-encoding': 'gzip', 'cache-control': 'no-store' });
    res.end(entry.body);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

async function visit(browser, url, { banner, network, cookies, timed = false } = {}) {
  const context = await browser.newContext();
  if (cookies) await context.addCookies(cookies);
  const tab = await context.newPage();
  if (network) {
    const cdp = await context.newCDPSession(tab);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', { offline: false, ...network });
  }
  if (banner) {
    await tab.addInitScript(`window.__bannerLaidOut = new Promise((resolve) => {
      const check = () => { const b = ${banner}; if (b && b.getBoundingClientRect().height > 0) requestAnimationFrame(() => resolve(performance.now())); else requestAnimationFrame(check); };
      requestAnimationFrame(check);
    });`);
  }
  await tab.goto(url);
  const laidOut = banner ? await tab.evaluate(() => window.__bannerLaidOut) : NaN;
  const measures = await tab.evaluate(
    () =>
      new Promise((resolve) =>
        new PerformanceObserver((list) => {
          const entry = list.getEntriesByName('first-contentful-paint')[0];
          if (!entry) return;
          const bytes = performance.getEntriesByType('resource').reduce((sum, r) => sum + r.transferSize, 0);
          resolve({ fcp: entry.startTime, bytes });
        }).observe({ type: 'paint', buffered: true }),
      ),
  );
  const jar = await context.cookies();
  const timeline = timed ? await tab.evaluate(readTimeline) : undefined;
  await context.close();
  return { banner: Math.max(laidOut, measures.fcp), fcp: measures.fcp, bytes: measures.bytes, jar, timeline };
}

/** In the page: when the core and the UI file were requested and received, when the core had run (`__coreDone`, set by the page), DOMContentLoaded. */
function readTimeline() {
  const resource = (file) => performance.getEntriesByType('resource').find((e) => new URL(e.name).pathname.endsWith(file));
  const core = resource('/nexus-consent.min.js');
  const ui = resource('/nexus-consent.ui.min.js');
  return {
    coreRequested: core?.startTime ?? NaN,
    coreReceived: core?.responseEnd ?? NaN,
    coreDone: window.__coreDone ?? NaN,
    uiRequested: ui?.startTime ?? NaN,
    uiReceived: ui?.responseEnd ?? NaN,
    domContentLoaded: performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd,
  };
}

/** A first visit to a nexus-consent page, with its timeline (bench/first-visit-timeline.mjs). */
export async function visitTimeline(browser, url, network) {
  const result = await visit(browser, url, { banner: BANNER['nexus-consent'], network, timed: true });
  return { ...result.timeline, banner: result.banner };
}

/** A valid "refuse all" decision, taken once through the SDK's own API, to replay as a returning visitor. */
async function decisionCookies(browser, base) {
  const context = await browser.newContext();
  const tab = await context.newPage();
  await tab.goto(`${base}/nexus-consent`);
  await tab.evaluate(() => window.NexusConsent.rejectAll());
  const jar = await context.cookies();
  await context.close();
  if (jar.length === 0) throw new Error('no consent cookie after rejectAll()');
  return jar;
}

export async function benchPeers({ rounds = ROUNDS, network = process.env.NETWORK ?? 'none' } = {}) {
  const conditions = NETWORKS[network];
  if (network !== 'none' && !conditions) throw new Error(`NETWORK must be one of ${Object.keys(NETWORKS).join(', ')}`);
  PAGES['nexus-consent-markup'] ??= await markedUpPage();
  const server = await startPeersServer();
  const base = `http://127.0.0.1:${server.address().port}`;
  const browser = await launchChromium();
  const samples = { none: [], 'nexus-consent': [], 'nexus-consent-markup': [], orejime: [], 'vanilla-cookieconsent': [], returning: [], returningNone: [], returningFloor: [] };
  try {
    const cookies = await decisionCookies(browser, base);
    // One unrecorded round warms Chromium itself (its process pool), not the page's caches.
    for (let round = -1; round < rounds; round++) {
      for (const name of ['none', 'nexus-consent', 'nexus-consent-markup', 'orejime', 'vanilla-cookieconsent']) {
        const result = await visit(browser, `${base}/${name}`, { banner: BANNER[name], network: conditions });
        if (round >= 0) samples[name].push(result);
      }
      const returning = await visit(browser, `${base}/nexus-consent`, { network: conditions, cookies });
      const returningNone = await visit(browser, `${base}/none`, { network: conditions, cookies });
      const returningFloor = await visit(browser, `${base}/floor`, { network: conditions, cookies });
      if (round >= 0) samples.returning.push(returning), samples.returningNone.push(returningNone), samples.returningFloor.push(returningFloor);
    }
  } finally {
    await browser.close();
    server.close();
  }
  // Medians, with the middle half of the loads (p25–p75) beside them: one median hides how far a noisy machine scatters.
  const spread = (values) => {
    const sorted = [...values].sort((a, b) => a - b);
    return [sorted[Math.floor((sorted.length - 1) / 4)], sorted[Math.ceil((3 * (sorted.length - 1)) / 4)]];
  };
  const summary = (list) => ({
    banner: median(list.map((s) => s.banner)),
    bannerRange: spread(list.map((s) => s.banner)),
    fcp: median(list.map((s) => s.fcp)),
    fcpRange: spread(list.map((s) => s.fcp)),
    bytes: median(list.map((s) => s.bytes)),
  });
  return {
    rounds,
    network,
    firstVisit: Object.fromEntries(['nexus-consent', 'nexus-consent-markup', 'orejime', 'vanilla-cookieconsent', 'none'].map((n) => [n, summary(samples[n])])),
    returning: { withSdk: summary(samples.returning), without: summary(samples.returningNone), floor: summary(samples.returningFloor) },
  };
}

export function describePeers(r) {
  const kb = (b) => `${(b / 1024).toFixed(1)} KB`;
  const range = ([low, high]) => `(${low.toFixed(0)}–${high.toFixed(0)})`;
  const lines = [`Side by side, ${r.rounds} cold loads each, network ${r.network}, medians:`];
  for (const [name, s] of Object.entries(r.firstVisit)) {
    if (name === 'none') continue;
    const version = PEER_VERSIONS[name] ? ` ${PEER_VERSIONS[name]}` : '';
    const label = name === 'nexus-consent-markup' ? 'nexus-consent through the markup step (UI file preloaded)' : name;
    lines.push(`  first visit, ${label}${version}: banner ${s.banner.toFixed(1)} ms ${range(s.bannerRange)}, FCP ${s.fcp.toFixed(1)} ms ${range(s.fcpRange)}, ${kb(s.bytes)} transferred (scripts and styles)`);
  }
  lines.push(`  first visit, no consent manager: FCP ${r.firstVisit.none.fcp.toFixed(1)} ms ${range(r.firstVisit.none.fcpRange)}`);
  const { withSdk, without, floor } = r.returning;
  lines.push(
    `  returning visitor: FCP ${withSdk.fcp.toFixed(1)} ms ${range(withSdk.fcpRange)} with nexus-consent, ${without.fcp.toFixed(1)} ms ${range(without.fcpRange)} without (+${(withSdk.fcp - without.fcp).toFixed(1)} ms), ${kb(withSdk.bytes)} transferred`,
    `  the floor, a one-line synchronous script in <head>: FCP ${floor.fcp.toFixed(1)} ms ${range(floor.fcpRange)} (+${(floor.fcp - without.fcp).toFixed(1)} ms over no script); nexus-consent above the floor: +${(withSdk.fcp - floor.fcp).toFixed(1)} ms`,
  );
  return lines.join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(describePeers(await benchPeers()));
