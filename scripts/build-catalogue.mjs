#!/usr/bin/env node
// Regenerates the compiled tracker catalogue, src/catalogue/generated/*.ts, from
// the open data in ../shared/data/trackers (override with TRACKER_DATA_DIR,
// relative to the repo root) and our curated file, src/catalogue/curated.ts.
//
//   node scripts/build-catalogue.mjs           write the generated files
//   node scripts/build-catalogue.mjs --check   exit 1 if they are not up to date
//
// Deterministic: the same inputs give byte-identical output (everything is
// sorted; no dates). The format is described in src/catalogue/catalogue.ts,
// the category mapping in src/catalogue/category-map.ts.
import { readFile, writeFile, mkdir } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const dataDir = resolve(root, process.env.TRACKER_DATA_DIR ?? '../shared/data/trackers');
const outDir = join(root, 'src/catalogue/generated');
const check = process.argv.includes('--check');

/** Exact names shorter than this are never taken from the open data (`c`, `u`, `fr`…). */
const MIN_EXACT = 3;
/** Three-character names set on a vendor's own domain (`pid`, `uid`…) are too ambiguous to attribute. */
const MIN_EXACT_THIRD_PARTY = 4;
/** Prefixes shorter than this (`SR`, `CT`, `P_`, `tp`, `_s`, `cap`, `cc-`…) would swallow unrelated first-party names. */
const MIN_PREFIX = 4;
/** Curated prefixes and patterns are reviewed one by one, but still need a head the classifier can hash. */
const MIN_CURATED_HEAD = 3;

const { OPEN_COOKIE_DATABASE, THIRD_PARTY_WEB, STRICTNESS, CATEGORY_LETTERS } = await importTs('src/catalogue/category-map.ts');
const { curated } = await importTs('src/catalogue/curated.ts');
const SOURCE_LETTERS = { curated: 'c', 'open-cookie-database': 'o', 'third-party-web': 't' };
const strictness = (category) => STRICTNESS.indexOf(category);
const strictest = (categories) => categories.reduce((a, b) => (strictness(b) > strictness(a) ? b : a));

const report = { rejected: {}, conflicts: [], shadowed: [], tagManagers: [] };
const hostIndex = new WeakMap();
const reject = (reason, what) => (report.rejected[reason] ??= []).push(what);

// ─── sources ───────────────────────────────────────────────────────────────
const ocdRows = parseCsv(await readFile(join(dataDir, 'open-cookie-database/open-cookie-database.csv'), 'utf8')).map((r) => ({
  platform: r.Platform.trim(),
  category: r.Category.trim(),
  name: r['Cookie / Data Key name'],
  domain: r.Domain.trim(),
  controller: r['Data Controller'].trim(),
  wildcard: r['Wildcard match'].trim() === '1',
  description: r.Description.trim(),
  retention: r['Retention period'].trim(),
  portal: r['User Privacy & GDPR Rights Portals'].trim(),
}));
const tpwEntities = JSON.parse(await readFile(join(dataDir, 'third-party-web/entities-nostats.json'), 'utf8'));

