/**
 * Issue #12 §2: the consent cookie is one truth. Copies of it on other paths
 * or domains never override or resurrect a decision, a record dated in the
 * future is no decision, and a name the catalogue classifies (`_pk_consent`)
 * is not dropped by the SDK's own cookie guard.
 *
 * Domains: the fixtures are served as http://www.site.example/… (and its
 * sibling shop.site.example) by routing, so Chromium applies its real cookie
 * rules for a host under a registrable parent domain — offline, no DNS.
 */
import type { BrowserContext, Page } from 'playwright/test';
import { presetCookie, randomRecordId } from '../../src/testing/consent-cookie.js';
import { banner, expect, ran, test } from '../support/test.js';

const LOCAL = `http://localhost:${process.env.TEST_PORT ?? 4391}`;
const SITE = 'http://www.site.example';

/** Serves test/fixtures/consent-cookie.html at every path of *.site.example (the SDK and other files as they are). */
async function serveSite(context: BrowserContext): Promise<void> {
  await context.route(
    (url) => url.hostname.endsWith('site.example'),
    async (route) => {
      const url = new URL(route.request().url());
      const own = url.pathname.startsWith('/dist/') || url.pathname === '/confidentialite.html';
      // Without the page's headers: a large jar's Cookie header is more than the local server takes.
      const response = await route.fetch({ url: `${LOCAL}${own ? url.pathname : '/consent-cookie.html'}${url.search}`, headers: {} });
      await route.fulfill({ response });
    },
  );
}

test.beforeEach(async ({ context }) => serveSite(context));

/** The value an "accept all" of another visit left, built by the testing kit. */
function acceptAllValue(decidedAt = Date.now()): string {
  const built = presetCookie({ analytics: true, advertising: true, personalisation: true }, { url: `${SITE}/`, decidedAt }, { now: Date.now(), newId: randomRecordId });
  return built.cookie.value;
}

/** Every copy of the consent cookie, as `value@domain path`. */
async function copies(context: BrowserContext, name = 'nexus_consent') {
  return (await context.cookies()).filter((c) => c.name === name).map((c) => ({ value: c.value, domain: c.domain, path: c.path }));
}

const state = (page: Page) =>
  page.evaluate(() => {
    const api = (window as unknown as { NexusConsent: { get(): { status: string; record?: { method: string } }; isGranted(c: string): boolean } }).NexusConsent;
    const s = api.get();
    return { status: s.status, method: s.record?.method, analytics: api.isGranted('analytics'), advertising: api.isGranted('advertising') };
  });

const REFUSED = { status: 'decided', method: 'reject-all', analytics: false, advertising: false };

test.describe('a stale "accept all" copy never comes back after a refusal', () => {
  const places: [string, string][] = [
    ['Path=/shop', 'path=/shop'],
    ['Path=/shop/', 'path=/shop/'],
    ['the parent domain (tossed from a sibling sub-domain)', 'path=/; domain=site.example'],
    ['the host as a Domain', 'path=/; domain=www.site.example'],
    ['the parent domain and Path=/shop/cart', 'path=/shop/cart; domain=site.example'],
  ];

  for (const [label, place] of places) {
    test(`a copy on ${label} written before the refusal`, async ({ page, context }) => {
      // Another visit left "accept all" there; this visit reads it as the decision…
      await page.goto(`${SITE}/shop/cart/item`);
      await page.evaluate(([value, where]) => (document.cookie = `nexus_consent=${value}; ${where}`), [acceptAllValue(), place]);
      await page.reload();
      await expect.poll(() => ran(page)).toContain('analytics-inline');
      // …and the visitor refuses.
      await page.evaluate(() => (window as unknown as { NexusConsent: { rejectAll(): void } }).NexusConsent.rejectAll());
      // document.cookie writes reach the browser's cookie store (which context.cookies() reads) asynchronously.
      await expect.poll(() => copies(context)).toHaveLength(1);

      await page.reload();
      await expect(banner(page).region).toBeHidden();
      expect(await state(page)).toEqual(REFUSED);
      await page.waitForLoadState('load');
      expect(await ran(page)).toEqual([]);
      expect(await copies(context)).toEqual([expect.objectContaining({ domain: 'www.site.example', path: '/' })]);
    });

    test(`a copy on ${label} written after the refusal`, async ({ page, context }) => {
      await page.goto(`${SITE}/shop/cart/item`);
      await banner(page).rejectAll();
      await page.evaluate(([value, where]) => (document.cookie = `nexus_consent=${value}; ${where}`), [acceptAllValue(), place]);
      await expect.poll(() => copies(context)).toHaveLength(2);

      await page.reload();
      await expect(banner(page).region).toBeHidden();
      expect(await state(page)).toEqual(REFUSED);
      await page.waitForLoadState('load');
      expect(await ran(page)).toEqual([]);
      // The refusal was rewritten as the one canonical copy.
      const left = await copies(context);
      expect(left).toEqual([expect.objectContaining({ domain: 'www.site.example', path: '/' })]);
    });
  }

  test('a copy dropped on the parent domain by a sibling sub-domain', async ({ page, context }) => {
    await page.goto(`${SITE}/`);
    await banner(page).rejectAll();
    // shop.site.example shares the parent domain and leaves its own "accept all" there.
    const sibling = await context.newPage();
    await sibling.goto('http://shop.site.example/');
    await sibling.evaluate((value) => (document.cookie = `nexus_consent=${value}; path=/; domain=site.example`), acceptAllValue());
    await sibling.close();

    await page.reload();
    expect(await state(page)).toEqual(REFUSED);
    await page.waitForLoadState('load');
    expect(await ran(page)).toEqual([]);
    expect(await copies(context)).toEqual([expect.objectContaining({ domain: 'www.site.example' })]);
  });

  test('adding, then removing, cookie.domain leaves one copy and the last decision', async ({ page, context }) => {
    await page.goto(`${SITE}/`);
    await banner(page).acceptAll();
    // The site now shares consent across sub-domains; the visitor refuses.
    await page.goto(`${SITE}/?domain=site.example`);
    await page.evaluate(() => (window as unknown as { NexusConsent: { rejectAll(): void } }).NexusConsent.rejectAll());
    expect(await copies(context)).toEqual([expect.objectContaining({ domain: '.site.example', path: '/' })]);
    await page.goto(`${SITE}/?domain=site.example`);
    expect(await state(page)).toEqual(REFUSED);
    // The site drops cookie.domain again: the shared copy still holds the refusal until the next decision replaces it.
    await page.goto(`${SITE}/`);
    expect(await state(page)).toEqual(REFUSED);
    await page.evaluate(() => (window as unknown as { NexusConsent: { update(c: object): void } }).NexusConsent.update({ personalisation: true }));
    expect(await copies(context)).toEqual([expect.objectContaining({ domain: 'www.site.example', path: '/' })]);
    await page.reload();
    expect(await state(page)).toMatchObject({ status: 'decided', method: 'custom', analytics: false, advertising: false });
  });

  test('an undecodable copy does not make a refusal lose to a grant', async ({ page, context }) => {
    await page.goto(`${SITE}/shop/`);
    await banner(page).rejectAll();
    await page.evaluate((value) => {
      document.cookie = `nexus_consent=${value}; path=/shop`;
      document.cookie = 'nexus_consent=garbage; path=/shop/';
      document.cookie = 'nexus_consent=%E0%A4%A; path=/; domain=site.example';
    }, acceptAllValue());
    await expect.poll(() => copies(context)).toHaveLength(4);
    await page.reload();
    expect(await state(page)).toEqual(REFUSED);
    expect(await copies(context)).toHaveLength(1);
  });
});

