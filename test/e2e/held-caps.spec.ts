/** Issue #14: the held calls' caps, seen from the page and from blocked(). */
import { banner, expect, test } from '../support/test.js';

test('past 200 held calls of a category, the oldest fail as refused and show as dropped; the rest go on grant, in order', async ({ page, context }) => {
  const sent: string[] = [];
  context.on('request', (r) => {
    const u = new URL(r.url());
    if (u.hostname === 'api.mixpanel.com') sent.push(u.searchParams.get('n') ?? '');
  });
  await page.goto('/no-trackers.html');
  await page.waitForLoadState('load');
  await page.evaluate(() => {
    const w = window as any;
    w.__results = [];
    for (let i = 0; i < 250; i++) fetch(`https://api.mixpanel.com/track?n=${i}`).then(() => (w.__results[i] = 'ok'), (e) => (w.__results[i] = e.name));
  });
  await expect.poll(() => page.evaluate(() => (window as any).__results.filter(Boolean).length)).toBe(50);
  const early = await page.evaluate(() => (window as any).__results.slice(0, 50));
  expect(new Set(early)).toEqual(new Set(['TypeError']));
  const outcomes = await page.evaluate(() => (window as any).NexusConsent.blocked().filter((b: any) => b.kind === 'fetch').map((b: any) => b.outcome));
  expect(outcomes.filter((o: string) => o === 'dropped')).toHaveLength(50);
  expect(outcomes.filter((o: string) => o === 'held')).toHaveLength(200);

  // One body over the byte cap on its own: refused alone, the 200 held calls stay held.
  await page.evaluate(() => {
    const w = window as any;
    fetch('https://api.mixpanel.com/track?n=big', { method: 'POST', body: 'x'.repeat(1_100_000) }).then(() => (w.__big = 'ok'), (e) => (w.__big = e.name));
  });
  await expect.poll(() => page.evaluate(() => (window as any).__big)).toBe('TypeError');

  await banner(page).acceptAll();
  // The 200 held calls are replayed, in order; the oversized one alone was refused.
  await expect.poll(() => sent.length, { timeout: 15_000 }).toBe(200);
  expect(sent).toEqual(Array.from({ length: 200 }, (_, i) => String(i + 50)));
  await expect.poll(() => page.evaluate(() => (window as any).__results.filter((r: string) => r === 'ok').length)).toBe(200);
});
