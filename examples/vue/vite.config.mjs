// Builds the Vue example: `npx vite build --config examples/vue/vite.config.mjs` (the browser
// tests do it through Vite's JS API in test/support/global-setup.ts).
//
// `nexus-consent`, `nexus-consent/auto` and `nexus-consent/vue` resolve with no alias, through
// the repository's own package.json `exports` (package self-reference, as examples/spa explains):
// the built dist/, by the route an installed package takes.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import vue from '@vitejs/plugin-vue';
import { defineConfig, runnerImport } from 'vite';

const here = fileURLToPath(new URL('.', import.meta.url));
if (!existsSync(fileURLToPath(new URL('../../dist/vue.mjs', import.meta.url)))) {
  throw new Error('examples/vue imports the built package: run `npm run build` first');
}

/**
 * Renders the app to HTML at build, as Nuxt would on a server, so the browser tests see the
 * plugin hydrate server HTML: on the server there is no instance and the state is undecided,
 * and the client's first render must match it.
 */
function prerender() {
  return {
    name: 'prerender',
    apply: 'build',
    async transformIndexHtml(html) {
      const { module } = await runnerImport(`${here}src/entry-server.js`, { configFile: false, root: here, plugins: [vue()], logLevel: 'warn' });
      return html.replace('<!--app-->', await module.render());
    },
  };
}

export default defineConfig({
  root: here,
  publicDir: false,
  plugins: [vue(), prerender()],
  cacheDir: fileURLToPath(new URL('../../node_modules/.vite/vue', import.meta.url)),
  build: { outDir: 'dist', emptyOutDir: true },
});
