/**
 * `npx nexus-consent markup 'dist/**\/*.html' [--config consent.config.js] [--check]`
 *
 * Rewrites the pages in place (a static site's build output), or with
 * `--check` changes nothing and exits 1 when a page has tracker tags that
 * would reach their hosts before consent (for CI). The config file is the
 * site's consent config (the object given to the page as
 * `window.NexusConsentConfig`), as the default export of an ES module, or JSON.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createMarkup } from './create-markup.js';
import { expandGlob } from './glob.js';
import type { MarkupOptions } from './markup-options.js';
import type { MarkedUpTag } from './report.js';

export interface CliIo {
  readonly cwd: string;
  readonly out: (line: string) => void;
  readonly err: (line: string) => void;
}

const USAGE = `Usage: nexus-consent markup <glob...> [--config <file>] [--check] [--no-sdk-check]

Marks tracker tags up in HTML files, in place, so that nothing reaches a tracker before consent.
  <glob>            files to rewrite, e.g. 'dist/**/*.html' (quote it)
  --config <file>   the site's consent config (rules, catalogues, categories…): an ES module's
                    default export, or JSON
  --check           change nothing; exit 1 if a page has tags that would leak before consent
  --no-sdk-check    no warning when a page has no script tag of the SDK (an SDK from a bundle)`;

/** Runs the CLI; resolves to the exit code. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === '-h') {
    io.out(USAGE);
    return command === undefined ? 2 : 0;
  }
  if (command !== 'markup') {
    io.err(`nexus-consent: unknown command "${command}"\n\n${USAGE}`);
    return 2;
  }
  const globs: string[] = [];
  let configPath: string | undefined;
  let check = false;
  let sdkCheck = true;
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i]!;
    if (arg === '--check') check = true;
    else if (arg === '--no-sdk-check') sdkCheck = false;
    else if (arg === '--config') configPath = rest[++i];
    else if (arg.startsWith('--config=')) configPath = arg.slice('--config='.length);
    else if (arg.startsWith('--')) {
      io.err(`nexus-consent: unknown option ${arg}\n\n${USAGE}`);
      return 2;
    } else globs.push(arg);
  }
  if (globs.length === 0 || (rest.includes('--config') && !configPath)) {
    io.err(USAGE);
    return 2;
  }

  let markup;
  try {
    const config = configPath === undefined ? {} : await loadConfig(resolve(io.cwd, configPath));
    markup = createMarkup({ ...config, ...(sdkCheck ? {} : { sdkScript: false }) });
  } catch (error) {
    io.err(`nexus-consent: ${error instanceof Error ? error.message : String(error)}`);
    return 2;
  }

  const files = [...new Set((await Promise.all(globs.map((g) => expandGlob(g, io.cwd)))).flat())];
  if (files.length === 0) {
    io.err(`nexus-consent: no file matches ${globs.join(' ')}`);
    return 2;
  }
  let leaking = 0;
  let changed = 0;
  let unread = 0;
  for (const file of files) {
    const name = relative(io.cwd, file) || file;
    const html = utf8(await readFile(file));
    if (html === undefined) {
      // Decoding it as UTF-8 would turn every other byte above 127 into U+FFFD, in place: left as it is.
      unread++;
      io.err(`${name}: not UTF-8 (a <meta charset> of another encoding?): left untouched and not checked; convert it to UTF-8, or mark its tags up by hand`);
      continue;
    }
    const { html: out, report } = markup.rewrite(html);
    for (const warning of report.warnings) io.err(`${name}: warning: ${warning.message}`);
    if (report.rewritten.length === 0) continue;
    if (check) {
      leaking++;
      io.out(`${name}: ${report.rewritten.length} tag${report.rewritten.length > 1 ? 's' : ''} would reach a tracker before consent`);
    } else {
      changed++;
      await writeFile(file, out);
      io.out(`${name}: ${report.rewritten.length} tag${report.rewritten.length > 1 ? 's' : ''} marked up`);
    }
    for (const tag of report.rewritten) io.out(`  ${describe(name, tag)}`);
  }
  if (unread > 0) io.err(`nexus-consent: ${unread} of ${files.length} page(s) not UTF-8, neither checked nor rewritten`);
  if (check) {
    io.out(leaking === 0 ? `nexus-consent: ${files.length} page(s) checked, no tag reaches a tracker before consent` : `nexus-consent: ${leaking} of ${files.length} page(s) leak; run without --check to mark them up`);
    return leaking === 0 && unread === 0 ? 0 : 1;
  }
  io.out(`nexus-consent: ${changed} of ${files.length} page(s) rewritten`);
  return unread === 0 ? 0 : 1;
}

/** The file as text if it is UTF-8 (a byte order mark kept), else undefined. */
function utf8(bytes: Uint8Array): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

function describe(file: string, tag: MarkedUpTag): string {
  const what = tag.inline ? 'inline <script> loading' : `<${tag.tag}>`;
  return `${file}:${tag.line} ${tag.noscript ? '(noscript) ' : ''}${what} ${tag.url} — ${tag.vendor} ${tag.service}, ${tag.category}`;
}

async function loadConfig(path: string): Promise<MarkupOptions> {
  if (path.endsWith('.json')) return JSON.parse(await readFile(path, 'utf8')) as MarkupOptions;
  const module = (await import(pathToFileURL(path).href)) as { default?: unknown; config?: unknown };
  const config = module.default ?? module.config;
  if (typeof config !== 'object' || config === null) throw new Error(`${path}: no config object as its default export`);
  return config as MarkupOptions;
}
