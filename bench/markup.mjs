#!/usr/bin/env node
// The markup step's speed and memory: throughput on a 1 MB page that looks like a real one
// (a news or job site: vendor tags in <head>, nav, articles with images, embeds, inline
// JSON-LD and app scripts, SVG icons, comments), and memory while 50 MB stream through the
// Node Transform in 64 KB chunks (peak RSS and heap, and heap after 10 MB vs after 50 MB:
// the same, or the rewriter holds what it has seen). Uses the built package (dist/markup.mjs).
// Run alone (`node --expose-gc bench/markup.mjs`) or from bench/run.mjs.
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

const ROUNDS = 7;
/** Untimed rounds first: a server or the CLI rewrites page after page, so the figure is V8's optimised code, not its first pass. */
const WARM_UP = 3;
const MB = 1024 * 1024;

const HEAD = `<!doctype html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Nexus Tech — Offres d’emploi</title>
<link rel="stylesheet" href="/assets/site.3f9a1c.css">
<link rel="preconnect" href="https://fonts.gstatic.com" crossorigin>
<link rel="preconnect" href="https://www.google-analytics.com">
<script src="/dist/nexus-consent.min.js"></script>
<script async src="https://www.googletagmanager.com/gtag/js?id=G-XXXXXXXXXX"></script>
<script>
  window.dataLayer = window.dataLayer || [];
  function gtag(){dataLayer.push(arguments);}
  gtag('js', new Date());
  gtag('config', 'G-XXXXXXXXXX');
</script>
<script>
!function(f,b,e,v,n,t,s){if(f.fbq)return;n=f.fbq=function(){n.callMethod?
n.callMethod.apply(n,arguments):n.queue.push(arguments)};if(!f._fbq)f._fbq=n;n.push=n;n.loaded=!0;n.version='2.0';
n.queue=[];t=b.createElement(e);t.async=!0;t.src=v;s=b.getElementsByTagName(e)[0];
s.parentNode.insertBefore(t,s)}(window, document,'script','https://connect.facebook.net/en_US/fbevents.js');
fbq('init', '123456789012345');fbq('track', 'PageView');
</script>
<script type="application/ld+json">{"@context":"https://schema.org","@type":"Organization","name":"Nexus Tech","url":"https://www.nexus-tech.fr","sameAs":["https://www.linkedin.com/company/nexus"]}</script>
</head>
<body class="page page--jobs">
<header class="site-header"><a class="logo" href="/"><svg viewBox="0 0 24 24" aria-hidden="true"><path d="M12 2L2 7l10 5 10-5-10-5z"/><use href="#i-logo"/></svg>Nexus Tech</a>
<nav aria-label="Principale"><ul>${Array.from({ length: 40 }, (_, i) => `<li><a href="/rubrique/${i}" class="nav__link">Rubrique ${i}</a></li>`).join('')}</ul></nav></header>
<main id="contenu">
`;