test('a record dated in the future is no decision: the banner shows and nothing is granted', async ({ page, context }) => {
  const future = presetCookie(
    { analytics: true, advertising: true, personalisation: true },
    { url: `${SITE}/`, decidedAt: Date.now() + 3 * 86_400_000 },
    { now: Date.now(), newId: randomRecordId },
  );
  await context.addCookies([{ ...future.cookie }]);
  await page.goto(`${SITE}/`);
  await expect(banner(page).region).toBeVisible();
  expect(await state(page)).toEqual({ status: 'undecided', method: undefined, analytics: false, advertising: false });
  await page.waitForLoadState('load');
  expect(await ran(page)).toEqual([]);
});

test('a record a few hours ahead (clock skew) still counts', async ({ page, context }) => {
  const ahead = presetCookie({ analytics: true }, { url: `${SITE}/`, decidedAt: Date.now() + 3 * 3600_000 }, { now: Date.now(), newId: randomRecordId });
  await context.addCookies([{ ...ahead.cookie }]);
  await page.goto(`${SITE}/`);
  await expect(banner(page).region).toBeHidden();
  await expect.poll(() => ran(page)).toEqual(['analytics-inline']);
});

test.describe('a consent cookie named like a tracker’s persists across reloads', () => {
  for (const name of ['_pk_consent', 'mtm_consent', '_ga_consent']) {
    test(`script-tag build, cookie.name ${name}`, async ({ page, context }) => {
      await page.goto(`${SITE}/?name=${name}`);
      await banner(page).rejectAll();
      expect(await copies(context, name)).toHaveLength(1);
      await page.reload();
      await expect(banner(page).region).toBeHidden();
      expect(await state(page)).toEqual(REFUSED);
      // A withdrawal never deletes it.
      await page.evaluate(() => (window as unknown as { NexusConsent: { acceptAll(): void; rejectAll(): void } }).NexusConsent.acceptAll());
      await page.evaluate(() => (window as unknown as { NexusConsent: { rejectAll(): void } }).NexusConsent.rejectAll());
      await page.reload();
      expect(await state(page)).toEqual(REFUSED);
    });
  }

  test('nexus-consent/auto, cookie.name _pk_consent', async ({ page, context }) => {
    await page.goto('/npm-auto/?cookie=_pk_consent');
    await banner(page).rejectAll();
    expect((await context.cookies()).map((c) => c.name)).toEqual(['_pk_consent']);
    await page.reload();
    await expect(page.getByRole('heading', { name: 'OpenJob (SPA)' })).toBeVisible();
    await expect(banner(page).region).toBeHidden();
    expect(await state(page)).toEqual(REFUSED);
    await banner(page).region.waitFor({ state: 'hidden' });
    await page.evaluate(() => (window as unknown as { NexusConsent: { acceptAll(): void } }).NexusConsent.acceptAll());
    await page.reload();
    expect(await state(page)).toMatchObject({ status: 'decided', method: 'accept-all', analytics: true });
  });
});
