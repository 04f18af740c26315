import { defineConfig } from 'vitest/config';

// The unit tests that exercise the pure core, for `npm run mutate`
// (stryker.config.mjs): each mutant runs against the tests covering it, and a
// mutant of a module-level constant against all of these, so the slow files
// that test other things (package files, size, the catalogue compiler) stay
// out. Otherwise as test/vitest.config.ts.
export default defineConfig({
  root: new URL('..', import.meta.url).pathname,
  test: {
    include: [
      'src/store/**/*.test.ts',
      'src/classifier/**/*.test.ts',
      'src/blocker/**/*.test.ts',
      'src/create-consent*.test.ts',
      'src/config/**/*.test.ts',
      'src/testing/consent-cookie.test.ts',
    ],
    environment: 'node',
  },
});
