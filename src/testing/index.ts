/**
 * nexus-consent/testing — helpers for a site's own Playwright suite. Runs in
 * the test runner (Node), never in the page. It imports nothing from
 * Playwright: a Page or BrowserContext from `playwright` or `@playwright/test`
 * fits its structural types (playwright-types.ts).
 *
 *   import { consentBanner, presetConsent, stubTrackers, trackerRequests } from 'nexus-consent/testing';
 */
export { presetConsent } from './preset-consent.js';
export { consentBanner } from './consent-banner.js';
export { trackerRequests } from './tracker-requests.js';
export { stubTrackers } from './stub-trackers.js';
export { TestingKitError } from './testing-error.js';

export type { PresetChoices, PresetConsentOptions } from './consent-cookie.js';
export type { ConsentBanner, ConsentBannerOptions } from './consent-banner.js';
export type { TrackerRequests } from './tracker-requests.js';
export type { TrackerRequest, TrackerRequestsOptions } from './tracker-log.js';
export type { RequestReason } from './request-reason.js';
export type { StandInAnswer, StubbedTrackers, StubTrackersOptions } from './stub-trackers.js';
export type { KitContext, KitLocator, KitPage, LocatorOf } from './playwright-types.js';
export type { LabelPattern, TextOverrides } from './text-patterns.js';
export type { Category, ConsentRecord } from '../store/consent-record.js';
