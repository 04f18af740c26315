/**
 * nexus-consent/global — types only, for pages that load the SDK with a
 * script tag and write their own TypeScript around it:
 *
 *   import type {} from 'nexus-consent/global';   // or: /// <reference types="nexus-consent/global" />
 *
 *   window.NexusConsent = window.NexusConsent || [];
 *   window.NexusConsent.push((api) => api.isGranted('analytics'));
 *   window.addEventListener('nexus-consent:change', (e) => e.detail.state);
 *
 * It declares `window.NexusConsent` (the pre-load queue before the SDK loads,
 * the instance after: script-tag.ts), `window.NexusConsentConfig` and the DOM
 * events the SDK dispatches (events/dom-events.ts). Nothing runs: the
 * JavaScript files of this entry are empty.
 */
import type { ConsentConfig } from './config/types.js';
import type { DomEventDetails } from './events/dom-events.js';
import type { NexusConsentGlobal } from './script-tag.js';

/** The SDK's DOM events on `window`, as `WindowEventMap` entries: `nexus-consent:change` → `CustomEvent<{ state, previous }>`. */
export type NexusConsentWindowEvents = {
  [K in keyof DomEventDetails & string as `nexus-consent:${K}`]: CustomEvent<DomEventDetails[K]>;
};

declare global {
  /** What a page sets `window.NexusConsentConfig` to before the script tag (data-* attributes on the tag win). */
  type NexusConsentConfig = ConsentConfig;
  /** `window.NexusConsent` once the SDK has loaded: the instance, plus `push`, which calls a function with it at once. */
  type NexusConsentInstance = NexusConsentGlobal;
  /** A function queued before the SDK loads; it is called with the instance, in order, once it has. */
  type NexusConsentCallback = (api: NexusConsentInstance) => void;
  /** `window.NexusConsent` before the SDK loads: the page's own array of queued functions. */
  type NexusConsentQueue = NexusConsentCallback[];

  /** The pre-load queue before the SDK loads, the instance after (`undefined` until either exists). */
  var NexusConsent: NexusConsentQueue | NexusConsentInstance | undefined;
  /** The script-tag build's configuration, read once when it loads. */
  var NexusConsentConfig: NexusConsentConfig | undefined;

  interface WindowEventMap extends NexusConsentWindowEvents {}
}
