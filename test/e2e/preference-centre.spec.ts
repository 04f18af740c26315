/**
 * Issue #5: the preference centre — choices per service, what each service is
 * and sets, "Continuer sans accepter", reopening and withdrawing, keyboard only.
 */
import type { Page } from 'playwright/test';
import { banner, consentCookie, expect, otherCookies, preferences, ran, test } from '../support/test.js';

const PAGE = '/preferences.html';
const withConfig = (config: object) => `${PAGE}?config=${encodeURIComponent(JSON.stringify(config))}`;
const sdk = <T>(page: Page, fn: string) => page.evaluate(`window.NexusConsent.${fn}`) as Promise<T>;

/** The category's checkbox state as assistive technology gets it: true, false or 'mixed'. */
const checkedState = (page: Page, name: string) =>
  page.getByRole('dialog').getByRole('checkbox', { name, exact: true }).evaluate((el: HTMLInputElement) => (el.indeterminate ? 'mixed' : el.checked));

test('one service of a category: Google Analytics yes, Hotjar no — the record, the blocker and isGranted agree', async ({ page, network }) => {
  await page.goto(PAGE);
  await page.waitForLoadState('load');
  // (The preload scanner may have fetched the pasted Hotjar tag; it never ran.)
  network.clear();
  await banner(page).customise();
  const dialog = preferences(page).dialog;
  await dialog.getByText('Partenaires (2)').click();
  const ga = dialog.getByRole('checkbox', { name: 'Google Analytics' });
  const hotjar = dialog.getByRole('checkbox', { name: 'Hotjar' });
  await expect(ga).not.toBeChecked();
  await expect(hotjar).not.toBeChecked();
  await ga.check();
  expect(await checkedState(page, 'Mesure d’audience')).toBe('mixed');
  // Announced as such: the accessibility tree says mixed.
  expect(await dialog.getByRole('checkbox', { name: 'Mesure d’audience' }).ariaSnapshot()).toContain('[checked=mixed]');
  await preferences(page).save();
  await expect(dialog).toBeHidden();

  await expect.poll(() => ran(page)).toContain('gtag');
  expect(await ran(page)).not.toContain('hotjar');
  expect(network.trackerUrls().some((u) => u.includes('hotjar'))).toBe(false);
  expect(await sdk(page, 'get().record')).toMatchObject({ method: 'custom', granted: ['necessary'], services: { 'google-analytics': true } });
  expect(await sdk(page, "isGranted({ service: 'google-analytics' })")).toBe(true);
  expect(await sdk(page, "isGranted({ service: 'hotjar' })")).toBe(false);
  expect(await sdk(page, "isGranted('analytics')")).toBe(false);
  expect(await otherCookies(page.context())).toEqual(['_ga', '_ga_NEXUS1']);

  // The next page keeps the choice: Google Analytics runs, Hotjar waits.
  network.clear();
  await page.reload();
  await expect.poll(() => ran(page)).toContain('gtag');
  expect(await ran(page)).not.toContain('hotjar');
  expect(network.trackerUrls().filter((u) => u.includes('hotjar'))).toEqual(
    // Only a preload-scanner fetch may escape; the script never runs.
    network.trackerUrls().filter((u) => u === 'https://static.hotjar.com/c/hotjar-3456789.js?sv=6'),
  );
});

