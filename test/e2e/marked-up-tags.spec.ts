/**
 * Issue #2, cases 1–6 and 8: marked-up tags stay inert until their category is
 * granted, in the script-tag build and in the npm build bundled into a page.
 */
import type { Page } from 'playwright/test';
import { banner, consentCookie, expect, fetchedUrls, otherCookies, preferences, ran, test } from '../support/test.js';

const TRACKER_HOSTS = /aticdn\.net|googletagmanager\.com|facebook\.(net|com)|criteo\.net|abtasty\.com|youtube-nocookie\.com/;
const ORDERED = ['smarttag', 'smarttag-send', 'smarttag-inline', 'gtag-inline', 'fbq-inline', 'criteo', 'abtasty', 'prenom-inline'];
const ALL_COOKIES = ['ABTasty', '_fbp', '_ga', '_ga_NEXUS1', 'atuserid', 'cto_bundle', 'nexus_prenom'];
/** What `__ran` holds once everything ran: the ordered ones plus the two async loaders. */
const ALL_RAN = [...ORDERED, 'gtag', 'fbevents'].sort();

for (const [build, path] of [
  ['script tag', '/marked-up.html'],
  ['npm bundle', '/npm/'],
] as const) {
  test.describe(`marked-up tags (${build})`, () => {
    test('first visit: banner shows, no tracker request, no cookie', async ({ page, context, network, consoleErrors }) => {
      await page.goto(path);
      await expect(banner(page).region).toBeVisible();
      await page.waitForLoadState('load');
      expect(network.trackerUrls()).toEqual([]);
      expect((await fetchedUrls(page)).filter((u) => TRACKER_HOSTS.test(u))).toEqual([]);
      expect(await ran(page)).toEqual([]);
      expect(await otherCookies(context)).toEqual([]);
      expect(await consentCookie(context)).toBeUndefined();
      expect(consoleErrors).toEqual([]);
    });

    test('"Tout refuser": banner goes, nothing loads, also after reload', async ({ page, context, network }) => {
      await page.goto(path);
      await banner(page).rejectAll();
      await expect(banner(page).region).toBeHidden();
      expect(await consentCookie(context)).toBeDefined();
      await page.reload();
      await page.waitForLoadState('load');
      await expect(banner(page).region).toBeHidden();
      expect(network.trackerUrls()).toEqual([]);
      expect(await ran(page)).toEqual([]);
      expect(await otherCookies(context)).toEqual([]);
    });

    test('"Tout accepter": every tag runs, in document order; after reload at once, no banner', async ({ page, context, network }) => {
      await page.goto(path);
      await page.waitForLoadState('load');
      await banner(page).acceptAll();
      await expect.poll(async () => (await ran(page)).sort()).toEqual(ALL_RAN);
      expect((await ran(page)).filter((id) => ORDERED.includes(id))).toEqual(ORDERED);
      expect(await otherCookies(context)).toEqual(ALL_COOKIES);
      await expect.poll(() => network.trackerUrls().some((u) => u.includes('www.facebook.com/tr'))).toBe(true);
      await expect.poll(() => network.trackerUrls().some((u) => u.includes('youtube-nocookie.com/embed/'))).toBe(true);

      await context.clearCookies({ name: /^(?!nexus_consent$)/ });
      network.clear();
      await page.reload();
      await expect.poll(async () => (await ran(page)).sort()).toEqual(ALL_RAN);
      expect((await ran(page)).filter((id) => ORDERED.includes(id))).toEqual(ORDERED);
      await expect(banner(page).region).toBeHidden();
      expect(await otherCookies(context)).toEqual(ALL_COOKIES);
    });

    test('"Personnaliser" with only analytics: only analytics tags run', async ({ page, context, network }) => {
      await page.goto(path);
      await page.waitForLoadState('load');
      await banner(page).customise();
      const prefs = preferences(page);
      await expect(prefs.dialog).toBeVisible();
      await prefs.toggle('Mesure d’audience');
      await prefs.save();
      await expect(prefs.dialog).toBeHidden();
      await expect(banner(page).region).toBeHidden();
      await expect.poll(async () => (await ran(page)).sort()).toEqual(['gtag', 'gtag-inline', 'smarttag', 'smarttag-inline', 'smarttag-send']);
      expect(await otherCookies(context)).toEqual(['_ga', '_ga_NEXUS1', 'atuserid']);
      expect(network.trackerUrls().every((u) => /aticdn\.net|googletagmanager\.com/.test(u))).toBe(true);
    });

    test('the site’s markup wins over the catalogue: AB Tasty, marked up as personalisation, runs with personalisation alone', async ({ page, context }) => {
      // The catalogue files AB Tasty under analytics; the site chose personalisation for it.
      await grantOnly(page, path, 'Personnalisation');
      await expect.poll(async () => (await ran(page)).sort()).toEqual(['abtasty', 'prenom-inline']);
      // Cookies are filed by name: the one the catalogue files under analytics still waits
      // (a site that files a vendor differently adds a cookie rule as well).
      expect(await otherCookies(context)).toEqual(['nexus_prenom']);
    });

    test('marked-up tags the page inserts later follow the decision already made', async ({ page, network }) => {
      await grantOnly(page, path, 'Mesure d’audience');
      await expect.poll(async () => (await ran(page)).sort()).toEqual(['gtag', 'gtag-inline', 'smarttag', 'smarttag-inline', 'smarttag-send']);
      // As a single-page app renders them: granted analytics runs at once, denied advertising waits.
      await page.evaluate(() => {
        const tag = (category: string, id: string) => {
          const script = document.createElement('script');
          script.type = 'text/plain';
          script.setAttribute('data-consent', category);
          script.text = `window.__ran.push(${JSON.stringify(id)})`;
          return script;
        };
        const pixel = document.createElement('img');
        pixel.setAttribute('data-consent', 'advertising');
        pixel.setAttribute('data-src', 'https://www.facebook.com/tr?id=late&ev=PageView');
        document.body.appendChild(pixel);
        document.body.append(tag('advertising', 'late-advertising'));
        // Last, so that no later insertion can be what releases it.
        document.body.appendChild(tag('analytics', 'late-analytics'));
      });
      await expect.poll(() => ran(page)).toContain('late-analytics');
      expect(await ran(page)).not.toContain('late-advertising');
      expect(network.trackerUrls().some((u) => u.includes('tr?id=late'))).toBe(false);
      await page.evaluate(() => (window as any).NexusConsent.acceptAll());
      await expect.poll(() => ran(page)).toContain('late-advertising');
      await expect.poll(() => network.trackerUrls().some((u) => u.includes('tr?id=late'))).toBe(true);
    });
  });
}

/** A first visit that grants one category from the preference centre, once the page has loaded. */
async function grantOnly(page: Page, path: string, category: string) {
  await page.goto(path);
  await page.waitForLoadState('load');
  await banner(page).customise();
  await preferences(page).toggle(category);
  await preferences(page).save();
}
