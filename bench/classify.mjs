#!/usr/bin/env node
// Classification speed: 100,000 cookie names and 100,000 URLs — a realistic mix
// of known names, prefixed names (`_ga_<id>`, `_pk_id.<site>.<hash>`) and
// unknown first-party ones — with the core and with the full catalogue.
// Uses the built package (npm run build first); NEXUS_CONSENT_DIST points
// elsewhere. Run alone (`node bench/classify.mjs`) or from bench/run.mjs.
import { pathToFileURL } from 'node:url';

const COUNT = 100_000;
const ROUNDS = 7;

const KNOWN_COOKIES = ['_ga', '_gid', '_fbp', '_fbc', 'PHPSESSID', '__cf_bm', 'IDE', '_gcl_au', 'cto_bundle', '_uetsid', 'li_sugr', '_ttp', 'didomi_token', 'euconsent-v2', 'YSC', 'ajs_anonymous_id', '_clck', 'atuserid', '__hstc', 'JSESSIONID'];
const PREFIXED_COOKIES = [(r) => `_ga_${id(r, 10)}`, (r) => `_pk_id.${r() % 9}.${id(r, 4)}`, (r) => `_hjSessionUser_${r() % 1e7}`, (r) => `AMCV_${id(r, 24)}%40AdobeOrg`, (r) => `mp_${id(r, 32)}_mixpanel`, (r) => `intercom-id-${id(r, 8)}`, (r) => `wp-settings-${r() % 99}`];
const UNKNOWN_COOKIES = [(r) => `session_${id(r, 6)}`, () => 'cart', () => 'lang', (r) => `nx_pref_${r() % 50}`, (r) => id(r, 12), () => 'token', (r) => `__Host-${id(r, 8)}`];

const KNOWN_URLS = [
  'https://www.google-analytics.com/g/collect?v=2&tid=G-ABC&cid=1',
  'https://www.googletagmanager.com/gtag/js?id=G-ABC123',
  'https://connect.facebook.net/fr_FR/fbevents.js',
  'https://www.facebook.com/tr?id=123&ev=PageView',
  'https://googleads.g.doubleclick.net/pagead/viewthroughconversion/1/',
  'https://static.hotjar.com/c/hotjar-1.js?sv=6',
  'https://bat.bing.com/action/0?ti=1',
  'https://analytics.tiktok.com/i18n/pixel/events.js',
  'https://www.youtube.com/embed/dQw4w9WgXcQ',
  'https://player.vimeo.com/video/1',
  'https://stats.example.org/matomo.php?idsite=1',
];
const KNOWN_HOST_URLS = [(r) => `https://region${r() % 3}.google-analytics.com/g/collect`, (r) => `https://pixel-${r() % 20}.criteo.com/x.gif`, (r) => `https://a${r() % 9}.adform.net/serving/${id(r, 6)}`, (r) => `//cdn.taboola.com/libtrc/${id(r, 6)}/loader.js`];
const UNKNOWN_URLS = [(r) => `https://cdn.nexus-tech.fr/assets/${id(r, 8)}.js`, (r) => `https://www.nexus-tech.fr/api/cart/${r() % 1000}`, () => 'https://fonts.googleapis.com/css2?family=Inter', (r) => `https://img${r() % 4}.example-shop.com/p/${id(r, 10)}.webp`, (r) => `/static/app.${id(r, 6)}.js`, () => 'https://www.googletagmanager.com/gtm.js?id=GTM-ABC'];
const PAGE = 'https://www.nexus-tech.fr/boutique';

/** Runs the benchmark; returns ns per call for each catalogue and kind. */
export async function benchClassify({ dist = process.env.NEXUS_CONSENT_DIST ?? new URL('../dist/', import.meta.url).href } = {}) {
  const base = dist.endsWith('/') ? dist : `${dist}/`;
  const { createClassifier, coreCatalogue } = await import(toUrl(`${base}index.mjs`));
  const { catalogueFull } = await import(toUrl(`${base}catalogue-full.mjs`));

  const r = random(42);
  const cookies = Array.from({ length: COUNT }, () => pickMix(r, KNOWN_COOKIES, PREFIXED_COOKIES, UNKNOWN_COOKIES));
  const urls = Array.from({ length: COUNT }, () => pickMix(r, KNOWN_URLS, KNOWN_HOST_URLS, UNKNOWN_URLS));

  const results = [];
  for (const [name, catalogues] of [['core', [coreCatalogue]], ['full', [coreCatalogue, catalogueFull]]]) {
    const t0 = process.hrtime.bigint();
    const classifier = createClassifier(catalogues);
    classifier.classifyCookie('_ga'); // the index is built eagerly; this only warms the call path
    const buildMs = Number(process.hrtime.bigint() - t0) / 1e6;
    const cookieNs = perCall(cookies, (c) => classifier.classifyCookie(c));
    const urlNs = perCall(urls, (u) => classifier.classifyUrl(u, PAGE));
    const hits = { cookies: cookies.filter((c) => classifier.classifyCookie(c)).length, urls: urls.filter((u) => classifier.classifyUrl(u, PAGE)).length };
    results.push({ catalogue: name, buildMs, cookieNs, urlNs, hits });
  }
  return results;
}

/** Median over ROUNDS of the time per call, after a warm-up round. */
function perCall(inputs, classify) {
  let sink = 0;
  const rounds = [];
  for (let round = 0; round <= ROUNDS; round++) {
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < inputs.length; i++) if (classify(inputs[i]) !== undefined) sink++;
    if (round > 0) rounds.push(Number(process.hrtime.bigint() - t0) / inputs.length);
  }
  if (sink < 0) console.log(sink); // keeps the loop observable
  rounds.sort((a, b) => a - b);
  return rounds[Math.floor(rounds.length / 2)];
}

/** 45 % known names or URLs, 20 % prefixed names or known hosts with varying sub-domains and paths, 35 % unknown. */
function pickMix(r, known, prefixed, unknown) {
  const roll = r() % 100;
  if (roll < 45) return known[r() % known.length];
  const makers = roll < 65 ? prefixed : unknown;
  return makers[r() % makers.length](r);
}

/** Deterministic input: mulberry32. */
function random(seed) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return (t ^ (t >>> 14)) >>> 0;
  };
}

function id(r, length) {
  let s = '';
  while (s.length < length) s += (r() % 36).toString(36);
  return s.toUpperCase();
}

function toUrl(path) {
  return /^[a-z]+:/i.test(path) ? path : pathToFileURL(path).href;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const results = await benchClassify();
  console.log(`Classification, ${COUNT.toLocaleString('en')} cookie names and ${COUNT.toLocaleString('en')} URLs (median of ${ROUNDS} rounds), Node ${process.version}:`);
  for (const { catalogue, buildMs, cookieNs, urlNs, hits } of results) {
    console.log(
      `  ${catalogue.padEnd(4)} catalogue: cookie ${cookieNs.toFixed(0)} ns/call, URL ${urlNs.toFixed(0)} ns/call ` +
        `(index built in ${buildMs.toFixed(1)} ms; classified ${hits.cookies.toLocaleString('en')} cookies, ${hits.urls.toLocaleString('en')} URLs)`,
    );
  }
}