test('each service shows its vendor, purpose, policy and the cookies it sets — including those found in the page', async ({ page }) => {
  await page.goto(PAGE);
  await banner(page).acceptAll();
  await expect.poll(() => ran(page)).toEqual(expect.arrayContaining(['gtag', 'hotjar']));
  await page.getByRole('button', { name: 'Paramétrer les cookies' }).click();
  const dialog = preferences(page).dialog;
  await expect(dialog).toBeVisible();
  // All on: the category is checked, not mixed.
  expect(await checkedState(page, 'Mesure d’audience')).toBe(true);
  await dialog.locator('[data-category="analytics"] summary').click();
  const ga = dialog.locator('[data-service="google-analytics"]');
  await expect(ga).toContainText('Google. Mesure de l’audience des pages.');
  await expect(ga.getByRole('link', { name: /Politique de confidentialité du partenaire \(Google\)/ })).toHaveAttribute('href', 'https://policies.google.com/privacy');
  const gaCookies = ga.getByRole('table', { name: 'Cookies déposés (Google Analytics)' });
  await expect(gaCookies.getByRole('row')).toHaveText([/Nom\s*Finalité\s*Durée/, /_ga\s*Distinguer les visiteurs\s*13 mois/, /_ga_\*\s*Conserver l’état de la session\s*13 mois/]);
  // Hotjar's cookie is not in the config: the scan of the page finds it.
  await expect(dialog.locator('[data-service="hotjar"]').getByRole('table')).toContainText('_hjSessionUser_3456789');
  // The YouTube embed was found by the catalogue: listed under its category, with its vendor.
  await dialog.locator('[data-category="advertising"] summary').click();
  await expect(dialog.locator('[data-service="youtube"]')).toContainText('Google.');
  await expect(dialog.getByRole('checkbox', { name: 'YouTube', exact: true })).toBeChecked();
});

test('switching a category switches its services; a service off makes it mixed; all off unchecks it', async ({ page }) => {
  await page.goto(PAGE);
  await banner(page).customise();
  const dialog = preferences(page).dialog;
  await dialog.locator('[data-category="analytics"] summary').click();
  await dialog.getByRole('checkbox', { name: 'Mesure d’audience' }).check();
  await expect(dialog.getByRole('checkbox', { name: 'Google Analytics' })).toBeChecked();
  await expect(dialog.getByRole('checkbox', { name: 'Hotjar' })).toBeChecked();
  await dialog.getByRole('checkbox', { name: 'Hotjar' }).uncheck();
  expect(await checkedState(page, 'Mesure d’audience')).toBe('mixed');
  await dialog.getByRole('checkbox', { name: 'Google Analytics' }).uncheck();
  expect(await checkedState(page, 'Mesure d’audience')).toBe(false);
});

test('"Continuer sans accepter" closes the banner as a refusal', async ({ page, context }) => {
  await page.goto(PAGE);
  await banner(page).region.getByRole('button', { name: 'Continuer sans accepter' }).click();
  await expect(banner(page).region).toBeHidden();
  expect(await sdk(page, 'get().record')).toMatchObject({ method: 'reject-all', granted: ['necessary'] });
  expect(await consentCookie(context)).toBeDefined();
  expect(await ran(page)).toEqual([]);
});

test('the floating button reopens the preferences; withdrawing takes as many clicks as accepting', async ({ page, context }) => {
  await page.goto(PAGE);
  const fab = page.getByRole('button', { name: 'Gérer les cookies' });
  await expect(fab).toHaveCount(0);
  await banner(page).acceptAll(); // one click to accept
  await expect(fab).toBeVisible();
  expect((await fab.boundingBox())!.x).toBeLessThan(100);
  await fab.click();
  await preferences(page).dialog.getByRole('button', { name: 'Tout refuser' }).click(); // two to withdraw, from any page
  await expect(preferences(page).dialog).toBeHidden();
  expect(await sdk(page, 'get().record.method')).toBe('reject-all');
  expect(await otherCookies(context)).toEqual([]);
  // Position is configurable, and it can be turned off.
  await page.goto(withConfig({ floatingButton: 'bottom-right' }));
  const box = (await fab.boundingBox())!;
  expect(box.x + box.width).toBeGreaterThan(page.viewportSize()!.width - 100);
  await page.goto(withConfig({ floatingButton: false }));
  await expect(banner(page).region).toBeHidden();
  await expect(fab).toHaveCount(0);
});

