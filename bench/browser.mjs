// Shared by the benchmarks: a headless Chromium found the same way as the tests.
import { chromium } from 'playwright';
import { CHROMIUM_ARGS, HOW_TO_GET_ONE, findChromium } from '../scripts/find-chromium.mjs';

export async function launchChromium() {
  const executablePath = findChromium();
  if (!executablePath) throw new Error(HOW_TO_GET_ONE);
  return chromium.launch({ executablePath, args: CHROMIUM_ARGS });
}

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
