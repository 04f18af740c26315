/**
 * Issue #14, "undecided means wait, not drop": a tracker's request, beacon,
 * pixel, XHR, cookie or storage write made before the visitor decides is held,
 * then performed in the same page on a grant, or discarded on a refusal —
 * and a held request does not wait for ever when the visitor never decides.
 */
import type { BrowserContext, Page } from 'playwright/test';
import { banner, expect, otherCookies, ran, test } from '../support/test.js';

const PAGE = '/held-calls.html';
/** The trackers the page calls, by kind: what reaches the network once they may. */
const URLS = {
  script: 'https://static.hotjar.com/c/hotjar-3456789.js?sv=6',
  fetch: 'https://api.mixpanel.com/track?data=e30',
  image: 'https://px.ads.linkedin.com/collect/?pid=1234567&fmt=gif',
  beacon: 'https://region1.google-analytics.com/g/collect?v=2&tid=G-HOLD1&en=page_view',
  xhr: 'https://api2.amplitude.com/2/httpapi',
};
/** How long a held request waits for a decision (network-requests.ts, README). */
const HOLD_MS = 30_000;

interface Blocked {
  kind: string;
  target: string;
  outcome?: string;
}

const state = (page: Page) => page.evaluate(() => ({ ...(window as any).__page }));
const blocked = (page: Page): Promise<Blocked[]> => page.evaluate(() => (window as any).NexusConsent.blocked());
/** What the browser itself holds, past any overlay: named properties are not patched. */
const storedKeys = (page: Page) => page.evaluate(() => Object.keys(localStorage).sort());
const outcomes = async (page: Page) => Object.fromEntries((await blocked(page)).map((b) => [`${b.kind} ${b.target}`, b.outcome]));

/** Before a decision: nothing reached a tracker host or the jar, yet the page reads back what it wrote. */
async function expectHeld(page: Page, context: BrowserContext, network: { trackerUrls(): string[] }) {
  await page.waitForLoadState('load');
  await expect.poll(async () => (await state(page)).jobs).toBe(3);
  const s = await state(page);
  expect(s.errors).toEqual([]);
  // Requests wait: no answer either way yet; the beacon reports itself queued.
  expect(s).toMatchObject({ beacon: true, cookieRead: true, foreignDomainRead: false, storageRead: { value: '{"id":"s1"}', keys: expect.arrayContaining(['nexus_recent_jobs', '_hjSession_3456789']) } });
  expect(s.storageRead.keys).toHaveLength(2);
  expect([s.fetch, s.xhr, s.image, s.awaited]).toEqual([undefined, undefined, undefined, undefined]);
  expect(s.xhrEvents).toEqual([]);
  expect(network.trackerUrls()).toEqual([]);
  expect(await ran(page)).toEqual([]);
  expect(await otherCookies(context)).toEqual(['cart']);
  expect(await storedKeys(page)).toEqual(['nexus_recent_jobs']);
  const held = await outcomes(page);
  expect(held).toMatchObject({
    [`fetch ${URLS.fetch}`]: 'held',
    [`img ${URLS.image}`]: 'held',
    [`beacon ${URLS.beacon}`]: 'held',
    [`xhr ${URLS.xhr}`]: 'held',
    'cookie _ga': 'held',
    'storage _hjSession_3456789': 'held',
  });
}

test('before any decision: every tracker call is held, nothing leaves, and the page reads back what it wrote', async ({ page, context, network }) => {
  await page.goto(PAGE);
  await expectHeld(page, context, network);
  await expect(page.locator('#rendered')).toBeHidden();
});

test('after "Tout accepter": every held call does its work in the same page, without a reload', async ({ page, context, network }) => {
  await page.goto(PAGE);
  await expectHeld(page, context, network);
  await page.evaluate(() => ((window as any).__sameDocument = true));
  await banner(page).acceptAll();

  // The fetch resolves with the real answer, the XHR fires its events as a sent one does, the pixel loads.
  await expect.poll(() => state(page), { timeout: 10_000 }).toMatchObject({ fetch: 'ok:200:1', xhr: 'load:200:1', image: 'load', awaited: 'ok' });
  expect((await state(page)).xhrEvents).toEqual(['loadstart', 'load', 'loadend']);
  await expect(page.locator('#rendered')).toBeVisible();
  // The script ran; every request reached its host (the server side, answered by routing).
  await expect.poll(() => ran(page)).toContain('hotjar');
  await expect.poll(() => network.trackerUrls()).toEqual(expect.arrayContaining(Object.values(URLS)));
  // The cookie and the key are really stored now, with what the page wrote.
  expect((await context.cookies()).find((c) => c.name === '_ga')?.value).toBe('GA1.1.42.42');
  expect(await storedKeys(page)).toEqual(expect.arrayContaining(['_hjSession_3456789', 'nexus_recent_jobs']));
  expect(await page.evaluate(() => localStorage.getItem('_hjSession_3456789'))).toBe('{"id":"s1"}');
  expect(await page.evaluate(() => localStorage.length)).toBe((await storedKeys(page)).length);
  const replayed = await outcomes(page);
  for (const key of [`fetch ${URLS.fetch}`, `img ${URLS.image}`, `beacon ${URLS.beacon}`, `xhr ${URLS.xhr}`, 'cookie _ga', 'storage _hjSession_3456789']) {
    expect(replayed[key], key).toBe('replayed');
  }
  expect(await page.evaluate(() => (window as any).__sameDocument)).toBe(true);
  expect((await state(page)).errors).toEqual([]);
});

