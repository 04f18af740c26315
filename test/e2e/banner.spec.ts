/** The banner and the dialog as a visitor meets them: prominence, keyboard, layout, language, reopening. */
import { consentBanner } from '../../src/testing/index.js';
import { banner, consentCookie, expect, preferences, ran, test } from '../support/test.js';

const shadowActive = (page: import('playwright/test').Page) =>
  page.evaluate(() => {
    const active = document.activeElement?.shadowRoot?.activeElement;
    return active ? `${active.tagName.toLowerCase()}:${active.textContent?.trim()}` : document.activeElement?.tagName.toLowerCase();
  });

test('accept, refuse and customise look the same: same size, same style', async ({ page }) => {
  for (const width of [1280, 375]) {
    await page.setViewportSize({ width, height: 800 });
    await page.goto('/marked-up.html');
    const buttons = banner(page).region.getByRole('button', { name: /^(Tout accepter|Tout refuser|Personnaliser)$/ });
    await expect(buttons).toHaveCount(3);
    const looks = await buttons.evaluateAll((elements) =>
      elements.map((el) => {
        const s = getComputedStyle(el);
        const r = el.getBoundingClientRect();
        return {
          width: Math.round(r.width), height: Math.round(r.height),
          style: [s.backgroundColor, s.color, s.fontSize, s.fontWeight, s.borderTopWidth, s.borderTopColor, s.borderRadius, s.textDecorationLine].join('|'),
        };
      }),
    );
    expect(looks[1]).toEqual(looks[0]);
    expect(looks[2]).toEqual(looks[0]);
    expect(looks[0]!.height).toBeGreaterThanOrEqual(24);
    // The same in the preference centre: accept, refuse and save look alike.
    await banner(page).customise();
    const inDialog = await preferences(page)
      .dialog.getByRole('button', { name: /^(Tout accepter|Tout refuser|Enregistrer mes choix)$/ })
      .evaluateAll((elements) =>
        elements.map((el) => {
          const s = getComputedStyle(el);
          return [s.backgroundColor, s.color, s.fontSize, s.fontWeight, s.borderTopWidth, s.borderRadius, Math.round(el.getBoundingClientRect().height)].join('|');
        }),
      );
    expect(inDialog).toHaveLength(3);
    expect(new Set(inDialog).size).toBe(1);
  }
});

test('the banner is first in the tab order and works with the keyboard alone', async ({ page, context }) => {
  await page.goto('/marked-up.html');
  await expect(banner(page).region).toBeVisible();
  await page.keyboard.press('Tab');
  expect(await shadowActive(page)).toBe('button:Continuer sans accepter');
  await page.keyboard.press('Tab');
  expect(await shadowActive(page)).toBe('a:Politique de confidentialité');
  await page.keyboard.press('Tab');
  expect(await shadowActive(page)).toBe('button:Tout accepter');
  await page.keyboard.press('Tab');
  expect(await shadowActive(page)).toBe('button:Tout refuser');
  await page.keyboard.press('Enter');
  await expect(banner(page).region).toBeHidden();
  expect(await page.evaluate(() => (window as any).NexusConsent.get().record.method)).toBe('reject-all');
  expect(await consentCookie(context)).toBeDefined();
});

test('the dialog: focus moves in, Escape closes it without granting, focus returns', async ({ page, context }) => {
  await page.goto('/marked-up.html');
  await banner(page).region.getByRole('button', { name: 'Personnaliser' }).focus();
  await page.keyboard.press('Enter');
  const prefs = preferences(page);
  await expect(prefs.dialog).toBeVisible();
  await expect(prefs.dialog).toHaveAccessibleName('Paramètres des cookies');
  expect(await page.evaluate(() => document.activeElement?.shadowRoot?.activeElement?.closest('dialog') !== null)).toBe(true);
  for (const name of ['Mesure d’audience', 'Publicité', 'Personnalisation']) {
    await expect(prefs.dialog.getByRole('checkbox', { name })).not.toBeChecked();
  }
  await expect(prefs.dialog.getByRole('checkbox', { name: 'Strictement nécessaires' })).toBeChecked();
  await expect(prefs.dialog.getByRole('checkbox', { name: 'Strictement nécessaires' })).toBeDisabled();
  await prefs.toggle('Publicité');
  await page.keyboard.press('Escape');
  await expect(prefs.dialog).toBeHidden();
  expect(await shadowActive(page)).toBe('button:Personnaliser');
  await expect(banner(page).region).toBeVisible();
  expect(await page.evaluate(() => (window as any).NexusConsent.get())).toEqual({ status: 'undecided' });
  expect(await consentCookie(context)).toBeUndefined();
  expect(await ran(page)).toEqual([]);
});