/** One article block (~4 KB), varied by its index. */
function article(i) {
  const embed = i % 25 === 0 ? `<iframe width="560" height="315" src="https://www.youtube.com/embed/vid${i}" title="Vidéo" allowfullscreen></iframe>` : '';
  const pixel = i % 40 === 0 ? `<img src="https://www.facebook.com/tr?id=1&amp;ev=ViewContent&amp;cd[i]=${i}" width="1" height="1" alt="">` : '';
  return `<!-- article ${i} -->
<article class="card" data-id="${i}" itemscope itemtype="https://schema.org/JobPosting">
  <h2 class="card__title"><a href="/offres/${i}-developpeur-typescript">Développeur·se TypeScript confirmé·e (H/F) — n° ${i}</a></h2>
  <p class="card__meta"><time datetime="2026-11-${String((i % 28) + 1).padStart(2, '0')}">${(i % 28) + 1} novembre</time> · Paris · CDI · télétravail partiel</p>
  <picture><source srcset="/img/offres/${i}.avif 1x, /img/offres/${i}@2x.avif 2x" type="image/avif"><img src="/img/offres/${i}.jpg" alt="Bureaux de l’équipe ${i}" loading="lazy" width="320" height="180"></picture>
  <p>Rejoignez une équipe de ${5 + (i % 20)} personnes qui construit des outils de recrutement utilisés par des milliers d’entreprises. Vous travaillerez sur une base de code TypeScript moderne, testée, avec un déploiement continu &amp; des revues de code bienveillantes. Nous cherchons quelqu’un qui aime comprendre le métier autant que le code.</p>
  <ul class="card__tags"><li>TypeScript</li><li>Node.js</li><li>PostgreSQL</li><li>Accessibilité</li><li>Playwright</li></ul>
  <p>Missions : concevoir des API, améliorer les performances, accompagner les profils juniors, participer aux choix d’architecture &lt;sans dogme&gt;. Avantages : tickets restaurant, mutuelle prise en charge à 100 %, 12 RTT, budget formation de 2 000 € par an, matériel au choix.</p>
  ${embed}${pixel}
  <button type="button" class="btn btn--primary" data-action="apply" data-job="${i}"><svg class="icon" aria-hidden="true"><use href="#i-send"></use></svg>Postuler</button>
  <script type="application/ld+json">{"@context":"https://schema.org","@type":"JobPosting","title":"Développeur TypeScript ${i}","datePosted":"2026-11-01","hiringOrganization":{"@type":"Organization","name":"Nexus Tech"},"jobLocation":{"@type":"Place","address":"Paris"}}</script>
</article>
<script>window.__jobs = window.__jobs || []; window.__jobs.push({ id: ${i}, saved: localStorage.getItem('saved-${i}') === '1' });</script>
`;
}

const FOOT = `</main>
<footer><p>© Nexus Tech</p><a href="#" data-nexus-consent-open>Gérer les cookies</a></footer>
<script src="/assets/app.9c2e1d.js" defer></script>
</body>
</html>
`;

/** The 1 MB page. */
export function realLookingPage(size = MB) {
  let html = HEAD;
  for (let i = 0; html.length + FOOT.length < size; i++) html += article(i);
  return html + FOOT;
}

