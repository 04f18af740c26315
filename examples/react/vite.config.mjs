// Builds the React example: `npx vite build --config examples/react/vite.config.mjs` (the browser
// tests do it through Vite's JS API in test/support/global-setup.ts).
//
// `nexus-consent`, `nexus-consent/auto` and `nexus-consent/react` resolve with no alias, through
// the repository's own package.json `exports` (package self-reference, as examples/spa explains):
// the built dist/, by the route an installed package takes. JSX is compiled by Vite's own Oxc
// transform (no React plugin needed for a build; add @vitejs/plugin-react for Fast Refresh).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createElement } from 'react';
import { renderToString } from 'react-dom/server';
import { defineConfig, runnerImport } from 'vite';

const here = fileURLToPath(new URL('.', import.meta.url));
const jsx = { jsx: { runtime: 'automatic' } };
if (!existsSync(fileURLToPath(new URL('../../dist/react.mjs', import.meta.url)))) {
  throw new Error('examples/react imports the built package: run `npm run build` first');
}

/**
 * Renders <App /> to HTML at build, as a server-rendering framework (Next.js, Remix, Astro)
 * would, so the browser tests see the provider hydrate server HTML: on the server there is no
 * instance and the state is undecided, and the client's first render must match it.
 */
function prerender() {
  return {
    name: 'prerender',
    apply: 'build',
    async transformIndexHtml(html) {
      const { module } = await runnerImport(`${here}src/app.jsx`, { configFile: false, root: here, oxc: jsx, logLevel: 'warn' });
      return html.replace('<!--app-->', renderToString(createElement(module.App)));
    },
  };
}

export default defineConfig({
  root: here,
  publicDir: false,
  oxc: jsx,
  plugins: [prerender()],
  cacheDir: fileURLToPath(new URL('../../node_modules/.vite/react', import.meta.url)),
  build: { outDir: 'dist', emptyOutDir: true },
});
