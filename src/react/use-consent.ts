import { useCallback, useSyncExternalStore } from 'react';
import type { Category, ConsentApi, ConsentState } from '../index.js';
import { isTargetGranted, SERVER_STATE, type GrantTarget } from '../bindings/grant-target.js';
import { useConsentApi } from './consent-context.js';

const nothing = () => {};

/** Subscribes to the instance's `change` event; stable for one instance, as useSyncExternalStore wants. */
function useChanges(consent: ConsentApi | null): (onChange: () => void) => () => void {
  return useCallback((onChange: () => void) => (consent ? consent.on('change', onChange) : nothing), [consent]);
}

/**
 * The visitor's consent state, re-rendering on each change:
 * `{ status: 'undecided' }` or `{ status: 'decided', record }`. Undecided on
 * the server and while hydrating, then the browser's. `get()` returns the
 * same object until the next change, so it is the snapshot as is.
 */
export function useConsent(): ConsentState {
  const consent = useConsentApi();
  return useSyncExternalStore(useChanges(consent), () => (consent ? consent.get() : SERVER_STATE), () => SERVER_STATE);
}

/**
 * Whether a category (`useGranted('analytics')`) or one service
 * (`useGranted({ service: 'youtube' })`) is granted now; false on the server,
 * while hydrating and before the instance exists.
 */
export function useGranted<C extends string = Category>(target: GrantTarget<C>): boolean {
  const consent = useConsentApi();
  return useSyncExternalStore(useChanges(consent), () => isTargetGranted(consent, target), () => false);
}
