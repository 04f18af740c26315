/** Issue #2: `npm run size` prints raw, minified, gzip and brotli bytes of every file in dist/. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, expect, it } from 'vitest';

const dir = mkdtempSync(join(tmpdir(), 'size-script-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('lists every file of the folder, scripts and others, with its four sizes', () => {
  const files = { 'a.mjs': 'export const answer = 40 + 2;\n', 'a.d.ts': 'export declare const answer: number;\n', 'b.min.js': '!function(){}();', 'details.json': '{"x": 1}\n' };
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  const out = execFileSync(process.execPath, [fileURLToPath(new URL('../../scripts/size.mjs', import.meta.url)), dir], { encoding: 'utf8' });
  const rows = new Map(out.split('\n').slice(1).map((line) => line.trim().split(/\s+/)).filter((cells) => cells.length === 5).map((cells) => [cells[0], cells.slice(1).map(Number)]));
  expect([...rows.keys()].sort()).toEqual(Object.keys(files).sort());
  for (const [name, text] of Object.entries(files)) {
    const [raw, min, gzip, brotli] = rows.get(name)!;
    expect(raw).toBe(text.length);
    expect([min, gzip, brotli].every((n) => Number.isInteger(n) && n! > 0)).toBe(true);
  }
  // Not a script: shipped as it is.
  expect(rows.get('a.d.ts')![1]).toBe(files['a.d.ts'].length);
  expect(rows.get('a.mjs')![1]).toBeLessThan(files['a.mjs'].length);
});
