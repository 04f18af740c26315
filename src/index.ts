/**
 * nexus-consent — npm entry. Named exports only; importing this module touches
 * neither `window` nor `document` (safe under server-side rendering). Call
 * `createConsent(config)` in the browser to start.
 */
export { createConsent } from './create-consent.js';
export { ConsentConfigError } from './config/config-error.js';

export type { ConsentEnvironment } from './create-consent.js';
export type { ConsentApi, ConsentChange, ConsentEvents } from './api.js';
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
