/**
 * The Next.js example in Chromium, production build (`next start`): nothing reaches a tracker
 * before a choice, « Tout accepter » starts Google Analytics and shows the video, « Tout
 * refuser » keeps both out, « Gérer les cookies » reopens the choice, and no page logs a
 * hydration error — or any other console error or warning.
 */
import { expect, test as base, type Page } from 'playwright/test';
import { consentBanner, presetConsent } from 'nexus-consent/testing';
import { interceptNetwork, type Network } from './network';

const GA_ID = 'G-NEXUS00000';
const gtagUrl = (urls: readonly string[]) => urls.filter((u) => u.startsWith('https://www.googletagmanager.com/gtag/js'));
const pageViews = (urls: readonly string[]) => urls.filter((u) => u.startsWith('https://region1.google-analytics.com/g/collect'));

const test = base.extend<{ net: Network; problems: string[] }>({
  // Every test: the other hosts answered by routing, before the first request.
  net: [async ({ context }, use) => use(await interceptNetwork(context)), { auto: true }],
  // Every test: a console error or warning, or an uncaught exception, fails it. In a production
  // build React reports a hydration mismatch as an uncaught "Minified React error #418".
  problems: [
    async ({ page }, use) => {
      const problems: string[] = [];
      page.on('console', (m) => void (['error', 'warning'].includes(m.type()) && problems.push(`console.${m.type()}: ${m.text()}`)));
      page.on('pageerror', (error) => problems.push(`uncaught: ${error.message}`));
      await use(problems);
      expect(problems, 'console errors, warnings and uncaught exceptions').toEqual([]);
    },
    { auto: true },
  ],
});

/** Waits until React has hydrated the page: its footer button carries React's props. */
async function hydrated(page: Page): Promise<void> {
  await page.waitForFunction(() => {
    const button = document.querySelector('footer button');
    return button !== null && Object.keys(button).some((key) => key.startsWith('__reactProps$'));
  });
}

/**
 * For "nothing went out" checks: the page loaded, and two frames more, so that the effects of the
 * last render (next/script inserts its tags in one) ran, and whatever they requested reached the
 * routing in network.ts.
 */
async function settled(page: Page): Promise<void> {
  await page.waitForLoadState('load');
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(resolve, 100)))));
}

const footerButton = (page: Page) => page.locator('footer').getByRole('button', { name: 'Gérer les cookies' });

/**
 * Clicks the footer's « Gérer les cookies » once it is scrolled into view and painted there. A click
 * sent right after Playwright's own scroll was, one time in two, routed by Chromium into the
 * YouTube frame above it (a cross-origin frame, whose hit-test area had not moved yet): a person
 * never clicks within a frame of a scroll.
 */
async function manageCookies(page: Page): Promise<void> {
  await footerButton(page).scrollIntoViewIfNeeded();
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  await footerButton(page).click();
}
const video = (page: Page) => page.locator('iframe[title="Nexus Tech : la conférence"]');
const allowVideo = (page: Page) => page.getByRole('button', { name: 'Autoriser YouTube et afficher la vidéo' });
const audience = (page: Page) => page.getByRole('status');

