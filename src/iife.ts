/**
 * Script-tag entry (dist/nexus-consent.min.js). Reads the page's config, starts
 * the SDK, and sets `window.NexusConsent` to the instance, after calling every
 * function the page queued there before the SDK loaded. Loading the file twice
 * leaves the first instance in place.
 */
import type { ConsentApi } from './api.js';
import type { BrowserWindow } from './browser-window.js';
import { startConsent } from './create-consent.js';
import { readScriptConfig } from './config/read-script-config.js';
import { drainQueue, runCallback } from './events/preload-queue.js';

/** `window.NexusConsent` once loaded: the instance, plus `push` for the queue convention. */
export interface NexusConsentGlobal extends ConsentApi {
  push(callback: (api: NexusConsentGlobal) => void): void;
}

type PageWindow = BrowserWindow & { NexusConsent?: unknown; NexusConsentConfig?: unknown };

function isInstance(value: unknown): value is NexusConsentGlobal {
  return typeof value === 'object' && value !== null && typeof (value as NexusConsentGlobal).isGranted === 'function';
}

function start(win: PageWindow): void {
  const pending = win.NexusConsent;
  if (isInstance(pending)) return;
  const report = (error: unknown) => win.console.error('[nexus-consent]', error);
  let api: ConsentApi;
  try {
    const script = win.document.currentScript as HTMLScriptElement | null;
    api = startConsent(readScriptConfig(win.NexusConsentConfig, script?.dataset), { window: win });
  } catch (error) {
    // Nothing is granted and the queue stays for a corrected copy to drain.
    win.console.error(error instanceof Error ? error.message : error);
    return;
  }
  const global: NexusConsentGlobal = { ...api, push: (callback) => runCallback(callback, global, report) };
  win.NexusConsent = global;
  drainQueue(pending, global, report);
}

start(window as PageWindow);
