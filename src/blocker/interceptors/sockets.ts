/**
 * Vector 5b: long-lived connections — `new WebSocket(url)` and
 * `new EventSource(url)`. Classified by host like any request (ws:, wss:, and
 * http(s): which a WebSocket accepts too). A connection cannot wait for a
 * decision — the page holds the object and may send on it — so one that must
 * wait is refused at once and not reopened after consent (the page's own
 * reconnection logic does that), failing as the network fails it:
 * - WebSocket: readyState CLOSED, an `error` event, then `close` with code 1006
 *   (abnormal closure) and wasClean false (WebSockets §"fail the WebSocket connection");
 * - EventSource: readyState CLOSED and an `error` event (HTML §9.2 "fail the connection").
 */
import type { BrowserWindow } from '../../browser-window.js';
import { patch, type Interceptor } from './context.js';
import { failedConnection, value } from './failed-connection.js';
import { toUrl } from './network-requests.js';

type Construct = (args: unknown[], newTarget: { prototype: object }) => object;

/** The URL as the object would report it (resolved; http(s) becomes ws(s) for a WebSocket). */
function resolved(win: BrowserWindow, url: string, socket: boolean): string {
  try {
    const parsed = new win.URL(url, win.document.baseURI);
    if (socket) parsed.protocol = parsed.protocol.replace(/^http/, 'ws');
    return parsed.href;
  } catch {
    return url;
  }
}

export const sockets: Interceptor = (ctx) => {
  const { win } = ctx;
  const refused = (kind: 'websocket' | 'eventsource', args: unknown[]) =>
    args.length > 0 && ctx.refuseNow(kind, (args[0] = toUrl(args[0])) as string);
  const undo = [
    patch([win], 'WebSocket', 'new', (construct: Construct) => (args: unknown[], newTarget: { prototype: object }) => {
      if (!refused('websocket', args)) return construct(args, newTarget);
      let state = 0;
      return failedConnection(
        win,
        newTarget.prototype,
        ['open', 'message', 'error', 'close'],
        {
          url: value(resolved(win, args[0] as string, true)),
          readyState: { configurable: true, get: () => state },
          protocol: value(''),
          extensions: value(''),
          bufferedAmount: value(0),
          binaryType: { configurable: true, writable: true, value: 'blob' },
          send: value(() => {
            if (state === 0) throw new win.DOMException("Failed to execute 'send' on 'WebSocket': Still in CONNECTING state.", 'InvalidStateError');
          }),
          close: value(() => void (state = Math.max(state, 2))),
        },
        (socket) => {
          state = 3;
          socket.dispatchEvent(new win.Event('error'));
          socket.dispatchEvent(new win.CloseEvent('close', { code: 1006, wasClean: false }));
        },
      );
    }),
    patch([win], 'EventSource', 'new', (construct: Construct) => (args: unknown[], newTarget: { prototype: object }) => {
      if (!refused('eventsource', args)) return construct(args, newTarget);
      let state = 0;
      return failedConnection(
        win,
        newTarget.prototype,
        ['open', 'message', 'error'],
        {
          url: value(resolved(win, args[0] as string, false)),
          withCredentials: value(Boolean((args[1] as { withCredentials?: unknown } | undefined)?.withCredentials)),
          readyState: { configurable: true, get: () => state },
          close: value(() => void (state = 2)),
        },
        (source) => {
          // close() before the failure: no event, as after a real close().
          if (state === 2) return;
          state = 2;
          source.dispatchEvent(new win.Event('error'));
        },
      );
    }),
  ];
  return () => undo.forEach((u) => u());
};
