#!/usr/bin/env node
// Prints raw, minified, gzip (-9) and brotli (max) bytes of every file in dist/ (issue #2).
// Scripts not minified already are minified with terser for the "min" column; other files
// (type declarations, the service-details JSON) are shipped as they are: min = raw.
import { readdirSync, readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { minify } from 'terser';

// Another folder may be given (the unit test measures a small one).
const dir = process.argv[2] ? pathToFileURL(`${process.argv[2].replace(/\/?$/, '/')}`) : new URL('../dist/', import.meta.url);
let files;
try {
  files = readdirSync(dir).sort();
} catch {
  console.error('dist/ is missing: run `npm run build` first.');
  process.exit(1);
}

const rows = [];
for (const file of files) {
  const raw = readFileSync(new URL(file, dir), 'utf8');
  const script = /\.(m|c)?js$/.test(file);
  const min = !script || file.endsWith('.min.js') ? raw : (await minify(raw, { module: !file.endsWith('.cjs'), compress: { passes: 2 } })).code;
  const gzip = gzipSync(min, { level: 9 }).length;
  const brotli = brotliCompressSync(min, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
  rows.push([file, raw.length, min.length, gzip, brotli]);
}
const header = ['file', 'raw', 'min', 'gzip', 'brotli'];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
const line = (cells) => cells.map((c, i) => (i === 0 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join('  ');
console.log(line(header));
for (const row of rows) console.log(line(row));
console.log('(bytes; "min" is the published file for *.min.js and for files that are not scripts, terser output otherwise)');

// The script tag, split since issue #15: the core every page view loads, the UI a
// first visit (or a click on "manage cookies") adds.
const byName = new Map(rows.map((r) => [r[0], r]));
const core = byName.get('nexus-consent.min.js');
const ui = byName.get('nexus-consent.ui.min.js');
if (core && ui) {
  console.log('');
  console.log(`script tag, gzip: core ${core[3]} · UI ${ui[3]} · first visit (core + UI) ${core[3] + ui[3]} · returning visitor ${core[3]}`);
  console.log(`script tag, brotli: core ${core[4]} · UI ${ui[4]} · first visit ${core[4] + ui[4]}`);
}
