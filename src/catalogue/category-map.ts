/**
 * The one place where the sources' categories become ours. Read by
 * scripts/build-catalogue.mjs at build time only; nothing here ships.
 *
 * Our categories are the consent purposes a visitor is asked about
 * (store/consent-record.ts): `necessary` needs no consent (ePrivacy directive
 * art. 5(3) exemption: strictly necessary for a service the visitor asked
 * for, or to transmit a communication); the three others do.
 *
 * When a source is ambiguous we choose the stricter category, in the order of
 * STRICTNESS below: a tracker that may serve two purposes stays blocked until
 * the visitor grants the more intrusive one, so it never runs on a consent
 * that does not cover everything it may do. Ambiguity never turns
 * infrastructure into a tracker, though: categories that describe how a host
 * is used (CDN, hosting, utilities, tag managers, consent tools) are left
 * unclassified rather than blocked, because blocking them breaks pages
 * without protecting anyone.
 */
import type { BuiltInCategory } from '../store/consent-record.js';

/** From least to most intrusive: cross-site profiling for ads > measuring behaviour > remembering choices and embedding content > strictly necessary. */
export const STRICTNESS = ['necessary', 'personalisation', 'analytics', 'advertising'] as const satisfies readonly BuiltInCategory[];

/**
 * Open Cookie Database `Category` column → ours.
 *
 * `Functional` has no fixed mapping: the database files there the cookies of
 * third-party trackers as often as a CMS's session cookie. A Functional
 * cookie is mapped, in order (scripts/build-catalogue.mjs, `functionalCategory`):
 * 1. its platform is a curated service (curated.ts): the service's category;
 * 2. curated.ts `ocdPlatforms` names the platform: that category;
 * 3. the platform is a third-party tracking service — it also has
 *    advertising, analytics or personalisation cookies in the database, or its
 *    third-party-web entity is in a consent category: the strictest of those
 *    (Hotjar's `_hjSessionUser_*`, DoubleClick's `test_cookie` and YouTube's
 *    `YSC` are filed as Functional, yet they belong to trackers);
 * 4. otherwise (frameworks, CMSs, load balancers, consent tools): `necessary`.
 */
export const OPEN_COOKIE_DATABASE = {
  // Ad targeting, retargeting and cross-site tracking.
  Marketing: 'advertising',
  Analytics: 'analytics',
  Personalization: 'personalisation',
  // Security cookies (CSRF tokens, bot and fraud protection) are strictly
  // necessary: the CNIL's guidelines on cookies (délibération n° 2020-091)
  // list authentication and security trackers among the exempted ones.
  Security: 'necessary',
  Necessary: 'necessary',
  Functional: 'functional',
} as const satisfies Record<string, BuiltInCategory | 'functional'>;

/**
 * third-party-web entity `category` → ours; `null` = not imported (the host
 * stays unclassified, so it is never blocked).
 */
export const THIRD_PARTY_WEB = {
  // Ad networks, whether they serve ads or measure them.
  ad: 'advertising',
  // Scripts measuring or tracking visitors' behaviour.
  analytics: 'analytics',
  // Social widgets and pixels (share buttons, embedded posts): the networks
  // use what they see for ad targeting. Embedded content would also fit
  // personalisation; advertising is the stricter choice.
  social: 'advertising',
  // Popup, newsletter and marketing-automation tools track leads across
  // visits to target them: advertising, stricter than analytics.
  marketing: 'advertising',
  // Embedded video players: content the visitor chooses to play.
  video: 'personalisation',
  // Chat and support widgets: a feature for the visitor that identifies
  // returning visitors, not strictly necessary until the visitor opens it.
  'customer-success': 'personalisation',
  // Infrastructure or mixed bags (news sites, image CDNs, AMP, AWS): blocking
  // them by default would break pages; curated.ts classifies the embeds
  // among them (Spotify, SoundCloud, Dailymotion, Google Maps).
  content: null,
  utility: null,
  hosting: null,
  cdn: null,
  other: null,
  // Tag managers only load other tags: the loader is not blocked, what it
  // loads is (the rule; Google Tag Manager's gtm.js stays allowed).
  'tag-manager': null,
  // Consent tools must run before consent to ask for it.
  'consent-provider': null,
} as const satisfies Record<string, BuiltInCategory | null>;

/** One letter per category in the compiled catalogue (catalogue.ts). */
export const CATEGORY_LETTERS = {
  necessary: 'n',
  analytics: 'a',
  advertising: 'd',
  personalisation: 'p',
} as const satisfies Record<BuiltInCategory, string>;