test('keyboard only: first visit to a custom choice, then back to withdrawal', async ({ page }) => {
  await page.goto(PAGE);
  // The banner comes with the UI file, loaded as the core starts: a visitor tabs once it is there.
  await expect(banner(page).region).toBeVisible();
  const focused = () =>
    page.evaluate(() => {
      const el = document.activeElement?.shadowRoot?.activeElement ?? document.activeElement;
      return el ? (el.getAttribute('aria-label') ?? (el as HTMLInputElement).labels?.[0]?.textContent ?? el.textContent)?.trim() : null;
    });
  const tabTo = async (name: string, max = 30) => {
    for (let i = 0; i < max; i++) {
      await page.keyboard.press('Tab');
      if ((await focused()) === name) return;
    }
    throw new Error(`Tab never reached "${name}"`);
  };
  await tabTo('Personnaliser', 5);
  await page.keyboard.press('Enter');
  await expect(preferences(page).dialog).toBeVisible();
  await tabTo('Mesure d’audience');
  await page.keyboard.press('Space');
  await tabTo('Enregistrer mes choix');
  // Tab wraps inside the dialog.
  await page.keyboard.press('Tab');
  expect(await focused()).toBe('Fermer');
  await page.keyboard.press('Shift+Tab');
  expect(await focused()).toBe('Enregistrer mes choix');
  await page.keyboard.press('Enter');
  await expect(preferences(page).dialog).toBeHidden();
  expect(await sdk(page, 'get().record.granted')).toEqual(['necessary', 'analytics']);
  await expect.poll(() => ran(page)).toEqual(expect.arrayContaining(['gtag', 'hotjar']));

  // Back to withdrawal: the floating button is first in the tab order.
  await page.keyboard.press('Tab');
  expect(await focused()).toBe('Gérer les cookies');
  await page.keyboard.press('Enter');
  await tabTo('Tout refuser');
  await page.keyboard.press('Enter');
  expect(await sdk(page, 'get().record.granted')).toEqual(['necessary']);
  expect(await otherCookies(page.context())).toEqual([]);
});

test('serviceDetails: a service the config does not fully describe gets its policy and each cookie’s purpose and lifetime from the catalogue', async ({ page }) => {
  const details = page.waitForResponse((response) => response.url().endsWith('/dist/nexus-consent.details.json'));
  await page.goto(withConfig({ serviceDetails: '/dist/nexus-consent.details.json' }));
  await banner(page).acceptAll();
  await expect.poll(() => ran(page)).toEqual(expect.arrayContaining(['hotjar']));
  expect((await details).ok()).toBe(true);
  await page.waitForLoadState('load');
  await sdk(page, 'showPreferences()');
  const dialog = preferences(page).dialog;
  await dialog.locator('[data-category="analytics"] summary').click();
  const hotjar = dialog.locator('[data-service="hotjar"]');
  // The config gave Hotjar a name and a description only: the rest comes from the details file.
  await expect(hotjar.getByRole('link', { name: /Politique de confidentialité du partenaire/ })).toHaveAttribute('href', 'https://www.hotjar.com/legal/policies/privacy/');
  const row = hotjar.getByRole('row').filter({ hasText: '_hjSessionUser_' });
  await expect(row).toHaveCount(1); // the cookie present in the page is covered by the catalogue's pattern, not listed twice
  const purpose = row.getByRole('cell').nth(1);
  await expect(purpose).not.toBeEmpty();
  await expect(purpose).toHaveAttribute('lang', 'en'); // English catalogue text in a French dialog, marked as such
  // Google Analytics' own cookies stay as the config words them (config wins).
  await expect(dialog.locator('[data-service="google-analytics"]').getByRole('row')).toHaveCount(3);
});

test('control: without serviceDetails, Hotjar has no policy link and only the cookie found in the page', async ({ page }) => {
  await page.goto(PAGE);
  await banner(page).acceptAll();
  await expect.poll(() => ran(page)).toEqual(expect.arrayContaining(['hotjar']));
  await sdk(page, 'showPreferences()');
  const dialog = preferences(page).dialog;
  await dialog.locator('[data-category="analytics"] summary').click();
  const hotjar = dialog.locator('[data-service="hotjar"]');
  await expect(hotjar.getByRole('link')).toHaveCount(0);
  await expect(hotjar.getByRole('row')).toHaveCount(2);
});
