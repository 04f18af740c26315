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
  const held = (url: unknown, kind: 'fetch' | 'xhr' | 'beacon') => {
    try {
      return ctx.checkCall(kind, String(url)) !== undefined;
    } catch (error) {
      ctx.fail(error);
      return false;
    }
  };

  if (typeof win.fetch === 'function') {
    const original = win.fetch;
    const fetch = function (this: unknown, input: RequestInfo | URL, init?: RequestInit) {
      const url = typeof input === 'string' ? input : input instanceof win.URL ? input.href : (input as Request)?.url;
      if (!held(url, 'fetch')) return original.call(this ?? win, input, init);
      return new win.Promise<Response>((resolve, reject) =>
        ctx.holdCall('fetch', String(url), () => resolve(original.call(win, input, init)), () => reject(new win.TypeError('Failed to fetch'))),
      );
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
          if (!held(args[0], 'beacon')) return original.apply(this, args);
          ctx.holdCall('beacon', String(args[0]), () => original.apply(this, args), () => {});
          return true;
        },
      ),
    );
  }

  const xhr = win.XMLHttpRequest?.prototype as unknown as Record<string, (...a: unknown[]) => unknown>;
  if (xhr) {
    const targets = new WeakMap<object, string>();
    undo.push(
      patchMethod(xhr, 'open', (original) =>
        function (this: XMLHttpRequest, ...args: unknown[]) {
          const url = String(args[1] instanceof win.URL ? args[1].href : args[1]);
          if (held(url, 'xhr')) targets.set(this, url);
          else targets.delete(this);
          return original.apply(this, args);
        },
      ),
      patchMethod(xhr, 'send', (original) =>
        function (this: XMLHttpRequest, ...args: unknown[]) {
          const url = targets.get(this);
          if (url === undefined) return original.apply(this, args);
          ctx.holdCall('xhr', url, () => original.apply(this, args), () => failLikeTheNetwork(this, win));
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
