/**
 * Vector 5b: connections a script opens with a constructor — `new WebSocket(url)`,
 * `new EventSource(url)`, `new Worker(url)`, `new SharedWorker(url)` —
 * classified by URL like any request (ws: and wss: by host too).
 *
 * They cannot wait for a decision: the page holds the object at once and uses
 * it. One that must wait is refused now, never reopened after consent (the
 * page's own reconnection does that), and fails the way the network fails it —
 * later, by events, never by throwing (the browser does not throw for an
 * unreachable host either):
 * - WebSocket: readyState CLOSED, `error`, then `close` with code 1006 and
 *   wasClean false (WebSockets standard, "fail the WebSocket connection");
 * - EventSource: readyState CLOSED and `error` (HTML §9.2, "fail the connection");
 * - Worker, SharedWorker: `error`, as when the script fails to load (HTML §10.2.6.3).
 * What it returns is an object of the class asked for (`instanceof`, listeners
 * and `on…` handlers work, `url` and `readyState` answer); its methods do nothing (a WebSocket's `send`
 * before the connection opens throws natively: here it is dropped).
 *
 * A worker's script must be same-origin (a cross-origin URL throws a
 * SecurityError before any request), so a tracker worker is in practice a
 * site's proxy path filed by its rules. Not held, and it cannot be from the
 * page: what a first-party worker does itself — `importScripts(tracker)` or
 * `fetch(tracker)` inside it. Its global scope is a realm page script never
 * reaches, created from its script URL; rewriting it as a blob worker that
 * patches first would change its URL (breaking its relative imports and
 * `self.location`) and need the catalogue and the consent state inside it. A
 * site whose worker talks to trackers starts it once the category is granted:
 * `whenGranted('analytics').then(() => new Worker('/stats-worker.js'))`.
 */
import type { BrowserWindow } from '../../browser-window.js';
import { patch, type CallKind, type Interceptor } from './context.js';
import { toUrl } from './network-requests.js';

type Construct = (args: unknown[], newTarget: { prototype: object }) => object;

/** Constructor, how the log names it, its event handler attributes, readyState once failed (none for workers). */
const CONNECTIONS: readonly [name: string, kind: CallKind, handlers: readonly string[], closed?: number][] = [
  ['WebSocket', 'websocket', ['open', 'message', 'error', 'close'], 3],
  ['EventSource', 'eventsource', ['open', 'message', 'error'], 2],
  ['Worker', 'worker', ['message', 'messageerror', 'error']],
  ['SharedWorker', 'worker', ['error']],
];

export const connections: Interceptor = (ctx) => {
  const win = ctx.win as BrowserWindow & { trustedTypes?: { isScriptURL(v: unknown): boolean } };
  const undo = CONNECTIONS.map(([name, kind, handlers, closed]) =>
    patch([win], name, 'new', (construct: Construct) => (args: unknown[], newTarget: { prototype: object }) => {
      if (args.length === 0) return construct(args, newTarget);
      const url = toUrl(args[0]);
      // A TrustedScriptURL goes on as it is (its text cannot change); anything else as the string checked.
      if (!win.trustedTypes?.isScriptURL(args[0])) args[0] = url;
      if (!ctx.refuseNow(kind, url)) return construct(args, newTarget);
      return failed(win, newTarget.prototype, name, url, handlers, closed);
    }),
  );
  return () => undo.forEach((u) => u());
};

/**
 * A real EventTarget with the class's prototype; own properties answer for the
 * prototype's accessors and methods, which check the object's class.
 */
function failed(win: BrowserWindow, prototype: object, name: string, url: string, handlers: readonly string[], closed: number | undefined): EventTarget {
  let state = 0;
  const target = Object.setPrototypeOf(new win.EventTarget(), prototype) as EventTarget;
  const stop = () => void (state = closed ?? 1);
  const own: Record<string, unknown> =
    closed === undefined
      ? // A shared worker talks through its port: a real one, whose messages go nowhere.
        name === 'Worker' ? { postMessage: () => {}, terminate: stop } : { port: new win.MessageChannel().port1 }
      : { url: resolved(win, url), close: stop, send: () => {} };
  for (const key in own) Object.defineProperty(target, key, { configurable: true, value: own[key] });
  if (closed !== undefined) Object.defineProperty(target, 'readyState', { configurable: true, get: () => state });
  for (const type of handlers) {
    let handler: unknown = null;
    // Event handler attributes: a function or null, called as a listener.
    Object.defineProperty(target, `on${type}`, {
      configurable: true,
      get: () => handler,
      set: (value: unknown) => void (handler = typeof value === 'function' ? value : null),
    });
    target.addEventListener(type, (event) => (handler as ((e: Event) => void) | null)?.call(target, event));
  }
  win.setTimeout(() => {
    // Closed (or terminated) before it failed: no event, as after the real call.
    if (state) return;
    state = closed ?? 1;
    target.dispatchEvent(new win.Event('error'));
    if (name === 'WebSocket') target.dispatchEvent(new win.CloseEvent('close', { code: 1006, wasClean: false }));
  }, 0);
  return target;
}

/** The URL as the object reports it: resolved. */
function resolved(win: BrowserWindow, url: string): string {
  try {
    return new win.URL(url, win.document.baseURI).href;
  } catch {
    return url;
  }
}