// ─── services ──────────────────────────────────────────────────────────────
/** id → { id, vendor, core, pinned?: category } */
const services = new Map();
const ocdOwner = new Map(); // OCD platform → service id
const tpwOwner = new Map(); // TPW entity name → service id
const mixed = new Set(); // OCD platforms that keep their own categories inside a curated service
for (const s of curated.services) {
  if (services.has(s.id)) throw new Error(`curated.ts: duplicate service id ${s.id}`);
  if (!/^[a-z0-9][a-z0-9._-]*$/.test(s.id)) throw new Error(`curated.ts: bad service id ${s.id}`);
  services.set(s.id, { id: s.id, vendor: s.vendor, name: s.name, core: s.core !== false, pinned: s.category });
  for (const p of s.ocd ?? []) claim(ocdOwner, p, s.id, 'Open Cookie Database platform');
  for (const p of s.ocdMixed ?? []) claim(ocdOwner, p, s.id, 'Open Cookie Database platform'), mixed.add(p);
  for (const e of s.tpw ?? []) claim(tpwOwner, e, s.id, 'third-party-web entity');
}
const knownPlatforms = new Set(ocdRows.map((r) => r.platform));
const knownEntities = new Set(tpwEntities.map((e) => e.name));
for (const p of ocdOwner.keys()) if (!knownPlatforms.has(p)) throw new Error(`curated.ts: no Open Cookie Database platform named ${p}`);
for (const e of tpwOwner.keys()) if (!knownEntities.has(e)) throw new Error(`curated.ts: no third-party-web entity named ${e}`);
for (const p of Object.keys(curated.ocdPlatforms)) if (!knownPlatforms.has(p)) throw new Error(`curated.ts ocdPlatforms: no platform named ${p}`);

// Platforms and entities nobody curated become services of their own; the
// two sources are linked by name (`Hotjar` = `Hotjar`, `Yandex.Metrica` ≈ `Yandex Metrica`).
const autoByKey = new Map(); // normalised name → auto service id
const tpwByKey = new Map(tpwEntities.map((e) => [normalise(e.name), e]));
function autoService(name, vendor) {
  const key = normalise(name);
  let id = autoByKey.get(key);
  if (!id) {
    id = slug(name);
    if (services.has(id)) {
      throw new Error(`"${name}" would become service ${id}, which curated.ts already defines: claim it there (ocd/tpw) or rename`);
    }
    autoByKey.set(key, id);
    services.set(id, { id, vendor, core: false });
  }
  return id;
}

// ─── cookies from the Open Cookie Database ─────────────────────────────────
const generic = new Set(curated.genericNames);
const rowsByPlatform = groupBy(ocdRows, (r) => r.platform);
const cookieEntries = [];
for (const [platform, rows] of [...rowsByPlatform].sort(([a], [b]) => compare(a, b))) {
  if (platform === '') {
    rows.forEach((r) => reject('no platform', r.name));
    continue;
  }
  const curatedId = ocdOwner.get(platform);
  const tpw = tpwByKey.get(normalise(platform));
  const vendor = tpw?.company ?? mostCommon(rows.map((r) => r.controller).filter(Boolean)) ?? platform;
  const serviceId = curatedId ?? autoService(platform, vendor);
  const pinned = mixed.has(platform) ? undefined : services.get(serviceId).pinned;
  const functional = pinned ?? functionalCategory(platform, rows, tpw);
  for (const row of rows) {
    const parsed = ocdName(row.name, row.wildcard);
    if (!parsed) continue;
    const { name, prefix } = parsed;
    const thirdParty = row.domain !== '';
    if (generic.has(prefix ? `${name}*` : name)) {
      reject('generic name', name);
      continue;
    }
    if (prefix ? name.length < MIN_PREFIX : name.length < (thirdParty ? MIN_EXACT_THIRD_PARTY : MIN_EXACT)) {
      reject(prefix ? `prefix shorter than ${MIN_PREFIX}` : 'name too short', `${name}${prefix ? '*' : ''} (${platform})`);
      continue;
    }
    const mapped = OPEN_COOKIE_DATABASE[row.category];
    if (mapped === undefined) throw new Error(`Open Cookie Database: unknown category ${row.category} (${platform} ${row.name}); map it in category-map.ts`);
    cookieEntries.push({
      item: prefix ? `${name}*` : name,
      service: serviceId,
      category: pinned ?? (mapped === 'functional' ? functional : mapped),
      source: 'open-cookie-database',
      firstParty: !thirdParty,
      platform,
    });
  }
}

