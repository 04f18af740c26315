/** The demo site of `npm start` (examples/script-tag), tested as it ships. */
import { DEMO_PORT } from '../playwright.config.js';
import { banner, expect, otherCookies, preferences, test } from '../support/test.js';

const DEMO = `http://localhost:${DEMO_PORT}/`;
const log = (page: import('playwright/test').Page) => page.evaluate(() => (window as any).demoLog ?? []);

test('demo: nothing before a choice; one service on its own; the footer link and the floating button reopen the preferences', async ({ page, context }) => {
  await page.goto(DEMO);
  await expect(banner(page).region).toBeVisible();
  expect(await log(page)).toEqual([]);
  expect(await otherCookies(context)).toEqual([]);

  await banner(page).customise();
  const dialog = preferences(page).dialog;
  await dialog.locator('[data-category="personalisation"] summary').click();
  await dialog.getByRole('checkbox', { name: 'Lecteur vidéo' }).check();
  await preferences(page).save();
  // Only the video: the personalisation script of the same category stays inert.
  await expect(page.locator('iframe[title="Vidéo de présentation OpenJob"]')).toHaveAttribute('src', '/stand-ins/video.html');
  expect(await log(page)).toEqual([]);
  expect(await otherCookies(context)).toEqual([]);

  await page.getByRole('link', { name: 'Gérer les cookies' }).click();
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Tout accepter' }).click();
  await expect.poll(() => log(page)).toHaveLength(3);
  expect(await otherCookies(context)).toEqual(['_demo_ads_id', '_demo_analytics_id', 'openjob_pays', 'openjob_prenom']);

  await page.getByRole('button', { name: 'Gérer les cookies' }).click();
  await dialog.getByRole('button', { name: 'Tout refuser' }).click();
  expect(await otherCookies(context)).toEqual([]);
});
