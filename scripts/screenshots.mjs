#!/usr/bin/env node
// npm run screenshots: PNGs of the banner (every layout) and the preference
// centre, in every theme and built-in language, at 375 px and 1280 px wide, for
// review by eye (never pixel-compared in tests). Written to screenshots/.
//   node scripts/screenshots.mjs [--lang fr,en] [--out screenshots]
import { mkdirSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { launchChromium } from '../bench/browser.mjs';
import { startServer } from './serve.mjs';

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : fallback;
};
const LANGUAGES = option('lang', 'fr,en,de,es,it,nl').split(',');
const THEMES = ['light', 'dark'];
const LAYOUTS = ['bar', 'bar-top', 'box', 'modal'];
const WIDTHS = [375, 1280];
const out = resolve(option('out', 'screenshots'));

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
const server = await startServer({ root: 'test/fixtures' });
const base = `http://127.0.0.1:${server.address().port}`;
const browser = await launchChromium();
let count = 0;
try {
  for (const theme of THEMES) {
    // The page behind the UI follows the same scheme, as a real site would.
    const context = await browser.newContext({ colorScheme: theme });
    await context.route(/^https?:\/\/(?!127\.0\.0\.1)/, (route) => route.abort());
    const page = await context.newPage();
    for (const lang of LANGUAGES) {
      for (const width of WIDTHS) {
        await page.setViewportSize({ width, height: width < 600 ? 740 : 800 });
        for (const layout of LAYOUTS) {
          const config = encodeURIComponent(JSON.stringify({ theme, layout }));
          await page.goto(`${base}/ui-full.html?lang=${lang}&config=${config}`);
          await page.locator('[data-nexus-consent] [data-nc-view="banner"]').waitFor();
          await page.screenshot({ path: `${out}/banner-${layout}-${theme}-${lang}-${width}.png` });
          count++;
        }
        await page.evaluate(() => window.NexusConsent.showPreferences());
        await page.locator('[data-nexus-consent] dialog summary').first().click();
        await page.screenshot({ path: `${out}/preferences-${theme}-${lang}-${width}.png` });
        count++;
      }
    }
    await context.close();
  }
} finally {
  await browser.close();
  server.close();
}
console.log(`${count} screenshots in ${out}/`);
