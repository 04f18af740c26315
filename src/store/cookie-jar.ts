/**
 * The consent cookie: one first-party cookie, one canonical copy.
 * Attributes follow the CNIL/RFC 6265 expectations for a consent cookie:
 * `Path=/`, `SameSite=Lax`, `Secure` on https, readable by script (it must be,
 * the SDK reads it), optional `Domain` for a site spread over sub-domains.
 *
 * Cookies of the same name on other paths or domains (a copy on `Path=/shop`,
 * one set with `Domain=` from a sibling sub-domain, the one left when the site
 * adds or removes `cookie.domain`) are other cookies to the browser, and all
 * show in `document.cookie`. So reads return every copy (the store decides
 * which counts), and every write first deletes each variant script can reach.
 * Writes go through the browser's own `document.cookie` setter, past the
 * blocker's cookie guard (see native-cookie.ts). The value is encoded and
 * decoded as js-cookie 3 does (its default converter, copied: the rest of
 * js-cookie cost the script-tag build about 800 B gzip).
 */
import { cookieDomains, cookieValues, deletionLine, parentPaths } from './cookie-variants.js';
import { nativeCookie } from './native-cookie.js';

export interface CookieJarOptions {
  readonly name: string;
  readonly domain?: string | undefined;
  readonly secure: boolean;
}

export interface CookieJar {
  /** The value of every copy of the cookie visible here, in `document.cookie` order. */
  readAll(): string[];
  /** Writes the canonical copy, after deleting every other copy script can reach. */
  write(value: string, expiresAt: number): void;
  /** Deletes every copy script can reach. */
  remove(): void;
}

export function createCookieJar(win: { readonly Document: typeof Document; readonly document: Document }, options: CookieJarOptions): CookieJar {
  const doc = win.document;
  const cookie = nativeCookie(win, doc);
  const { name } = options;
  // `Domain=.x` and `Domain=x` are the same cookie (RFC 6265 §5.2.3).
  const domain = options.domain?.replace(/^\./, '').toLowerCase() || undefined;

  /** Deletes the cookie at every path of this page on the host alone and every parent domain (and the configured one). */
  const deleteCopies = (keepCanonical: boolean) => {
    const { hostname, pathname } = doc.location;
    const domains = new Set<string | undefined>([undefined, ...cookieDomains(hostname)]);
    if (domain) domains.add(domain);
    for (const d of domains) {
      for (const path of parentPaths(pathname)) {
        if (!(keepCanonical && path === '/' && d === domain)) cookie.set(deletionLine(name, path, d));
      }
    }
  };

  return {
    readAll: () =>
      cookieValues(cookie.get(), name).map((value) => {
        try {
          return read(value);
        } catch {
          return value; // bad percent-encoding: left as is, it will not decode to a record
        }
      }),
    write: (value, expiresAt) => {
      deleteCopies(true);
      cookie.set(
        `${name}=${write(value)}; path=/; expires=${new Date(expiresAt).toUTCString()}` +
          `${domain ? `; domain=${domain}` : ''}; samesite=Lax${options.secure ? '; secure' : ''}`,
      );
    },
    remove: () => deleteCopies(false),
  };
}

/**
 * js-cookie 3's default converter (MIT): percent-encoding of what is not a
 * cookie-octet (RFC 6265 §4.1.1), a quoted value unquoted.
 */
const read = (value: string) => (value[0] === '"' ? value.slice(1, -1) : value).replace(/(%[\dA-F]{2})+/gi, decodeURIComponent);
const write = (value: string) => encodeURIComponent(value).replace(/%(2[346BF]|3[AC-F]|40|5[BDE]|60|7[BCD])/g, decodeURIComponent);
