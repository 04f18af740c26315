/**
 * Same-origin frames the page writes into: an `about:blank` iframe (or a
 * srcdoc one) has its own realm, with its own, unpatched prototypes — writing
 * `<img src=tracker>` into `frame.contentDocument`, or calling its
 * `createElement('script')`, would reach a tracker. Each such realm gets the
 * element interceptors (insertions, URL setters, HTML strings) as it appears:
 * Chromium fires an inserted frame's about:blank `load` synchronously, during
 * the insertion, which a capturing listener on the document sees; a srcdoc
 * frame fires its `load` only once its document is parsed, so its realm is
 * guarded when `contentWindow`/`contentDocument` is read, and right after the
 * script that set its `srcdoc` (a microtask, before the srcdoc document
 * loads). A srcdoc or same-origin page loaded into a fresh frame keeps that
 * realm (the window of an initial about:blank document is reused), so its own
 * scripts meet the same interceptors.
 *
 * The interceptors there hold only while the frame shows an `about:` document:
 * a same-origin page of the site loaded in a frame runs its own copy of the SDK.
 * The call interceptors (fetch, cookies…) of other realms are network's business.
 */
import type { BrowserWindow } from '../../browser-window.js';
import { nativeDescriptor, patch, patchSetter, type Interceptor, type InterceptorContext } from './context.js';
import { domInsertion } from './dom-insertion.js';
import { htmlStrings } from './html-strings.js';
import { urlAttributes } from './url-attributes.js';

const ELEMENT_INTERCEPTORS: readonly Interceptor[] = [domInsertion, urlAttributes, htmlStrings];

export const frameElements: Interceptor = (ctx) => {
  const doc = ctx.win.document;
  /** A realm is known by its Window.prototype; a cross-origin window has none to read (null). */
  const guarded = new WeakSet<object>([Object.getPrototypeOf(ctx.win) as object]);
  let live: { win: Window; undo: (() => void)[] }[] = [];
  const { HTMLIFrameElement } = ctx.win;
  const frame = HTMLIFrameElement.prototype;
  // The getter as it was before any instance's hook: the one below is patched to come here.
  const contentWindow = nativeDescriptor(frame, 'contentWindow')!.get!;
  const guard = (event: { target: EventTarget | null }) => {
    try {
      // Any `load` comes here (images, scripts…): only a frame has a realm to guard.
      if (!(event.target instanceof HTMLIFrameElement)) return;
      const win = contentWindow.call(event.target) as BrowserWindow | null;
      const realm = win && (Object.getPrototypeOf(win) as object | null);
      if (!win || !realm || guarded.has(realm)) return;
      guarded.add(realm);
      // Frames removed since: their patches went with them.
      live = live.filter((r) => !r.win.closed);
      const written = () => win.document.URL.startsWith('about:');
      const child: InterceptorContext = {
        ...ctx,
        win,
        checkUrl: (url, kind, via) => (written() ? ctx.checkUrl(url, kind, via) : undefined),
        holdElement: (element, via) => written() && ctx.holdElement(element, via),
      };
      live.push({ win, undo: [...ELEMENT_INTERCEPTORS, frameElements].map((install) => install(child)) });
    } catch (error) {
      ctx.fail(error);
    }
  };
  doc.addEventListener('load', guard, true);
  for (const frame of doc.querySelectorAll('iframe')) guard({ target: frame });
  // (wt-net's realm guard patches the same getters; either is enough.)
  const undo = ['contentWindow', 'contentDocument'].map((name) =>
    patch([frame], name, 'get', (get) =>
      function (this: HTMLIFrameElement) {
        guard({ target: this });
        return get.call(this);
      },
    ),
  );
  undo.push(
    patchSetter<HTMLIFrameElement>(frame, 'srcdoc', (set) =>
      function (value) {
        ctx.win.queueMicrotask(() => guard({ target: this }));
        // eslint-disable-next-line prefer-rest-params -- the setter's own arity, forwarded
        set.apply(this, arguments as unknown as [unknown]);
      },
    ),
  );
  return () => {
    doc.removeEventListener('load', guard, true);
    undo.reverse().forEach((u) => u());
    for (const r of live.splice(0)) r.undo.reverse().forEach((u) => u());
  };
};
