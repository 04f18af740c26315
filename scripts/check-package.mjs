#!/usr/bin/env node
// `npm run test:package`: the package as npm would publish it, checked the way a
// user's tools will meet it. Run after `npm run build`.
//   1. `npm pack` into a temporary folder: exactly the files `files` lets through.
//   2. publint --strict on the tarball: every path `exports`, `main`, `types`, `bin`
//      names is in it, formats match extensions, conditions are in a working order.
//   3. attw (Are The Types Wrong) on the tarball: every module entry resolves, with
//      types, under node10, node16 from CommonJS and from ESM, and bundler resolution.
//   4. Each entry, unpacked beside this repository's node_modules, is loaded for real
//      with `require()` and with `import()` (attw reads declarations, not code).
// Exits non-zero on the first problem.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const bin = (name) => join(root, 'node_modules', '.bin', name);
const run = (command, args, options = {}) => {
  try {
    execFileSync(command, args, { cwd: root, stdio: 'inherit', ...options });
  } catch {
    // The tool said what is wrong, above.
    console.error(`package check failed: ${[command, ...args].map((a) => a.replace(root, '.')).join(' ')}`);
    process.exit(1);
  }
};

// Files served to browsers by URL, never imported as modules: the script-tag builds
// (classic scripts), the UI and consent-log files they load from beside themselves, and
// the details JSON fetched by `serviceDetails: '<url>'`. They have no types to resolve,
// and node10 (which ignores `exports`) cannot reach them: attw would report both.
const ASSETS = Object.keys(pkg.exports).filter((entry) => typeof pkg.exports[entry] === 'string' && entry !== './package.json');

const dir = mkdtempSync(join(tmpdir(), 'nexus-consent-pack-'));
try {
  const [{ filename }] = JSON.parse(execFileSync('npm', ['pack', '--json', '--silent', '--pack-destination', dir], { cwd: root, encoding: 'utf8' }));
  const tarball = join(dir, filename);

  run(bin('publint'), ['run', tarball, '--strict']);
  run(bin('attw'), [tarball, '--format', 'table-flipped', '--no-emoji', '--exclude-entrypoints', ...ASSETS]);

  // Unpacked where Node finds this repository's dependencies (and the optional peers) above it.
  const site = join(root, 'node_modules', '.cache', 'package-check');
  rmSync(site, { recursive: true, force: true });
  mkdirSync(join(site, 'node_modules', pkg.name), { recursive: true });
  run('tar', ['-xzf', tarball, '-C', join(site, 'node_modules', pkg.name), '--strip-components=1']);
  // Entries with side effects on import need a browser (`auto` installs the blocker on `window`).
  const modules = Object.keys(pkg.exports).filter((entry) => typeof pkg.exports[entry] === 'object' && entry !== './auto');
  const specifiers = modules.map((entry) => (entry === '.' ? pkg.name : `${pkg.name}/${entry.slice(2)}`));
  writeFileSync(
    join(site, 'load.cjs'),
    `for (const s of ${JSON.stringify(specifiers)}) { const m = require(s); if (typeof m !== 'object') throw new Error(s); }\nconsole.log('require(): ' + ${specifiers.length} + ' entries load');\n`,
  );
  writeFileSync(
    join(site, 'load.mjs'),
    `for (const s of ${JSON.stringify(specifiers)}) { const m = await import(s); if (typeof m !== 'object') throw new Error(s); }\nconsole.log('import(): ' + ${specifiers.length} + ' entries load');\n`,
  );
  run(process.execPath, ['load.cjs'], { cwd: site });
  run(process.execPath, ['load.mjs'], { cwd: site });
  rmSync(site, { recursive: true, force: true });
  console.log(`package check: ${filename} clean (publint, attw, require and import of every module entry)`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
