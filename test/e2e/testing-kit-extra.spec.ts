/** Pins (true on main, untested before): presetConsent with a Page, and the kit on a returning visitor whose UI loads on demand (issues #6, #15). */
import { consentBanner, presetConsent } from '../../src/testing/index.js';
import { expect, test } from '../support/test.js';

test('presetConsent(page, …) before navigation: no banner, choices answered', async ({ page }) => {
  await presetConsent(page, { analytics: true, advertising: false });
  await page.goto('/marked-up.html');
  await page.waitForLoadState('load');
  await expect(consentBanner(page).banner).toBeHidden();
  expect(await page.evaluate(() => [(window as any).NexusConsent.isGranted('analytics'), (window as any).NexusConsent.isGranted('advertising')])).toEqual([true, false]);
});

test('consentBanner(page).open() then rejectAll() on a returning visitor (UI loaded on demand)', async ({ page, context }) => {
  await presetConsent(context, { analytics: true, advertising: true, personalisation: true });
  await page.goto('/no-trackers.html');
  const ui = consentBanner(page);
  await ui.open();
  await expect(ui.dialog).toBeVisible();
  await ui.rejectAll();
  expect(await page.evaluate(() => (window as any).NexusConsent.get().record.method)).toBe('reject-all');
});
