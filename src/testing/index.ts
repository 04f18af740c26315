/**
 * nexus-consent/testing — helpers for a site's own Playwright suite. Runs in
 * the test runner (Node), never in the page; `playwright` is an optional
 * peer dependency, used for its types only.
 *
 *   import { consentBanner, presetConsent, trackerRequests } from 'nexus-consent/testing';
 */
export { presetConsent } from './preset-consent.js';
export { consentBanner } from './consent-banner.js';
export { trackerRequests } from './tracker-requests.js';
export { TestingKitError } from './testing-error.js';

export type { PresetChoices, PresetConsentOptions } from './consent-cookie.js';
export type { ConsentBanner, ConsentBannerOptions } from './consent-banner.js';
export type { TrackerRequests } from './tracker-requests.js';
export type { TrackerRequest, TrackerRequestsOptions } from './tracker-log.js';
export type { LabelPattern, TextOverrides } from './text-patterns.js';
export type { Category, ConsentRecord } from '../store/consent-record.js';
