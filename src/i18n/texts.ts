/** Every string the UI shows. Each language file provides all of them. */
export interface Texts {
  readonly bannerLabel: string;
  readonly bannerTitle: string;
  readonly bannerText: string;
  readonly withdrawNote: string;
  readonly acceptAll: string;
  readonly rejectAll: string;
  readonly customise: string;
  readonly dialogTitle: string;
  readonly dialogText: string;
  readonly save: string;
  readonly close: string;
  readonly alwaysOn: string;
  readonly privacyPolicy: string;
  /** Heading of a category's list of services, followed by their count. */
  readonly servicesLabel: string;
  /** A link-styled button on the banner that closes it as a refusal (CNIL). */
  readonly continueWithout: string;
  /** Banner line shown when the browser sends Global Privacy Control and the site honours it. */
  readonly gpcNotice: string;
  /** The floating button that reopens the preferences after a decision. */
  readonly manage: string;
  /** Link to a vendor's privacy policy; the vendor's name follows in brackets. */
  readonly vendorPolicy: string;
  readonly cookiesLabel: string;
  readonly cookieName: string;
  readonly cookiePurpose: string;
  readonly cookieLifetime: string;
  /**
   * Placeholder of a blocked embed; `{service}` (its name, `YouTube`) and
   * `{category}` are filled in as text. The button allows that service alone.
   */
  readonly placeholderLabel: string;
  readonly placeholderText: string;
  readonly placeholderAllow: string;
  readonly necessaryLabel: string;
  readonly necessaryDescription: string;
  readonly analyticsLabel: string;
  readonly analyticsDescription: string;
  readonly advertisingLabel: string;
  readonly advertisingDescription: string;
  readonly personalisationLabel: string;
  readonly personalisationDescription: string;
}

export type TextKey = keyof Texts;

/**
 * Every key of `Texts`, listed so that config validation (in the core) can
 * check a site's strings without importing a language's texts. The type below
 * fails to compile when a key is added to `Texts` and not here.
 */
export const TEXT_KEYS = [
  'bannerLabel',
  'bannerTitle',
  'bannerText',
  'withdrawNote',
  'acceptAll',
  'rejectAll',
  'customise',
  'dialogTitle',
  'dialogText',
  'save',
  'close',
  'alwaysOn',
  'privacyPolicy',
  'servicesLabel',
  'continueWithout',
  'gpcNotice',
  'manage',
  'vendorPolicy',
  'cookiesLabel',
  'cookieName',
  'cookiePurpose',
  'cookieLifetime',
  'placeholderLabel',
  'placeholderText',
  'placeholderAllow',
  'necessaryLabel',
  'necessaryDescription',
  'analyticsLabel',
  'analyticsDescription',
  'advertisingLabel',
  'advertisingDescription',
  'personalisationLabel',
  'personalisationDescription',
] as const satisfies readonly TextKey[];
type Missing = Exclude<TextKey, (typeof TEXT_KEYS)[number]>;
/** Compiles only while `Missing` is `never`. */
export const TEXT_KEYS_COMPLETE: Missing extends never ? true : never = true;