/** The category-map.ts rule for `Functional` rows of a platform that is not curated. */
function functionalCategory(platform, rows, tpw) {
  const override = curated.ocdPlatforms[platform];
  if (override) return override.functional;
  const tracking = rows.map((r) => OPEN_COOKIE_DATABASE[r.category]).filter((c) => c !== 'functional' && c !== 'necessary');
  const tpwCategory = tpw ? THIRD_PARTY_WEB[tpw.category] : null;
  if (tpwCategory && tpwCategory !== 'necessary') tracking.push(tpwCategory);
  return tracking.length > 0 ? strictest(tracking) : 'necessary';
}

/** Cleans an Open Cookie Database name: markers (`SSPR_*`, `%INTEGER%`, `[cuid]`) become a prefix; junk is rejected. */
function ocdName(raw, wildcard) {
  let name = raw.replace(/[\u00ad\u200b-\u200d\ufeff]/g, '').trim();
  let prefix = wildcard;
  const marker = name.search(/\*|%[A-Za-z_]+%|\[[^\]]*\]/);
  if (marker >= 0) {
    name = name.slice(0, marker);
    prefix = true;
  }
  if (!/^[\x21-\x7e]+$/.test(name) || /[,;=|*]/.test(name)) {
    reject('not a valid name', JSON.stringify(raw));
    return undefined;
  }
  return { name, prefix };
}

// ─── curated names ─────────────────────────────────────────────────────────
const storageEntries = [];
for (const s of curated.services) {
  for (const item of s.cookies ?? []) cookieEntries.push(curatedName(item, s, 'cookies'));
  for (const item of s.storage ?? []) storageEntries.push(curatedName(item, s, 'storage'));
}
function curatedName(item, s, field) {
  const head = item.split('*')[0];
  if (/[,;|\s]/.test(item) || item === '' || (item.includes('*') && head.length < MIN_CURATED_HEAD)) {
    throw new Error(`curated.ts ${s.id}.${field}: "${item}" needs a literal head of ${MIN_CURATED_HEAD}+ characters and no , ; | or spaces`);
  }
  return { item, service: s.id, category: s.category, source: 'curated', firstParty: true, platform: '' };
}