export async function benchMarkup({ dist = process.env.NEXUS_CONSENT_DIST ?? new URL('../dist/', import.meta.url).href } = {}) {
  const base = dist.endsWith('/') ? dist : `${dist}/`;
  const { createMarkup } = await import(new URL('markup.mjs', base).href);
  const markup = createMarkup();
  const page = realLookingPage();
  const bytes = Buffer.byteLength(page);

  // Throughput: the whole page at once, and the same page fed in 64 KB chunks.
  const whole = [];
  const chunked = [];
  /** CPU time of the whole-page runs: on a shared machine, wall time also counts other processes' turns. */
  const wholeCpu = [];
  let rewritten = 0;
  for (let round = 0; round < WARM_UP; round++) {
    markup.rewrite(page);
    const rewriter = markup.rewriter();
    for (let i = 0; i < page.length; i += 64 * 1024) rewriter.write(page.slice(i, i + 64 * 1024));
    rewriter.end();
  }
  for (let round = 0; round < ROUNDS; round++) {
    let start = performance.now();
    const cpu = process.cpuUsage();
    const result = markup.rewrite(page);
    whole.push(performance.now() - start);
    const used = process.cpuUsage(cpu);
    wholeCpu.push((used.user + used.system) / 1000);
    rewritten = result.report.rewritten.length;
    start = performance.now();
    const rewriter = markup.rewriter();
    for (let i = 0; i < page.length; i += 64 * 1024) rewriter.write(page.slice(i, i + 64 * 1024));
    rewriter.end();
    chunked.push(performance.now() - start);
  }
  // The floor: parse5's tokenizer alone, with location info and no handler work, in CPU time.
  const { Tokenizer } = await import('parse5');
  const noop = () => {};
  const handler = { onStartTag: noop, onEndTag: noop, onComment: noop, onDoctype: noop, onCharacter: noop, onWhitespaceCharacter: noop, onNullCharacter: noop, onEof: noop };
  const tokenizerCpu = [];
  for (let round = 0; round < WARM_UP; round++) new Tokenizer({ sourceCodeLocationInfo: true }, handler).write(page, true);
  for (let round = 0; round < ROUNDS; round++) {
    const cpu = process.cpuUsage();
    new Tokenizer({ sourceCodeLocationInfo: true }, handler).write(page, true);
    const used = process.cpuUsage(cpu);
    tokenizerCpu.push((used.user + used.system) / 1000);
  }
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const mbps = (ms) => bytes / MB / (ms / 1000);

  // Memory: 50 MB through the Node Transform, generated on the fly (the input is never held whole).
  const body = Array.from({ length: 200 }, (_, i) => article(i)).join('');
  const total = 50 * MB;
  let produced = 0;
  let consumed = 0;
  let peakRss = 0;
  let peakHeap = 0;
  let heapAt10 = 0;
  /** The heap that is still reachable: after a full collection when node runs with --expose-gc (npm run bench does), else as it stands, garbage included. */
  const live = () => {
    globalThis.gc?.();
    return sample();
  };
  const sample = () => {
    const { rss, heapUsed } = process.memoryUsage();
    peakRss = Math.max(peakRss, rss);
    peakHeap = Math.max(peakHeap, heapUsed);
    return heapUsed;
  };
  const before = process.memoryUsage();
  const source = Readable.from(
    (function* () {
      yield Buffer.from(HEAD);
      while (produced < total) {
        const chunk = Buffer.from(body.slice(0, 64 * 1024 + (produced % 1000)));
        produced += chunk.length;
        yield chunk;
      }
      yield Buffer.from(FOOT);
    })(),
  );
  const sink = new Writable({
    write(chunk, _encoding, callback) {
      consumed += chunk.length;
      if (heapAt10 === 0 && consumed >= 10 * MB) heapAt10 = live();
      if ((consumed & 0xfffff) < chunk.length) sample();
      callback();
    },
  });
  const started = performance.now();
  const transform = markup.nodeStream();
  await pipeline(source, transform, sink);
  const streamMs = performance.now() - started;
  const heapAt50 = live();
  return {
    pageBytes: bytes,
    rewritten,
    wholeMs: median(whole),
    wholeMBps: mbps(median(whole)),
    wholeCpuMBps: mbps(median(wholeCpu)),
    tokenizerCpuMBps: mbps(median(tokenizerCpu)),
    chunkedMs: median(chunked),
    chunkedMBps: mbps(median(chunked)),
    streamedMB: consumed / MB,
    streamMBps: consumed / MB / (streamMs / 1000),
    rssBeforeMB: before.rss / MB,
    peakRssMB: peakRss / MB,
    peakHeapMB: peakHeap / MB,
    heapAt10MB: heapAt10 / MB,
    heapAt50MB: heapAt50 / MB,
  };
}

export function describeMarkup(r) {
  return [
    `Markup step, Node, ${(r.pageBytes / MB).toFixed(2)} MB page (${r.rewritten} tags marked up): ${r.wholeMBps.toFixed(1)} MB/s whole ` +
      `(${r.wholeMs.toFixed(0)} ms; ${r.wholeCpuMBps.toFixed(1)} MB/s of CPU time), ${r.chunkedMBps.toFixed(1)} MB/s in 64 KB chunks (median of ${ROUNDS}, after ${WARM_UP} untimed); ` +
      `parse5's tokenizer alone: ${r.tokenizerCpuMBps.toFixed(1)} MB/s of CPU time`,
    `Markup step, ${r.streamedMB.toFixed(0)} MB streamed through the Node Transform at ${r.streamMBps.toFixed(1)} MB/s: peak RSS ${r.peakRssMB.toFixed(0)} MB ` +
      `(${r.rssBeforeMB.toFixed(0)} MB before), peak heap ${r.peakHeapMB.toFixed(0)} MB, ${globalThis.gc ? 'live ' : ''}heap ${r.heapAt10MB.toFixed(1)} MB after 10 MB and ${r.heapAt50MB.toFixed(1)} MB after 50 MB`,
  ].join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(describeMarkup(await benchMarkup()));