test('the banner does not shift the page layout', async ({ page }) => {
  await page.goto('/marked-up.html');
  await expect(banner(page).region).toBeVisible();
  const shift = await page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        let total = 0;
        new PerformanceObserver((list) => {
          for (const entry of list.getEntries() as any[]) total += entry.value;
        }).observe({ type: 'layout-shift', buffered: true });
        requestAnimationFrame(() => requestAnimationFrame(() => resolve(total)));
      }),
  );
  expect(shift).toBe(0);
});

test('it shows itself to automated browsers too (navigator.webdriver)', async ({ page }) => {
  await page.goto('/marked-up.html');
  expect(await page.evaluate(() => navigator.webdriver)).toBe(true);
  await expect(banner(page).region).toBeVisible();
});

test('English from <html lang> or the config; French by default', async ({ browser }) => {
  const context = await browser.newContext({ locale: 'en-GB' });
  const page = await context.newPage();
  await page.route(/^(?!http:\/\/localhost)/, (route) => route.abort());
  await page.goto('/script-attributes.html');
  await expect(page.getByRole('region', { name: 'Cookie consent' }).getByRole('button', { name: 'Reject all' })).toBeVisible();
  // marked-up.html says lang="fr": French even in an English browser.
  await page.goto('/marked-up.html');
  await expect(page.getByRole('region', { name: 'Gestion des cookies' }).getByRole('button', { name: 'Tout refuser' })).toBeVisible();
  await context.close();
});

test('a page in a language the build lacks gets English, not French, and says it is in English', async ({ browser }) => {
  const context = await browser.newContext({ locale: 'ja-JP' });
  const page = await context.newPage();
  await page.route(/^(?!http:\/\/localhost)/, (route) => route.abort());
  await page.route('**/ja.html', (route) =>
    route.fulfill({
      contentType: 'text/html',
      body: `<!doctype html><html lang="ja"><head><meta charset="utf-8"><title>t</title>
<script>window.NexusConsentConfig = { privacyPolicyUrl: '/confidentialite.html' };</script>
<script src="/dist/nexus-consent.min.js"></script></head><body><p>こんにちは</p></body></html>`,
    }),
  );
  await page.goto('/ja.html');
  const region = page.getByRole('region', { name: 'Cookie consent' });
  await expect(region.getByRole('button', { name: 'Reject all' })).toBeVisible();
  // The banner declares its own language, so a screen reader does not read English with Japanese rules.
  expect(await region.evaluate((el) => el.closest('[lang]')?.getAttribute('lang'))).toBe('en');
  await context.close();
});

test('a page in German seen in a French browser gets English: the page’s language decides, not the browser’s (issue #15)', async ({ page }) => {
  await page.route(/^(?!http:\/\/localhost)/, (route) => route.abort());
  await page.route('**/de.html', (route) =>
    route.fulfill({
      contentType: 'text/html',
      body: `<!doctype html><html lang="de"><head><meta charset="utf-8"><title>t</title>
<script>window.NexusConsentConfig = { privacyPolicyUrl: '/confidentialite.html' };</script>
<script src="/dist/nexus-consent.min.js"></script></head><body><p>Hallo</p></body></html>`,
    }),
  );
  expect(await page.evaluate(() => navigator.language)).toBe('fr-FR');
  await page.goto('/de.html');
  const region = page.getByRole('region', { name: 'Cookie consent' });
  await expect(region.getByRole('button', { name: 'Reject all' })).toBeVisible();
  expect(await region.evaluate((el) => el.closest('[lang]')?.getAttribute('lang'))).toBe('en');
});

