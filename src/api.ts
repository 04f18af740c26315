import type { BlockedEntry } from './blocker/blocked-log.js';
import type { ScanEntry } from './classifier/scan-page.js';
import type { Category, Choices, ConsentState } from './store/consent-record.js';

/**
 * Payloads of the instance's events, by event name. `C` is the union of the
 * site's category ids: with it, `granted:analytic` is a compile error; with
 * the default (any string) every `granted:…` name type-checks, as before.
 */
export type ConsentEvents<C extends string = Category> = {
  /** A decision was made, updated or reset. */
  change: ConsentChange;
  /** The banner or the preferences dialog was shown. */
  show: { readonly view: 'banner' | 'preferences' };
  /**
   * Categories were withdrawn: their script-visible cookies and storage keys are
   * deleted. Cookies that script cannot reach (HttpOnly, third-party) are the
   * server's to purge: the event tells it which categories.
   */
  withdraw: WithdrawReport;
} & {
  /** A category became granted (`granted:analytics`), after the `change` event of that decision. */
  readonly [E in `granted:${C}`]: CategoryEvent<C>;
} & {
  /** A granted category was denied again (`denied:advertising`), after the `change` event. */
  readonly [E in `denied:${C}`]: CategoryEvent<C>;
};

/** The names `on()` accepts for a site whose categories are `C`. */
export type ConsentEventName<C extends string = Category> = keyof ConsentEvents<C>;

export interface CategoryEvent<C extends string = Category> {
  readonly category: C;
  readonly state: ConsentState;
}

export interface WithdrawReport {
  readonly categories: readonly Category[];
  readonly deletedCookies: readonly string[];
  /** Cookies still visible after every path/domain candidate was tried. */
  readonly remainingCookies: readonly string[];
  readonly clearedStorageKeys: readonly string[];
}

export interface ConsentChange {
  readonly state: ConsentState;
  readonly previous: ConsentState;
}

/**
 * The object `createConsent()` returns (and `window.NexusConsent` in the script-tag build).
 * `C` is the union of the site's category ids: `createConsent()` infers it from
 * the config's `categories` keys (plus the built-in ones), so a typo in a
 * category name is a compile error. The default accepts any string.
 */
export interface ConsentApi<C extends string = Category> {
  /** The current state: `{ status: 'undecided' }` or `{ status: 'decided', record }`. */
  get(): ConsentState;
  /**
   * Whether a category is granted now (`necessary` always is), or one service:
   * `isGranted({ service: 'google-analytics' })` follows the visitor's choice for
   * that service, else its category's (from the config, else the catalogue).
   * An unknown category or service is never granted, and warned about once.
   */
  isGranted(target: C | { readonly service: string; readonly category?: C }): boolean;
  /** Resolves once the category is granted (at once if it already is). An unknown category never settles (and is warned about). */
  whenGranted(category: C): Promise<void>;
  /** Grants every category, as the "Tout accepter" button does. */
  acceptAll(): void;
  /** Denies every category but `necessary`, as the "Tout refuser" button does. */
  rejectAll(): void;
  /**
   * Sets some categories, and optionally some services on their own
   * (`update({ analytics: false }, { 'google-analytics': true })`); everything
   * else keeps its current value (denied if undecided). An unknown category or
   * service throws a TypeError naming it, and nothing is recorded.
   */
  update(choices: Choices<C>, services?: Readonly<Record<string, boolean>>): void;
  /** Forgets the decision: the cookie is deleted and the banner shows again. */
  reset(): void;
  /** Shows the banner (e.g. from a "Gérer les cookies" link). */
  showBanner(): void;
  /** Opens the preferences dialog. */
  showPreferences(): void;
  /** What the blocker stopped so far: kind, URL or name, service, category, time, and whether it escaped. */
  blocked(): BlockedEntry[];
  /** The cookies and storage keys in the page now, each with its classification (or `'unknown'`). */
  scan(): ScanEntry[];
  /** Subscribes; returns the function that unsubscribes. An unknown event name is warned about once. */
  on<K extends ConsentEventName<C>>(event: K, handler: (payload: ConsentEvents<C>[K]) => void): () => void;
  off<K extends ConsentEventName<C>>(event: K, handler: (payload: ConsentEvents<C>[K]) => void): void;
  /** Removes the UI and stops watching the page (tests, single-page apps tearing down). */
  destroy(): void;
}
