/**
 * `nexus-consent/global`, as a script-tag page's TypeScript uses it: the
 * pre-load queue and the instance on `window`, the config global, and the DOM
 * events in `WindowEventMap`. Checked by `npm run typecheck` against dist/.
 */
import type {} from 'nexus-consent/global';
import type { Category, ConsentChange, ConsentConfig, ConsentState, WithdrawReport } from 'nexus-consent';
import { expectTypeOf } from 'vitest';

// Before the SDK loads: the page's queue. Each queued function gets the instance.
window.NexusConsent = window.NexusConsent || [];
window.NexusConsent.push((api) => {
  expectTypeOf(api.isGranted('analytics')).toEqualTypeOf<boolean>();
  expectTypeOf(api.get()).toEqualTypeOf<ConsentState>();
  api.on('granted:advertising', (event) => expectTypeOf(event.state).toEqualTypeOf<ConsentState>());
  // The instance keeps `push` (it calls the function at once).
  api.push((again) => again.showPreferences());
});
// The global is a `var`: the bare name works as in the README's snippet.
NexusConsent?.push((api) => api.acceptAll());
expectTypeOf<(typeof globalThis)['NexusConsent']>().toEqualTypeOf<NexusConsentQueue | NexusConsentInstance | undefined>();
// @ts-expect-error -- before load it may be the queue, which has no isGranted
window.NexusConsent?.isGranted('analytics');
const global = window.NexusConsent;
if (global && !Array.isArray(global)) expectTypeOf(global.isGranted('analytics')).toEqualTypeOf<boolean>();
// @ts-expect-error -- a queue holds functions
window.NexusConsent = ['analytics'];

// The config global: the SDK's config type.
window.NexusConsentConfig = { privacyPolicyUrl: '/confidentialite', revision: 2, categories: { newsletter: { label: 'Newsletter' } } };
expectTypeOf<NexusConsentConfig>().toEqualTypeOf<ConsentConfig>();
// @ts-expect-error -- privacyPolicyUrl is required
window.NexusConsentConfig = { language: 'fr' };
// @ts-expect-error -- no such layout
window.NexusConsentConfig = { privacyPolicyUrl: '/confidentialite', layout: 'sidebar' };

// DOM events: the detail of each is typed.
addEventListener('nexus-consent:change', (e) => {
  expectTypeOf(e).toEqualTypeOf<CustomEvent<ConsentChange>>();
  expectTypeOf(e.detail.state).toEqualTypeOf<ConsentState>();
  expectTypeOf(e.detail.previous).toEqualTypeOf<ConsentState>();
});
window.addEventListener('nexus-consent:ready', (e) => expectTypeOf(e.detail.state).toEqualTypeOf<ConsentState>());
window.addEventListener('nexus-consent:show', (e) => expectTypeOf(e.detail.view).toEqualTypeOf<'banner' | 'preferences'>());
window.addEventListener('nexus-consent:withdraw', (e) => expectTypeOf(e.detail).toEqualTypeOf<WithdrawReport>());
window.addEventListener('nexus-consent:granted:analytics', (e) => {
  expectTypeOf(e.detail.category).toEqualTypeOf<Category>();
  expectTypeOf(e.detail.state).toEqualTypeOf<ConsentState>();
});
window.addEventListener('nexus-consent:denied:newsletter', (e) => expectTypeOf(e.detail.state).toEqualTypeOf<ConsentState>());
// @ts-expect-error -- a change has no category
window.addEventListener('nexus-consent:change', (e) => e.detail.category);
// @ts-expect-error -- nor a ready event a previous state
window.addEventListener('nexus-consent:ready', (e) => e.detail.previous);
// The browser's own events are untouched.
window.addEventListener('keydown', (e) => expectTypeOf(e).toEqualTypeOf<KeyboardEvent>());
window.addEventListener('nexus-consent:unknown', (e) => expectTypeOf(e).toEqualTypeOf<Event>());
