/**
 * What a refused WebSocket, EventSource or Worker becomes: an object of the
 * class the page asked for (`instanceof` holds, listeners and `on…` handlers
 * work) whose connection then fails the way the network fails it — later, by
 * events, never by throwing from the constructor (the browser does not throw
 * for an unreachable host either).
 */
import type { BrowserWindow } from '../../browser-window.js';

/**
 * A real EventTarget with the class's prototype. The prototype's accessors and
 * methods check the object's class, so `own` answers for them.
 */
export function failedConnection(
  win: BrowserWindow,
  prototype: object,
  handlers: readonly string[],
  own: PropertyDescriptorMap,
  fail: (target: EventTarget) => void,
): EventTarget {
  const target = Object.setPrototypeOf(new win.EventTarget(), prototype) as EventTarget;
  Object.defineProperties(target, own);
  for (const type of handlers) {
    let handler: unknown = null;
    // Event handler attributes: a function or null; called as a listener would be.
    Object.defineProperty(target, `on${type}`, {
      configurable: true,
      get: () => handler,
      set: (value: unknown) => void (handler = typeof value === 'function' ? value : null),
    });
    target.addEventListener(type, (event) => (handler as ((e: Event) => void) | null)?.call(target, event));
  }
  win.setTimeout(() => fail(target), 0);
  return target;
}

/** A read-only own value. */
export const value = (v: unknown): PropertyDescriptor => ({ value: v, configurable: true });
