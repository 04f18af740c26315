/**
 * Vector 5: web beacons and requests — navigator.sendBeacon, fetch,
 * XMLHttpRequest. A request that must wait is dropped (never replayed later:
 * a page view sent after consent would be mis-dated) and reported. Each fails
 * the way an ad blocker makes it fail: fetch rejects with a TypeError, an XHR
 * ends in an `error` event with status 0 (a synchronous one throws a
 * NetworkError from send(), as a failed one does), sendBeacon reports it queued
 * (a `false` would make many libraries retry through another channel).
 *
 * The URL is read once, the way the browser reads it (Web IDL: a Request, else
 * the string the value converts to), and that string is what the browser gets:
 * a `{ toString }` that answers differently the second time, a `new String(url)`,
 * or a URL or Request from another realm (`instanceof` fails across realms) are
 * all checked as what they are.
 */
import { patch, type Interceptor, type InterceptorContext } from './context.js';

type Fn = (this: unknown, ...args: unknown[]) => unknown;

/** Web IDL's ToString: what a USVString argument becomes (throws for a Symbol, as the browser does). */
export const toUrl = (value: unknown): string => `${value as string}`;

/** True when a call to `url` must wait (a throwing classifier lets it through, logged). */
export function mustWait(ctx: InterceptorContext, kind: 'fetch' | 'xhr' | 'beacon', url: string): boolean {
  try {
    return ctx.checkCall(kind, url) !== undefined;
  } catch (error) {
    ctx.fail(error);
    return false;
  }
}

export const networkRequests: Interceptor = (ctx) => {
  const win = ctx.win;
  // The Request brand check works on a Request of any realm of this page.
  const requestUrl = Object.getOwnPropertyDescriptor(win.Request?.prototype ?? {}, 'url')?.get;
  const undo = [
    patch([win], 'fetch', 'value', (original) =>
      function (this: unknown, input: unknown, init?: unknown) {
        let url: string;
        try {
          try {
            url = requestUrl!.call(input) as string;
          } catch {
            input = url = toUrl(input);
          }
        } catch (error) {
          // fetch rejects (never throws) when its argument cannot be read.
          return win.Promise.reject(error);
        }
        if (!mustWait(ctx, 'fetch', url)) return original.call(this ?? win, input, init);
        return new win.Promise<Response>((resolve, reject) =>
          ctx.holdCall('fetch', url, () => resolve(original.call(win, input, init)), () => reject(new win.TypeError('Failed to fetch'))),
        );
      },
    ),
    // navigator itself when a page froze Navigator.prototype.
    patch([win.Navigator?.prototype ?? {}, win.navigator], 'sendBeacon', 'value', (original) =>
      function (this: unknown, ...args: unknown[]) {
        if (args.length === 0) return original.apply(this, args);
        const url = (args[0] = toUrl(args[0]));
        if (!mustWait(ctx, 'beacon', url)) return original.apply(this, args);
        ctx.holdCall('beacon', url, () => original.apply(this, args), () => {});
        return true;
      },
    ),
  ];

  const xhr = win.XMLHttpRequest?.prototype;
  if (xhr) {
    /** Requests opened to a URL that must wait: the URL, and whether the request is synchronous. */
    const targets = new WeakMap<object, [url: string, sync: boolean]>();
    undo.push(
      patch([xhr], 'open', 'value', (original: Fn) =>
        function (this: XMLHttpRequest, ...args: unknown[]) {
          // The state a refused request was left in (below) ends with a new open().
          delete (this as { readyState?: number }).readyState;
          if (args.length > 1) {
            const url = (args[1] = toUrl(args[1]));
            // open(method, url) is asynchronous; with a third argument, its truth decides.
            if (mustWait(ctx, 'xhr', url)) targets.set(this, [url, args.length > 2 && !args[2]]);
            else targets.delete(this);
          }
          return original.apply(this, args);
        },
      ),
      patch([xhr], 'send', 'value', (original: Fn) =>
        function (this: XMLHttpRequest, ...args: unknown[]) {
          const target = targets.get(this);
          if (!target) return original.apply(this, args);
          const [url, sync] = target;
          if (!sync) {
            ctx.holdCall('xhr', url, () => original.apply(this, args), () => failLikeTheNetwork(this, win));
            return undefined;
          }
          // A synchronous request cannot wait: decided now.
          if (!ctx.refuseNow('xhr', url)) return original.apply(this, args);
          // XHR "request error steps": state DONE, then the synchronous call throws, with no event.
          Object.defineProperty(this, 'readyState', { configurable: true, value: 4 });
          throw new win.DOMException(`Failed to load ${url}`, 'NetworkError');
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
