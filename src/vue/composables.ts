import { computed, inject, toValue, type ComputedRef, type MaybeRefOrGetter } from 'vue';
import type { Category, ConsentApi, ConsentState } from '../index.js';
import { isTargetGranted, type GrantTarget } from '../bindings/grant-target.js';
import { BINDING, type ConsentBinding } from './plugin.js';

function useBinding(): ConsentBinding {
  const binding = inject(BINDING, null);
  // A missing plugin would otherwise look like a visitor who never decides.
  if (!binding) throw new Error('nexus-consent/vue: install the plugin first: app.use(nexusConsent, { config })');
  return binding;
}

/**
 * The visitor's consent state as a read-only ref: `{ status: 'undecided' }`
 * on the server and until the app has mounted, then the browser's, updated on
 * each change.
 */
export function useConsent(): ComputedRef<ConsentState> {
  const { state } = useBinding();
  return computed(() => state.value);
}

/**
 * Whether a category (`useGranted('analytics')`) or one service
 * (`useGranted({ service: 'youtube' })`) is granted, as a computed ref; the
 * target may be a ref or a getter. False on the server and before mount.
 */
export function useGranted<C extends string = Category>(target: MaybeRefOrGetter<GrantTarget<C>>): ComputedRef<boolean> {
  const { consent, state } = useBinding();
  return computed(() => {
    void state.value; // re-evaluated on each change
    return isTargetGranted(consent.value, toValue(target));
  });
}

/** The instance (`null` on the server and before mount), for `acceptAll()`, `reset()`… */
export function useConsentApi(): ComputedRef<ConsentApi | null> {
  const { consent } = useBinding();
  return computed(() => consent.value);
}
