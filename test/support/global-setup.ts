/**
 * Before the browser tests: bundle the ES-module test page against the built
 * npm entry (dist/index.mjs), as a site's bundler would, and derive its HTML
 * from the marked-up page so both builds face the same tags.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import nodeResolve from '@rollup/plugin-node-resolve';
import { rollup } from 'rollup';

const repo = (path: string) => fileURLToPath(new URL(`../../${path}`, import.meta.url));

export default async function globalSetup(): Promise<void> {
  const bundle = await rollup({
    input: repo('test/fixtures/npm/main.js'),
    plugins: [
      { name: 'self', resolveId: (id) => (id === 'nexus-consent' ? repo('dist/index.mjs') : null) },
      nodeResolve({ browser: true }),
    ],
  });
  await bundle.write({ file: repo('test/fixtures/npm/bundle.js'), format: 'es' });
  await bundle.close();

  const page = readFileSync(repo('test/fixtures/marked-up.html'), 'utf8');
  const iife = '<script src="/dist/nexus-consent.min.js"></script>';
  if (!page.includes(iife)) throw new Error('marked-up.html no longer loads the IIFE the expected way');
  writeFileSync(repo('test/fixtures/npm/index.html'), page.replace(iife, '<script type="module" src="/npm/bundle.js"></script>'));
}
