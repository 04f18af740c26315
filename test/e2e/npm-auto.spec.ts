/** Issue #4: `import 'nexus-consent/auto'` first holds what the app's other modules do on import. */
import { banner, expect, otherCookies, ran, test } from '../support/test.js';

test('the auto entry holds trackers started at import time, before createConsent runs', async ({ page, context, network }) => {
  await page.goto('/npm-auto/');
  await expect(banner(page).region).toBeVisible();
  expect(await ran(page)).toEqual([]);
  expect(network.trackerUrls()).toEqual([]);
  expect(await otherCookies(context)).toEqual([]);
  const blocked = await page.evaluate(() => (window as any).NexusConsent.blocked().map((b: any) => `${b.kind}:${b.service}`));
  expect(blocked).toEqual(['script:hotjar', 'cookie:google-analytics', 'beacon:google-analytics']);

  await banner(page).acceptAll();
  await expect.poll(() => ran(page)).toEqual(['hotjar']);
  // On the next visit, with consent stored, the same import-time calls go through.
  network.clear();
  await page.reload();
  await expect.poll(() => ran(page)).toEqual(['hotjar']);
  expect(await otherCookies(context)).toEqual(expect.arrayContaining(['_ga', '_hjSessionUser_3456789']));
  await expect.poll(() => network.trackerUrls().some((u) => u.includes('/g/collect'))).toBe(true);
});

test('when createConsent throws on a bad config, the auto entry keeps holding everything', async ({ page, context, network }) => {
  await page.goto('/npm-auto/?broken');
  await expect.poll(() => page.evaluate(() => (window as any).__configError)).toMatch(/config\.privacyPolicyURL must be absent/);
  await page.waitForLoadState('load');
  // Tags the app adds after the failure are held too.
  await page.evaluate(() => {
    const s = document.createElement('script');
    s.src = 'https://connect.facebook.net/en_US/fbevents.js';
    document.head.appendChild(s);
    document.cookie = '_fbp=fb.1.2.3; path=/';
  });
  await page.waitForTimeout(300);
  expect(await ran(page)).toEqual([]);
  expect(network.trackerUrls()).toEqual([]);
  expect(await otherCookies(context)).toEqual([]);
  await expect(page.locator('[data-nexus-consent]')).toHaveCount(0);
});
