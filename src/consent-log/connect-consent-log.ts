/**
 * The core's side of the consent log, small on purpose: it keeps decisions
 * made while the client module loads, gives the client the browser's own
 * `fetch` and `localStorage` methods (past the blocker's guards, from the
 * patch registry inside this SDK, never from the window), then hands over.
 */
import { nativeDescriptor } from '../blocker/interceptors/patches.js';
import type { BrowserWindow } from '../browser-window.js';
import type { ConsentLogOptions, LoggedDecision, NativeStorage } from './start-consent-log.js';

export type ConsentLogModule = { startConsentLog(options: ConsentLogOptions): () => void };
export type ConsentLogLoader = () => Promise<ConsentLogModule>;

/** Returns the function the core calls with each decision. */
export function connectConsentLog(
  win: BrowserWindow,
  load: ConsentLogLoader,
  options: Omit<ConsentLogOptions, 'decisions' | 'fetch' | 'storage' | 'window'>,
): (decision: LoggedDecision) => void {
  const backlog: LoggedDecision[] = [];
  let sink: ((decision: LoggedDecision) => void) | undefined;
  const native = <T>(target: object | undefined, name: string): T | undefined =>
    target ? (nativeDescriptor(target, name)?.value as T | undefined) : undefined;
  load()
    .then((module) => {
      const fetch = native<typeof win.fetch>(win, 'fetch') ?? win.fetch;
      module.startConsentLog({
        ...options,
        window: win,
        fetch: (input, init) => fetch.call(win, input, init),
        storage: nativeStorage(win, native),
        decisions: (to) => {
          sink = to;
          for (const decision of backlog.splice(0)) to(decision);
          return () => (sink = undefined);
        },
      });
    })
    .catch((error: unknown) => options.report('consentLog: client not loaded, no receipt sent:', error));
  return (decision) => (sink ? sink(decision) : backlog.push(decision));
}

function nativeStorage(win: BrowserWindow, native: <T>(target: object | undefined, name: string) => T | undefined): NativeStorage | undefined {
  try {
    // Reading `localStorage` throws where storage is blocked (sandboxed frames, some privacy settings).
    const storage = win.localStorage;
    const proto = (win as unknown as { Storage?: { prototype: Storage } }).Storage?.prototype;
    const getItem = native<Storage['getItem']>(proto, 'getItem') ?? storage.getItem;
    const setItem = native<Storage['setItem']>(proto, 'setItem') ?? storage.setItem;
    return { get: (key) => getItem.call(storage, key), set: (key, value) => setItem.call(storage, key, value) };
  } catch {
    return undefined;
  }
}
