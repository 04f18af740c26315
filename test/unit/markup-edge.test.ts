/**
 * Issue #13: `nexus-consent/markup` is for "Node and edge runtimes", and its
 * `(Request, Response) => Response` transform "runs in Hono, Cloudflare Workers
 * and Next.js middleware-style handlers". Edge runtimes (Next.js/Vercel Edge,
 * Workers without nodejs_compat) have no `node:` modules, so the entry a site
 * imports there must not load one. Reads the built entry and the chunks it imports.
 */
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const dist = new URL('../../dist/', import.meta.url);

/** Every bare specifier in the module graph of `file` (relative imports followed). */
function bareImports(file: string, seen = new Set<string>()): string[] {
  if (seen.has(file)) return [];
  seen.add(file);
  const code = readFileSync(new URL(file, dist), 'utf8');
  const found: string[] = [];
  for (const [, spec] of code.matchAll(/(?:^|\n)\s*(?:import|export)\b[^'"]*?['"]([^'"]+)['"]/g)) {
    if (spec!.startsWith('./')) found.push(...bareImports(spec!.slice(2), seen));
    else found.push(spec!);
  }
  return found;
}

describe('nexus-consent/markup on an edge runtime', () => {
  it.skipIf(!existsSync(new URL('markup.mjs', dist)))('imports no node: built-in (createMarkupHandler, markUpTrackers)', () => {
    expect(bareImports('markup.mjs').filter((s) => s.startsWith('node:'))).toEqual([]);
  });
});
