// Builds the single-page app example: `npx vite build --config examples/spa/vite.config.mjs`
// (the browser tests do it through Vite's JS API in test/support/global-setup.ts).
//
// How `nexus-consent` is resolved: with no alias at all. This folder has no package.json of
// its own, so the nearest one is the repository's, whose name is `nexus-consent`; Node's
// package self-reference rule (supported by Vite's resolver) then sends `import 'nexus-consent'`
// and `import 'nexus-consent/auto'` through that package.json's `exports` map, "import"
// condition, to dist/index.mjs and dist/auto.mjs: the same files, by the same route, as for a
// site that ran `npm install nexus-consent`. An alias to src/ would test something no site
// runs; an alias to dist/ would bypass the exports map.
import { existsSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
// The markup step: tracker tags in index.html are marked up at build and in dev. The SDK
// comes from the bundle (nexus-consent/auto in src/main.js), so no script tag to check for.
import { nexusConsent } from 'nexus-consent/vite';

const here = fileURLToPath(new URL('.', import.meta.url));
// sdks/: one page per analytics SDK installed from npm (issue #14), built with the app in one
// Vite build (dist/sdks/<name>.html) so the browser tests pay for a single build.
const sdkPages = readdirSync(new URL('./sdks/', import.meta.url)).filter((f) => f.endsWith('.html'));
const built = fileURLToPath(new URL('../../dist/index.mjs', import.meta.url));
if (!existsSync(built)) throw new Error('examples/spa imports the built package: run `npm run build` first');

export default defineConfig({
  root: here,
  // No public/ folder and no dependency pre-bundling cache to keep in the repository.
  publicDir: false,
  plugins: [nexusConsent({ sdkScript: false })],
  cacheDir: fileURLToPath(new URL('../../node_modules/.vite/spa', import.meta.url)),
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // The three analytics libraries make up about 600 of the bundle's 740 kB (minified): the
    // honest cost of what the example uses, not something to split for a demo.
    chunkSizeWarningLimit: 1000,
    rollupOptions: {
      input: Object.fromEntries([['index', `${here}index.html`], ...sdkPages.map((f) => [`sdks/${f.slice(0, -5)}`, `${here}sdks/${f}`])]),
    },
  },
});
