/**
 * nexus-consent/vue — Vue 3 bindings over the instance API.
 *
 *   import 'nexus-consent/auto';                  // first, in the entry
 *   createApp(App).use(nexusConsent, { config }).mount('#app');
 *   const analytics = useGranted('analytics');   // a computed ref
 *
 * No logic of its own: state is the instance's `get()`, grants its
 * `isGranted()`. Nothing runs on the server; `vue` is an optional peer.
 */
export { nexusConsent } from './plugin.js';
export { useConsent, useConsentApi, useGranted } from './composables.js';
export { ConsentGate, ManageCookiesButton } from './components.js';

export type { NexusConsentOptions } from './plugin.js';
export type { ConsentGateFallback } from './components.js';
export type { GrantTarget } from '../bindings/grant-target.js';
