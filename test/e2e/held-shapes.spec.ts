/**
 * Issue #14 ("undecided means wait"): shapes of held calls the
 * held-calls spec does not try — sessionStorage, a write undone before the decision,
 * a Request object and Blob bodies.
 */
import type { Page } from 'playwright/test';
import { banner, expect, test } from '../support/test.js';

const state = (page: Page) => page.evaluate(() => ({ ...(window as any).__page }));

test('held shapes before a decision and after "Tout accepter"', async ({ page, context }) => {
  const bodies = new Map<string, string | null>();
  context.on('request', (r) => {
    const u = new URL(r.url());
    if (u.hostname.endsWith('mixpanel.com') || u.hostname.endsWith('google-analytics.com')) bodies.set(u.search, r.postData());
  });
  await page.goto('/held-shapes.html');
  await page.waitForLoadState('load');
  const before = await state(page);
  expect(before.errors).toEqual([]);
  expect(before.sessionRead).toBe('{"id":"ss"}');
  expect(before.removedRead).toBeNull();
  expect(before.deletedCookieRead).toBe(false);
  expect(before.blobBeacon).toBe(true);
  expect(await page.evaluate(() => Object.keys(sessionStorage))).toEqual([]);
  expect(bodies.size).toBe(0);

  await banner(page).acceptAll();
  await expect.poll(() => state(page), { timeout: 10_000 }).toMatchObject({ requestObject: 'ok:200', blobFetch: 'ok:200' });
  expect(await page.evaluate(() => sessionStorage.getItem('_hjSession_1111111'))).toBe('{"id":"ss"}');
  expect(await page.evaluate(() => localStorage.getItem('_hjSession_2222222'))).toBeNull();
  expect((await context.cookies()).map((c) => c.name)).not.toContain('_ga');
  await expect.poll(() => bodies.get('?data=request-object')).toBe('from-a-request');
  await expect.poll(() => bodies.get('?data=blob')).toBe('blob-body');
  await expect.poll(() => bodies.get('?v=2&en=blob')).toBe('beacon-blob');
});
