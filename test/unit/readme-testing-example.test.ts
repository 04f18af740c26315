/**
 * The README's testing section shows the example site's suite, and that suite
 * is what `npm run test:examples` runs: the block and the file must be the
 * same text, so the README never shows code that does not run.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const read = (path: string) => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');

describe('README: Testing your site with Playwright', () => {
  it('shows examples/playwright/site.spec.ts verbatim', () => {
    const readme = read('README.md');
    const section = readme.slice(readme.indexOf('## Testing your site with Playwright'), readme.indexOf('## Development'));
    const blocks = [...section.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]);
    const example = blocks.find((block) => block!.startsWith('// examples/playwright/site.spec.ts'));
    expect(example, 'a ```ts block starting with "// examples/playwright/site.spec.ts"').toBeDefined();
    expect(example).toBe(read('examples/playwright/site.spec.ts'));
  });

  it('the example uses every helper of the kit, with no routing of its own', () => {
    const spec = read('examples/playwright/site.spec.ts');
    for (const helper of ['stubTrackers(', 'presetConsent(', 'consentBanner(', 'trackerRequests(', '.byService(', '.settled()', '.open()']) {
      expect(spec, helper).toContain(helper);
    }
    expect(spec).not.toMatch(/\.route\(|routeWebSocket/);
  });
});
