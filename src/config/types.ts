import type { Catalogue } from '../catalogue/catalogue.js';
import type { SiteRules } from '../classifier/site-rules.js';
import type { Category } from '../store/consent-record.js';
import type { Texts } from '../i18n/texts.js';
import type { ConsentType, GoogleConsentModeOptions } from '../integrations/google-consent-mode.js';
import type { ServiceDetails } from '../catalogue/service-details.js';

/** A string in one language, or one string per language code (`{ fr: '…', en: '…' }`). */
export type LocalisedText = string | Readonly<Record<string, string>>;

/** A cookie a service sets, as the preference centre lists it. */
export interface ServiceCookieConfig {
  /** Name, or a prefix ending in `*` (`_ga_*`). */
  readonly name: string;
  readonly purpose?: LocalisedText;
  /** How long it lives, as the visitor should read it: `{ fr: '13 mois', en: '13 months' }`. */
  readonly lifetime?: LocalisedText;
}

/**
 * A service (a vendor's tag) within a category. Visitors can allow or refuse it
 * on its own in the preference centre. Use the catalogue's id (`google-analytics`,
 * `hotjar`, …) so that the blocker applies that choice to the service's tags.
 */
export interface ServiceConfig {
  /** Stable identifier, lowercase, e.g. `google-analytics`. */
  readonly id: string;
  /** Display name, e.g. `Google Analytics`. */
  readonly name: string;
  /** What the service does for the site. @default the category's description */
  readonly description?: LocalisedText;
  /** The company behind it. @default the catalogue's vendor, if the catalogue knows the service */
  readonly vendor?: string;
  /** The vendor's privacy policy (http(s)). @default none */
  readonly policyUrl?: string;
  /** The cookies it sets. Cookies found in the page are listed as well. @default none */
  readonly cookies?: readonly ServiceCookieConfig[];
}

/** Describes a built-in category or declares a site-specific one. */
export interface CategoryConfig {
  readonly label?: LocalisedText;
  readonly description?: LocalisedText;
  readonly services?: readonly ServiceConfig[];
}

/**
 * What a site passes to `createConsent()` (or `window.NexusConsentConfig`).
 * `K`: the ids of `categories`, which `createConsent()` infers to type the API.
 */
export interface ConsentConfig<K extends string = string> {
  /** URL of the site's privacy policy, linked from the banner and the dialog (http(s) or a path). Required. */
  readonly privacyPolicyUrl: string;
  /**
   * Revision of the policy. Raise it when purposes or partners change: every
   * visitor is asked again.
   * @default 1
   */
  readonly revision?: number;
  /**
   * Language of the UI (`fr`, `en`, or any language given in `texts`).
   * @default the page's `<html lang>`, else the browser's language, else `fr`
   */
  readonly language?: string;
  /**
   * How long a decision (acceptance or refusal alike) is kept, in months, 1 to 13.
   * @default 6 (CNIL recommendation)
   */
  readonly validityMonths?: number;
  /** The consent cookie. */
  readonly cookie?: {
    /** @default 'nexus_consent' */
    readonly name?: string;
    /** Set to the registrable domain (e.g. `nexus-tech.fr`) to share consent across sub-domains. @default the current host only */
    readonly domain?: string;
  };
  /** Describe built-in categories, add services, or declare site-specific categories. */
  readonly categories?: Readonly<Record<K, CategoryConfig>>;
  /**
   * The site's own classification rules; they win over the tracker catalogue.
   * `{ cookies: [{ prefix: 'trk_', category: 'analytics' }], urls: [{ path: '/collect', category: 'analytics' }, { host: 'cdn.partner.fr', allow: true }] }`
   * @default none
   */
  readonly rules?: SiteRules;
  /**
   * Extra compiled catalogues, e.g. `catalogueFull` from `nexus-consent/catalogue-full`.
   * @default none (the built-in core catalogue is always used)
   */
  readonly catalogues?: readonly Catalogue[];
  /**
   * Block trackers that are not marked up, from the catalogue and `rules`: scripts,
   * images, iframes, requests, cookies and storage keys of categories not granted.
   * @default true
   */
  readonly autoBlock?: boolean;
  /**
   * Reload the page when the visitor withdraws a category: code that already runs
   * cannot be unloaded, a reload stops it for sure.
   * @default false
   */
  readonly reloadOnWithdraw?: boolean;
  /** Override any UI string, per language: `{ fr: { acceptAll: 'J’accepte' } }`. A new language code adds a language. */
  readonly texts?: Readonly<Record<string, Partial<Texts>>>;
  /**
   * Render the banner and dialog. Set `false` to drive consent from your own UI through the API.
   * @default true
   */
  readonly ui?: boolean;
  /**
   * Where the banner sits: `bar` (bottom), `bar-top`, `box` (bottom corner) or `modal` (centred, over a dimmed page).
   * @default 'bar'
   */
  readonly layout?: 'bar' | 'bar-top' | 'box' | 'modal';
  /**
   * Colours: `auto` follows the visitor's `prefers-color-scheme`; `light` or `dark` force one.
   * @default 'auto'
   */
  readonly theme?: 'auto' | 'light' | 'dark';
  /**
   * After a decision, a small button that reopens the preferences: `bottom-left`, `bottom-right`, or `false` for none
   * (then put a `data-nexus-consent-open` link in the footer).
   * @default 'bottom-left'
   */
  readonly floatingButton?: 'bottom-left' | 'bottom-right' | false;
  /**
   * Nonce for the `<style>` element, for pages with a strict Content-Security-Policy
   * where constructable stylesheets are unavailable.
   * @default none
   */
  readonly nonce?: string;
  /**
   * Log what the SDK does in the console.
   * @default false
   */
  readonly debug?: boolean;
  /**
   * Google Consent Mode v2: push `gtag('consent', 'default' | 'update', …)` to `dataLayer`.
   * `true` for the defaults (README: "Google Consent Mode v2"), or an object to override them.
   * @default false
   */
  readonly googleConsentMode?: boolean | GoogleConsentModeConfig;
  /**
   * When the browser sends Global Privacy Control (`navigator.globalPrivacyControl`),
   * advertising stays refused without asking: "Tout accepter" grants everything else,
   * and only an explicit choice in the preferences grants advertising.
   * @default false
   */
  readonly honorGlobalPrivacyControl?: boolean;
  /**
   * What the preference centre shows of catalogue services the site does not describe: the
   * vendor's policy and each cookie's purpose and lifetime. `serviceDetails` from
   * `nexus-consent/catalogue-details`, or the URL of `dist/nexus-consent.details.json`
   * (fetched once the page has loaded).
   * @default none: vendor, category purpose and the cookies present
   */
  readonly serviceDetails?: ServiceDetails | string;
  /**
   * Proof of consent: every decision is sent as a receipt to the site's consent log
   * (`nexus-consent/server`, README "Consent log"): `{ endpoint: '/consent-log/v1/receipts' }`,
   * an http(s) URL or a path. The client is loaded only when this is set.
   * @default none (no receipts)
   */
  readonly consentLog?: ConsentLogConfig;
}

