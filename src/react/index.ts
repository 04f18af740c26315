/**
 * nexus-consent/react — React 18 and 19 bindings over the instance API.
 *
 *   import 'nexus-consent/auto';                       // first, in the entry
 *   <ConsentProvider config={config}>…</ConsentProvider>
 *   <ConsentGate service="youtube" fallback={…}><iframe … /></ConsentGate>
 *   <ManageCookiesButton />
 *
 * No logic of its own: state is the instance's `get()`, grants its
 * `isGranted()`. Nothing runs on the server; `react` is an optional peer.
 */
export { ConsentProvider } from './consent-provider.js';
export { useConsentApi } from './consent-context.js';
export { useConsent, useGranted } from './use-consent.js';
export { ConsentGate } from './consent-gate.js';
export { ManageCookiesButton } from './manage-cookies-button.js';

export type { ConsentProviderProps } from './consent-provider.js';
export type { ConsentGateProps, ConsentGateFallback } from './consent-gate.js';
export type { ManageCookiesButtonProps } from './manage-cookies-button.js';
export type { GrantTarget } from '../bindings/grant-target.js';
