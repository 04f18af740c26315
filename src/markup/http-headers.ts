/** Which responses the markup step rewrites, and how their headers change. */

/** HTML in UTF-8 (or no charset, which the rewriter reads as UTF-8); other charsets pass untouched. */
export function isRewritableHtml(contentType: string | null | undefined, contentEncoding: string | null | undefined): boolean {
  if (typeof contentType !== 'string') return false;
  const [essence = '', ...params] = contentType.split(';').map((p) => p.trim().toLowerCase());
  if (essence !== 'text/html') return false;
  const charset = params.find((p) => p.startsWith('charset='))?.slice(8).replace(/"/g, '');
  if (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8') return false;
  // A compressed body is bytes the tokenizer cannot read: put the markup step before compression.
  return !contentEncoding || contentEncoding.trim().toLowerCase() === 'identity';
}

/**
 * Whether the Content-Type names a charset: the browser then ignores a `<meta>`
 * one, so the page's first bytes need not be held to look for it (byte-page.ts).
 */
export function namesCharset(contentType: string | null | undefined): boolean {
  return typeof contentType === 'string' && /;\s*charset\s*=/i.test(contentType);
}

/** `Vary` with `Cookie` added once: the page depends on the visitor's consent cookie. */
export function varyOnCookie(vary: string | null | undefined): string {
  const names = (vary ?? '').split(',').map((v) => v.trim()).filter(Boolean);
  if (names.some((n) => n === '*' || n.toLowerCase() === 'cookie')) return names.join(', ');
  return [...names, 'Cookie'].join(', ');
}