test('"Gérer les cookies" reopens the preferences after a decision, showing the current choices', async ({ page }) => {
  await page.goto('/marked-up.html');
  const ui = consentBanner(page);
  await ui.customise({ personalisation: true });
  await page.reload();
  await expect(ui.banner).toBeHidden();
  await page.getByRole('link', { name: 'Gérer les cookies' }).click();
  await expect(ui.dialog).toBeVisible();
  await expect(ui.category('personalisation')).toBeChecked();
  await expect(ui.category('advertising')).not.toBeChecked();
  await expect(ui.category('analytics')).not.toBeChecked();
  await ui.dialog.getByRole('button', { name: 'Tout refuser' }).click();
  await expect(ui.dialog).toBeHidden();
  expect(await page.evaluate(() => (window as any).NexusConsent.get().record)).toMatchObject({ method: 'reject-all', granted: ['necessary'] });
  await page.evaluate(() => (window as any).NexusConsent.showBanner());
  await expect(ui.banner).toBeVisible();
});

test('the floating button reopens the preferences, and the dialog’s own buttons decide', async ({ page }) => {
  await page.goto('/marked-up.html');
  const ui = consentBanner(page);
  await ui.rejectAll();
  await expect(ui.openButton).toHaveAccessibleName('Gérer les cookies');
  await ui.open();
  await expect(ui.dialog).toHaveAccessibleName('Paramètres des cookies');
  for (const category of ['analytics', 'advertising', 'personalisation']) await expect(ui.category(category)).not.toBeChecked();
  await ui.acceptAll();
  await expect(ui.openButton).toBeVisible();
  expect(await page.evaluate(() => (window as any).NexusConsent.get().record)).toMatchObject({ method: 'accept-all' });
  await expect.poll(() => ran(page)).toEqual(expect.arrayContaining(['smarttag', 'gtag', 'fbevents', 'criteo', 'abtasty']));
});

test('the page restyles the UI through CSS custom properties on the host', async ({ page }) => {
  await page.goto('/marked-up.html');
  await page.addStyleTag({ content: '[data-nexus-consent] { --nc-accent: rgb(107, 47, 163); --nc-radius: 3px; }' });
  const accept = banner(page).region.getByRole('button', { name: 'Tout accepter' });
  await expect(accept).toHaveCSS('background-color', 'rgb(107, 47, 163)');
  await expect(accept).toHaveCSS('border-radius', '3px');
});

test('the dialog’s choices are whole and in view without scrolling, at common desktop sizes', async ({ page }) => {
  for (const [width, height] of [[1280, 800], [1366, 768], [1920, 1080]] as const) {
    await page.setViewportSize({ width, height });
    await page.goto('/marked-up.html');
    await banner(page).customise();
    const buttons = preferences(page).dialog.getByRole('button', { name: /^(Tout accepter|Tout refuser|Enregistrer mes choix)$/ });
    await expect(buttons).toHaveCount(3);
    const boxes = await buttons.evaluateAll((elements) =>
      elements.map((el) => {
        const r = el.getBoundingClientRect();
        // A clipped label is wider than its box.
        return { clipped: el.scrollWidth > el.clientWidth, top: r.top, bottom: r.bottom };
      }),
    );
    for (const box of boxes) {
      expect(box.clipped, `${width}×${height}`).toBe(false);
      expect(box.top, `${width}×${height}`).toBeGreaterThanOrEqual(0);
      expect(box.bottom, `${width}×${height}`).toBeLessThanOrEqual(height);
    }
  }
});

test('on a 375 px phone the banner leaves most of the page in view, its three choices side by side', async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 740 });
  await page.goto('/marked-up.html');
  const box = await banner(page).region.boundingBox();
  expect(box!.height).toBeLessThanOrEqual(740 / 2);
  const tops = await banner(page).region.getByRole('button', { name: /^(Tout accepter|Tout refuser|Personnaliser)$/ })
    .evaluateAll((elements) => elements.map((el) => [Math.round(el.getBoundingClientRect().top), el.scrollWidth > el.clientWidth]));
  expect(new Set(tops.map(([top]) => top)).size).toBe(1);
  expect(tops.every(([, clipped]) => clipped === false)).toBe(true);
});

test('French typography: a narrow no-break space inside guillemets and before a colon', async ({ page }) => {
  await page.goto('/marked-up.html');
  await banner(page).customise();
  const text = await page.evaluate(() =>
    [...document.querySelector('[data-nexus-consent]')!.shadowRoot!.querySelectorAll('.nc-banner, dialog')].map((el) => el.textContent).join('\n'),
  );
  expect(text).toContain('«\u202fGérer les cookies\u202f»');
  // No breakable space next to a guillemet or before : ; ! ?
  expect(text).not.toMatch(/« | »| [:;!?]/);
});
