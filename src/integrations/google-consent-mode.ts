/**
 * Google Consent Mode v2: tells Google tags what the visitor chose, the way
 * they expect it — `gtag('consent', 'default' | 'update', {...})` commands in
 * `dataLayer`. The default (everything denied but security) goes in as soon as
 * the SDK starts, before any Google tag can read the queue; an update follows
 * at start when a decision is stored, and after every decision.
 *
 * The states are computed from categories (a pure function); only `push`
 * touches the page.
 */
import type { Category } from '../store/consent-record.js';

export const CONSENT_TYPES = [
  'ad_storage',
  'ad_user_data',
  'ad_personalization',
  'analytics_storage',
  'functionality_storage',
  'personalization_storage',
  'security_storage',
] as const;
export type ConsentType = (typeof CONSENT_TYPES)[number];
export type ConsentTypeState = 'granted' | 'denied';
export type ConsentTypeStates = Readonly<Record<ConsentType, ConsentTypeState>>;

/** Which consent types each category grants. `security_storage` needs no consent. */
export const DEFAULT_MAPPING: Readonly<Record<string, readonly ConsentType[]>> = {
  analytics: ['analytics_storage'],
  advertising: ['ad_storage', 'ad_user_data', 'ad_personalization'],
  personalisation: ['personalization_storage', 'functionality_storage'],
};

/** Region-specific defaults: visitors from these regions (ISO 3166-2) start with these types granted. */
export interface RegionDefault {
  readonly region: readonly string[];
  readonly granted: readonly ConsentType[];
}

export interface GoogleConsentModeOptions {
  /** Category → consent types, replacing the default mapping for each category given. */
  readonly mapping: Readonly<Record<string, readonly ConsentType[]>>;
  /** How long Google tags wait for an update before using the default, in ms. */
  readonly waitForUpdate: number;
  readonly regions: readonly RegionDefault[];
}

/**
 * Each consent type's state. A type is granted only when every category that
 * maps to it is granted (two categories sharing a type cannot grant it alone);
 * a type no category maps to stays denied, except security.
 */
export function consentTypeStates(
  mapping: Readonly<Record<string, readonly ConsentType[]>>,
  isGranted: (category: Category) => boolean,
): ConsentTypeStates {
  const states = Object.fromEntries(CONSENT_TYPES.map((t) => [t, 'denied'])) as Record<ConsentType, ConsentTypeState>;
  const mapped = new Set<ConsentType>();
  for (const [category, types] of Object.entries(mapping)) {
    for (const type of types) {
      const granted = isGranted(category) && (!mapped.has(type) || states[type] === 'granted');
      mapped.add(type);
      states[type] = granted ? 'granted' : 'denied';
    }
  }
  states.security_storage = 'granted';
  return states;
}

export interface GoogleConsentMode {
  /** Pushes `consent update` with the states for these grants, then the `nexus_consent_update` event. */
  update(isGranted: (category: Category) => boolean): void;
}

/**
 * Pushes the defaults now and returns what pushes the updates; `categories`:
 * those the event reports. Never throws: a push the page's `dataLayer` refuses
 * (frozen, a `push` or getter that throws, a read-only global) goes to `fail`
 * and the decision goes on without that signal.
 */
export function startGoogleConsentMode(
  win: Window,
  options: GoogleConsentModeOptions,
  categories: readonly Category[],
  fail: (error: unknown) => void = () => {},
): GoogleConsentMode {
  const host = win as unknown as Record<string, unknown>;
  // Google tags read Arguments objects from the queue (their `gtag` snippet
  // pushes `arguments`), plain arrays are ignored: push real ones.
  const gtag = function (..._args: unknown[]) {
    // eslint-disable-next-line prefer-rest-params -- Google tags require an Arguments object
    push(arguments);
  };
  // Google's snippet creates it the same way; read it at each push, the page may have replaced it.
  const push = (entry: unknown) => {
    try {
      let queue = host.dataLayer;
      if (!Array.isArray(queue)) host.dataLayer = queue = [];
      (queue as unknown[]).push(entry);
    } catch (error) {
      fail(error);
    }
  };
  const denied = consentTypeStates(options.mapping, () => false);
  for (const { region, granted } of options.regions) {
    const states: Record<string, unknown> = { ...denied };
    for (const type of granted) states[type] = 'granted';
    gtag('consent', 'default', { ...states, region: [...region], wait_for_update: options.waitForUpdate });
  }
  gtag('consent', 'default', { ...denied, wait_for_update: options.waitForUpdate });
  return {
    update(isGranted) {
      gtag('consent', 'update', { ...consentTypeStates(options.mapping, isGranted) });
      push({ event: 'nexus_consent_update', nexus_consent: Object.fromEntries(categories.map((c) => [c, isGranted(c)])) });
    },
  };
}
