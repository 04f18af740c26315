/**
 * The pre-load queue. A script that may run before the SDK writes
 *
 *   window.NexusConsent = window.NexusConsent || [];
 *   NexusConsent.push(function (api) { … });
 *
 * When the SDK loads it calls every queued function with the API, in order; once
 * loaded, `NexusConsent.push(fn)` calls `fn` at once. (The same convention as
 * `dataLayer` and `_paq`.)
 */
export type QueuedCallback<Api> = (api: Api) => void;

/** Calls each queued function found in `pending` (whatever the page left there). */
export function drainQueue<Api>(pending: unknown, api: Api, onError: (error: unknown) => void): void {
  if (!Array.isArray(pending)) return;
  for (const item of pending) runCallback(item, api, onError);
}

export function runCallback<Api>(item: unknown, api: Api, onError: (error: unknown) => void): void {
  if (typeof item !== 'function') return;
  try {
    (item as QueuedCallback<Api>)(api);
  } catch (error) {
    onError(error);
  }
}
