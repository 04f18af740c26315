/**
 * Issue #13, the optional item: the Content-Security-Policy the markup
 * middleware sends (`csp` option) lists only the trackers the visitor granted.
 * The page's own code inserts a Hotjar script (analytics) and a Meta pixel
 * (advertising) before the SDK has loaded: neither the markup step (they are
 * not in the HTML) nor the SDK can hold them. Without the policy they reach
 * their hosts (the control); with it Chromium refuses them (a CSP violation,
 * no request at all); after the visitor grants analytics and reloads, the
 * policy lists Hotjar's hosts and it loads, while the pixel stays refused.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright/test';
import { startServer } from '../../scripts/serve.mjs';
import { banner, expect, preferences, ran, test } from '../support/test.js';

const HOTJAR = 'https://static.hotjar.com/c/hotjar-3456789.js?sv=6';
const PIXEL = 'https://www.facebook.com/tr?id=123456789012345&ev=PageView&noscript=1';

let withCsp: Server;
let withoutCsp: Server;
const url = (server: Server) => `http://127.0.0.1:${(server.address() as AddressInfo).port}/csp-second-line.html`;

test.beforeAll(async () => {
  // Servers of this spec's own, on free ports: the test pages through the markup middleware, with and without the option.
  const root = fileURLToPath(new URL('../fixtures/', import.meta.url));
  withCsp = await startServer({ root, markup: { csp: { sources: { 'img-src': ['data:'] } } } });
  withoutCsp = await startServer({ root, markup: true });
});
test.afterAll(async () => {
  await Promise.all([withCsp, withoutCsp].map((server) => new Promise((done) => server.close(done))));
});

/** Every CSP violation the page reports: directive and blocked URL. */
async function recordViolations(page: Page): Promise<void> {
  await page.addInitScript(() => {
    (window as any).__violations = [];
    document.addEventListener('securitypolicyviolation', (e) => (window as any).__violations.push(`${e.effectiveDirective} ${e.blockedURI}`));
  });
}
const violations = (page: Page): Promise<string[]> => page.evaluate(() => (window as any).__violations);

test('control: without the policy, what the page inserts before the SDK reaches Hotjar and Meta before any choice', async ({ page, network }) => {
  await page.goto(url(withoutCsp));
  await expect.poll(() => network.trackerUrls()).toEqual(expect.arrayContaining([HOTJAR, PIXEL]));
  await expect.poll(() => ran(page)).toContain('hotjar');
});

test('with the policy: refused by Chromium before consent; after analytics is granted and the page reloaded, Hotjar loads and the pixel stays refused', async ({ page, network }) => {
  await recordViolations(page);
  const response = await page.goto(url(withCsp));
  expect(response!.headers()['content-security-policy']).toBe("script-src 'self'; img-src 'self' data:; connect-src 'self'; frame-src 'self'");
  await expect(banner(page).region).toBeVisible();
  // Refused by the browser itself: a violation for each, and not one request reached a tracker's host.
  await expect.poll(() => violations(page)).toEqual(expect.arrayContaining([`script-src-elem ${HOTJAR}`, `img-src ${PIXEL}`]));
  expect(await violations(page)).toHaveLength(2);
  await page.waitForLoadState('networkidle');
  expect(network.requests.map((r) => r.url)).toEqual([]);
  expect(await ran(page)).toEqual([]);

  // The visitor grants analytics only; the policy follows the consent cookie on the next page view.
  await banner(page).customise();
  await preferences(page).toggle('Mesure d’audience');
  await preferences(page).save();
  const reloaded = await page.reload();
  const policy = reloaded!.headers()['content-security-policy']!;
  expect(policy).toContain(' *.hotjar.com');
  expect(policy).not.toContain('facebook');
  await expect.poll(() => ran(page)).toContain('hotjar');
  expect(network.trackerUrls()).toEqual([HOTJAR]);
  await expect.poll(() => violations(page)).toEqual([`img-src ${PIXEL}`]);
});
