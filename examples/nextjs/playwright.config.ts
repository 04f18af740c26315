/**
 * The Next.js example's browser tests (`npm run test:nextjs` at the repository root, which
 * installs and builds the app first): the production build served by `next start`, and the
 * development server for React's hydration checks that production builds leave out (attribute
 * mismatches are reported in development only). Real Chromium found as the SDK's own tests find
 * it; every other host answered by routing in e2e/network.ts. Nothing reaches the internet.
 */
import { defineConfig } from 'playwright/test';
import { CHROMIUM_ARGS, HOW_TO_GET_ONE, findChromium } from '../../scripts/find-chromium.mjs';

const executablePath = findChromium();
if (!executablePath) throw new Error(HOW_TO_GET_ONE);

// 4391 to 4395 are the SDK's own test servers and the other examples'.
const PORT = Number(process.env.TEST_PORT ?? 4391) + 10; // + 10 and + 11: clear of the root suites (test/playwright.config.ts)
const DEV_PORT = PORT + 1;
const env = { NEXT_TELEMETRY_DISABLED: '1' };

export default defineConfig({
  testDir: 'e2e',
  testMatch: '*.spec.ts',
  fullyParallel: true,
  workers: 2,
  retries: 0,
  reporter: [['list']],
  // Two shared cores, a Next.js server and a development server: slower than the SDK's own suites.
  timeout: 60_000,
  projects: [
    { name: 'production', testIgnore: 'development.spec.ts', use: { baseURL: `http://localhost:${PORT}` } },
    { name: 'development', testMatch: 'development.spec.ts', use: { baseURL: `http://localhost:${DEV_PORT}` } },
  ],
  use: {
    browserName: 'chromium',
    launchOptions: { executablePath, args: CHROMIUM_ARGS },
    locale: 'fr-FR',
  },
  webServer: [
    {
      // The build is the test script's job (scripts/test-nextjs.mjs): a missing one fails here.
      command: `npx --no-install next start --port ${PORT}`,
      url: `http://localhost:${PORT}/`,
      reuseExistingServer: false,
      stdout: 'ignore',
      env,
    },
    {
      // Its output goes to .next/dev, beside the production build. Waiting for "/" compiles the
      // page (about 45 s on a busy two-core machine) before the first test.
      command: `npx --no-install next dev --port ${DEV_PORT}`,
      url: `http://localhost:${DEV_PORT}/`,
      timeout: 240_000,
      reuseExistingServer: false,
      stdout: 'ignore',
      env,
    },
  ],
});
