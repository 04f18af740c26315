/**
 * The size budget is a test input (STYLE.md): the script-tag build, everything
 * included, stays within 34 KB gzip. (20 KB until issue #5: the preference
 * centre — services, their cookies, layouts, themes, focus handling — costs
 * about 3.5 KB; translations beyond French and English stay out. 24 KB until
 * issue #6: Google Consent Mode v2 and Global Privacy Control cost about
 * 1.1 KB, and the script tag is how Nexus Tech sites load Google tags. 34 KB
 * while issue #12 makes every path fail closed — sockets, workers, popups,
 * forms, other realms, HTML parsed as the browser parses it, Trusted Types, a
 * cookie that reads every duplicate, release re-checked at the last moment,
 * clear messages — until
 * issue #15 splits a small synchronous core from an on-demand UI.) Run after
 * `npm run build` (npm test does).
 */
import { existsSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';

const BUDGET = 34_000;
const file = new URL('../../dist/nexus-consent.min.js', import.meta.url);

describe('size budget', () => {
  it(`keeps dist/nexus-consent.min.js within ${BUDGET} bytes gzip -9`, () => {
    expect(existsSync(file), 'dist/ is missing: run `npm run build` first').toBe(true);
    const gzip = gzipSync(readFileSync(file), { level: 9 }).length;
    expect(gzip).toBeLessThanOrEqual(BUDGET);
  });
});