// ─── hosts from third-party-web, and curated URLs ──────────────────────────
const ignored = new Set(curated.ignoredHosts.map((h) => h.host));
const urlEntries = [];
for (const entity of [...tpwEntities].sort((a, b) => compare(a.name, b.name))) {
  const curatedId = tpwOwner.get(entity.name);
  const mapped = THIRD_PARTY_WEB[entity.category];
  if (mapped === undefined) throw new Error(`third-party-web: unknown category ${entity.category} (${entity.name}); map it in category-map.ts`);
  if (entity.category === 'tag-manager' && !curatedId) report.tagManagers.push(entity.name);
  if (!curatedId && mapped === null) continue;
  const serviceId = curatedId ?? autoService(entity.name, entity.company ?? entity.name);
  const category = services.get(serviceId).pinned ?? mapped;
  for (const domain of entity.domains) {
    const host = domain.replace(/^\*\./, '').toLowerCase();
    if (ignored.has(host)) continue;
    if (!/^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$/.test(host) || /^[\d.]+$/.test(host)) {
      reject('not a host name', `${domain} (${entity.name})`);
      continue;
    }
    urlEntries.push({ item: host, service: serviceId, category, source: 'third-party-web', firstParty: true, platform: entity.name });
  }
}
for (const s of curated.services) {
  for (const item of s.urls ?? []) {
    if (item !== item.toLowerCase() || !/^([a-z0-9.-]+\.[a-z]{2,})?(\/[a-z0-9._~!$&'()*+;=:@%/-]*)?$/.test(item) || item === '') {
      throw new Error(`curated.ts ${s.id}.urls: "${item}" is not host, host/path or /path (lowercase)`);
    }
    urlEntries.push({ item: item.replace(/\/$/, ''), service: s.id, category: s.category, source: 'curated', firstParty: true, platform: '' });
  }
}

// ─── dedupe, drop redundant entries, split core / rest ─────────────────────
const cookies = prune(reportShadowed(dedupe(cookieEntries, 'cookie')), namesCover);
const storage = prune(dedupe(storageEntries, 'storage key'), namesCover);
const urls = prune(dedupe(urlEntries, 'URL'), hostsCover);

/** One entry per item: curated wins, then names the site itself can see, then the stricter category. */
function dedupe(entries, kind) {
  const byItem = groupBy(entries, (e) => e.item);
  const kept = [];
  for (const [item, candidates] of byItem) {
    candidates.sort(
      (a, b) =>
        rank(a.source) - rank(b.source) ||
        Number(b.firstParty) - Number(a.firstParty) ||
        strictness(b.category) - strictness(a.category) ||
        compare(a.platform, b.platform) ||
        compare(a.service, b.service),
    );
    const [winner, ...others] = candidates;
    const losers = others.filter((o) => o.service !== winner.service || o.category !== winner.category);
    if (losers.length > 0 && winner.source !== 'curated') {
      report.conflicts.push(`${kind} ${item}: ${winner.service} (${winner.category}) over ${losers.map((l) => `${l.service} (${l.category})`).join(', ')}`);
    }
    kept.push(winner);
  }
  // The core keeps what a site can see (first-party names) of the curated
  // services; the open data's extra necessary cookies of those services only
  // label scans, so they wait in the full catalogue.
  for (const e of kept) {
    e.core = services.get(e.service).core && e.firstParty && !(e.source === 'open-cookie-database' && e.category === 'necessary');
  }
  return kept;
}
/**
 * An exact name from the open data beats a curated prefix at lookup time. When
 * the two disagree on the service, say so: the curated file then lists the
 * name explicitly if the prefix is right (`_gcl_au` under `_gcl_*`), or leaves
 * it if the open data is (`AMP_TOKEN`, Google's, under Amplitude's `AMP_*`).
 */
function reportShadowed(entries) {
  const prefixes = entries.filter((e) => e.source === 'curated' && e.item.endsWith('*') && e.item.indexOf('*') === e.item.length - 1);
  for (const e of entries) {
    if (e.source === 'curated' || e.item.includes('*')) continue;
    const p = prefixes.find((c) => e.item.startsWith(c.item.slice(0, -1)));
    if (p && p.service !== e.service) report.shadowed.push(`${e.item}: ${e.service} (${e.category}) within ${p.item} of ${p.service} (${p.category})`);
  }
  return entries;
}
function rank(source) {
  return ['curated', 'open-cookie-database', 'third-party-web'].indexOf(source);
}

/**
 * Drops entries that another entry of the same service and category already
 * covers (`_pk_id.` under `_pk_id`, `www.linkedin.com` under `linkedin.com`),
 * when the lookup would still reach that entry first. Smaller output, same answers.
 */
function prune(entries, covers) {
  const sorted = entries.sort((a, b) => compare(a.item, b.item));
  const kept = sorted.filter((e) => {
    const cover = covers(e, sorted);
    return !(cover && cover.service === e.service && cover.category === e.category && (cover.core || !e.core));
  });
  return kept;
}

/** The rule that would answer for `e`'s names if `e` were gone (prefix rules only; patterns are never dropped). */
function namesCover(e, all) {
  if (e.item.includes('*') && !e.item.endsWith('*')) return undefined;
  if (e.item.indexOf('*') !== e.item.lastIndexOf('*')) return undefined;
  const literal = e.item.replace(/\*$/, '');
  let best;
  for (const other of all) {
    if (other === e || !other.item.includes('*')) continue;
    const head = other.item.slice(0, other.item.indexOf('*'));
    if (!literal.startsWith(head) || head.length > literal.length) continue;
    if (head.length === literal.length && !e.item.endsWith('*') && !other.item.endsWith('*')) continue;
    // A pattern with a tail, or a longer head, is tried before a shorter prefix: be conservative.
    if (!other.item.endsWith('*') || other.item.indexOf('*') !== other.item.length - 1) return undefined;
    if (!best || head.length > best.head.length) best = { head, other };
  }
  return best?.other;
}

/** The entry a host rule's URLs would reach if it were gone: the nearest parent host with rules. */
function hostsCover(e, all) {
  if (e.item.includes('/')) return undefined;
  let byHost = hostIndex.get(all);
  if (!byHost) hostIndex.set(all, (byHost = groupBy(all, (x) => x.item.split('/')[0])));
  if ((byHost.get(e.item) ?? []).some((x) => x !== e && x.item.includes('/'))) return undefined;
  for (let host = parentOf(e.item); host; host = parentOf(host)) {
    const rules = byHost.get(host);
    if (!rules) continue;
    const whole = rules.find((x) => x.item === host);
    if (!whole || rules.some((x) => x.service !== whole.service || x.category !== whole.category)) return undefined;
    return whole;
  }
  return undefined;
}
function parentOf(host) {
  const dot = host.indexOf('.');
  return dot < 0 ? undefined : host.slice(dot + 1);
}

// ─── encode ────────────────────────────────────────────────────────────────
const header = (what) => `// ${what}
// GENERATED by scripts/build-catalogue.mjs from ../shared/data/trackers and
// src/catalogue/curated.ts: do not edit by hand. Format: src/catalogue/catalogue.ts.
//
// Contains data from the Open Cookie Database (https://github.com/jkwakman/Open-Cookie-Database),
// © Jack Kwakman and contributors, licensed under the Apache License, Version 2.0.
// Modified by Nexus Tech: compiled into cookie-name patterns and re-mapped to the SDK's consent
// categories; descriptions removed.
// Contains data from third-party-web (https://github.com/patrickhulce/third-party-web),
// Copyright (c) 2019 Patrick Hulce, licensed under the MIT License.
// Modified by Nexus Tech: compiled into host rules and re-mapped to the SDK's consent categories.
// Licence texts: licenses/open-cookie-database.LICENSE and licenses/third-party-web.LICENSE (see NOTICE).
`;

const chunks = {
  'core-catalogue.ts': {
    title: 'Core tracker catalogue.',
    name: 'coreCatalogue',
    doc: 'The core catalogue, built into every entry point: the curated services (common analytics, advertising, embed and infrastructure vendors of French and European sites) with the cookies a site can see.',
    pick: (e) => e.core,
  },
  'extra-catalogue.ts': {
    title: 'Extra tracker catalogue (the full catalogue minus the core).',
    name: 'extraCatalogue',
    doc: 'Everything the core leaves out; with the core, the full catalogue. Exposed as `nexus-consent/catalogue-full`.',
    pick: (e) => !e.core,
  },
};
const outputs = {};
const stats = {};
for (const [file, chunk] of Object.entries(chunks)) {
  const parts = { cookies: cookies.filter(chunk.pick), storage: storage.filter(chunk.pick), urls: urls.filter(chunk.pick) };
  const used = [...new Set(Object.values(parts).flat().map((e) => e.service))].sort(compare);
  const index = new Map(used.map((id, i) => [id, i]));
  const list = (items) => items.map((s) => `    ${quote(s)},`).join('\n');
  const body = Object.fromEntries(Object.entries(parts).map(([key, entries]) => [key, groups(entries, index)]));
  outputs[file] = `${header(chunk.title)}
import type { Catalogue } from '../catalogue.js';

/** ${chunk.doc} */
export const ${chunk.name}: Catalogue = {
  format: 1,
  services: [
${list(used.map((id) => serviceEntry(id, services.get(id).vendor, services.get(id).name)))}
  ],
  cookies: [
${list(body.cookies)}
  ],
  storage: [
${list(body.storage)}
  ],
  urls: [
${list(body.urls)}
  ],
};
`.replace(/\[\n\n  \]/g, '[]');
  stats[file] = { services: used.length, cookies: parts.cookies.length, storage: parts.storage.length, urls: parts.urls.length };
}

/** `id:Vendor`, or just `id` when the vendor is the id with a capital (`hotjar` → Hotjar); then `|Name`, if any. */
function serviceEntry(id, vendor, name) {
  if (/[:|]/.test(id) || /[|]/.test(vendor + (name ?? ''))) throw new Error(`service ${id}: a separator (: or |) in its id, vendor or name`);
  const entry = vendor === id[0].toUpperCase() + id.slice(1) ? id : `${id}:${vendor}`;
  return name === undefined ? entry : `${entry}|${name === vendor ? '' : name}`;
}

function groups(entries, index) {
  const byGroup = groupBy(entries, (e) => `${index.get(e.service)}${CATEGORY_LETTERS[e.category]}${SOURCE_LETTERS[e.source]}`);
  return [...byGroup]
    .map(([key, members]) => ({ key, svc: Number.parseInt(key, 10), items: members.map((m) => m.item).sort(compare) }))
    .sort((a, b) => a.svc - b.svc || compare(a.key, b.key))
    .map((g) => `${g.key}${g.items.join(',')}`);
}

// ─── service details: what the preference centre shows of a catalogue service ───
// For the core services: the vendor's privacy page and each cookie's purpose and
// lifetime, as the Open Cookie Database words them (English). Opt-in
// (`nexus-consent/catalogue-details`): the default script-tag build stays small.
{
  const details = {};
  for (const [id, service] of [...services].sort(([a], [b]) => compare(a, b))) {
    if (!service.core) continue;
    const platforms = curated.services.find((s) => s.id === id);
    const rows = ocdRows.filter((r) => [...(platforms?.ocd ?? []), ...(platforms?.ocdMixed ?? [])].includes(r.platform) && r.name.trim() !== '');
    if (rows.length === 0) continue;
    const portals = rows.map((r) => r.portal).filter((u) => /^https?:\/\/[^\s"]+$/.test(u));
    const seen = new Set();
    const cookieList = [];
    for (const r of [...rows].sort((a, b) => compare(a.name, b.name))) {
      const name = r.wildcard ? `${r.name.trim()}*` : r.name.trim();
      if (seen.has(name) || /[\s;,=]/.test(name)) continue;
      seen.add(name);
      cookieList.push([name, r.description.replace(/\s+/g, ' '), r.retention]);
    }
    details[id] = { ...(portals.length ? { policyUrl: mostCommon(portals) } : {}), cookies: cookieList };
  }
  const entries = Object.entries(details).map(([id, d]) =>
    `    ${quote(id)}: {\n${d.policyUrl ? `      policyUrl: ${quote(d.policyUrl)},\n` : ''}      cookies: [\n${d.cookies.map((c) => `        [${c.map(quote).join(', ')}],`).join('\n')}\n      ],\n    },`,
  );
  outputs['service-details.ts'] = `// Service details: privacy pages and per-cookie purpose and lifetime of the core services.
// GENERATED by scripts/build-catalogue.mjs from ../shared/data/trackers and
// src/catalogue/curated.ts: do not edit by hand. Format: src/catalogue/service-details.ts.
//
// Contains data from the Open Cookie Database (https://github.com/jkwakman/Open-Cookie-Database),
// © Jack Kwakman and contributors, licensed under the Apache License, Version 2.0.
// Modified by Nexus Tech: the rows of the core services only, grouped by the SDK's service ids;
// descriptions and retention periods kept as published (English).
// Licence text: licenses/open-cookie-database.LICENSE (see NOTICE).
import type { ServiceDetails } from '../service-details.js';

/** What the preference centre shows of the core catalogue's services. Opt-in: \`nexus-consent/catalogue-details\`. */
export const serviceDetails: ServiceDetails = {
  format: 1,
  language: 'en',
  services: {
${entries.join('\n')}
  },
};
`;
  stats['service-details.ts'] = { services: Object.keys(details).length, cookies: Object.values(details).reduce((n, d) => n + d.cookies.length, 0), storage: 0, urls: 0 };
}

// ─── write or check ────────────────────────────────────────────────────────
let stale = false;
for (const [file, text] of Object.entries(outputs)) {
  const path = join(outDir, file);
  if (check) {
    const current = await readFile(path, 'utf8').catch(() => '');
    if (current !== text) {
      console.error(`${path} is not up to date: run node scripts/build-catalogue.mjs`);
      stale = true;
    }
  } else {
    await mkdir(outDir, { recursive: true });
    await writeFile(path, text);
  }
}
if (stale) process.exit(1);
if (!check) {
  console.log(`catalogue from ${dataDir}`);
  for (const [file, s] of Object.entries(stats)) console.log(`  ${file}: ${s.services} services, ${s.cookies} cookie rules, ${s.storage} storage rules, ${s.urls} URL rules`);
  for (const [reason, items] of Object.entries(report.rejected).sort()) console.log(`  rejected (${reason}): ${items.length}`);
  console.log(`  tag managers left unblocked: ${report.tagManagers.join(', ')}`);
  console.log(`  conflicts resolved: ${report.conflicts.length}${process.env.VERBOSE ? `\n    ${report.conflicts.join('\n    ')}` : ' (VERBOSE=1 lists them)'}`);
  console.log(`  open-data names inside a curated prefix of another service: ${report.shadowed.length}${process.env.VERBOSE ? `\n    ${report.shadowed.join('\n    ')}` : ''}`);
  if (process.env.VERBOSE) for (const [reason, items] of Object.entries(report.rejected)) console.log(`  ${reason}: ${items.join(' ')}`);
}

// ─── helpers ───────────────────────────────────────────────────────────────
/** Imports one of our data-only TypeScript modules (type imports only) by stripping its types. */
async function importTs(path) {
  const ts = (await import('typescript')).default;
  const source = await readFile(join(root, path), 'utf8');
  const { outputText } = ts.transpileModule(source, {
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, verbatimModuleSyntax: true },
    fileName: path,
  });
  if (/^\s*import\s+(?!type\b)/m.test(outputText)) throw new Error(`${path} must only have type imports: the build reads it on its own`);
  return import(`data:text/javascript;base64,${Buffer.from(outputText).toString('base64')}`);
}

/** RFC 4180 CSV (quoted fields may hold commas, quotes and line breaks) → objects keyed by the header row. */
function parseCsv(text) {
  const records = [];
  let field = '';
  let record = [];
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') record.push(field), (field = '');
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      record.push(field), records.push(record), (record = []), (field = '');
    } else field += c;
  }
  if (field !== '' || record.length > 0) record.push(field), records.push(record);
  const [head, ...rows] = records.filter((r) => r.length > 1 || r[0] !== '');
  return rows.map((r) => {
    if (r.length !== head.length) throw new Error(`CSV row has ${r.length} fields, header has ${head.length}: ${r.join(',')}`);
    return Object.fromEntries(head.map((h, i) => [h, r[i]]));
  });
}

function claim(map, key, id, what) {
  if (map.has(key)) throw new Error(`curated.ts: ${what} ${key} is claimed by both ${map.get(key)} and ${id}`);
  map.set(key, id);
}
function normalise(name) {
  return name.toLowerCase().replace(/[^a-z0-9]+/g, '');
}
function slug(name) {
  return name.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'unknown';
}
function groupBy(items, key) {
  const map = new Map();
  for (const item of items) {
    const k = key(item);
    const list = map.get(k);
    if (list) list.push(item);
    else map.set(k, [item]);
  }
  return map;
}
function mostCommon(values) {
  const counts = new Map();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || compare(a[0], b[0]))[0]?.[0];
}
function compare(a, b) {
  return a < b ? -1 : a > b ? 1 : 0;
}
function quote(s) {
  return `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}
