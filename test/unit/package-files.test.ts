/**
 * What `npm pack` ships: the builds, their types, the licence texts and the
 * attribution the catalogue's sources require — and nothing else.
 */
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

describe('npm package contents', () => {
  it('ships dist, NOTICE and the licences, not the sources or tests', () => {
    const out = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
      cwd: new URL('../..', import.meta.url),
      encoding: 'utf8',
    });
    const files: string[] = JSON.parse(out)[0].files.map((f: { path: string }) => f.path);
    for (const required of [
      'NOTICE',
      'LICENSE',
      'README.md',
      'package.json',
      'licenses/open-cookie-database.LICENSE',
      'licenses/third-party-web.LICENSE',
      'dist/nexus-consent.min.js',
      'dist/nexus-consent.ui.min.js',
      'dist/nexus-consent.full.min.js',
      'dist/index.mjs',
      'dist/index.cjs',
      'dist/index.d.ts',
      'dist/auto.mjs',
      'dist/catalogue-full.mjs',
      'dist/markup.mjs',
      'dist/markup.cjs',
      'dist/markup.d.ts',
      'dist/vite.mjs',
      'dist/cli.mjs',
      'dist/react.mjs',
      'dist/react.cjs',
      'dist/react.d.ts',
      'dist/vue.mjs',
      'dist/vue.cjs',
      'dist/vue.d.ts',
    ]) {
      expect(files).toContain(required);
    }
    expect(files.filter((f) => /^(src|test|bench|examples|scripts)\//.test(f))).toEqual([]);
  }, 30_000);
});
