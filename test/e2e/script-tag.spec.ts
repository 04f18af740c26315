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
  expect(blocked).toEqual(['script:teads:advertising']);
  expect(network.requests.map((r) => r.url)).toEqual([]);
});

for (const build of ['nexus-consent.min.js', 'nexus-consent.full.min.js']) {
  test(`dist/${build} adds nothing to the page's global scope but NexusConsent`, async ({ page, consoleErrors }) => {
    // Emitted as one top-level block `"use strict";{…}` (issue #15), not an IIFE: its own
    // names must stay in the block, both as window properties and as global lexical bindings.
    await page.route('**/globals.html', (route) =>
      route.fulfill({
        contentType: 'text/html',
        body: `<!doctype html><html lang="fr"><head><meta charset="utf-8"><link rel="icon" href="data:,">
<script>window.NexusConsentConfig = { privacyPolicyUrl: '/confidentialite.html' }; window.__before = Object.getOwnPropertyNames(window);</script>
<script src="/dist/${build}"></script>
<script>window.__added = Object.getOwnPropertyNames(window).filter((n) => !window.__before.includes(n) && n !== '__before');</script>
</head><body><p>Page</p></body></html>`,
      }),
    );
    await page.goto('/globals.html');
    await expect(banner(page).region).toBeVisible();
    expect(await page.evaluate(() => (window as any).__added)).toEqual(['NexusConsent']);
    const later = await page.evaluate(() => Object.getOwnPropertyNames(window).filter((n) => !(window as any).__before.includes(n)));
    expect(later.filter((n) => !n.startsWith('__')).sort()).toEqual(['NexusConsent']);
    // A minifier's names are one or two characters: a later classic script can declare every one.
    const declared = await page.evaluate(() => {
      const first = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_$';
      const names = [...first];
      for (const a of first) for (const b of `${first}0123456789`) names.push(a + b);
      const script = document.createElement('script');
      script.textContent = `let ${names.filter((n) => !['do', 'if', 'in'].includes(n)).join(',')}; window.__declared = true;`;
      document.head.append(script);
      return (window as any).__declared === true;
    });
    expect(declared).toBe(true);
    expect(consoleErrors).toEqual([]);
  });
}
