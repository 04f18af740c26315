#!/usr/bin/env node
// `npm run test:nextjs`: the Next.js example (examples/nextjs), installed, built and tested in
// Chromium as a site that installed nexus-consent would be. Not part of `npm test`: Next.js is a
// large install and a slow build for a two-core machine; .ci/run runs it after `npm test`.
//   1. the package's dist/ (built only when missing: `npm test` has just built it in CI);
//   2. the example's own dependencies, with nexus-consent copied from this repository as npm
//      packs it (examples/nextjs/.npmrc: install-links), the stale copy removed first;
//   3. `next build`, telemetry off, nothing fetched;
//   4. its Playwright suite against `next start` (examples/nextjs/playwright.config.ts).
// Prints how long each step took.
import { spawnSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const example = fileURLToPath(new URL('../examples/nextjs/', import.meta.url));
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: '1' };
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
const timings = [];

function step(name, command, args, cwd = root) {
  const started = performance.now();
  console.log(`\n[test:nextjs] ${name}: ${command} ${args.join(' ')}`);
  const { status, signal, error } = spawnSync(command, args, { cwd, env, stdio: 'inherit' });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  timings.push(`${name} ${seconds} s`);
  if (status !== 0) {
    console.error(`[test:nextjs] ${name} failed (${error?.message ?? signal ?? `exit code ${status}`}) after ${seconds} s`);
    process.exit(status || 1);
  }
}

const started = performance.now();
if (!existsSync(new URL('../dist/nexus-consent.min.js', import.meta.url))) step('package build', npm, ['run', 'build']);
// npm keeps an install-links copy whose version did not change: remove it so that this run
// installs the dist/ built now, not the one of an earlier run.
rmSync(join(example, 'node_modules', 'nexus-consent'), { recursive: true, force: true });
step('install', npm, ['install', '--prefix', 'examples/nextjs', '--no-audit', '--no-fund']);
step('next build', npm, ['run', 'build', '--prefix', 'examples/nextjs']);
step('browser tests', npx, ['playwright', 'test', '--config', 'examples/nextjs/playwright.config.ts']);
console.log(`\n[test:nextjs] ${timings.join(', ')}; total ${((performance.now() - started) / 1000).toFixed(1)} s`);
