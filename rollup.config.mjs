// Builds every published file from src/:
//   dist/nexus-consent.min.js  for a <script> tag: the core (dependencies inlined, minified), one top-level block
//   dist/nexus-consent.ui.min.js  the UI it loads on demand (ES module, CSS and texts inlined)
//   dist/index.mjs, index.cjs  npm entry (dependencies stay external)
//   dist/index.d.ts, index.d.cts  bundled type declarations (for `import`, and for `require`)
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import nodeResolve from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import typescript from '@rollup/plugin-typescript';
import { dts } from 'rollup-plugin-dts';
import { minify } from 'terser';
import { assertScriptBlock } from './scripts/script-block.mjs';

const INLINE = '?inline';

/** `import css from './styles.css?inline'` → the stylesheet as a minified string (Vite does the same in tests). */
function cssInline() {
  return {
    name: 'css-inline',
    resolveId(id, importer) {
      if (id.endsWith(`.css${INLINE}`) && importer) return resolve(dirname(importer), id.slice(0, -INLINE.length)) + INLINE;
      return null;
    },
    load(id) {
      if (!id.endsWith(`.css${INLINE}`)) return null;
      const css = readFileSync(id.slice(0, -INLINE.length), 'utf8')
        .replace(/\/\*[\s\S]*?\*\//g, '')
        .replace(/\s+/g, ' ')
        .replace(/\s*([{};,>])\s*/g, '$1')
        .replace(/:\s+/g, ':')
        .replace(/;}/g, '}')
        .trim();
      // A `const`, not the `var` an `export default <expression>` becomes: a script-tag build is a block, where a `var` would leak to the window.
      return `const css = ${JSON.stringify(css)};\nexport default css;`;
    },
  };
}

/** dist/nexus-consent.details.json: the details module's data, for `serviceDetails: '<url>'`. */
function detailsJson() {
  return {
    name: 'details-json',
    async generateBundle(options, bundle) {
      if (options.format !== 'es') return;
      const chunk = Object.values(bundle).find((c) => c.type === 'chunk' && c.isEntry);
      const { serviceDetails } = await import(`data:text/javascript;base64,${Buffer.from(chunk.code).toString('base64')}`);
      this.emitFile({ type: 'asset', fileName: 'nexus-consent.details.json', source: JSON.stringify(serviceDetails) });
    },
  };
}

/**
 * A binding's imports of the npm entry (src/index.ts) stay `from 'nexus-consent'` in its
 * output, code and types alike: a site that imports both gets one copy of the core, one
 * instance type, not a second bundled into the binding.
 */
function npmEntryExternal() {
  const entry = resolve('src/index.ts');
  return {
    name: 'npm-entry-external',
    resolveId(id, importer) {
      if (!importer || !id.startsWith('.')) return null;
      return resolve(dirname(importer), id).replace(/\.js$/, '.ts') === entry ? { id: 'nexus-consent', external: true } : null;
    },
  };
}

/**
 * Bundled declarations for one entry, twice: `.d.ts` (ES module types: the
 * package is `"type": "module"`) for the `import` condition and `.d.cts` for
 * `require`, so that CommonJS consumers under `moduleResolution: node16` get
 * types that match the .cjs file (attw: "Masquerading as ESM" otherwise).
 */
const declarations = (name) => [
  { file: `dist/${name}.d.ts`, format: 'es' },
  { file: `dist/${name}.d.cts`, format: 'es' },
];

/** A self-contained sub-path export: dist/<name>.mjs, .cjs, .d.ts and .d.cts. */
function subpath(input, name, { external = [], plugins = [], overNpmEntry = false, banner } = {}) {
  const shared = overNpmEntry ? [npmEntryExternal()] : [];
  return [
    {
      input,
      external,
      output: [
        { file: `dist/${name}.mjs`, format: 'es', banner },
        { file: `dist/${name}.cjs`, format: 'cjs', banner },
      ],
      plugins: [...shared, ts(), ...plugins],
    },
    { input, external, output: declarations(name), plugins: [...shared, dts({ tsconfig: './tsconfig.json' })] },
  ];
}

const ts = () =>
  typescript({
    tsconfig: './tsconfig.json',
    include: ['src/**/*.ts'],
    exclude: ['src/**/*.test.ts', 'src/**/*.test-d.ts'],
    compilerOptions: { noEmit: false, declaration: false, sourceMap: false },
  });

// The only comment kept: the data attribution the Apache-2.0 and MIT licences ask for.
// Three passes: a third still folds what the second exposed (core −18 B gzip); a fourth finds nothing more.
const terserOptions = { ecma: 2020, compress: { passes: 3 }, format: { comments: /^!/ } };
const ATTRIBUTION =
  '/*! Data: Open Cookie Database (Apache-2.0, modified), third-party-web (MIT); see NOTICE */';
