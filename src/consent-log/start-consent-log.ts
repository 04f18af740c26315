/**
 * The consent-log client, loaded on demand when the config sets `consentLog`
 * (a site without it never downloads this module). Each decision becomes a
 * receipt (build-receipt.ts), queued in storage first, then sent at once
 * with `fetch(…, { keepalive: true })`; what the receiver has not
 * acknowledged is sent again with backoff, on the next page, when the browser
 * comes back `online` and when the page is hidden. The receiver stores a
 * receipt once per record id + `updatedAt`, so sending again is harmless.
 * Nothing here can slow or stop a decision: it runs after it, asynchronously.
 */
import type { ResolvedConfig } from '../config/types.js';
import type { Category } from '../store/consent-record.js';
import { buildReceipt, type LoggedDecision } from './build-receipt.js';
import { createQueue, type NativeStorage } from './queue.js';
import { receiptKey, type ConsentReceipt } from './receipt.js';
import { shownTexts } from './shown-texts.js';
import { textsHash } from './texts-hash.js';

export type { LoggedDecision } from './build-receipt.js';
export type { NativeStorage } from './queue.js';

export interface ConsentLogOptions {
  /** Where receipts go: `consentLog.endpoint`, checked (http(s) URL or path). */
  readonly endpoint: string;
  readonly window: Pick<Window, 'addEventListener' | 'removeEventListener' | 'setTimeout' | 'clearTimeout' | 'location'> & {
    readonly crypto?: Crypto;
  };
  /** The browser's own fetch (past the blocker's network guard). */
  readonly fetch: typeof fetch;
  /** The browser's own localStorage methods; undefined where storage is unavailable. */
  readonly storage: NativeStorage | undefined;
  /** Subscribes to decisions (those made before this module loaded come first); returns the unsubscribe. */
  readonly decisions: (sink: (decision: LoggedDecision) => void) => () => void;
  /** What the visitor is shown is worked out here from the config and the language (the core does not carry the texts). */
  readonly shown: { readonly config: ResolvedConfig; readonly language: string };
  readonly language: string;
  /** Categories that need consent. */
  readonly categories: readonly Category[];
  readonly revision: number;
  readonly sdkVersion: string;
  /** One clear message per kind of failure. */
  readonly report: (message: string, error?: unknown) => void;
  readonly now?: () => number;
}

type Outcome = 'done' | 'retry';

/** Starts the client; returns the function that stops it (listeners and timer removed). */
export function startConsentLog(options: ConsentLogOptions): () => void {
  const { window: win, report } = options;
  const now = options.now ?? Date.now;
  const queue = createQueue(options.storage);
  const url = new URL(options.endpoint, win.location.href).href;
  const reported = new Set<string>();
  const reportOnce = (key: string, message: string, error?: unknown) => {
    if (reported.has(key)) return;
    reported.add(key);
    report(message, error);
  };
  const hash = textsHash(shownTexts(options.shown.config, options.shown.language), win.crypto?.subtle).catch((error: unknown) => {
    reportOnce('hash', 'consentLog: could not fingerprint the texts shown; receipts say so', error);
    return 'fnv1a64:0000000000000000';
  });
  const context = async () => ({
    categories: options.categories,
    revision: options.revision,
    language: options.language,
    textsHash: await hash,
    // The page's address without query string or fragment: they may carry personal data.
    pageUrl: win.location.origin + win.location.pathname,
    sdkVersion: options.sdkVersion,
  });

  const send = async (receipt: ConsentReceipt, dropped: number, keepalive: boolean): Promise<Outcome> => {
    try {
      const response = await options.fetch(url, {
        method: 'POST',
        // A CORS-safelisted type: no preflight, so a keepalive request on pagehide goes out alone.
        headers: { 'Content-Type': 'text/plain;charset=UTF-8' },
        body: JSON.stringify(dropped > 0 ? { ...receipt, dropped } : receipt),
        keepalive,
        credentials: 'omit',
        cache: 'no-store',
      });
      if (response.ok) return 'done';
      if (response.status === 408 || response.status === 429 || response.status >= 500) return 'retry';
      // The receiver refused it for good (a 4xx): keeping it would block the queue forever.
      const detail = await response.text().catch(() => '');
      reportOnce(`s${response.status}`, `consentLog: ${url} refused a receipt (${response.status} ${detail.slice(0, 200)}); it is dropped`);
      return 'done';
    } catch (error) {
      reportOnce('network', `consentLog: ${url} cannot be reached; receipts wait in localStorage and are sent again later`, error);
      return 'retry';
    }
  };

  let timer: number | undefined;
  let flushing: Promise<void> | undefined;
  let again = false;
  /** Sends what waits, oldest first, one at a time; stops at the first failure and retries later. */
  const flush = (force: boolean): Promise<void> => {
    if (flushing) {
      again ||= force;
      return flushing;
    }
    const run = async () => {
      let q = queue.read();
      // The longest back-off is 5 minutes: a later retryAt is not ours (a page's write) and waits for nothing.
      const wait = q.retryAt - now();
      if (!force && wait > 0 && wait <= 300_000) return schedule(wait);
      for (const receipt of q.items) {
        const dropped = queue.read().dropped;
        if ((await send(receipt, dropped, true)) === 'retry') return schedule(queue.failed(now()));
        queue.remove(receipt, dropped);
      }
      q = queue.read();
      // Receipts queued meanwhile (by this page or another tab) go next.
      if (q.items.length > 0) again = true;
    };
    // Cleared in a later task even when `run` finishes without waiting: a call meanwhile joins this run.
    flushing = run().finally(() => {
      flushing = undefined;
      if (again) {
        again = false;
        void flush(true);
      }
    });
    return flushing;
  };
  const schedule = (delay: number) => {
    if (timer !== undefined) win.clearTimeout(timer);
    timer = win.setTimeout(() => {
      timer = undefined;
      void flush(false);
    }, delay);
  };

  // Receipts are built in decision order (the texts' hash is awaited once, in turn).
  let chain: Promise<unknown> = Promise.resolve();
  const unsubscribe = options.decisions((decision) => {
    chain = chain
      .then(async () => {
        const receipt = buildReceipt(decision, await context());
        if (!receipt) return;
        queue.add(receipt);
        await flush(true);
      })
      .catch((error: unknown) => reportOnce('build', 'consentLog: a receipt could not be made', error));
  });

  const online = () => void flush(true);
  /** The page goes away: every receipt still waiting leaves now, with keepalive (acknowledged ones are forgotten next time). */
  const pagehide = () => {
    const q = queue.read();
    for (const receipt of q.items) void send(receipt, q.dropped, true).then((o) => o === 'done' && queue.remove(receipt, q.dropped));
  };
  win.addEventListener('online', online);
  win.addEventListener('pagehide', pagehide);
  // The next page: what an earlier one could not deliver, at once (a page view is a
  // natural pace: one small request); within a page, failures back off (1 s … 5 min).
  void flush(true);

  return () => {
    unsubscribe();
    win.removeEventListener('online', online);
    win.removeEventListener('pagehide', pagehide);
    if (timer !== undefined) win.clearTimeout(timer);
  };
}

export { receiptKey };
