/**
 * examples/consent-log: the demo site posts each decision to the receiver
 * mounted in its own Node server, and its history page shows the visitor's
 * stored decisions, in order.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { PORT } from '../playwright.config.js';
import { banner, expect, test } from '../support/test.js';

const DEMO_PORT = PORT + 7;
let demo: ChildProcess;
// One demo server for the file: its tests run in one worker, one after the other.
test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  test.setTimeout(120_000);
  demo = spawn(process.execPath, ['examples/consent-log/server.mjs', '--port', String(DEMO_PORT)], { stdio: 'ignore' });
  await expect
    .poll(() => fetch(`http://localhost:${DEMO_PORT}/consent-log/v1/health`).then((r) => r.status, () => 0), { timeout: 110_000 })
    .toBe(200);
});
test.afterAll(() => {
  demo?.kill('SIGTERM');
});

test('the demo records accept then refuse, and the history page shows both, in order', async ({ page, consoleErrors }) => {
  await page.goto(`http://localhost:${DEMO_PORT}/`);
  await banner(page).acceptAll();
  await page.evaluate(() => (window as unknown as { NexusConsent: { rejectAll(): void } }).NexusConsent.rejectAll());
  await expect.poll(() => page.evaluate(() => localStorage.getItem('nexus_consent_log') && JSON.parse(localStorage.getItem('nexus_consent_log')!).items.length), { timeout: 30_000 }).toBe(0);

  await page.goto(`http://localhost:${DEMO_PORT}/historique.html`);
  await expect(page.locator('#record')).toContainText('2 décision(s) enregistrée(s)', { timeout: 15_000 });
  const rows = page.locator('#receipts tr');
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(0)).toContainText('accept-all');
  await expect(rows.nth(1)).toContainText('reject-all');
  await expect(rows.nth(1)).toContainText('analytics, advertising, personalisation');
  expect(consoleErrors).toEqual([]);
});

test('another visitor sees no one else’s history', async ({ page }) => {
  await page.goto(`http://localhost:${DEMO_PORT}/historique.html`);
  await expect(page.locator('#record')).toContainText('Aucune décision');
  await expect(page.locator('#receipts tr')).toHaveCount(0);
});
