import type { ConsentEvents } from '../api.js';
import type { BrowserWindow } from '../browser-window.js';
import type { ConsentState } from '../store/consent-record.js';
/**
 * Consent events as DOM events on `window`, for scripts that never import the
 * SDK: `window.addEventListener('nexus-consent:change', e => e.detail.state)`.
 */
export const DOM_EVENT_PREFIX = 'nexus-consent:';

/**
 * Each DOM event's `detail`, by name without the prefix: the instance's events
 * plus `ready`. `nexus-consent/global` declares them in `WindowEventMap` from
 * this very map, so what is dispatched and what is typed cannot drift apart.
 */
export type DomEventDetails = ConsentEvents & {
  /** The SDK started: the stored decision, or undecided. */
  ready: { readonly state: ConsentState };
};

export function dispatchDomEvent<K extends keyof DomEventDetails & string>(win: BrowserWindow, name: K, detail: DomEventDetails[K]): void {
  win.dispatchEvent(new win.CustomEvent(DOM_EVENT_PREFIX + name, { detail }));
}
