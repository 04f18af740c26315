/**
 * Issue #5: WCAG 2.2 AA. axe-core on the banner and the preference centre in
 * every built-in language and theme and every layout; 320 px without
 * horizontal scroll; right-to-left; reduced motion; focus never hidden.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright/test';
import { expect, test } from '../support/test.js';

const LANGUAGES = ['fr', 'en', 'de', 'es', 'it', 'nl'] as const;
const THEMES = ['light', 'dark'] as const;
const LAYOUTS = ['bar', 'bar-top', 'box', 'modal'] as const;
const url = (page: string, lang: string, config: object) => `/${page}?lang=${lang}&config=${encodeURIComponent(JSON.stringify(config))}`;

async function axeViolations(page: Page) {
  const results = await new AxeBuilder({ page }).include('[data-nexus-consent]').withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
  return results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

const banner = (page: Page) => page.locator('[data-nexus-consent]').locator('[data-nc-view="banner"]');
const dialog = (page: Page) => page.locator('[data-nexus-consent]').locator('dialog');

for (const theme of THEMES) for (const lang of LANGUAGES) {
  test(`axe: no violation in the banner and the preference centre, ${lang}, ${theme} theme`, async ({ page }) => {
    const report: Record<string, string[]> = {};
    {
      await page.goto(url('ui-full.html', lang, { theme }));
      await expect(banner(page)).toBeVisible();
      await expect(banner(page)).toHaveAttribute('lang', lang);
      report[`${lang} banner`] = await axeViolations(page);
      await page.evaluate(() => (window as any).NexusConsent.showPreferences());
      await expect(dialog(page)).toBeVisible();
      await dialog(page).locator('summary').first().click();
      report[`${lang} dialog`] = await axeViolations(page);
    }
    console.log(`  axe (${lang}, ${theme}): ${Object.entries(report).map(([view, v]) => `${view} ${v.length}`).join(', ')}`);
    expect(report).toEqual(Object.fromEntries(Object.keys(report).map((k) => [k, []])));
  });
}

test('axe: every layout, and the floating button, without violation; 320 px wide without horizontal scroll', async ({ page }) => {
  test.setTimeout(90_000);
  const report: Record<string, string[]> = {};
  for (const layout of LAYOUTS) {
    for (const width of [1280, 320]) {
      await page.setViewportSize({ width, height: 640 });
      await page.goto(url('ui.html', 'fr', { layout }));
      await expect(banner(page)).toBeVisible();
      report[`${layout} ${width}`] = await axeViolations(page);
      const box = (await banner(page).boundingBox())!;
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(width);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
      if (width === 320) {
        await page.evaluate(() => (window as any).NexusConsent.showPreferences());
        const d = (await dialog(page).boundingBox())!;
        expect(d.x).toBeGreaterThanOrEqual(0);
        expect(d.x + d.width).toBeLessThanOrEqual(width);
        await page.keyboard.press('Escape');
      }
    }
  }
  await page.evaluate(() => (window as any).NexusConsent.rejectAll());
  await expect(page.getByRole('button', { name: 'Gérer les cookies' })).toBeVisible();
  report['floating button'] = await axeViolations(page);
  expect(report).toEqual(Object.fromEntries(Object.keys(report).map((k) => [k, []])));
});

test('the axe check sees inside the shadow root: an unlabelled control there is reported', async ({ page }) => {
  await page.goto('/ui.html');
  await expect(banner(page)).toBeVisible();
  await page.evaluate(() => {
    const input = document.createElement('input');
    input.type = 'checkbox';
    document.querySelector('[data-nexus-consent]')!.shadowRoot!.querySelector('.nc-banner')!.append(input);
  });
  expect((await axeViolations(page)).join()).toContain('label');
});

test('right to left: a language the site adds in Arabic lays out mirrored', async ({ page }) => {
  const ar = { bannerLabel: 'إدارة ملفات تعريف الارتباط', bannerTitle: 'اختياراتك', acceptAll: 'قبول الكل', rejectAll: 'رفض الكل', customise: 'تخصيص' };
  await page.goto(url('ui.html', 'ar', { texts: { ar } }));
  const region = page.getByRole('region', { name: ar.bannerLabel });
  await expect(region).toBeVisible();
  await expect(region).toHaveAttribute('dir', 'rtl');
  // Strings the site left out come from English.
  await expect(region.getByRole('button', { name: 'Continue without accepting' })).toBeVisible();
  const x = async (name: string) => (await region.getByRole('button', { name }).boundingBox())!.x;
  // The first action stands rightmost.
  expect(await x(ar.acceptAll)).toBeGreaterThan(await x(ar.rejectAll));
  expect(await x(ar.rejectAll)).toBeGreaterThan(await x(ar.customise));
  expect(await axeViolations(page)).toEqual([]);
});

test('left to right needs no dir attribute: the UI is ltr even on a right-to-left page, and adds none to the document', async ({ page }) => {
  // A dir attribute anywhere makes Chromium slower at every insertion in the page (bench/chromium-quirks.mjs).
  const dirs = () => page.evaluate(() => {
    const root = document.querySelector('[data-nexus-consent]')!.shadowRoot!;
    return [...document.querySelectorAll('[dir]'), ...root.querySelectorAll('[dir]')].map((e) => e.localName);
  });
  await page.goto(url('ui.html', 'fr', {}));
  await expect(banner(page)).toBeVisible();
  await page.evaluate(() => (window as any).NexusConsent.showPreferences());
  await expect(dialog(page)).toBeVisible();
  expect(await dirs()).toEqual([]);
  await page.evaluate(() => { document.documentElement.dir = 'rtl'; });
  expect(await banner(page).evaluate((e) => getComputedStyle(e).direction)).toBe('ltr');
  expect(await dialog(page).evaluate((e) => getComputedStyle(e).direction)).toBe('ltr');
});

test('no motion under prefers-reduced-motion, and none anyway', async ({ browser }) => {
  for (const reducedMotion of ['reduce', 'no-preference'] as const) {
    const context = await browser.newContext({ reducedMotion });
    const page = await context.newPage();
    await page.route(/^(?!http:\/\/localhost)/, (route) => route.abort());
    await page.goto(`${test.info().project.use.baseURL}/ui.html`);
    await expect(banner(page)).toBeVisible();
    await page.evaluate(() => (window as any).NexusConsent.showPreferences());
    expect(await page.evaluate(() => document.querySelector('[data-nexus-consent]')!.shadowRoot!.getAnimations().length)).toBe(0);
    await context.close();
  }
});

test('the room left after the page is the banner’s height, also once a narrower window makes it wrap', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 700 });
  await page.goto('/ui.html');
  await expect(banner(page)).toBeVisible();
  const heights = () =>
    page.evaluate(() => {
      const bar = document.querySelector('[data-nexus-consent]')!.shadowRoot!.querySelector('[data-nc-view="banner"]')!;
      const spacer = document.querySelector('[data-nexus-consent-spacer]');
      return { banner: Math.ceil(bar.getBoundingClientRect().height), spacer: spacer ? spacer.getBoundingClientRect().height : -1, last: document.body.lastElementChild === spacer };
    });
  const matches = async () => {
    const h = await heights();
    return h.last && h.banner > 0 && h.spacer === h.banner;
  };
  await expect.poll(matches).toBe(true);
  const wide = await heights();
  await page.setViewportSize({ width: 360, height: 700 });
  await expect.poll(async () => (await heights()).banner).toBeGreaterThan(wide.banner);
  await expect.poll(matches).toBe(true);
  await banner(page).getByRole('button', { name: 'Tout refuser' }).click();
  await expect.poll(async () => (await heights()).spacer).toBe(-1);
});

test('focus is never hidden behind the banner (WCAG 2.4.11)', async ({ page }) => {
  await page.setViewportSize({ width: 800, height: 500 });
  await page.goto('/ui.html');
  await expect(banner(page)).toBeVisible();
  // A long page: tab to the footer link, which the browser scrolls into view.
  await page.evaluate(() => {
    const filler = document.createElement('div');
    filler.textContent = 'contenu';
    filler.style.height = '2000px';
    document.querySelector('main')!.append(filler);
  });
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  for (let i = 0; i < 12 && !(await page.evaluate(() => document.activeElement?.textContent === 'Gérer les cookies')); i++) await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: 'Gérer les cookies' })).toBeFocused();
  const bar = (await banner(page).boundingBox())!;
  await expect.poll(async () => {
    const link = (await page.getByRole('link', { name: 'Gérer les cookies' }).boundingBox())!;
    return link.y + link.height <= bar.y;
  }).toBe(true);
});
