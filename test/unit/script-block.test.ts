/**
 * The script-tag builds are one top-level block, `"use strict";{…}`, not an
 * IIFE (issue #15: V8 re-parses every bundle-sized frame on the stack for
 * source positions; a block is one such frame, an IIFE two). In a strict
 * block `let`, `const`, `class` and functions stay local; a `var` outside a
 * function would become a property of the page's window. Run after
 * `npm run build` (the build runs the same check).
 */
import { existsSync, readFileSync } from 'node:fs';
import { parseAst } from 'rollup/parseAst';
import { describe, expect, it } from 'vitest';
import { assertScriptBlock } from '../../scripts/script-block.mjs';

const check = (code: string) => assertScriptBlock(parseAst(code), 'test.js');

describe('script-tag builds as a top-level block', () => {
  it('the UI file carries the compile hint too (nearly all of it runs as the banner opens)', () => {
    const file = new URL('../../dist/nexus-consent.ui.min.js', import.meta.url);
    expect(readFileSync(file, 'utf8').startsWith('//# allFunctionsCalledOnLoad\n')).toBe(true);
  });

  for (const name of ['nexus-consent.min.js', 'nexus-consent.full.min.js']) {
    it(`dist/${name} is "use strict";{…} with no var outside a function`, () => {
      const file = new URL(`../../dist/${name}`, import.meta.url);
      expect(existsSync(file), 'dist/ is missing: run `npm run build` first').toBe(true);
      const code = readFileSync(file, 'utf8');
      // V8's compile hint first (rollup.config.mjs), then the data's attribution.
      expect(code.startsWith('//# allFunctionsCalledOnLoad\n/*! Data:')).toBe(true);
      expect(() => check(code)).not.toThrow();
    });
  }

  it('the check refuses what would leak to the global scope', () => {
    expect(() => check('"use strict";{let a=1;function f(){var b=a}f()}')).not.toThrow();
    expect(() => check('"use strict";{for(var i=0;i<1;i++);}')).toThrow(/top-level var \(i\)/);
    expect(() => check('"use strict";{if(1){var a=1}}')).toThrow(/top-level var \(a\)/);
    expect(() => check('{let a=1}')).toThrow(/"use strict"/);
    expect(() => check('!function(){"use strict"}()')).toThrow(/"use strict"/);
    expect(() => check('"use strict";{let a}let b')).toThrow(/"use strict"/);
  });
});
