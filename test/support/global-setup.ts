/**
 * Before the browser tests: bundle the ES-module test page against the built
 * npm entry (dist/index.mjs), as a site's bundler would, and derive its HTML
 * from the marked-up page so both builds face the same tags.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import nodeResolve from '@rollup/plugin-node-resolve';
import { rollup } from 'rollup';
import { build as viteBuild } from 'vite';

const repo = (path: string) => fileURLToPath(new URL(`../../${path}`, import.meta.url));

/** The package's own exports, as a site's bundler resolves them. */
const SELF: Record<string, string> = { 'nexus-consent': 'dist/index.mjs', 'nexus-consent/auto': 'dist/auto.mjs' };

async function bundle(entry: string, output: string): Promise<void> {
  const build = await rollup({
    input: repo(entry),
    plugins: [{ name: 'self', resolveId: (id) => (SELF[id] ? repo(SELF[id]!) : null) }, nodeResolve({ browser: true })],
  });
  // The UI is a lazy chunk (a dynamic import in createConsent), written beside the bundle.
  const dir = output.slice(0, output.lastIndexOf('/'));
  const file = output.slice(dir.length + 1);
  await build.write({ dir: repo(dir), format: 'es', entryFileNames: file, chunkFileNames: 'bundle-[name].js' });
  await build.close();
}

export default async function globalSetup(): Promise<void> {
  await bundle('test/fixtures/npm/main.js', 'test/fixtures/npm/bundle.js');
  await bundle('test/fixtures/npm-auto/main.js', 'test/fixtures/npm-auto/bundle.js');
  await bundle('test/fixtures/npm-two/main.js', 'test/fixtures/npm-two/bundle.js');
  // The single-page app example, built by Vite as its README says, into examples/spa/dist.
  await viteBuild({ configFile: repo('examples/spa/vite.config.mjs'), logLevel: 'warn' });
  // The React and Vue examples (issue #17), each one Vite build that also prerenders its page.
  await viteBuild({ configFile: repo('examples/react/vite.config.mjs'), logLevel: 'warn' });
  await viteBuild({ configFile: repo('examples/vue/vite.config.mjs'), logLevel: 'warn' });

  const page = readFileSync(repo('test/fixtures/marked-up.html'), 'utf8');
  const iife = '<script src="/dist/nexus-consent.min.js"></script>';
  if (!page.includes(iife)) throw new Error('marked-up.html no longer loads the IIFE the expected way');
  writeFileSync(repo('test/fixtures/npm/index.html'), page.replace(iife, '<script type="module" src="/npm/bundle.js"></script>'));
}
