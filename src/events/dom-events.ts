import type { BrowserWindow } from '../browser-window.js';
/**
 * Consent events as DOM events on `window`, for scripts that never import the
 * SDK: `window.addEventListener('nexus-consent:change', e => e.detail.state)`.
 */
export const DOM_EVENT_PREFIX = 'nexus-consent:';

export function dispatchDomEvent(win: BrowserWindow, name: string, detail: unknown): void {
  win.dispatchEvent(new win.CustomEvent(DOM_EVENT_PREFIX + name, { detail }));
}
