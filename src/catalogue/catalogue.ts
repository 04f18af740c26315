/**
 * The compiled tracker catalogue: what scripts/build-catalogue.mjs writes into
 * generated/ and what the classifier reads. Never written by hand.
 *
 * The format is compact on purpose — it ships in the script-tag build — and
 * plain data (strings only) so that it costs no code to load:
 *
 * - `services`: one `id:Vendor` string per service (`id` alone when the vendor
 *   is the id with a capital), then `|Name` when visitors know the service by
 *   a name its id in words would not give (`youtube:Google|YouTube`; `|` alone:
 *   the vendor's name, `hubspot:HubSpot|`); entries
 *   point at a service by its position in this list.
 * - `cookies`, `storage`, `urls`: groups of entries, one string per group:
 *   `<service index><category letter><source letter><item>,<item>,…`
 *   - category letters: `n` necessary, `a` analytics, `d` advertising, `p` personalisation;
 *   - source letters: `o` Open Cookie Database, `t` third-party-web, `c` curated.
 * - cookie and storage items: `name` (exact), `head*` (prefix), or
 *   `head*mid*tail` (a `*` stands for any run of characters). The literal head
 *   is at least 3 characters, so a prefix lookup is one hash probe on the first
 *   3 characters instead of a scan, and no regular expression is ever built.
 * - URL items: `host` (the host and every sub-domain), `host/path` (same hosts,
 *   path prefix ending at a segment boundary), or `/path` (any host, including
 *   the page's own: the path ends with it — self-hosted endpoints such as
 *   `/matomo.php`). Hosts and paths are lowercase.
 * - Storage keys that have no entry of their own fall back to the cookie
 *   entries: the Open Cookie Database lists cookies and storage keys together.
 */
export interface Catalogue {
  /** Format version; the classifier ignores a catalogue of another format. */
  readonly format: 1;
  readonly services: readonly string[];
  readonly cookies: readonly string[];
  readonly storage: readonly string[];
  readonly urls: readonly string[];
}

/** Whether a value (e.g. from a site's config) is a compiled catalogue this SDK can read. */
export function isCatalogue(value: unknown): value is Catalogue {
  if (typeof value !== 'object' || value === null) return false;
  const c = value as Record<string, unknown>;
  return c.format === 1 && ['services', 'cookies', 'storage', 'urls'].every((key) => isStringArray(c[key]));
}

function isStringArray(value: unknown): boolean {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}
