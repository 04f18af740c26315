/**
 * Pure helpers about where a cookie of a given name can live. `document.cookie`
 * shows names and values only, never the Path or Domain a cookie was set
 * with, and a write replaces (or deletes) only the cookie with the same name,
 * domain and path (RFC 6265 §5.3 step 11). So whoever must reach every copy
 * of a name — the consent cookie's single canonical copy, the withdrawal
 * clean-up — tries the candidates script can reach: host-only and each parent
 * domain, `/` and each path prefix of the current page.
 */

/** An RFC 6265 §4.1.1 cookie-name: a token (no separators, controls or spaces), here 1–256 characters. */
export const COOKIE_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]{1,256}$/;

/**
 * The host and its parent domains with at least two labels:
 * `a.b.nexus-tech.fr` → `a.b.nexus-tech.fr`, `b.nexus-tech.fr`, `nexus-tech.fr`.
 * A single label is always a public suffix (`fr`); a longer public suffix
 * (`co.uk`) is tried, and the browser refuses it harmlessly (RFC 6265 §5.3
 * step 5). An IP address or a one-label host (`localhost`) is its own only
 * candidate.
 */
export function cookieDomains(hostname: string): string[] {
  const host = hostname.toLowerCase();
  if (/^[\d.]+$/.test(host) || host.includes(':') || !host.includes('.')) return [host];
  const labels = host.split('.');
  return labels.slice(0, -1).map((_, i) => labels.slice(i).join('.'));
}

/** `/a/b/c` → `/`, `/a`, `/a/`, `/a/b`, `/a/b/`, `/a/b/c`, `/a/b/c/`: every Path a cookie visible here can have. */
export function parentPaths(pathname: string): string[] {
  const paths = new Set(['/']);
  let current = '';
  for (const segment of pathname.split('/').filter(Boolean)) {
    current += `/${segment}`;
    paths.add(current);
    paths.add(`${current}/`);
  }
  return [...paths];
}

/** The line that deletes the cookie `name` set with this path and domain (host-only when `domain` is undefined). */
export function deletionLine(name: string, path: string, domain: string | undefined): string {
  return `${name}=; expires=Thu, 01 Jan 1970 00:00:00 GMT; max-age=0; path=${path}${domain ? `; domain=${domain}` : ''}`;
}

/**
 * The raw value of every copy of `name` in a `document.cookie` string, in the
 * browser's order (longer paths first, then older first: RFC 6265 §5.4).
 */
export function cookieValues(cookie: string, name: string): string[] {
  const values: string[] = [];
  for (const pair of cookie.split(';')) {
    const eq = pair.indexOf('=');
    if (eq >= 0 && pair.slice(0, eq).trim() === name) values.push(pair.slice(eq + 1).trim());
  }
  return values;
}
