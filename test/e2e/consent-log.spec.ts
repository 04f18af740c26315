/**
 * Proof of consent in Chromium: the script-tag SDK sends each decision to the
 * consent-log receiver (the published `nexus-consent-server`, on PGlite, on
 * another origin: CORS), which holds exactly those receipts, in order; with
 * the receiver down, decisions still work and the receipts arrive once it is
 * back (next page), none twice.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright/test';
import { PORT } from '../playwright.config.js';
import { receiver, type Receiver } from '../../scripts/consent-log-receiver.mjs';
import { banner, expect, preferences, ran, test } from '../support/test.js';

// PORT + 5 and + 6: the receivers of this file (PORT + 3 and + 4 are taken).
const LOG_PORT = PORT + 5;
const DOWN_PORT = PORT + 6;
const ORIGIN = `http://localhost:${PORT}`;

test.describe.configure({ mode: 'serial' });

let dir: string;
let log: Receiver;
test.beforeAll(async () => {
  test.setTimeout(120_000);
  dir = mkdtempSync(join(tmpdir(), 'consent-log-e2e-'));
  log = receiver({ port: LOG_PORT, dataDir: join(dir, 'main'), origins: ORIGIN });
  await log.start();
});
test.afterAll(async () => {
  await log?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const recordId = (page: Page) =>
  page.evaluate(() => (window as unknown as { NexusConsent: { get(): { record?: { id: string } } } }).NexusConsent.get().record?.id ?? '');
const queued = (page: Page) => page.evaluate(() => JSON.parse(localStorage.getItem('nexus_consent_log') ?? '{"items":[]}').items.length as number);

test('accept, withdraw, refuse: the receiver holds exactly those three receipts, in order', async ({ page, consoleErrors }) => {
  await page.goto(`/consent-log.html?log=${LOG_PORT}&utm_source=mail#top`);
  await banner(page).acceptAll();
  await expect.poll(() => ran(page)).toContain('smarttag');
  const id = await recordId(page);
  expect(id).toMatch(/^[A-Za-z0-9_-]{21}$/);

  await page.evaluate(() => (window as unknown as { NexusConsent: { showPreferences(): void } }).NexusConsent.showPreferences());
  await preferences(page).toggle(/Mesure d.audience|Analytics/i);
  await preferences(page).save();
  await page.evaluate(() => (window as unknown as { NexusConsent: { rejectAll(): void } }).NexusConsent.rejectAll());

  await expect.poll(async () => (await log.history(id)).map((r) => r.method), { timeout: 30_000 }).toEqual(['accept-all', 'withdraw', 'reject-all']);
  const receipts = await log.history(id);
  expect(receipts.map((r) => r.withdrawn)).toEqual([[], ['analytics'], ['advertising', 'personalisation']]);
  expect(receipts.map((r) => r.updatedAt)).toEqual([...receipts.map((r) => r.updatedAt)].sort((a, b) => a - b));
  for (const r of receipts) {
    expect(r).toMatchObject({ pageUrl: `${ORIGIN}/consent-log.html`, language: 'fr', sdkVersion: '0.1.0', revision: 1, ip: null });
    expect(r.textsHash).toMatch(/^(sha256:[0-9a-f]{64}|fnv1a64:[0-9a-f]{16})$/);
  }
  // Same texts, same fingerprint.
  expect(new Set(receipts.map((r) => r.textsHash)).size).toBe(1);
  await expect.poll(() => queued(page), { timeout: 30_000 }).toBe(0);
  expect(consoleErrors).toEqual([]);
});

test('reset and a new decision: a reset receipt, then the new record', async ({ page }) => {
  await page.goto(`/consent-log.html?log=${LOG_PORT}`);
  await banner(page).rejectAll();
  const id = await recordId(page);
  await page.evaluate(() => (window as unknown as { NexusConsent: { reset(): void } }).NexusConsent.reset());
  await expect.poll(async () => (await log.history(id)).map((r) => r.method), { timeout: 30_000 }).toEqual(['reject-all', 'reset']);
});

test('receiver down: decisions still work; the receipts arrive after it is back (next page), none twice', async ({ page }) => {
  test.setTimeout(120_000);
  const down = receiver({ port: DOWN_PORT, dataDir: join(dir, 'down'), origins: ORIGIN });
  await page.goto(`/consent-log.html?log=${DOWN_PORT}`);
  await banner(page).acceptAll();
  // The decision took effect at once, receiver or not.
  await expect.poll(() => ran(page)).toContain('smarttag');
  const id = await recordId(page);
  await page.evaluate(() => (window as unknown as { NexusConsent: { update(c: object): void } }).NexusConsent.update({ analytics: false }));
  await expect.poll(() => queued(page)).toBe(2);
  // Another page while still down: still queued, nothing lost.
  await page.reload();
  await expect.poll(() => queued(page)).toBe(2);

  await down.start();
  try {
    await page.reload();
    await expect.poll(async () => (await down.history(id)).map((r) => r.method), { timeout: 30_000 }).toEqual(['accept-all', 'withdraw']);
    await expect.poll(() => queued(page), { timeout: 30_000 }).toBe(0);
    // Later pages send nothing again: still exactly two.
    await page.reload();
    await page.evaluate(() => new Promise((r) => setTimeout(r, 300)));
    expect(await down.history(id)).toHaveLength(2);
  } finally {
    await down.stop();
  }
});

test('a site without consentLog never fetches the client', async ({ page }) => {
  await page.goto('/consent-log.html');
  await banner(page).acceptAll();
  await expect.poll(() => ran(page)).toContain('smarttag');
  const files = await page.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name));
  expect(files.some((f) => f.includes('consent-log'))).toBe(false);
  expect(await page.evaluate(() => localStorage.getItem('nexus_consent_log'))).toBeNull();
});

test('a bad endpoint fails closed: one message naming consentLog.endpoint, nothing granted', async ({ page, consoleErrors }) => {
  await page.goto(`/consent-log.html?endpoint=${encodeURIComponent('javascript:alert(1)')}`);
  await expect.poll(() => consoleErrors.join('\n')).toContain('consentLog.endpoint');
  expect(await page.evaluate(() => (window as unknown as { NexusConsent: { isGranted(c: string): boolean } }).NexusConsent.isGranted('analytics'))).toBe(false);
  expect(await ran(page)).not.toContain('smarttag');
});
