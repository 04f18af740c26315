#!/usr/bin/env node
// `node scripts/size-attribution.mjs [entry]`: where the script-tag core's bytes go. Builds
// the entry (default src/iife.ts) as the release does, with a source map, attributes every
// byte of the minified output to the source file it came from, groups files by folder (and
// node_modules by package) and prints raw and gzip bytes per group. Gzip per group is the
// group's bytes compressed alone: a guide to where to cut, not an exact share of the total.
import { gzipSync } from 'node:zlib';
import { rollup } from 'rollup';
import { TraceMap, originalPositionFor } from '@jridgewell/trace-mapping';
import config from '../rollup.config.mjs';

const entry = process.argv[2] ?? 'src/iife.ts';
const base = config.find((c) => c.input === entry) ?? config[0];
const bundle = await rollup({ input: entry, plugins: base.plugins, onwarn() {} });
const { output } = await bundle.generate({ ...base.output, file: undefined, sourcemap: true });
const chunk = output.find((o) => o.type === 'chunk');
const map = new TraceMap(chunk.map);

function group(source) {
  if (!source) return '(wrapper)';
  const nm = source.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/);
  if (nm) return `npm:${nm[1]}`;
  const src = source.match(/src\/(.+)$/);
  if (!src) return source;
  const parts = src[1].split('/');
  return parts.length > 1 ? `${parts[0]}/${process.env.BY_FILE ? parts.slice(1).join('/') : ''}` : parts[0];
}

const bytes = new Map();
const lines = chunk.code.split('\n');
lines.forEach((line, index) => {
  let current = '(wrapper)';
  let start = 0;
  for (let column = 0; column <= line.length; column += 1) {
    const next = column === line.length ? null : group(originalPositionFor(map, { line: index + 1, column }).source);
    if (column === line.length || next !== current) {
      if (column > start) bytes.set(current, (bytes.get(current) ?? '') + line.slice(start, column));
      current = next;
      start = column;
    }
  }
});
const total = gzipSync(chunk.code, { level: 9 }).length;
const rows = [...bytes].map(([name, text]) => [name, text.length, gzipSync(text, { level: 9 }).length]).sort((a, b) => b[2] - a[2]);
console.log(`${entry}: ${chunk.code.length} B raw, ${total} B gzip -9 in all`);
for (const [name, raw, gz] of rows) console.log(`${String(gz).padStart(7)}  ${String(raw).padStart(7)}  ${name}`);
