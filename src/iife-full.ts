/**
 * Script-tag build with the whole tracker catalogue built in
 * (dist/nexus-consent.full.min.js): for sites whose trackers the core catalogue
 * does not cover, at the cost of about 40 KB gzip more. Same configuration and
 * API as dist/nexus-consent.min.js.
 */
import { catalogueFull } from './catalogue/catalogue-full.js';
import { startScriptTag, type PageWindow } from './script-tag.js';

startScriptTag(window as PageWindow, [catalogueFull]);
