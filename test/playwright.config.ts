import { defineConfig } from 'playwright/test';
import { CHROMIUM_ARGS, HOW_TO_GET_ONE, findChromium } from '../scripts/find-chromium.mjs';

const executablePath = findChromium();
if (!executablePath) throw new Error(HOW_TO_GET_ONE);

export const PORT = Number(process.env.TEST_PORT ?? 4391);
export const DEMO_PORT = PORT + 1;
export const SPA_PORT = PORT + 2;
// PORT + 3 is the example site's own suite (examples/playwright).
export const MARKUP_PORT = PORT + 4;
// PORT + 5 and + 6 are the consent-log receivers of consent-log.spec.ts, PORT + 7 the
// consent-log example's server (consent-log-example.spec.ts).
// The React and Vue examples (examples/react, examples/vue), as Vite built them.
export const REACT_PORT = PORT + 8;
export const VUE_PORT = PORT + 9;

// Browser tests: real Chromium, pages served from test/fixtures on localhost,
// every other host answered by Playwright routing (test/support/network.ts).
export default defineConfig({
  testDir: 'e2e',
  globalSetup: './support/global-setup.ts',
  fullyParallel: true,
  // Two cores: one worker per core keeps both busy without starving the server.
  workers: process.env.CI ? 2 : 2,
  retries: 0,
  reporter: [['list']],
  timeout: 30_000,
  use: {
    baseURL: `http://localhost:${PORT}`,
    browserName: 'chromium',
    launchOptions: { executablePath, args: CHROMIUM_ARGS },
    locale: 'fr-FR',
  },
  webServer: [
    {
      command: `node scripts/serve.mjs test/fixtures --port ${PORT}`,
      cwd: '..',
      url: `http://localhost:${PORT}/`,
      reuseExistingServer: false,
      stdout: 'ignore',
    },
    // The demo site of `npm start`, tested as it ships (through the markup step).
    {
      command: `node scripts/serve.mjs examples/script-tag --port ${PORT + 1} --markup`,
      cwd: '..',
      url: `http://localhost:${PORT + 1}/`,
      reuseExistingServer: false,
      stdout: 'ignore',
    },
    // The single-page app example as Vite built it; --spa answers its client-side routes
    // (/offres…) with index.html, so a reload on one works. Web servers start before the
    // global setup builds the app, so wait for the port, not for a page that may not exist yet.
    {
      command: `node scripts/serve.mjs examples/spa/dist --port ${PORT + 2} --spa`,
      cwd: '..',
      port: PORT + 2,
      reuseExistingServer: false,
      stdout: 'ignore',
    },
    // The React and Vue examples as Vite built (and prerendered) them in the global setup; like
    // the single-page app, the port is what to wait for.
    ...(
      [
        ['react', REACT_PORT],
        ['vue', VUE_PORT],
      ] as const
    ).map(([name, port]) => ({
      command: `node scripts/serve.mjs examples/${name}/dist --port ${port}`,
      cwd: '..',
      port,
      reuseExistingServer: false,
      stdout: 'ignore' as const,
    })),
    // The test pages again, every HTML page through the markup step's middleware (issue #13).
    {
      command: `node scripts/serve.mjs test/fixtures --port ${MARKUP_PORT} --markup`,
      cwd: '..',
      url: `http://localhost:${MARKUP_PORT}/`,
      reuseExistingServer: false,
      stdout: 'ignore',
    },
  ],
});
