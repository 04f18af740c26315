/**
 * Vector 5: web beacons and requests — navigator.sendBeacon, fetch,
 * XMLHttpRequest. A request that must wait is dropped (never replayed later:
 * a page view sent after consent would be mis-dated) and reported. Each fails
 * the way an ad blocker makes it fail: fetch rejects with a TypeError, an XHR
 * ends in an `error` event with status 0, sendBeacon reports it queued (a
 * `false` would make many libraries retry through another channel).
 */
import { patchMethod, type Interceptor } from './context.js';

export const networkRequests: Interceptor = (ctx) => {
  const { win } = ctx;
  const undo: (() => void)[] = [];
  const blocked = (url: unknown, kind: 'fetch' | 'xhr' | 'beacon') => {
    try {
      return ctx.checkUrl(String(url), kind, 'script') !== undefined;
    } catch (error) {
      ctx.fail(error);
      return false;
    }
  };

  if (typeof win.fetch === 'function') {
    const original = win.fetch;
    const fetch = function (this: unknown, input: RequestInfo | URL, init?: RequestInit) {
      const url = typeof input === 'string' ? input : input instanceof win.URL ? input.href : (input as Request)?.url;
      if (blocked(url, 'fetch')) return win.Promise.reject(new win.TypeError('Failed to fetch'));
      return original.call(this ?? win, input, init);
    };
    win.fetch = fetch as typeof win.fetch;
    undo.push(() => {
      if (win.fetch === fetch) win.fetch = original;
    });
  }

  const navigatorPrototype = win.Navigator?.prototype as unknown as Record<string, (...a: unknown[]) => unknown>;
  if (navigatorPrototype && 'sendBeacon' in navigatorPrototype) {
    undo.push(
      patchMethod(navigatorPrototype, 'sendBeacon', (original) =>
        function (this: unknown, ...args: unknown[]) {
          return blocked(args[0], 'beacon') ? true : original.apply(this, args);
        },
      ),
    );
  }

  const xhr = win.XMLHttpRequest?.prototype as unknown as Record<string, (...a: unknown[]) => unknown>;
  if (xhr) {
    const held = new WeakSet<object>();
    undo.push(
      patchMethod(xhr, 'open', (original) =>
        function (this: XMLHttpRequest, ...args: unknown[]) {
          if (blocked(args[1] instanceof win.URL ? args[1].href : args[1], 'xhr')) held.add(this);
          else held.delete(this);
          return original.apply(this, args);
        },
      ),
      patchMethod(xhr, 'send', (original) =>
        function (this: XMLHttpRequest, ...args: unknown[]) {
          if (!held.has(this)) return original.apply(this, args);
          failLikeTheNetwork(this, win);
          return undefined;
        },
      ),
    );
  }
  return () => undo.forEach((u) => u());
};

/** What a browser does for a request that never got an answer: readyState 4, status 0, error, loadend. */
function failLikeTheNetwork(request: XMLHttpRequest, win: Window & typeof globalThis): void {
  win.setTimeout(() => {
    Object.defineProperty(request, 'readyState', { configurable: true, value: 4 });
    for (const type of ['readystatechange', 'error', 'loadend']) {
      const event = type === 'readystatechange' ? new win.Event(type) : new win.ProgressEvent(type);
      request.dispatchEvent(event);
    }
  }, 0);
}
