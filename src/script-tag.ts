/**
 * What the script-tag builds do: read the page's config, start the SDK, and
 * set `window.NexusConsent` to the instance, after calling every function the
 * page queued there before the SDK loaded. Loading a build twice leaves the
 * first instance in place.
 */
import type { Catalogue } from './catalogue/catalogue.js';
import type { ConsentConfig } from './config/types.js';
import type { ConsentApi } from './api.js';
import type { BrowserWindow } from './browser-window.js';
import { startConsent } from './create-consent.js';
import { readScriptConfig } from './config/read-script-config.js';
import { drainQueue, runCallback } from './events/preload-queue.js';
import type { Texts } from './i18n/texts.js';

/** `window.NexusConsent` once loaded: the instance, plus `push` for the queue convention. */
export interface NexusConsentGlobal extends ConsentApi {
  push(callback: (api: NexusConsentGlobal) => void): void;
}

export type PageWindow = BrowserWindow & { NexusConsent?: unknown; NexusConsentConfig?: unknown };

function isInstance(value: unknown): value is NexusConsentGlobal {
  return typeof value === 'object' && value !== null && typeof (value as NexusConsentGlobal).isGranted === 'function';
}

/**
 * Starts the script-tag build; `catalogues` and `languages` are built into this
 * variant (the full one adds the rest of the catalogue and every translation).
 */
export function startScriptTag(win: PageWindow, catalogues: readonly Catalogue[], languages: Readonly<Record<string, Texts>> = {}): void {
  const pending = win.NexusConsent;
  if (isInstance(pending)) return;
  const report = (error: unknown) => win.console.error('[nexus-consent]', error);
  let api: ConsentApi;
  try {
    const script = win.document.currentScript as HTMLScriptElement | null;
    const config = readScriptConfig(win.NexusConsentConfig, script?.dataset);
    const texts = withLanguages(languages, config.texts) as ConsentConfig['texts'];
    api = startConsent(
      { ...config, catalogues: [...catalogues, ...(config.catalogues ?? [])], ...(texts === undefined ? {} : { texts }) },
      { window: win },
    );
  } catch (error) {
    // Nothing is granted and the queue stays for a corrected copy to drain.
    win.console.error(error instanceof Error ? error.message : error);
    return;
  }
  const global: NexusConsentGlobal = { ...api, push: (callback) => runCallback(callback, global, report) };
  win.NexusConsent = global;
  drainQueue(pending, global, report);
}

/** The page's strings win over the built-in translations, key by key. */
function withLanguages(languages: Readonly<Record<string, Texts>>, texts: unknown): unknown {
  if (Object.keys(languages).length === 0) return texts;
  // A malformed `texts` is left for the validator to report.
  if (texts !== undefined && (typeof texts !== 'object' || texts === null)) return texts;
  const own = (texts ?? {}) as Record<string, unknown>;
  const merged: Record<string, unknown> = { ...own };
  for (const [code, strings] of Object.entries(languages)) {
    const mine = own[code];
    merged[code] = typeof mine === 'object' && mine !== null ? { ...strings, ...mine } : strings;
  }
  return merged;
}
