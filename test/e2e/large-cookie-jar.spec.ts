/**
 * Issue #12 §7: a page with a 600 KB `document.cookie` (10,000 writes of
 * tracker cookies over every path of a deep page and every domain of a
 * sub-sub-domain): the SDK starts, the preference dialog opens and the
 * withdrawal completes, each in under 2 s, with no error.
 *
 * Times are measured in the page with performance.now() around the SDK's own
 * synchronous work. The 2 s bound is the requirement and generous for
 * the work itself (see README, Development: a few hundred ms measured on a
 * loaded 2-core machine); what it catches is the old withdrawal that tried
 * every name × domain × path (seconds).
 */
import type { BrowserContext } from 'playwright/test';
import { banner, expect, test } from '../support/test.js';

const LOCAL = `http://localhost:${process.env.TEST_PORT ?? 4391}`;
const PAGE = 'http://a.b.site.example/one/two/three/four/five/six/seven/eight/page.html';
const BOUND_MS = 2000;

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

type Api = { acceptAll(): void; rejectAll(): void; showPreferences(): void; on(e: string, f: (r: unknown) => void): void; get(): { status: string } };

test('a 600 KB cookie jar: start, preference dialog and withdrawal each under 2 s, no error', async ({ page, context, consoleErrors }) => {
  test.setTimeout(120_000);
  await serveSite(context);
  await page.goto(PAGE);
  await banner(page).acceptAll();

  // The jar: 10,000 writes of Google Analytics cookies, spread over every path
  // prefix of the page and the host, its parent and the registrable domain.
  // Chromium keeps the last ~180 per site, about 600 KB in all.
  const size = await page.evaluate(() => {
    const paths = ['/', '/one', '/one/two/', '/one/two/three', '/one/two/three/four/', '/one/two/three/four/five/six', '/one/two/three/four/five/six/seven/eight'];
    const domains = ['', '; domain=a.b.site.example', '; domain=b.site.example', '; domain=site.example'];
    const value = 'x'.repeat(3300);
    for (let i = 0; i < 10_000; i++) {
      document.cookie = `_ga_${i}=${value}; path=${paths[i % paths.length]}${domains[i % domains.length]}; max-age=3600`;
    }
    // Refresh the consent cookie (the jar's limit evicts the oldest) and let the browser settle.
    (window as unknown as { NexusConsent: Api }).NexusConsent.acceptAll();
    return document.cookie.length;
  });
  expect(size).toBeGreaterThan(500_000);

  await page.reload();
  await expect(banner(page).region).toBeHidden();
  const start = await page.evaluate(() => {
    const w = window as unknown as { __start: number; __started: number };
    return w.__started - w.__start;
  });
  const dialog = await page.evaluate(() => {
    const t = performance.now();
    (window as unknown as { NexusConsent: Api }).NexusConsent.showPreferences();
    return performance.now() - t;
  });
  await expect(page.getByRole('dialog')).toBeVisible();
  const withdrawn = await page.evaluate(() => {
    const w = window as unknown as { NexusConsent: Api };
    let report: { remainingCookies: readonly string[]; deletedCookies: readonly string[] } | undefined;
    w.NexusConsent.on('withdraw', (r) => (report = r as typeof report));
    const t = performance.now();
    w.NexusConsent.rejectAll();
    return { ms: performance.now() - t, deleted: report?.deletedCookies.length ?? 0, remaining: report?.remainingCookies ?? ['no report'] };
  });
  const times = { start, dialog, withdrawal: withdrawn.ms, deleted: withdrawn.deleted, remaining: withdrawn.remaining };
  test.info().annotations.push({ type: 'timings (ms)', description: JSON.stringify(times) });
  await expect(page.getByRole('dialog')).toBeHidden();
  expect(times.deleted).toBeGreaterThan(100);
  expect(times.remaining).toEqual([]);
  expect(times.start).toBeLessThan(BOUND_MS);
  expect(times.dialog).toBeLessThan(BOUND_MS);
  expect(times.withdrawal).toBeLessThan(BOUND_MS);
  // Only the consent cookie is left.
  expect((await context.cookies()).map((c) => c.name)).toEqual(['nexus_consent']);
  expect(consoleErrors).toEqual([]);
});
