/**
 * Issue #12 §7: "the README says what is true" — it named "only Node ≥ 20" while
 * a dev dependency declared a later Node (npm warns on install). The minimum the
 * README gives must satisfy every direct dependency's `engines.node`.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

// semver comes with the dev tools (no direct dependency, no types of its own here).
const semver = createRequire(import.meta.url)('semver') as {
  satisfies(version: string, range: string): boolean;
  coerce(version: string): { version: string } | null;
};
const repo = (path: string) => new URL(`../../${path}`, import.meta.url);
const readme = readFileSync(repo('README.md'), 'utf8');
const pkg = JSON.parse(readFileSync(repo('package.json'), 'utf8')) as {
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  engines?: { node?: string };
};

describe('README: the Node version it asks for', () => {
  const stated = /Only Node ≥ (\d+(?:\.\d+)*) is needed/.exec(readme)?.[1];
  it('is stated', () => expect(stated).toBeDefined());
  const minimum = semver.coerce(stated ?? '0')!.version;

  it('is what package.json declares (engines.node)', () => expect(pkg.engines?.node).toBe(`>=${stated}`));

  it.each(Object.keys({ ...pkg.dependencies, ...pkg.devDependencies }))('%s accepts it (engines.node)', (name) => {
    const engines = (JSON.parse(readFileSync(repo(`node_modules/${name}/package.json`), 'utf8')) as { engines?: { node?: string } }).engines?.node;
    if (!engines) return;
    expect(semver.satisfies(minimum, engines), `${name} declares node ${engines}; README says ${minimum}`).toBe(true);
  });
});
