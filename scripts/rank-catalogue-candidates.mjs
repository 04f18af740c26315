#!/usr/bin/env node
// `npm run catalogue:rank` (TOP=60 by default): which tracking services sites load most often,
// by HTTP Archive page counts, and whether the core catalogue covers them. A build-time aid to
// choosing the core's curated services (issue #15), not part of any test.
//
// Reads `totalOccurrences` from the devDependency third-party-web@0.30.0
// (dist/entities.json: pages of the HTTP Archive crawl that load the entity; the shared nostats
// copy in ../shared/data/trackers lacks it). Coverage is asked of the built core catalogue
// (dist/index.mjs `classifyUrl`, core only): build first with `npx rollup -c --silent`.
//
// Selection rule for the core (what this list is read with): among the services the core does not
// cover, by occurrences, the analytics and advertising services a site pastes itself, leaving out
//  (a) ad exchanges, SSPs and identity syncs reached through an ad server or header bidding
//      (PubMatic, Rubicon, ID5, AppNexus, OpenX, sovrn, GumGum, The Trade Desk, Media.net…):
//      the core already blocks the entry point (the ad server, Prebid's host page tag);
//  (b) services whose market is a single non-European country (Kakao, Yahoo Japan, LINE, Baidu,
//      RD Station…);
//  (c) chat, support, review and share widgets: functional, the site's own visitors ask for them —
//      unless the vendor documents advertising or analytics use of what the widget sees (ShareThis
//      does: its privacy notice describes interest-based advertising; AddToAny's documents none we found).
import { readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const CATEGORIES = new Set(['ad', 'analytics', 'marketing', 'social', 'customer-success', 'video']);
const top = Number.parseInt(process.env.TOP ?? '60', 10);

const entities = JSON.parse(await readFile(join(root, 'node_modules/third-party-web/dist/entities.json'), 'utf8'));
const { classifyUrl } = await import(pathToFileURL(join(root, 'dist/index.mjs')).href).catch(() => {
  console.error('dist/index.mjs is missing: run `npx rollup -c --silent` first.');
  process.exit(1);
});
const claimedBy = await curatedClaims();

const ranked = entities
  .filter((e) => CATEGORIES.has(e.category))
  .map((e) => ({ ...e, occurrences: e.totalOccurrences ?? 0 }))
  .sort((a, b) => b.occurrences - a.occurrences || (a.name < b.name ? -1 : 1))
  .slice(0, top);

const rows = ranked.map((e, i) => {
  // `*.example.com` covers example.com and its sub-domains: ask for the bare host.
  const hosts = e.domains.map((d) => d.replace(/^\*\./, ''));
  const covered = hosts.filter((h) => classifyUrl(`https://${h}/x.js`) !== undefined).length;
  const claim = claimedBy.get(e.name);
  // A core service whose hosts are all left out on purpose still holds its paths (reddit.com → redditstatic.com/ads).
  const coverage = covered === hosts.length ? 'core' : covered > 0 || claim?.core ? 'partial' : 'none';
  const curatedId = claim ? `${claim.id}${claim.core ? '' : ' (full only)'}` : '';
  return [String(i + 1), e.occurrences.toLocaleString('en'), coverage, e.category, e.name, curatedId];
});
const header = ['#', 'occurrences', 'core', 'category', 'third-party-web entity', 'curated id'];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
const line = (cells) => cells.map((c, i) => (i < 2 ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  ').trimEnd();
console.log(line(header));
for (const row of rows) console.log(line(row));
console.log('(occurrences: HTTP Archive pages, third-party-web@0.30.0; core: its hosts classified by the core catalogue — all, some or none)');
console.log('(partial: often a host left out on purpose, its tracker paths kept: facebook.com/tr, redditstatic.com/ads — a link is not a tracker)');

/** third-party-web entity → its curated service ({ id, core }), read from src/catalogue/curated.ts as the catalogue build does. */
async function curatedClaims() {
  const ts = (await import('typescript')).default;
  const source = await readFile(join(root, 'src/catalogue/curated.ts'), 'utf8');
  const { outputText } = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 } });
  const { curated } = await import(`data:text/javascript;base64,${Buffer.from(outputText).toString('base64')}`);
  return new Map(curated.services.flatMap((s) => (s.tpw ?? []).map((name) => [name, { id: s.id, core: s.core !== false }])));
}
