/**
 * Withdrawal clean-up (RULES: "delete their script-visible cookies … try the
 * candidates, and the parent domain"). `document.cookie` shows names only, not
 * the path or domain a cookie was set with, and a deletion must match both; so
 * every candidate is tried: host-only and each parent domain, `/` and each
 * parent of the current path. Writing to a public suffix is refused by the
 * browser, harmlessly.
 */
import { cookieNames } from '../classifier/scan-page.js';

export interface CleanupReport {
  /** Cookies deleted (no longer visible to script afterwards). */
  readonly deletedCookies: readonly string[];
  /** Cookies that stayed despite every candidate (set for a path below this page, for instance). */
  readonly remainingCookies: readonly string[];
  readonly clearedStorageKeys: readonly string[];
}

export function deleteCookies(doc: Document, names: readonly string[], write: (line: string) => void): CleanupReport['deletedCookies'] {
  if (names.length === 0) return [];
  const { hostname, pathname } = doc.location;
  const domains = [undefined, ...parentDomains(hostname)];
  const paths = parentPaths(pathname);
  for (const name of names) {
    for (const domain of domains) {
      for (const path of paths) {
        write(`${name}=; expires=Thu, 01 Jan 1970 00:00:00 GMT; max-age=0; path=${path}${domain ? `; domain=${domain}` : ''}`);
      }
    }
  }
  const left = new Set(cookieNames(doc.cookie));
  return names.filter((name) => !left.has(name));
}

/** `a.b.nexus-tech.fr` → `a.b.nexus-tech.fr`, `b.nexus-tech.fr`, `nexus-tech.fr`, `fr`. */
export function parentDomains(hostname: string): string[] {
  if (/^[\d.]+$/.test(hostname) || hostname.includes(':') || !hostname.includes('.')) return [hostname];
  const labels = hostname.split('.');
  return labels.map((_, i) => labels.slice(i).join('.'));
}

/** `/a/b/c` → `/`, `/a`, `/a/`, `/a/b`, `/a/b/`, `/a/b/c`. */
export function parentPaths(pathname: string): string[] {
  const paths = new Set(['/']);
  const segments = pathname.split('/').filter(Boolean);
  let current = '';
  for (const segment of segments) {
    current += `/${segment}`;
    paths.add(current);
    paths.add(`${current}/`);
  }
  return [...paths];
}

export function clearStorageKeys(win: Window, held: (key: string) => boolean): string[] {
  const cleared: string[] = [];
  for (const name of ['localStorage', 'sessionStorage'] as const) {
    let storage: Storage;
    try {
      storage = win[name];
    } catch {
      continue; // storage disabled: nothing a tracker could have written either
    }
    for (let i = storage.length - 1; i >= 0; i--) {
      const key = storage.key(i);
      if (key !== null && held(key)) {
        storage.removeItem(key);
        cleared.push(key);
      }
    }
  }
  return cleared;
}
