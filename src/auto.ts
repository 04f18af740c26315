/**
 * nexus-consent/auto — import it first in a single-page app's entry:
 *
 *   import 'nexus-consent/auto';            // before anything else
 *   import { createConsent } from 'nexus-consent';
 *   import { initAnalytics } from './analytics';
 *
 * ES modules run in import order, so the interceptors are in place before any
 * other module of the app can insert a tag, send a beacon or write a cookie.
 * Until `createConsent()` is called nothing is granted; call it in the same
 * start-up code. This entry has side effects by design (and says so in
 * package.json); it does nothing outside a browser.
 */
import type { BrowserWindow } from './browser-window.js';
import { installEarlyBlocker } from './blocker/early-blocker.js';
import { coreCatalogue } from './catalogue/generated/core-catalogue.js';
import { createClassifier } from './classifier/create-classifier.js';

const win = (globalThis as { window?: BrowserWindow }).window;
if (win?.document) installEarlyBlocker(win, createClassifier([coreCatalogue]));
