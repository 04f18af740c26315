/**
 * Issue #17: the React and Vue examples (examples/react, examples/vue), built by Vite against
 * the package's exports and prerendered to HTML (global setup), then hydrated in Chromium. Each
 * has the blocker first, the provider (or plugin), a YouTube video and Google Analytics behind
 * <ConsentGate>, and a « Gérer les cookies » button: no other consent code.
 *
 * The shared network fixture answers www.youtube.com/embed and googletagmanager.com/gtag/js with
 * stand-ins (gtag.js marks itself in window.__ran and sets _ga) and records every request that
 * leaves localhost; the console-error list catches hydration mismatches, which React and Vue
 * report there even in production builds.
 */
import type { Page } from 'playwright/test';
import { REACT_PORT, VUE_PORT } from '../playwright.config.js';
import { banner, consentCookie, expect, otherCookies, preferences, ran, test } from '../support/test.js';

const EXAMPLES = [
  { name: 'React', port: REACT_PORT },
  { name: 'Vue', port: VUE_PORT },
] as const;

const VIDEO = 'https://www.youtube.com/embed/exemple-crevaison';
const GTAG = 'https://www.googletagmanager.com/gtag/js?id=G-EXEMPLE1';

function view(page: Page) {
  return {
    video: page.getByTitle('Réparer une crevaison (YouTube)'),
    allowVideo: page.getByRole('button', { name: 'Autoriser YouTube' }),
    audience: page.getByText('Mesure d\'audience active'),
    manageCookies: page.getByRole('button', { name: 'Gérer les cookies' }),
  };
}

for (const example of EXAMPLES) {
  test.describe(`examples/${example.name.toLowerCase()}`, () => {
    test.use({ baseURL: `http://localhost:${example.port}` });

    test('before any choice: the server HTML hydrates cleanly, the gates show their fallbacks and no tracker host is reached', async ({ page, context, network, consoleErrors }) => {
      const response = await page.goto('/');
      // Prerendered: the gate's fallback and the button are in the HTML the server sent.
      const html = (await response!.text()).replace(/<!--[^>]*-->/g, '');
      expect(html).toContain('Autoriser YouTube');
      expect(html).toContain('Gérer les cookies</button>');
      expect(html).not.toContain('youtube.com/embed');
      // The banner comes from the instance the provider created after hydrating.
      await expect(banner(page).region).toBeVisible();
      const { video, allowVideo, audience } = view(page);
      await expect(allowVideo).toBeVisible();
      await expect(video).toHaveCount(0);
      await expect(audience).toHaveCount(0);
      await page.waitForLoadState('networkidle');
      expect(network.requests.map((r) => r.url)).toEqual([]);
      expect(await ran(page)).toEqual([]);
      expect(await otherCookies(context)).toEqual([]);
      expect(consoleErrors).toEqual([]);
    });

    test('« Tout accepter » renders the gated video and analytics, and gtag.js loads; after a reload too', async ({ page, context, network, consoleErrors }) => {
      await page.goto('/');
      await banner(page).acceptAll();
      const { video, allowVideo, audience } = view(page);
      await expect(video).toHaveAttribute('src', VIDEO);
      await expect(audience).toBeVisible();
      await expect(allowVideo).toHaveCount(0);
      await expect.poll(() => ran(page)).toContain('gtag');
      await expect.poll(() => network.requests.map((r) => r.url)).toEqual(expect.arrayContaining([VIDEO, GTAG]));
      expect(await otherCookies(context)).toContain('_ga');

      // The stored decision: server HTML still says undecided, the client hydrates it, then grants.
      network.clear();
      await page.reload();
      await expect(video).toHaveAttribute('src', VIDEO);
      await expect(audience).toBeVisible();
      await expect(banner(page).region).toHaveCount(0);
      await expect.poll(() => ran(page)).toContain('gtag');
      expect(consoleErrors).toEqual([]);
    });

    test('« Tout refuser » keeps the video and gtag.js out, after a reload too', async ({ page, context, network, consoleErrors }) => {
      await page.goto('/');
      await banner(page).rejectAll();
      expect(await consentCookie(context)).toBeDefined();
      const { video, allowVideo, audience } = view(page);
      for (const round of ['after the choice', 'after a reload']) {
        if (round === 'after a reload') await page.reload();
        await expect(allowVideo, round).toBeVisible();
        await page.waitForLoadState('networkidle');
        await expect(video, round).toHaveCount(0);
        await expect(audience, round).toHaveCount(0);
        expect(network.requests.map((r) => r.url), round).toEqual([]);
        expect(await ran(page), round).toEqual([]);
      }
      expect(await otherCookies(context)).toEqual([]);
      expect(consoleErrors).toEqual([]);
    });

    test('« Autoriser YouTube » loads the video alone: analytics stays refused', async ({ page, network, consoleErrors }) => {
      await page.goto('/');
      const { video, allowVideo, audience } = view(page);
      await allowVideo.click();
      await expect(video).toHaveAttribute('src', VIDEO);
      // The video's document has loaded (its stand-in says "youtube"): the one request the choice
      // makes is done. Not `networkidle`, which a loaded CI machine once never reached in 30 s.
      await expect(page.frameLocator('iframe').locator('body')).toContainText('youtube');
      await expect(audience).toHaveCount(0);
      expect(network.requests.map((r) => r.url)).toEqual([VIDEO]);
      expect(await ran(page)).toEqual([]);
      expect(consoleErrors).toEqual([]);
    });

    test('« Gérer les cookies » opens the preferences; withdrawing analytics there unmounts the gated analytics', async ({ page, consoleErrors }) => {
      await page.goto('/');
      await banner(page).acceptAll();
      const { audience, manageCookies } = view(page);
      await expect(audience).toBeVisible();
      await expect(manageCookies).toHaveJSProperty('type', 'button');
      await manageCookies.click();
      const prefs = preferences(page);
      await expect(prefs.dialog).toBeVisible();
      await prefs.toggle('Mesure d’audience');
      await prefs.save();
      await expect(prefs.dialog).toBeHidden();
      await expect(audience).toHaveCount(0);
      await expect(view(page).video).toBeVisible();
      expect(consoleErrors).toEqual([]);
    });
  });
}
