/**
 * Issue #5: after a decision the floating button reopens the preferences, and
 * the dialog "returns focus where it came from on close". Closing the dialog
 * opened from the button (Escape or ×, no decision) used to leave the button
 * hidden until the next page and focus on <body>.
 */
import type { Page } from 'playwright/test';
import { banner, consentCookie, expect, preferences, test } from '../support/test.js';

const focused = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement?.shadowRoot?.activeElement ?? document.activeElement;
    return el ? `${el.localName}:${(el.getAttribute('aria-label') ?? el.textContent)?.trim()}` : null;
  });

test('returning visitor: floating button by keyboard, Escape returns focus to it', async ({ page, context }) => {
  await page.goto('/csp.html');
  await banner(page).acceptAll();
  await expect.poll(() => consentCookie(context)).toBeDefined();
  await page.reload();
  const fab = page.getByRole('button', { name: 'Gérer les cookies' });
  await expect(fab).toBeVisible();
  await fab.focus();
  await page.keyboard.press('Enter');
  await expect(preferences(page).dialog).toBeVisible();
  expect(await focused(page)).not.toBe('body:');
  await page.keyboard.press('Escape');
  await expect(preferences(page).dialog).toBeHidden();
  expect(await focused(page)).toBe('button:Gérer les cookies');
});

test('returning visitor: close button returns focus to the floating button', async ({ page, context }) => {
  await page.goto('/csp.html');
  await banner(page).acceptAll();
  await expect.poll(() => consentCookie(context)).toBeDefined();
  await page.reload();
  const fab = page.getByRole('button', { name: 'Gérer les cookies' });
  await fab.focus();
  await page.keyboard.press('Enter');
  await expect(preferences(page).dialog).toBeVisible();
  await preferences(page).dialog.getByRole('button', { name: 'Fermer' }).click();
  await expect(preferences(page).dialog).toBeHidden();
  expect(await focused(page)).toBe('button:Gérer les cookies');
});

test('after a decision, closing the dialog (Escape or ×) leaves the floating button there to reopen it', async ({ page }) => {
  await page.goto('/csp.html');
  await banner(page).acceptAll();
  const fab = page.getByRole('button', { name: 'Gérer les cookies' });
  await fab.click();
  await expect(preferences(page).dialog).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(preferences(page).dialog).toBeHidden();
  await expect(fab).toBeVisible();
  await fab.click();
  await expect(preferences(page).dialog).toBeVisible();
  await preferences(page).dialog.getByRole('button', { name: 'Fermer' }).click();
  await expect(preferences(page).dialog).toBeHidden();
  await expect(fab).toBeVisible();
});

test('first visit: the preferences opened from a data-nexus-consent-open link and closed leave the banner, and no floating button', async ({ page, context }) => {
  await page.goto('/csp.html');
  await expect(banner(page).region).toBeVisible();
  await page.getByRole('link', { name: 'Gérer les cookies' }).click();
  await expect(preferences(page).dialog).toBeVisible();
  await expect(page.getByRole('button', { name: 'Gérer les cookies' })).toHaveCount(0);
  await page.keyboard.press('Escape');
  await expect(preferences(page).dialog).toBeHidden();
  await expect(banner(page).region).toBeVisible();
  await expect(page.getByRole('button', { name: 'Gérer les cookies' })).toHaveCount(0);
  expect(await consentCookie(context)).toBeUndefined();
  // A decision from the banner after that shows the button.
  await banner(page).rejectAll();
  await expect(page.getByRole('button', { name: 'Gérer les cookies' })).toBeVisible();
});
