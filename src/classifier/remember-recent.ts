/**
 * Bounded memos in front of classification. Pages ask about the same few
 * things again and again — an image in every list item, a polled endpoint, an
 * element checked when its `src` is set and again when it is inserted, a
 * setting written to localStorage on every change, a preference cookie — and a
 * Map lookup costs a fraction of parsing a URL and walking the indexes (a
 * storage key alone takes four name lookups: site and catalogue, storage and
 * cookie names). A classifier's answer depends on the string (and, for a URL,
 * on the page's base URL) only, never on consent, so the memo is exact; it
 * forgets everything when it is full (a page with endless distinct names pays
 * one clear per `size`). A very long string (a `data:` image) is not kept: the
 * page may drop it, the memo would not.
 */
const LONGEST = 2048;

/**
 * `classify` behind a memo of `size` answers. With a `base` (a URL's page URL),
 * the memo forgets everything when the base changes: a relative URL means
 * something else against another one.
 */
export function rememberRecent<T>(classify: (key: string, base?: string) => T | undefined, size = 512): (key: string, base?: string) => T | undefined {
  const recent = new Map<string, T | null>();
  let recentBase: string | undefined | null = null;
  return (key, base) => {
    // Names and URLs are strings: anything else a page passes is nothing to classify.
    if (typeof key !== 'string') return undefined;
    if (base !== recentBase) {
      recent.clear();
      recentBase = base;
    }
    const known = recent.get(key);
    if (known !== undefined) return known ?? undefined;
    const result = classify(key, base);
    if (key.length <= LONGEST) {
      if (recent.size >= size) recent.clear();
      recent.set(key, result ?? null);
    }
    return result;
  };
}
