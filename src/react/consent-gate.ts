import { createElement, Fragment, type ReactElement, type ReactNode } from 'react';
import type { Category } from '../index.js';
import { allowTarget, type GrantTarget } from '../bindings/grant-target.js';
import { useConsentApi } from './consent-context.js';
import { useGranted } from './use-consent.js';

/** What a gate's fallback function gets. */
export interface ConsentGateFallback<C extends string = Category> {
  /** The category or service the gate waits for. */
  readonly target: GrantTarget<C>;
  /**
   * Grants that one service (`update({}, { [service]: true })`), or that
   * category: for an "Autoriser YouTube" button.
   */
  allow(): void;
}

export type ConsentGateProps<C extends string = Category> = (
  | { readonly category: C; readonly service?: never }
  | { readonly service: string; readonly category?: never }
) & {
  /** Rendered while not granted (and on the server): nodes, or a function given `allow()`. */
  readonly fallback?: ReactNode | ((gate: ConsentGateFallback<C>) => ReactNode);
  /** Rendered only while granted: an embed, an analytics component… */
  readonly children?: ReactNode;
};

/** Renders its children only while the category or service is granted, else its fallback. */
export function ConsentGate<C extends string = Category>(props: ConsentGateProps<C>): ReactElement {
  const target: GrantTarget<C> = props.service !== undefined ? { service: props.service } : (props.category as C);
  const consent = useConsentApi();
  const granted = useGranted(target);
  const { fallback } = props;
  const shown = granted
    ? props.children
    : typeof fallback === 'function'
      ? fallback({ target, allow: () => allowTarget(consent, target) })
      : fallback;
  return createElement(Fragment, null, shown);
}
