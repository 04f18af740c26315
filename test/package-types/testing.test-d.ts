/**
 * nexus-consent/testing fits both Playwright packages: their Page and
 * BrowserContext go in, and what comes back is their own Locator type, so
 * every web-first matcher applies. Checked against dist/ by `npm run typecheck`.
 */
import { expect as testExpect, type BrowserContext as TestContext, type Locator as TestLocator, type Page as TestPage } from '@playwright/test';
import type { BrowserContext, Locator, Page } from 'playwright';
import { consentBanner, presetConsent, stubTrackers, trackerRequests, type RequestReason, type TrackerRequest } from 'nexus-consent/testing';
import { expectTypeOf } from 'vitest';

declare const testPage: TestPage;
declare const testContext: TestContext;
declare const page: Page;
declare const context: BrowserContext;

export async function withPlaywrightTest(): Promise<void> {
  await stubTrackers(testContext);
  await stubTrackers(testPage);
  await presetConsent(testContext, { analytics: true });
  await presetConsent(testPage, { analytics: true });
  const requests = trackerRequests(testPage);
  trackerRequests(testContext);
  const consent = consentBanner(testPage);
  expectTypeOf(consent.banner).toEqualTypeOf<TestLocator>();
  expectTypeOf(consent.category('analytics')).toEqualTypeOf<TestLocator>();
  await testExpect(consent.banner).toBeVisible();
  await testExpect(consent.category('analytics')).toBeChecked();
  await testExpect(consent.pageOpener).toHaveCount(1);
  expectTypeOf(requests.byService('meta-pixel')).toEqualTypeOf<readonly TrackerRequest[]>();
  expectTypeOf((await requests.settled())[0]!.reason).toEqualTypeOf<RequestReason>();
}

export async function withPlaywright(): Promise<void> {
  await stubTrackers(context, { hosts: ['stats.partner.example'] });
  await presetConsent(page, {});
  trackerRequests(page, { rules: { urls: [{ path: '/collect', category: 'analytics' }] } });
  expectTypeOf(consentBanner(page).dialog).toEqualTypeOf<Locator>();
  // @ts-expect-error -- a locator is no page
  consentBanner(page.locator('body'));
  // @ts-expect-error -- nor is a plain object
  await stubTrackers({});
}

// Every reason, pinned.
expectTypeOf<RequestReason>().toEqualTypeOf<
  'granted' | 'released-after-grant' | 'preload-scanner' | 'never-classified' | 'no-instance' | 'pending' | 'unexplained'
>();