test('after "Tout refuser": the held calls fail as blocked ones do, nothing ever reaches the hosts, nothing is kept', async ({ page, context, network }) => {
  await page.goto(PAGE);
  await expectHeld(page, context, network);
  await banner(page).rejectAll();

  await expect.poll(() => state(page)).toMatchObject({ fetch: 'TypeError', xhr: 'error:0', awaited: 'TypeError' });
  expect((await state(page)).xhrEvents).toEqual(['error', 'loadend']);
  await expect(page.locator('#rendered')).toBeVisible();
  // What the page reads no longer shows what was held.
  expect(await page.evaluate(() => [/(^|; )_ga=/.test(document.cookie), localStorage.getItem('_hjSession_3456789'), localStorage.length])).toEqual([false, null, 1]);
  const refused = await outcomes(page);
  for (const key of [`fetch ${URLS.fetch}`, `img ${URLS.image}`, `beacon ${URLS.beacon}`, `xhr ${URLS.xhr}`, 'cookie _ga', 'storage _hjSession_3456789']) {
    expect(refused[key], key).toBe('discarded');
  }
  // After the decision, a new call is refused at once, as before issue #14.
  expect(await page.evaluate(() => fetch('https://api.mixpanel.com/track?data=late').then(() => 'ok', (e) => e.name))).toBe('TypeError');
  expect(await page.evaluate(() => navigator.sendBeacon('https://region1.google-analytics.com/g/collect?v=2&en=late'))).toBe(true);
  expect(await page.evaluate(() => ((document.cookie = '_ga=late; path=/'), /(^|; )_ga=/.test(document.cookie)))).toBe(false);

  await page.reload();
  await page.waitForLoadState('load');
  await expect.poll(async () => (await state(page)).fetch).toBe('TypeError');
  expect(network.trackerUrls()).toEqual([]);
  expect(await ran(page)).toEqual([]);
  expect(await otherCookies(context)).toEqual(['cart']);
  expect(await storedKeys(page)).toEqual(['nexus_recent_jobs']);
});

test('never decided: a held request fails after 30 s (sooner with the page’s own abort signal); beacons and writes keep waiting', async ({ page, context, network }) => {
  // The page's time stands still but for runFor(): the 30 s are counted exactly.
  await page.clock.install({ time: new Date('2026-12-01T10:00:00Z') });
  await page.clock.pauseAt(new Date('2026-12-01T10:00:01Z'));
  await page.goto(PAGE);
  await expectHeld(page, context, network);

  // The page's own bound: its abort signal rejects the held fetch at once.
  await page.clock.runFor(2_000);
  await expect.poll(async () => (await state(page)).bounded).toBe('AbortError');
  expect((await state(page)).fetch).toBeUndefined();

  await page.clock.runFor(HOLD_MS - 2_000 - 100);
  expect((await state(page)).awaited).toBeUndefined();
  await page.clock.runFor(200);
  // As a refused request fails: the page that awaited it renders.
  await expect.poll(() => state(page)).toMatchObject({ fetch: 'TypeError', xhr: 'error:0', awaited: 'TypeError' });
  await expect(page.locator('#rendered')).toBeVisible();
  const expired = await outcomes(page);
  expect(expired).toMatchObject({
    [`fetch ${URLS.fetch}`]: 'expired',
    [`xhr ${URLS.xhr}`]: 'expired',
    // No one awaits these: still held, for a decision.
    [`img ${URLS.image}`]: 'held',
    [`beacon ${URLS.beacon}`]: 'held',
    'cookie _ga': 'held',
    'storage _hjSession_3456789': 'held',
  });
  expect(network.trackerUrls()).toEqual([]);

  // A late "Tout accepter" still performs what kept waiting, but not the requests that gave up.
  await banner(page).acceptAll();
  await expect.poll(() => network.trackerUrls()).toEqual(expect.arrayContaining([URLS.script, URLS.image, URLS.beacon]));
  expect(network.trackerUrls()).not.toContain(URLS.fetch);
  expect(network.trackerUrls()).not.toContain(URLS.xhr);
  expect((await context.cookies()).find((c) => c.name === '_ga')?.value).toBe('GA1.1.42.42');
});
