/**
 * What the script-tag builds do: read the page's config, start the SDK, and
 * set `window.NexusConsent` to the instance, after calling every function the
 * page queued there before the SDK loaded. Loading a build twice leaves the
 * first instance in place.
 *
 * Whatever goes wrong here fails closed: a config the SDK refuses still starts
 * the blocker with nothing granted (fail-closed.ts), and a page that left
 * something odd in `window.NexusConsent` gets a warning, not a dead SDK.
 */
import type { Catalogue } from './catalogue/catalogue.js';
import type { ConsentConfig } from './config/types.js';
import type { ConsentApi } from './api.js';
import type { BrowserWindow } from './browser-window.js';
import { startConsent } from './create-consent.js';
import { readScriptConfig } from './config/read-script-config.js';
import { drainQueue, runCallback } from './events/preload-queue.js';
import { startFailClosed } from './fail-closed.js';
import type { UiLoader } from './ui-host/ui-host.js';
import type { Texts } from './i18n/texts.js';
import { UI_FILE } from './ui-file.js';

/** `window.NexusConsent` once loaded: the instance, plus `push` for the queue convention. */
export interface NexusConsentGlobal extends ConsentApi {
  push(callback: (api: NexusConsentGlobal) => void): void;
}

export type PageWindow = BrowserWindow & { NexusConsent?: unknown; NexusConsentConfig?: unknown };

/** Brands the instances this SDK publishes: a stub with an `isGranted` is not one. */
const INSTANCE = Symbol.for('nexus-consent.instance');
const PREFIX = '[nexus-consent]';

/**
 * Starts the script-tag build; `catalogues` and `addLanguages` are built into
 * this variant (the full one adds the rest of the catalogue and every
 * translation: `withLanguages`). Passed in, not imported: the core build then
 * carries no merging code it would never run.
 */
export function startScriptTag(win: PageWindow, catalogues: readonly Catalogue[], addLanguages?: (texts: unknown) => unknown): void {
  const { console } = win;
  let pending: unknown;
  try {
    pending = win.NexusConsent;
  } catch (error) {
    console.warn(PREFIX, 'reading window.NexusConsent threw; the pre-load queue is ignored:', error);
  }
  if (isInstance(pending)) return;
  if (pending !== undefined && !Array.isArray(pending)) {
    console.warn(PREFIX, 'window.NexusConsent held something other than the pre-load queue; replaced.');
  }
  // Only valid while this script runs for the first time, synchronously.
  const script = win.document.currentScript as HTMLScriptElement | null;
  warnIfLate(win, script);
  // The rest runs in the microtask checkpoint that follows this script, still
  // before the parser goes on to the page's next tag. Why: Chromium records
  // where the first `document.cookie` read comes from, and V8 then re-parses
  // every function on the stack for its source positions — from here, the
  // whole file (this script's top level). From a microtask, only the few
  // functions of the start: ≈ 1.3 ms less on the critical path (issue #15).
  // `await` uses the engine's own promise: a page's `Promise.prototype.then`
  // or `queueMicrotask` cannot stop the SDK from starting.
  void (async () => {
    await 0;
    const report = (error: unknown) => console.error(PREFIX, error);
    let api: ConsentApi;
    try {
      const config = readScriptConfig(readGlobal(win, 'NexusConsentConfig'), script?.dataset);
      api = startConsent(
        {
          ...config,
          catalogues: [...catalogues, ...(config.catalogues ?? [])],
          ...(addLanguages && { texts: addLanguages(config.texts) as NonNullable<ConsentConfig['texts']> }),
        },
        { window: win, loadConsentLog: consentLogBeside(script) },
        { loadUi: uiLoader(script) },
      );
    } catch (error) {
      // Nothing is granted: the blocker still holds every tracker it knows.
      const text = error instanceof Error ? error.message : String(error);
      console.error(`${text.startsWith('nexus-consent') ? text : `${PREFIX} ${text}`} — trackers stay blocked and nothing can be granted until the configuration is fixed.`);
      api = startFailClosed(win, catalogues);
    }
    const global: NexusConsentGlobal = { ...api, push: (callback) => runCallback(callback, global, report) };
    Object.defineProperty(global, INSTANCE, { value: true });
    publish(win, global);
    drainQueue(pending, global, report);
  })();
}

