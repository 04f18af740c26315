// Builds every published file from src/:
//   dist/nexus-consent.min.js  for a <script> tag: the core (dependencies inlined, minified), one top-level block
//   dist/nexus-consent.ui.min.js  the UI it loads on demand (ES module, CSS and texts inlined)
//   dist/index.mjs, index.cjs  npm entry (dependencies stay external)
//   dist/index.d.ts            bundled type declarations
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

/** A self-contained sub-path export: dist/<name>.mjs, .cjs and .d.ts. */
function subpath(input, name, { external = [], plugins = [] } = {}) {
  return [
    {
      input,
      external,
      output: [
        { file: `dist/${name}.mjs`, format: 'es' },
        { file: `dist/${name}.cjs`, format: 'cjs' },
      ],
      plugins: [ts(), ...plugins],
    },
    { input, external, output: { file: `dist/${name}.d.ts`, format: 'es' }, plugins: [dts({ tsconfig: './tsconfig.json' })] },
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
const terserOptions = { ecma: 2020, compress: { passes: 2 }, format: { comments: /^!/ } };
const ATTRIBUTION =
  '/*! Data: Open Cookie Database (Apache-2.0, modified), third-party-web (MIT); see NOTICE */';
const external = ['js-cookie', 'nanoid'];

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
        format: { ...terserOptions.format, preamble: `${ATTRIBUTION}\n"use strict";{` },
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
    output: { file: 'dist/nexus-consent.ui.min.js', format: 'es', plugins: [terser({ ...terserOptions, module: true })] },
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
    output: { file: 'dist/index.d.ts', format: 'es' },
    plugins: [dts({ tsconfig: './tsconfig.json' })],
  },
  {
    input: 'src/auto.ts',
    output: { file: 'dist/auto.d.ts', format: 'es' },
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
  // Node, never in a page, so it is in no script-tag build.
  ...subpath('src/testing/index.ts', 'testing', { external: ['playwright'] }),
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
    output: { file: `dist/${name}.d.ts`, format: 'es' },
    plugins: [dts({ tsconfig: './tsconfig.json' })],
  })),
  // nexus-consent/server and `nexus-consent-server`: the consent-log receiver (Node, edge
  // runtimes), ES modules only (PGlite and Hono are ES modules; the command awaits at top level).
  {
    input: { server: 'src/server/index.ts', 'consent-server': 'src/server/bin.ts' },
    external: serverExternal,
    output: { dir: 'dist', format: 'es', entryFileNames: '[name].mjs', chunkFileNames: 'server-shared-[hash].mjs' },
    plugins: [ts()],
  },
  {
    input: 'src/server/index.ts',
    external: serverExternal,
    output: { file: 'dist/server.d.ts', format: 'es' },
    plugins: [dts({ tsconfig: './tsconfig.json' })],
  },
];
