#!/usr/bin/env node
// Finds a Chromium for Playwright, in this order:
//   1. $CHROMIUM_PATH (or $PLAYWRIGHT_CHROMIUM_EXECUTABLE_PATH), when set;
//   2. the browser `npx playwright install chromium` downloaded, when present;
//   3. the system's Chromium or Chrome.
// Run directly, it prints the path, or explains how to get a browser and exits 1.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const SYSTEM = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/snap/bin/chromium',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
];

/** Flags that keep Chromium quiet on a machine with no internet (and as root in containers). */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export const HOW_TO_GET_ONE = `No Chromium found for the browser tests. Any one of these works:
  - set CHROMIUM_PATH=/path/to/chromium (or chrome);
  - run: npx playwright install chromium   (needs access to Playwright's download host);
  - install the system package, e.g. on Debian/Ubuntu: sudo apt-get update && sudo apt-get install -y chromium`;

export function findChromium() {
  const fromEnv = process.env.CHROMIUM_PATH || process.env.PLAYWRIGHT_CHROMIUM_EXECUTABLE_PATH;
  if (fromEnv) {
    if (existsSync(fromEnv)) return fromEnv;
    throw new Error(`CHROMIUM_PATH is set to ${fromEnv}, but no file is there.`);
  }
  try {
    const { chromium } = createRequire(import.meta.url)('playwright');
    const bundled = chromium.executablePath();
    if (bundled && existsSync(bundled)) return bundled;
  } catch {
    // playwright not installed yet, or no browser registry entry: try the system.
  }
  return SYSTEM.find((path) => existsSync(path));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  let path;
  try {
    path = findChromium();
  } catch (error) {
    console.error(error.message);
    process.exit(1);
  }
  if (!path) {
    console.error(HOW_TO_GET_ONE);
    process.exit(1);
  }
  console.log(path);
}
