/**
 * Vector 5: web beacons and requests — navigator.sendBeacon, fetch,
 * XMLHttpRequest. A request that must wait is held until the visitor decides
 * (undecided means "wait", not "drop"): `fetch` returns a promise that settles
 * then, an XHR's `send` waits, `sendBeacon` is queued and returns `true` (a
 * `false` would make many libraries retry through another channel). A grant
 * performs it; a refusal fails it the way an ad blocker makes it fail: fetch
 * rejects with a TypeError, an XHR ends in an `error` event with status 0.
 * After a decision a refused request fails at once. A held `fetch` or XHR
 * waits at most HOLD_MS, then fails as on a refusal; the page's own bound ends
 * it sooner — an abort signal rejects a held `fetch` with its reason, an XHR's
 * `timeout` and `abort()` end a held send as they would a sent one — and
 * either way the request is forgotten. A synchronous XHR
 * cannot wait: it is refused at once (a NetworkError from send(), as a failed
 * one throws).
 *
 * The URL is read once, the way the browser reads it (Web IDL: a Request, else
 * the string the value converts to), and that string is what the browser gets:
 * a `{ toString }` that answers differently the second time, a `new String(url)`,
 * or a URL or Request from another realm (`instanceof` fails across realms) are
 * all checked as what they are. A held fetch is kept as the Request the browser
 * would have built then, so a page changing its `init` afterwards changes nothing.
 */
import { patch, type Interceptor, type InterceptorContext } from './context.js';

type Fn = (this: unknown, ...args: unknown[]) => unknown;

/**
 * How long a request made before a decision waits for one (30 s), then fails
 * as a refused one does: long enough for most visitors to answer the banner,
 * short enough that a page awaiting a tracker's answer is not stuck when the
 * visitor never does. A page's own bound (an abort signal, an XHR `timeout`)
 * ends it sooner.
 */
export const HOLD_MS = 30_000;

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
        return new win.Promise<Response>((resolve, reject) => {
          // What fetch() itself would build now (and reject on, an invalid init).
          const request = new win.Request(input as RequestInfo, init as RequestInit);
          const signal = request.signal;
          if (signal.aborted) return reject(signal.reason);
          const fail = () => reject(new win.TypeError('Failed to fetch'));
          let timer = 0;
          const then = (settle: () => void) => () => (win.clearTimeout(timer), signal.removeEventListener('abort', abort), settle());
          const abort = then(() => (forget!(), reject(signal.reason)));
          const forget = ctx.holdCall('fetch', url, then(() => resolve(original.call(win, request))), then(fail), sizeOf(init && (init as RequestInit).body));
          if (!forget) return;
          signal.addEventListener('abort', abort);
          // Not for ever: a page that awaits it is not stuck when the visitor never decides.
          timer = win.setTimeout(then(() => (forget('expired'), fail())), HOLD_MS);
        });
      },
    ),
    // navigator itself when a page froze Navigator.prototype.
    patch([win.Navigator?.prototype ?? {}, win.navigator], 'sendBeacon', 'value', (original) =>
      function (this: unknown, ...args: unknown[]) {
        if (args.length === 0) return original.apply(this, args);
        const url = (args[0] = toUrl(args[0]));
        if (!mustWait(ctx, 'beacon', url)) return original.apply(this, args);
        ctx.holdCall('beacon', url, () => original.apply(this, args), () => {}, sizeOf(args[1]));
        return true;
      },
    ),
  ];

  const xhr = win.XMLHttpRequest?.prototype;
  if (xhr) {
    /** Requests opened to a URL that must wait: the URL, and whether the request is synchronous. */
    const targets = new WeakMap<object, [url: string, sync: boolean]>();
    /** Sends held now: the function that forgets one (open() and abort() end a send, as they would a real one). */
    const held = new WeakMap<object, (outcome?: 'expired') => void>();
    undo.push(
      patch([xhr], 'open', 'value', (original: Fn) =>
        function (this: XMLHttpRequest, ...args: unknown[]) {
          held.get(this)?.();
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
            const then = (settle: () => void) => () => (held.delete(this), settle());
            const forget = ctx.holdCall('xhr', url, then(() => original.apply(this, args)), then(() => failLikeTheNetwork(this, win, 'error')), sizeOf(args[0]));
            if (!forget) return undefined;
            const cancel = (outcome?: 'expired') => (held.delete(this), forget(outcome));
            held.set(this, cancel);
            // The page's own bound ends the wait as it would a slow answer; ours, when shorter, as a network error.
            const timeout = this.timeout;
            const own = timeout > 0 && timeout < HOLD_MS;
            win.setTimeout(() => held.get(this) === cancel && (cancel('expired'), failLikeTheNetwork(this, win, own ? 'timeout' : 'error')), own ? timeout : HOLD_MS);
            return undefined;
          }
          // A synchronous request cannot wait: decided now.
          if (!ctx.refuseNow('xhr', url)) return original.apply(this, args);
          // XHR "request error steps": state DONE, then the synchronous call throws, with no event.
          Object.defineProperty(this, 'readyState', { configurable: true, value: 4 });
          throw new win.DOMException(`Failed to load ${url}`, 'NetworkError');
        },
      ),
      patch([xhr], 'abort', 'value', (original: Fn) =>
        function (this: XMLHttpRequest, ...args: unknown[]) {
          const cancel = held.get(this);
          if (!cancel) return original.apply(this, args);
          // XHR abort(): the request error steps (DONE, readystatechange, abort, loadend), then UNSENT without an event.
          cancel();
          failLikeTheNetwork(this, win, 'abort');
          Object.defineProperty(this, 'readyState', { configurable: true, value: 0 });
        },
      ),
    );
  }
  return () => undo.forEach((u) => u());
};

/**
 * What a browser does for a request that never got an answer: readyState 4,
 * status 0, then `error` (in a task of its own, as the network reports it),
 * `timeout` or `abort` (at once, inside abort()), and loadend.
 */
function failLikeTheNetwork(request: XMLHttpRequest, win: Window & typeof globalThis, type: 'error' | 'timeout' | 'abort'): void {
  const fail = () => {
    Object.defineProperty(request, 'readyState', { configurable: true, value: 4 });
    request.dispatchEvent(new win.Event('readystatechange'));
    for (const name of [type, 'loadend']) request.dispatchEvent(new win.ProgressEvent(name));
  };
  if (type === 'error') win.setTimeout(fail, 0);
  else fail();
}

/** What a body keeps alive, roughly: a string's length, a Blob's size, a buffer's byteLength (a FormData or stream: unknown, 0). */
function sizeOf(body: unknown): number {
  try {
    return typeof body === 'string' ? body.length : +((body as Blob)?.size ?? (body as ArrayBuffer)?.byteLength) || 0;
  } catch {
    return 0;
  }
}
