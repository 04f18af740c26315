/**
 * The URLs an inline script's code loads, read from its text: this is
 * JavaScript, not markup, so a pattern over one script's text is the right
 * tool. Vendors' loaders name their host literally — `t.src=v` with
 * `'https://connect.facebook.net/en_US/fbevents.js'`, a protocol-relative
 * `'//snap.licdn.com/…'`, or a prefix completed at run time:
 * `'https://static.hotjar.com/c/hotjar-'+h._hjSettings.hjid+'.js?sv='` gives
 * `https://static.hotjar.com/c/hotjar-` — which the classifier needs (host,
 * then path prefix). Self-hosted tools build the URL from a variable
 * (`u+'matomo.js'`): the quoted file name alone is kept as a relative URL, for
 * the catalogue's path rules (`/matomo.js` on any host).
 */

/** An absolute or protocol-relative URL: host with a dot, optional port, path up to a quote, space or operator. */
const ABSOLUTE = /(?:\bhttps?:)?\/\/[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+(?::\d{1,5})?(?:\/[^\s"'`\\<>()+,;{}]*)?/gi;
/** A quoted relative path to a script or an endpoint: `'matomo.js'`, `"js/piwik.php"`. */
const RELATIVE = /(["'`])((?:\.{0,2}\/)?[\w-]+(?:\/[\w.-]+)*\.(?:js|php))\1/g;
/** Scripts longer than this are not a vendor's loader; their tail is not searched (see rewriter). */
export const MAX_URLS = 50;

export function urlsInScript(code: string): string[] {
  // JSON-style escaped slashes (`https:\/\/connect.facebook.net`) are still slashes to the engine.
  const text = code.includes('\\/') ? code.replace(/\\\//g, '/') : code;
  const found = new Set<string>();
  for (const match of text.matchAll(ABSOLUTE)) {
    found.add(match[0]);
    if (found.size >= MAX_URLS) break;
  }
  for (const match of text.matchAll(RELATIVE)) {
    if (found.size >= MAX_URLS) break;
    found.add(match[2]!);
  }
  return [...found];
}
