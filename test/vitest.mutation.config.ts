import { defineConfig } from 'vitest/config';

// The unit tests of the pure core, for `npm run mutate` (stryker.config.mjs):
// each mutant runs against the tests among these that cover it. The core must
// be proven by its own tests; those of the wiring and the interceptors (jsdom
// pages, seconds each) would multiply the run's time. Otherwise as
// test/vitest.config.ts.
export default defineConfig({
  root: new URL('..', import.meta.url).pathname,
  test: {
    include: [
      'src/store/**/*.test.ts',
      'src/classifier/**/*.test.ts',
      'src/blocker/should-block.test.ts',
      'src/blocker/withdraw.test.ts',
      'src/testing/consent-cookie.test.ts',
      'src/config/**/*.test.ts',
      'src/events/**/*.test.ts',
      'src/i18n/**/*.test.ts',
      'src/integrations/google-consent-mode.test.ts',
    ],
    environment: 'node',
  },
});
