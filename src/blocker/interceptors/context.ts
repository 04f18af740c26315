/**
 * What every interceptor gets: the window to patch, the questions it may ask,
 * and the one way it may act on an element. Interceptors only patch and ask;
 * deciding is should-block.ts, un-blocking is release.ts.
 */
import type { BrowserWindow } from '../../browser-window.js';
import type { BlockedKind } from '../blocked-log.js';
import type { NativeAttributes } from '../element-sources.js';
import type { Classified } from '../should-block.js';
import { nativeDescriptor, patch } from './patches.js';

export { collectUnguarded, nativeDescriptor, patch, tryPatch } from './patches.js';

export type Via = 'html' | 'script';
export type CallKind = 'fetch' | 'xhr' | 'beacon' | 'cookie' | 'storage' | 'websocket' | 'eventsource' | 'worker' | 'window' | 'form';

export interface Natives extends NativeAttributes {
  setInnerHtml(element: Element, html: string): void;
}

/** Saves the originals the blocker itself needs, before anything is patched. */
export function saveNatives(win: BrowserWindow): Natives {
  const { setAttribute, removeAttribute } = win.Element.prototype;
  // Before any instance's hook; a page may have deleted it: then plain assignment is the best there is.
  const innerHtml =
    nativeDescriptor(win.Element.prototype, 'innerHTML')?.set ??
    function (this: Element, html: string) {
      this.innerHTML = html;
    };
  return {
    set: (element, name, value) => setAttribute.call(element, name, value),
    remove: (element, name) => removeAttribute.call(element, name),
    setInnerHtml: (element, html) => innerHtml.call(element, html),
  };
}

export interface InterceptorContext {
  readonly win: BrowserWindow;
  /** The page's own methods, saved before any patch. */
  readonly native: Natives;
  /**
   * A URL about to be fetched: its classification when it must wait (already
   * logged), else undefined. `element`: the one that would fetch it (a pixel
   * in no document is held as a call until the decision).
   */
  checkUrl(url: string, kind: BlockedKind, via: Via, element?: Element): Classified | undefined;
  /** Classifies the target of a call (request URL, cookie name, storage key): what it must wait for, if anything. */
  checkCall(kind: CallKind, target: string): Classified | undefined;
  /**
   * A call that must wait. Undecided (or before `nexus-consent/auto` hands
   * over to createConsent()), it is held: `proceed` runs if a decision grants
   * it, `refuse` if one refuses it or the per-category cap makes room; after a
   * decision it is answered at once. Logged either way. `bytes` estimates what
   * it keeps alive beyond the target (a body, a value). When held, returns the
   * function that forgets it (the page cancelled it: an abort signal, a new
   * `open()`) or gave up waiting (`expired`); undefined when answered at once.
   */
  holdCall(kind: CallKind, target: string, proceed: () => void, refuse: () => void, bytes?: number): ((outcome?: 'expired') => void) | undefined;
  /**
   * A call that must be answered now (a socket, a worker, a popup, a form
   * submission, a synchronous XHR) cannot wait for a decision: true when it must
   * be refused (logged), even while `nexus-consent/auto` waits for createConsent().
   */
  refuseNow(kind: CallKind, target: string): boolean;
  /** Installs the call interceptors into another same-origin realm (an iframe's or a popup's window), once. */
  guardRealm(win: unknown): void;
  /** Elements the releaser let through are never held again (a site's markup wins over the catalogue). */
  isReleased(element: Element): boolean;
  /**
   * Makes the element inert if it would fetch something that must wait (or
   * leaves it alone when already inert or released). True if it is now inert.
   */
  holdElement(element: Element, via: Via): boolean;
  /** Inert tags (marked up, or held) were added to the document. */
  inertAdded(): void;
  /** An interceptor threw: the page's own call goes ahead unchanged; logged once. */
  fail(error: unknown): void;
}

/** Installs one interceptor; returns the function that removes it. */
export type Interceptor = (ctx: InterceptorContext) => () => void;


/**
 * Replaces `target[name]` with `wrap(original)`; returns the undo. An inherited
 * method is shadowed by an own property (the undo deletes it), the way Web IDL
 * would define the operation there. Patches undo in any order (patches.ts).
 */
export function patchMethod<T extends object, K extends keyof T>(target: T, name: K, wrap: (original: T[K]) => T[K]): () => void {
  return patch([target], name as string, 'value', wrap as never);
}

/** Wraps the setter of an accessor property (e.g. `HTMLImageElement.prototype.src`). */
export function patchSetter<T>(
  prototype: object,
  name: string,
  wrap: (set: (this: T, value: unknown) => void) => (this: T, value: unknown) => void,
): () => void {
  return patch([prototype], name, 'set', wrap as never);
}