test('the server sends the SDK first in <head>, synchronous, and no tracker anywhere', async ({ request }) => {
  const html = await (await request.get('/')).text();
  const head = html.slice(0, html.indexOf('</head>'));
  const tags = [...head.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
  const sdk = tags.findIndex((tag) => tag.includes('src="/nexus-consent.min.js"'));
  expect(sdk, 'the SDK script tag in <head>').toBeGreaterThanOrEqual(0);
  expect(tags[sdk]).not.toMatch(/\b(async|defer|type=)/);
  // Above it, only Next.js's own chunks, loaded async: they register modules and run none (the
  // runtime that evaluates them is started by an inline script in <body>, after the SDK).
  for (const tag of tags.slice(0, sdk)) expect(tag).toMatch(/^<script src="\/_next\/static\/chunks\/[^"]+\.js" async="">$/);
  expect(html).not.toMatch(/googletagmanager|google-analytics|youtube/);
});

test('a first visit: the banner asks, and nothing reaches a tracker', async ({ page, net }) => {
  await page.goto('/');
  await expect(consentBanner(page).banner).toBeVisible();
  await hydrated(page);
  await expect(allowVideo(page)).toBeVisible();
  await expect(audience(page)).toHaveText('Mesure d’audience : désactivée');
  await settled(page);
  expect(net.urls).toEqual([]);
  await expect(video(page)).toHaveCount(0);
});

test('« Tout accepter » starts Google Analytics and shows the video, in the same page', async ({ page, net, context }) => {
  await page.goto('/');
  await hydrated(page);
  await consentBanner(page).acceptAll();
  await expect(audience(page)).toHaveText('Mesure d’audience : activée');
  await expect(video(page)).toHaveAttribute('src', 'https://www.youtube-nocookie.com/embed/aqz-KE-bpKQ');
  await expect(page.frameLocator('iframe.video').getByText('Lecteur YouTube')).toBeVisible();
  // gtag.js ran and sent the page view that @next/third-parties queued with gtag('config').
  await expect.poll(() => pageViews(net.urls)).toEqual([`https://region1.google-analytics.com/g/collect?v=2&en=page_view&tid=${GA_ID}`]);
  expect(gtagUrl(net.urls)).toEqual([`https://www.googletagmanager.com/gtag/js?id=${GA_ID}`]);
  expect(await page.evaluate(() => (window as { __ran?: string[] }).__ran)).toEqual(['gtag']);
  expect((await context.cookies()).map((c) => c.name)).toContain('_ga');
});

test('« Tout refuser » keeps every tracker out, on this page, the next one and after a reload', async ({ page, net }) => {
  await page.goto('/');
  await hydrated(page);
  await consentBanner(page).rejectAll();
  await expect(allowVideo(page)).toBeVisible();
  await page.getByRole('link', { name: 'Confidentialité' }).click(); // client-side navigation
  await expect(page.getByRole('heading', { name: 'Engagement de confidentialité' })).toBeVisible();
  await page.getByRole('link', { name: 'Nexus Tech' }).click();
  await expect(allowVideo(page)).toBeVisible();
  await page.reload();
  await hydrated(page);
  await expect(consentBanner(page).banner).toBeHidden();
  await expect(audience(page)).toHaveText('Mesure d’audience : désactivée');
  await settled(page);
  expect(net.urls).toEqual([]);
  await expect(video(page)).toHaveCount(0);
});

test('« Gérer les cookies » opens the preference centre, where consent is withdrawn', async ({ page, net }) => {
  await page.goto('/');
  await hydrated(page);
  const consent = consentBanner(page);
  await consent.acceptAll();
  await expect(video(page)).toBeVisible();
  await expect.poll(() => pageViews(net.urls).length).toBe(1);

  await manageCookies(page);
  await expect(consent.dialog).toBeVisible();
  await consent.rejectAll();
  await expect(video(page)).toHaveCount(0);
  await expect(allowVideo(page)).toBeVisible();
  await expect(audience(page)).toHaveText('Mesure d’audience : désactivée');
  net.urls.length = 0;
  await page.reload();
  await hydrated(page);
  await settled(page);
  expect(net.urls).toEqual([]);
});

test('the placeholder allows YouTube alone: the video shows, Google Analytics stays out', async ({ page, net }) => {
  await page.goto('/');
  await hydrated(page);
  await allowVideo(page).click();
  await expect(page.frameLocator('iframe.video').getByText('Lecteur YouTube')).toBeVisible();
  await expect(audience(page)).toHaveText('Mesure d’audience : désactivée');
  await settled(page);
  expect(net.urls).toEqual(['https://www.youtube-nocookie.com/embed/aqz-KE-bpKQ']);
});

test('a returning visitor who accepted: the server’s “undecided” HTML hydrates cleanly, then everything starts', async ({ page, net, context }) => {
  await presetConsent(context, { analytics: true, personalisation: true });
  await page.goto('/');
  await hydrated(page);
  await expect(consentBanner(page).banner).toBeHidden();
  await expect(audience(page)).toHaveText('Mesure d’audience : activée');
  await expect(video(page)).toBeVisible();
  await expect.poll(() => pageViews(net.urls)).toHaveLength(1);
});

test('a slow SDK file holds the page back: React hydrates only after the blocker is in place', async ({ page, context, net }) => {
  await context.route('**/nexus-consent.min.js', async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 1500));
    await route.continue();
  });
  // Polled from the first moment of the page: when the SDK's instance appears, when React's props do.
  await page.addInitScript(() => {
    const times: { sdk?: number; react?: number } = {};
    (window as { __times?: typeof times }).__times = times;
    const poll = setInterval(() => {
      const w = window as { NexusConsent?: { get?: unknown } };
      if (times.sdk === undefined && typeof w.NexusConsent?.get === 'function') times.sdk = performance.now();
      const button = document.querySelector('footer button');
      if (times.react === undefined && button && Object.keys(button).some((key) => key.startsWith('__reactProps$'))) times.react = performance.now();
      if (times.sdk !== undefined && times.react !== undefined) clearInterval(poll);
    }, 5);
  });
  await page.goto('/');
  await hydrated(page);
  const times = await page.waitForFunction(() => {
    const t = (window as { __times?: { sdk?: number; react?: number } }).__times;
    return t?.sdk !== undefined && t.react !== undefined && t;
  });
  const { sdk, react } = (await times.jsonValue()) as { sdk: number; react: number };
  expect(sdk).toBeGreaterThan(1000);
  expect(react).toBeGreaterThanOrEqual(sdk);
  await consentBanner(page).acceptAll();
  await expect.poll(() => pageViews(net.urls)).toHaveLength(1);
});
