/**
 * Withdrawal clean-up (RULES: "delete their script-visible cookies … try the
 * candidates, and the parent domain"). `document.cookie` shows names only, not
 * the path or domain a cookie was set with, and a deletion must match both; so
 * the candidates are tried: host-only and each parent domain (store/
 * cookie-variants.ts: at least two labels), `/` and each path prefix of the
 * current page.
 *
 * Bounded work: on a page with a large jar every write costs, and the first
 * read after a burst of writes waits for the browser to apply them all (a
 * 600 KB jar, 173 names × 4 domains × 17 paths: seconds). So paths are tried
 * one at a time, most likely first (`/`, then the page's default path, RFC
 * 6265 §5.1.4, where a script's cookie without `path=` lands), each for every
 * domain of the names still visible; after each path the jar is read once,
 * and a name that is gone is not tried again.
 */
import { cookieNames } from '../classifier/scan-page.js';
import { cookieDomains, deletionLine, parentPaths } from '../store/cookie-variants.js';

export { cookieDomains as parentDomains, parentPaths };

export interface CleanupReport {
  /** Cookies deleted (no longer visible to script afterwards). */
  readonly deletedCookies: readonly string[];
  /** Cookies that stayed despite every candidate (set for a path below this page, for instance). */
  readonly remainingCookies: readonly string[];
  readonly clearedStorageKeys: readonly string[];
}

export function deleteCookies(
  doc: Document,
  names: readonly string[],
  write: (line: string) => void,
  read: () => string = () => doc.cookie,
): CleanupReport['deletedCookies'] {
  if (names.length === 0) return [];
  const { hostname, pathname } = doc.location;
  const domains = [undefined, ...cookieDomains(hostname)];
  let left = [...new Set(names)];
  for (const path of withdrawalPaths(pathname)) {
    for (const name of left) for (const domain of domains) write(deletionLine(name, path, domain));
    const visible = new Set(cookieNames(read()));
    left = left.filter((name) => visible.has(name));
    if (left.length === 0) break;
  }
  return [...new Set(names)].filter((name) => !left.includes(name));
}

/** Every path prefix of `pathname` (parentPaths), `/` first, then the default path (the directory of the page), then the rest. */
export function withdrawalPaths(pathname: string): string[] {
  const slash = pathname.lastIndexOf('/');
  const defaultPath = slash > 0 ? pathname.slice(0, slash) : '/';
  return [...new Set(['/', defaultPath, ...parentPaths(pathname)])];
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
