/**
 * One first-party cookie, read and written through js-cookie.
 * Attributes follow the CNIL/RFC 6265 expectations for a consent cookie:
 * `Path=/`, `SameSite=Lax`, `Secure` on https, readable by script (it must be,
 * the SDK reads it), optional `Domain` for a site spread over sub-domains.
 */
import Cookies from 'js-cookie';

export interface CookieJarOptions {
  readonly name: string;
  readonly domain?: string | undefined;
  readonly secure: boolean;
}

export interface CookieJar {
  read(): string | undefined;
  write(value: string, expiresAt: number): void;
  remove(): void;
}

export function createCookieJar(options: CookieJarOptions): CookieJar {
  const attributes: Cookies.CookieAttributes = {
    path: '/',
    sameSite: 'Lax',
    secure: options.secure,
    ...(options.domain ? { domain: options.domain } : {}),
  };
  const jar = Cookies.withAttributes(attributes);
  return {
    read: () => jar.get(options.name),
    write: (value, expiresAt) => {
      jar.set(options.name, value, { expires: new Date(expiresAt) });
    },
    remove: () => {
      jar.remove(options.name);
      // A cookie written before `domain` was configured lives on the host alone.
      if (options.domain) Cookies.remove(options.name, { path: '/' });
    },
  };
}
