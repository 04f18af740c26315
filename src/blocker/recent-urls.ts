/**
 * A bounded memo in front of URL classification. Pages ask about the same few
 * URLs again and again — an image in every list item, a polled endpoint, an
 * element checked when its `src` is set and again when it is inserted — and a
 * Map lookup costs a fraction of parsing the URL and walking the host index.
 * Classification depends on the URL and the page's base URL only (never on
 * consent), so the memo is exact; it forgets everything when the base changes
 * or when it is full (a page with endless distinct URLs pays one clear per `size`).
 */
export function rememberRecentUrls<T>(
  classify: (url: string, base: string) => T | undefined,
  size = 512,
): (url: string, base: string) => T | undefined {
  const recent = new Map<string, T | null>();
  let recentBase = '';
  return (url, base) => {
    if (base !== recentBase) {
      recent.clear();
      recentBase = base;
    }
    const known = recent.get(url);
    if (known !== undefined) return known ?? undefined;
    const result = classify(url, base);
    if (recent.size >= size) recent.clear();
    recent.set(url, result ?? null);
    return result;
  };
}
