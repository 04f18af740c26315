/** The script-tag build: configuration from the page, loaded twice, broken config, hostile strings. */
import { banner, expect, ran, test } from '../support/test.js';

test('data-* attributes configure it, and a second copy leaves one instance', async ({ page }) => {
  await page.goto('/script-attributes.html');
  const region = banner(page, 'Cookie consent').region;
  await expect(region).toBeVisible();
  await expect(region.getByRole('link', { name: 'Privacy policy' })).toHaveAttribute('href', '/confidentialite.html');
  expect(await page.evaluate(() => (window as any).__first === (window as any).NexusConsent)).toBe(true);
  expect(await page.locator('[data-nexus-consent]').count()).toBe(1);
  await banner(page, 'Cookie consent').acceptAll();
  expect(await page.evaluate(() => (window as any).NexusConsent.get().record.revision)).toBe(4);
  await expect.poll(() => ran(page)).toEqual(['gtag']);
});

test('a broken config names the bad field, shows nothing and grants nothing', async ({ page, network, consoleErrors }) => {
  await page.goto('/bad-config.html');
  await page.waitForLoadState('load');
  expect(consoleErrors).toEqual([
    'nexus-consent: config.validityMonths must be an integer from 1 to 13; got number 24 — trackers stay blocked and nothing can be granted until the configuration is fixed.',
  ]);
  expect(await page.locator('[data-nexus-consent]').count()).toBe(0);
  expect(network.trackerUrls()).toEqual([]);
  expect(await ran(page)).toEqual([]);
});

test('hostile strings from config are shown as text, never as HTML', async ({ page, consoleErrors }) => {
  await page.goto('/hostile-texts.html');
  const region = banner(page).region;
  await expect(region).toBeVisible();
  const evil = '<img src=x onerror="window.__pwned=1"><b>gras</b>';
  await expect(region.getByRole('heading')).toHaveText(evil);
  await expect(region.getByRole('button', { name: evil })).toBeVisible();
  await region.getByRole('button', { name: 'Personnaliser' }).click();
  await expect(page.getByRole('dialog').getByRole('checkbox', { name: evil })).toBeVisible();
  const markup = await page.evaluate(() => {
    const root = document.querySelector('[data-nexus-consent]')!.shadowRoot!;
    return { img: root.querySelectorAll('img, b, script').length, href: root.querySelector('a')!.getAttribute('href') };
  });
  expect(markup.img).toBe(0);
  expect(markup.href).toBe('/confidentialite.html?"><script>window.__pwned=1</script>');
  expect(await page.evaluate(() => (window as any).__pwned)).toBe(0);
  expect(consoleErrors).toEqual([]);
});

test('the full build holds trackers the core catalogue leaves out', async ({ page, network }) => {
  await page.goto('/full-catalogue.html');
  await expect(banner(page).region).toBeVisible();
  const blocked = await page.evaluate(() => (window as any).NexusConsent.blocked().map((b: any) => `${b.kind}:${b.service}:${b.category}`));
  expect(blocked).toEqual(['script:taboola:advertising']);
  expect(network.requests.map((r) => r.url)).toEqual([]);
});
