/**
 * The example site's own Playwright suite, as a site team would set it up:
 * its pages served locally, every other host answered by routing (see
 * site.spec.ts), Chromium found the way the SDK's tests find it.
 */
import { defineConfig } from 'playwright/test';
import { CHROMIUM_ARGS, HOW_TO_GET_ONE, findChromium } from '../../scripts/find-chromium.mjs';

const executablePath = findChromium();
if (!executablePath) throw new Error(HOW_TO_GET_ONE);

// 4391 to 4393 are the SDK's own test servers.
const PORT = Number(process.env.TEST_PORT ?? 4391) + 3;

export default defineConfig({
  testDir: '.',
  testMatch: '*.spec.ts',
  fullyParallel: true,
  workers: 2,
  retries: 0,
  reporter: [['list']],
  timeout: 30_000,
  use: {
    baseURL: `http://localhost:${PORT}`,
    browserName: 'chromium',
    launchOptions: { executablePath, args: CHROMIUM_ARGS },
  },
  webServer: {
    command: `node scripts/serve.mjs examples/playwright/site --port ${PORT}`,
    cwd: '../..',
    url: `http://localhost:${PORT}/`,
    reuseExistingServer: false,
    stdout: 'ignore',
  },
});
