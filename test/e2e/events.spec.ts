/** Issue #2, case 7: the pre-load queue, `on('change')` and the DOM event each hear a decision once. */
import { banner, expect, test } from '../support/test.js';

test('queue, on() and DOM event subscribers each receive the decision once', async ({ page }) => {
  await page.goto('/events.html');
  expect(await page.evaluate(() => (window as any).__events)).toMatchObject({ queueReady: 1, queue: 0, on: 0, dom: 0, latePush: true });
  await banner(page).rejectAll();
  await expect
    .poll(() => page.evaluate(() => (window as any).__events))
    .toMatchObject({ queueReady: 1, queue: 1, on: 1, dom: 1, last: { queue: 'reject-all', on: 'reject-all', dom: 'reject-all' } });
  // A later change is heard once more by each, not twice.
  await page.evaluate(() => (window as any).NexusConsent.acceptAll());
  expect(await page.evaluate(() => (window as any).__events)).toMatchObject({ queue: 2, on: 2, dom: 2, last: { dom: 'accept-all' } });
});

test('a stored decision is announced by a ready event, not as a change', async ({ page }) => {
  await page.goto('/events.html');
  await banner(page).acceptAll();
  await page.addInitScript(() => {
    window.addEventListener('nexus-consent:ready', (e) => ((window as any).__ready = (e as CustomEvent).detail.state.status));
  });
  await page.reload();
  expect(await page.evaluate(() => (window as any).__ready)).toBe('decided');
  expect(await page.evaluate(() => (window as any).__events)).toMatchObject({ queueReady: 1, queue: 0, on: 0, dom: 0 });
});