/** Where the consent log receives receipts. */
export interface ConsentLogConfig {
  /** The receiver's `POST /v1/receipts` URL, http(s) or a path. Required. */
  readonly endpoint: string;
}

/** Overrides for Google Consent Mode v2. */
export interface GoogleConsentModeConfig {
  /** Category → the consent types it grants, e.g. `{ analytics: ['analytics_storage'] }`. @default README table */
  readonly mapping?: Readonly<Record<string, readonly ConsentType[]>>;
  /** How long Google tags wait for an update, in ms (0–10000). @default 500 */
  readonly waitForUpdate?: number;
  /** Region-specific defaults: `[{ region: ['US-CA'], granted: ['analytics_storage'] }]`. @default none */
  readonly regions?: readonly { readonly region: readonly string[]; readonly granted: readonly ConsentType[] }[];
}

/** A category as the SDK uses it after validation. */
export interface ResolvedCategory {
  readonly id: Category;
  readonly label?: LocalisedText | undefined;
  readonly description?: LocalisedText | undefined;
  readonly services: readonly ServiceConfig[];
}

/** The config after validation and defaults: every field present, every value checked. */
export interface ResolvedConfig {
  readonly privacyPolicyUrl: string;
  readonly revision: number;
  readonly language: string | undefined;
  readonly validityMonths: number;
  readonly cookieName: string;
  readonly cookieDomain: string | undefined;
  /** Every category, `necessary` first. */
  readonly categories: readonly ResolvedCategory[];
  readonly texts: Readonly<Record<string, Partial<Texts>>>;
  readonly ui: boolean;
  readonly layout: 'bar' | 'bar-top' | 'box' | 'modal';
  readonly theme: 'auto' | 'light' | 'dark';
  readonly floatingButton: 'bottom-left' | 'bottom-right' | false;
  readonly nonce: string | undefined;
  readonly debug: boolean;
  readonly rules: SiteRules;
  readonly catalogues: readonly Catalogue[];
  readonly autoBlock: boolean;
  readonly reloadOnWithdraw: boolean;
  readonly googleConsentMode: GoogleConsentModeOptions | undefined;
  readonly honorGlobalPrivacyControl: boolean;
  readonly serviceDetails: ServiceDetails | string | undefined;
  readonly consentLog: ConsentLogConfig | undefined;
}