const external = ['js-cookie', 'nanoid'];
/**
 * V8's explicit compile hint (Chrome 136+; a comment elsewhere): every function of the file is
 * compiled at once, on a background thread while the file streams in, instead of one by one on
 * the main thread the first time each runs. Nearly all of the core runs before the first paint
 * (config, store, every interceptor), so lazy compilation only moved that work onto the
 * critical path (issue #15: core evaluation 27.5 → 10.5 ms of main-thread CPU, cold loads).
 */
const COMPILE_HINT = '//# allFunctionsCalledOnLoad';

/**
 * The script-tag builds as one top-level block, `"use strict";{…}`, not an IIFE: V8 collects
 * source positions for every frame on the stack when a stack trace is first taken (under
 * DevTools, the first `document.cookie` read takes one), by re-parsing each frame's whole
 * function: an IIFE makes that the whole bundle twice (the IIFE and the script), a block once
 * (issue #15: −2.2 ms, 0 bytes). The bundle is minified as a module (every top-level name is
 * its own), then wrapped; in a strict block `let`, `const`, `class` and functions stay local,
 * and a `var` would not, so the build fails if one is left outside a function.
 */
function scriptBlock() {
  return {
    name: 'script-block',
    async renderChunk(code, chunk, options) {
      const result = await minify(code, {
        ...terserOptions,
        module: true,
        format: { ...terserOptions.format, preamble: `${COMPILE_HINT}\n${ATTRIBUTION}\n"use strict";{` },
        sourceMap: options.sourcemap ? { asObject: true } : false,
      });
      const wrapped = `${result.code}}`;
      assertScriptBlock(this.parse(wrapped), chunk.fileName);
      return { code: wrapped, map: result.map ?? null };
    },
  };
}
const markupExternal = [/^node:/, 'parse5'];
// The consent-log receiver's optional peers: installed by the sites that run it, never bundled.
const serverExternal = [/^node:/, /^hono(\/|$)/, /^@hono\//, 'valibot', 'pg', /^@electric-sql\/pglite/];

export default [
  {
    input: 'src/iife.ts',
    output: { file: 'dist/nexus-consent.min.js', format: 'es', plugins: [scriptBlock()] },
    plugins: [cssInline(), nodeResolve({ browser: true }), ts()],
  },
  // The consent-log client for both script-tag builds, loaded beside them only when `consentLog` is set.
  {
    input: 'src/consent-log/start-consent-log.ts',
    output: { file: 'dist/nexus-consent.consent-log.mjs', format: 'es', plugins: [terser({ ...terserOptions, module: true })] },
    plugins: [nodeResolve({ browser: true }), ts()],
  },
  // The UI file the script tag loads on demand from beside itself (an ES module:
  // `import()` from the core): banner, dialog, placeholders, styles, texts.
  {
    input: 'src/ui/ui-module.ts',
    output: { file: 'dist/nexus-consent.ui.min.js', format: 'es', plugins: [terser({ ...terserOptions, module: true, format: { ...terserOptions.format, preamble: COMPILE_HINT } })] },
    plugins: [cssInline(), nodeResolve({ browser: true }), ts()],
  },
  // The same with the whole tracker catalogue built in, for sites the core does not cover.
  {
    input: 'src/iife-full.ts',
    output: { file: 'dist/nexus-consent.full.min.js', format: 'es', plugins: [scriptBlock()] },
    plugins: [cssInline(), nodeResolve({ browser: true }), ts()],
  },
  // The npm entries, built together so that `nexus-consent/auto` and the main
  // entry share their modules (one chunk) instead of shipping them twice.
  {
    input: { index: 'src/index.ts', auto: 'src/auto.ts' },
    external,
    output: [
      { dir: 'dist', format: 'es', entryFileNames: '[name].mjs', chunkFileNames: 'shared-[hash].mjs' },
      { dir: 'dist', format: 'cjs', entryFileNames: '[name].cjs', chunkFileNames: 'shared-[hash].cjs' },
    ],
    plugins: [cssInline(), ts()],
  },
  {
    input: 'src/index.ts',
    external: [...external, /\.css\?inline$/],
    output: declarations('index'),
    plugins: [dts({ tsconfig: './tsconfig.json' })],
  },
  {
    input: 'src/auto.ts',
    output: declarations('auto'),
    plugins: [dts({ tsconfig: './tsconfig.json' })],
  },
  // nexus-consent/catalogue-full: the rest of the tracker catalogue, opt-in.
  ...subpath('src/catalogue/catalogue-full.ts', 'catalogue-full'),
  // nexus-consent/catalogue-details: vendor policies and per-cookie purpose and
  // lifetime for the preference centre, opt-in; also as JSON for the script tag.
  ...subpath('src/catalogue/catalogue-details.ts', 'catalogue-details', { plugins: [detailsJson()] }),
  // nexus-consent/i18n: every translation, for `texts`.
  ...subpath('src/i18n/languages.ts', 'i18n'),
  // nexus-consent/testing: Playwright helpers for a site's test suite. Runs in
  // Node, never in a page, so it is in no script-tag build. It imports nothing from
  // Playwright (structural types: src/testing/playwright-types.ts); the full catalogue
  // is bundled in, for stubTrackers.
  ...subpath('src/testing/index.ts', 'testing'),
  // nexus-consent/global: types only (window.NexusConsent, NexusConsentConfig, the DOM
  // events in WindowEventMap) for script-tag pages; its .mjs/.cjs are empty modules, there
  // so that a plain `import 'nexus-consent/global'` resolves too.
  {
    input: 'src/global.ts',
    output: [
      { file: 'dist/global.mjs', format: 'es' },
      { file: 'dist/global.cjs', format: 'cjs' },
    ],
    plugins: [{ name: 'types-only', load: (id) => (id.endsWith('global.ts') ? 'export {};' : null) }],
  },
  { input: 'src/global.ts', output: declarations('global'), plugins: [dts({ tsconfig: './tsconfig.json' })] },
  // nexus-consent/react and nexus-consent/vue: framework bindings over the instance API, with
  // their framework as an optional peer; they import the core from `nexus-consent`. In no
  // script-tag build.
  // 'use client' first in the files (Rollup drops a module-level directive when bundling): React
  // Server Components (Next.js's App Router) may then render <ConsentProvider>, <ConsentGate> and
  // <ManageCookiesButton> from a server component, such as the root layout; they run in the browser.
  ...subpath('src/react/index.ts', 'react', { external: [/^react($|\/)/], overNpmEntry: true, banner: "'use client';" }),
  ...subpath('src/vue/index.ts', 'vue', { external: ['vue'], overNpmEntry: true }),
  // nexus-consent/markup and nexus-consent/vite: the server and build side (Node, edge
  // runtimes with node:stream), and the `nexus-consent` command (dist/cli.mjs, ES module
  // only: it awaits at top level). Built together so the three share one chunk; never in a
  // script-tag build.
  {
    input: { markup: 'src/markup/index.ts', vite: 'src/markup/vite.ts', cli: 'src/markup/bin.ts' },
    external: markupExternal,
    output: { dir: 'dist', format: 'es', entryFileNames: '[name].mjs', chunkFileNames: 'markup-shared-[hash].mjs' },
    plugins: [ts()],
  },
  {
    input: { markup: 'src/markup/index.ts', vite: 'src/markup/vite.ts' },
    external: markupExternal,
    output: { dir: 'dist', format: 'cjs', entryFileNames: '[name].cjs', chunkFileNames: 'markup-shared-[hash].cjs' },
    plugins: [ts()],
  },
  ...['markup', 'vite'].map((name) => ({
    input: name === 'markup' ? 'src/markup/index.ts' : 'src/markup/vite.ts',
    external: markupExternal,
    output: declarations(name),
    plugins: [dts({ tsconfig: './tsconfig.json' })],
  })),
  // nexus-consent/server and `nexus-consent-server`: the consent-log receiver (Node, edge
  // runtimes). The command is an ES module only (it awaits at top level); the entry is
  // built for `require` too below: its peers (Hono, @hono/node-server, valibot, pg,
  // PGlite) all ship CommonJS, and PGlite and pg are loaded with `import()`, which
  // CommonJS has as well.
  {
    input: { server: 'src/server/index.ts', 'consent-server': 'src/server/bin.ts' },
    external: serverExternal,
    output: { dir: 'dist', format: 'es', entryFileNames: '[name].mjs', chunkFileNames: 'server-shared-[hash].mjs' },
    plugins: [ts()],
  },
  {
    input: { server: 'src/server/index.ts' },
    external: serverExternal,
    output: { dir: 'dist', format: 'cjs', entryFileNames: '[name].cjs', chunkFileNames: 'server-shared-[hash].cjs' },
    plugins: [ts()],
  },
  {
    input: 'src/server/index.ts',
    external: serverExternal,
    output: declarations('server'),
    plugins: [dts({ tsconfig: './tsconfig.json' })],
  },
];
