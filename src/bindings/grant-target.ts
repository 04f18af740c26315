/**
 * What the React and Vue bindings share: the thing a gate waits for, and the
 * one action a gate's fallback offers. Types come from the npm entry, so the
 * built bindings import them from `nexus-consent` (one copy of the core).
 */
import type { Category, ConsentApi, ConsentState } from '../index.js';

/**
 * A category (`'analytics'`), or one service (`{ service: 'youtube' }`) that
 * follows the visitor's choice for it, else its category's. Generic so that a
 * site's own category ids can be pinned: `useGranted<'analytics' | 'newsletter'>(…)`.
 */
export type GrantTarget<C extends string = Category> = C | { readonly service: string };

/**
 * The state a server renders, and a client before its instance exists or while
 * it hydrates: nothing decided, so nothing granted (the server never knows).
 */
export const SERVER_STATE: ConsentState = Object.freeze({ status: 'undecided' });

/** Whether `target` is granted; false without an instance (server, first render). */
export function isTargetGranted(consent: ConsentApi | null, target: GrantTarget<string>): boolean {
  return consent !== null && consent.isGranted(target);
}

/**
 * A gate's "allow" button: grants that one service (categories as they were,
 * EDPB 05/2020 §3.1.3 granular consent), or that category. Like any `update()`
 * it records a decision: an undecided visitor's other categories are recorded
 * as refused (nothing is granted that they did not ask for).
 */
export function allowTarget(consent: ConsentApi | null, target: GrantTarget<string>): void {
  if (!consent) return;
  if (typeof target === 'string') consent.update({ [target]: true });
  else consent.update({}, { [target.service]: true });
}
