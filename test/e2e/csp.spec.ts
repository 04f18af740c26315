/**
 * Issue #5: the SDK works on a page served with a strict Content-Security-Policy
 * (no 'unsafe-inline' for scripts or styles), and the browser reports no violation.
 */
import { serveCspPage } from '../support/csp-page.js';
import { banner, expect, preferences, ran, test } from '../support/test.js';

const POLICIES = {
  self: "default-src 'self'; script-src 'self' https://www.googletagmanager.com; style-src 'self'; frame-src https://www.youtube.com; img-src 'self' data:",
  nonce: "default-src 'self'; script-src 'nonce-r4nd0m-n0nce'; style-src 'nonce-r4nd0m-n0nce'; frame-src https://www.youtube.com; img-src 'self' data:",
  // Google's recommended strict policy (nonce + 'strict-dynamic') with Trusted Types, with and without a policy list (issue #12).
  strictTrustedTypes: "object-src 'none'; base-uri 'none'; script-src 'nonce-r4nd0m-n0nce' 'strict-dynamic' https: 'unsafe-inline'; style-src 'nonce-r4nd0m-n0nce'; require-trusted-types-for 'script'; trusted-types site nexus-consent",
  strictTrustedTypesNoList: "object-src 'none'; base-uri 'none'; script-src 'nonce-r4nd0m-n0nce' 'strict-dynamic' https: 'unsafe-inline'; style-src 'nonce-r4nd0m-n0nce'; require-trusted-types-for 'script'",
};

for (const [name, policy] of Object.entries(POLICIES)) {
  test(`works under "${name}" CSP with no violation: banner, dialog, placeholder, release`, async ({ page }) => {
    await serveCspPage(page, policy);
    const errors: string[] = [];
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    await page.goto('/csp.html');
    await expect(banner(page).region).toBeVisible();
    // Styled: the stylesheet applied (a fixed bar), not blocked.
    expect(await banner(page).region.evaluate((el) => getComputedStyle(el).position)).toBe('fixed');
    await expect(page.getByRole('group', { name: /Contenu bloqué : YouTube/ })).toBeVisible();
    await banner(page).customise();
    await expect(preferences(page).dialog).toBeVisible();
    await preferences(page).toggle('Mesure d’audience');
    await preferences(page).save();
    await expect.poll(() => ran(page)).toContain('gtag');
    await page.getByRole('button', { name: 'Gérer les cookies' }).click();
    await preferences(page).dialog.getByRole('button', { name: 'Tout accepter' }).click();
    await expect(page.locator('iframe[src*="youtube"]')).toBeVisible();
    expect(await page.evaluate(() => (window as any).__violations)).toEqual([]);
    expect(errors.filter((e) => /Content Security Policy|Trusted/i.test(e))).toEqual([]);
  });
}

test('the test would see a violation: an inline style attribute under the same policy is reported', async ({ page }) => {
  await page.route('**/csp.html', async (route) => {
    const response = await route.fetch();
    await route.fulfill({ response, headers: { ...response.headers(), 'content-security-policy': POLICIES.self } });
  });
  await page.addInitScript(() => {
    (window as any).__violations = [];
    document.addEventListener('securitypolicyviolation', (e) => (window as any).__violations.push(e.violatedDirective));
  });
  await page.goto('/csp.html');
  await page.evaluate(() => {
    const div = document.createElement('div');
    div.innerHTML = '<p style="color: red">inline</p>';
    document.body.append(div);
  });
  await expect.poll(() => page.evaluate(() => (window as any).__violations)).toContain('style-src-attr');
});
