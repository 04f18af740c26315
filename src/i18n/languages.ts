/**
 * nexus-consent/i18n — every language the SDK translates, as plain data. French
 * and English are built into every entry; add the others through `texts`:
 *
 *   import { de, es } from 'nexus-consent/i18n';
 *   createConsent({ …, texts: { de, es } });
 *
 * The full script-tag build (nexus-consent.full.min.js) has all of them.
 */
export { de } from './de.js';
export { en } from './en.js';
export { es } from './es.js';
export { fr } from './fr.js';
export { it } from './it.js';
export { nl } from './nl.js';
export type { Texts } from './texts.js';
