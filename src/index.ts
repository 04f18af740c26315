/**
 * nexus-consent — npm entry. Named exports only; importing this module touches
 * neither `window` nor `document` (safe under server-side rendering). Call
 * `createConsent(config)` in the browser to start.
 */
export { createConsent } from './create-consent.js';
export { ConsentConfigError } from './config/config-error.js';

export type { ConsentEnvironment, SiteCategory } from './create-consent.js';
export type { CategoryEvent, ConsentApi, ConsentChange, ConsentEventName, ConsentEvents } from './api.js';
export type { ConsentConfig, CategoryConfig, ServiceConfig, LocalisedText } from './config/types.js';
export type {
  BuiltInCategory,
  Category,
  Choices,
  ConsentMethod,
  ConsentRecord,
  ConsentState,
} from './store/consent-record.js';
export type { Texts } from './i18n/texts.js';

// Tracker catalogue and classifier (pure: no DOM).
export { createClassifier } from './classifier/create-classifier.js';
export { classifyCookie, classifyStorageKey, classifyUrl } from './classifier/default-classifier.js';
export { coreCatalogue } from './catalogue/generated/core-catalogue.js';
export { isCatalogue } from './catalogue/catalogue.js';
export type { Classifier } from './classifier/create-classifier.js';
export type { Classification, ClassificationSource } from './classifier/classification.js';
export type { SiteRules, NameRule, UrlRule, RuleTarget, RuleAllow } from './classifier/site-rules.js';
export type { ScanEntry, ScanKind } from './classifier/scan-page.js';
export type { Catalogue } from './catalogue/catalogue.js';
export type { BlockedEntry, BlockedKind } from './blocker/blocked-log.js';
export type { WithdrawReport } from './api.js';