/** The file the script-tag builds load the consent-log client from: beside the SDK's own file. */
export const CONSENT_LOG_FILE = 'nexus-consent.consent-log.mjs';

/**
 * The consent-log client for the script tag: an ES module next to the SDK's
 * file, imported only when `consentLog` is set (an IIFE cannot hold a lazy
 * chunk of its own). Its URL comes from the SDK's own <script src>, read now.
 */
function consentLogBeside(script: HTMLScriptElement | null) {
  const base = script?.src;
  return () =>
    base
      ? (import(/* @vite-ignore */ new URL(CONSENT_LOG_FILE, base).href) as Promise<import('./consent-log/connect-consent-log.js').ConsentLogModule>)
      : Promise.reject(new Error(`${CONSENT_LOG_FILE} is found beside the SDK's <script src>; there is none`));
}

/** The UI file, fetched from beside this script: `…/nexus-consent.min.js` → `…/nexus-consent.ui.min.js`. */
export { UI_FILE };

/**
 * A dynamic `import()` from this classic script: the request inherits the
 * script's nonce and credentials mode (HTML, "fetch options" of the referencing
 * script), so a `script-src 'nonce-…'` policy that let the SDK in lets its UI in.
 */
function uiLoader(script: HTMLScriptElement | null): UiLoader {
  const src = script?.src;
  return () =>
    src
      ? (import(/* @vite-ignore */ new URL(UI_FILE, src).href) as ReturnType<UiLoader>)
      : Promise.reject(new Error('the SDK was not loaded by a <script src> (document.currentScript), so the UI file has no address'));
}

function isInstance(value: unknown): boolean {
  try {
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[INSTANCE] === true;
  } catch {
    return false;
  }
}

/** The config global, read once: a getter that throws is a config error like any other. */
function readGlobal(win: PageWindow, name: 'NexusConsentConfig'): unknown {
  try {
    return win[name];
  } catch (error) {
    throw new Error(`nexus-consent: reading window.${name} threw (${error instanceof Error ? error.message : String(error)})`);
  }
}

/** Sets `window.NexusConsent`, even over a property the page made read-only; warns when it cannot. */
function publish(win: PageWindow, global: NexusConsentGlobal): void {
  try {
    Object.defineProperty(win, 'NexusConsent', { value: global, writable: true, configurable: true, enumerable: true });
  } catch {
    try {
      win.NexusConsent = global;
    } catch {
      // Reported below.
    }
  }
  let published = false;
  try {
    published = win.NexusConsent === global;
  } catch {
    // A getter that throws: not published.
  }
  if (!published) {
    win.console.warn(PREFIX, 'window.NexusConsent is locked by the page: the SDK runs, but page code cannot reach it there.');
  }
}

/**
 * The SDK can only hold the tags parsed after it, and only if nothing runs
 * before it: `async`, `defer` or an insertion by another script lets the
 * page's first tags run (and fetch) unguarded.
 */
function warnIfLate(win: PageWindow, script: HTMLScriptElement | null): void {
  const late = script
    ? script.async || script.defer || win.document.readyState !== 'loading'
    : win.document.readyState !== 'loading';
  if (late) {
    win.console.warn(
      PREFIX,
      'load the SDK with a plain synchronous <script>, the first script in <head> (no async, defer or tag manager): tags that run before it are not held.',
    );
  }
}

/** The page's `texts` with `languages` added: the page's strings win over the built-in translations, key by key. */
export function withLanguages(languages: Readonly<Record<string, Texts>>, texts: unknown): unknown {
  // A malformed `texts` is left for the validator to report.
  if (texts !== undefined && (typeof texts !== 'object' || texts === null)) return texts;
  const own = (texts ?? Object.create(null)) as Record<string, unknown>;
  const merged = Object.create(null) as Record<string, unknown>;
  for (const code of Object.keys(own)) merged[code] = own[code];
  for (const [code, strings] of Object.entries(languages)) {
    const mine = Object.prototype.hasOwnProperty.call(own, code) ? own[code] : undefined;
    merged[code] = typeof mine === 'object' && mine !== null ? { ...strings, ...mine } : strings;
  }
  return merged;
}
