/**
 * Vector 5e: calls made through another realm's globals. A same-origin iframe
 * (about:blank, srcdoc, a page of the site) or a popup the page opened has its
 * own fetch, XMLHttpRequest, WebSocket, document.cookie… that patches on this
 * window do not reach — calling an about:blank iframe's pristine `fetch` is the
 * classic way round a blocker. Each same-origin realm gets the call
 * interceptors as it appears:
 * - a frame inserted by script: its about:blank realm exists, and Chromium fires
 *   its `load` synchronously, during the insertion — seen here by a capturing
 *   listener on the document (a `load` event never reaches the window);
 * - reading `contentWindow` / `contentDocument`: the getter guards the realm
 *   before handing it out (a realm reached before its load event);
 * - a frame navigated to another same-origin document gets a new realm,
 *   guarded at its `load` (its own inline scripts ran before: what a frame's
 *   document holds is the elements' interceptors' business);
 * - the window `window.open` returns, when same-origin.
 * A cross-origin realm needs nothing: it cannot touch this site's cookies, and
 * its requests are its own site's.
 */
import type { BrowserWindow } from '../../browser-window.js';
import { collectUnguarded, patch, saveNatives, type Interceptor, type InterceptorContext } from './context.js';

type Fn = (this: unknown, ...args: unknown[]) => unknown;

export interface RealmGuard {
  /** Installs `interceptors` into a same-origin realm not guarded yet; anything else is ignored. */
  guard(win: unknown): void;
  /** Removes them from every realm still alive. */
  stop(): void;
}

/**
 * One per blocker. A realm is known by its Window.prototype: a page cannot fake
 * it (a window's prototype is immutable), and a cross-origin window has none
 * (`Object.getPrototypeOf` answers null without throwing).
 */
export function createRealmGuard(ctx: InterceptorContext, interceptors: readonly Interceptor[], report: (names: string[]) => void): RealmGuard {
  const seen = new WeakSet<object>([Object.getPrototypeOf(ctx.win) as object]);
  let live: { win: Window; realm: object; undo: (() => void)[] }[] = [];
  return {
    guard(win) {
      try {
        const realm = win && typeof win === 'object' ? (Object.getPrototypeOf(win) as object | null) : null;
        if (!realm || seen.has(realm)) return;
        seen.add(realm);
        // Frames removed or navigated away since: their undo goes with them.
        live = live.filter((r) => !r.win.closed && Object.getPrototypeOf(r.win) === r.realm);
        const child = win as BrowserWindow;
        const childCtx: InterceptorContext = { ...ctx, win: child, native: saveNatives(child) };
        const undo: (() => void)[] = [];
        report(collectUnguarded(() => interceptors.forEach((install) => undo.push(install(childCtx)))));
        live.push({ win: child, realm, undo });
      } catch (error) {
        ctx.fail(error);
      }
    },
    stop() {
      for (const r of live.splice(0)) {
        for (const u of r.undo) {
          try {
            u();
          } catch {
            // A realm torn down meanwhile.
          }
        }
      }
    },
  };
}

/** Watches for new same-origin realms and hands each to ctx.guardRealm. */
export const otherRealms: Interceptor = (ctx) => {
  const { win } = ctx;
  const doc = win.document;
  const onLoad = (event: Event) => ctx.guardRealm((event.target as HTMLIFrameElement).contentWindow);
  doc.addEventListener('load', onLoad, true);
  // Frames already there (an SDK started after the parse).
  for (let i = 0; i < win.length; i++) ctx.guardRealm(win[i]);
  const getter = (name: 'contentWindow' | 'contentDocument') => (get: Fn) =>
    function (this: HTMLIFrameElement) {
      const value = get.call(this) as Window | Document | null;
      if (value) ctx.guardRealm(name === 'contentWindow' ? value : (value as Document).defaultView);
      return value;
    };
  const undo = [() => doc.removeEventListener('load', onLoad, true)];
  for (const element of [win.HTMLIFrameElement, win.HTMLFrameElement, win.HTMLObjectElement]) {
    if (element) undo.push(patch([element.prototype], 'contentWindow', 'get', getter('contentWindow')), patch([element.prototype], 'contentDocument', 'get', getter('contentDocument')));
  }
  undo.push(
    patch([win], 'open', 'value', (original: Fn) =>
      function (this: unknown, ...args: unknown[]) {
        const opened = original.apply(this, args);
        ctx.guardRealm(opened);
        return opened;
      },
    ),
  );
  return () => undo.forEach((u) => u());
};
