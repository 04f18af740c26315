/**
 * Script-tag build with everything built in (dist/nexus-consent.full.min.js):
 * the whole tracker catalogue, for sites whose trackers the core catalogue does
 * not cover, and every translation (German, Spanish, Italian, Dutch besides
 * French and English), at the cost of about 44 KB gzip more. Same
 * configuration and API as dist/nexus-consent.min.js.
 */
import { catalogueFull } from './catalogue/catalogue-full.js';
import { de } from './i18n/de.js';
import { es } from './i18n/es.js';
import { it } from './i18n/it.js';
import { nl } from './i18n/nl.js';
import { startScriptTag, withLanguages, type PageWindow } from './script-tag.js';

const languages = { de, es, it, nl };
startScriptTag(window as PageWindow, [catalogueFull], (texts) => withLanguages(languages, texts));
