/**
 * Withdrawal clean-up (RULES: "delete their script-visible cookies … try the
 * candidates, and the parent domain"). `document.cookie` shows names only, not
 * the path or domain a cookie was set with, and a deletion must match both; so
 * the candidates are tried: host-only and each parent domain (store/
 * cookie-variants.ts: at least two labels), `/` and each path prefix of the
 * current page.
 *
 * Bounded work: on a page with a large jar every write costs, and each read
 * after writes waits for the browser to apply them and copies the whole jar
 * (600 KB: tens of ms each). Trying every name × domain × path (174 × 5 × 19
 * on a deep page of a sub-sub-domain) blocked the page for seconds. So:
 * 1. `/` and the page's default path (RFC 6265 §5.1.4: a script's cookie
 *    without `path=`), for every domain, then one read: most cookies are gone.
 * 2. For what is left, the path of each copy is found instead of tried:
 *    browsers list cookies longest path first and, for equal lengths, oldest
 *    first (RFC 6265 §5.4), and the candidate paths of one page all differ in
 *    length. So a fresh marker cookie on a candidate path lands in
 *    `document.cookie` right after the cookies of that path; one read places
 *    each copy between two markers, and it is deleted on the candidate paths
 *    of that length range only (each domain). With a marker on every
 *    candidate, that is its exact path. Browsers keep a limited number of
 *    cookies a site (Chromium: 180, then it evicts down to 150), and markers
 *    must never push out a cookie of the site: there are no more markers than
 *    cookies step 1 deleted, or than the room left under 150 cookies in view.
 * 3. Whatever is still in view (no room for markers, or a browser that orders
 *    otherwise): every other path, every domain, then one read.
 * At most four reads, and writes in proportion to the copies found.
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

/** Marker cookies of step 2; markers never take the cookies in view beyond MARKER_ROOM (Chromium purges a site's jar to 150). */
const MARKER = '__nexus_consent_path_';
const MARKER_ROOM = 150;

export function deleteCookies(
  doc: Document,
  names: readonly string[],
  write: (line: string) => void,
  read: () => string = () => doc.cookie,
): CleanupReport['deletedCookies'] {
  const all = [...new Set(names)];
  if (all.length === 0) return [];
  const { hostname, pathname } = doc.location;
  const domains = [undefined, ...cookieDomains(hostname)];
  const paths = withdrawalPaths(pathname);
  let left = all;
  let inView = cookieNames(read()).length;
  const remove = (pairs: Iterable<readonly [string, string]>) => {
    for (const [name, path] of pairs) for (const domain of domains) write(deletionLine(name, path, domain));
    const visible = cookieNames(read());
    inView = visible.length;
    const names = new Set(visible);
    left = left.filter((name) => names.has(name));
  };
  const everywhere = (path: string) => left.map((name) => [name, path] as const);

  // 1. Where most cookies are.
  const before = inView;
  remove(paths.slice(0, 2).flatMap(everywhere));
  // 2. Markers, longest path first, evenly spread when there are fewer markers than candidates.
  const rest = paths.slice(2).sort((a, b) => b.length - a.length);
  const room = Math.min(rest.length, Math.max(before - inView, MARKER_ROOM - inView));
  if (left.length > 0 && room > 0) {
    const marked = rest.filter((_, i) => Math.floor((i * room) / rest.length) !== Math.floor(((i + 1) * room) / rest.length));
    marked.forEach((path, i) => write(`${MARKER}${i}=1; path=${path}; max-age=60; samesite=Lax`));
    const listing = cookieNames(read());
    marked.forEach((path, i) => write(deletionLine(`${MARKER}${i}`, path, undefined)));
    remove(copiesByPath(listing, new Set(left), rest, marked));
  }
  // 3. Anything still in view.
  if (left.length > 0 && rest.length > 0) remove(rest.flatMap(everywhere));
  return all.filter((name) => !left.includes(name));
}

/**
 * [name, path] for each copy of a `wanted` name in `listing` and each
 * candidate it may have: the candidates no longer than the path of the marker
 * after it, and shorter than the path of the marker before it. `candidates`
 * and `marked` (a subset) are longest first; marker i is named `${MARKER}i`.
 */
function copiesByPath(listing: readonly string[], wanted: ReadonlySet<string>, candidates: readonly string[], marked: readonly string[]): [string, string][] {
  const found: [string, string][] = [];
  let pending: string[] = [];
  let longer = Infinity;
  const place = (shortest: number) => {
    const range = candidates.filter((path) => path.length < longer && path.length >= shortest);
    for (const name of pending) for (const path of range) found.push([name, path]);
    pending = [];
  };
  for (const name of listing) {
    const marker = name.startsWith(MARKER) ? marked[Number(name.slice(MARKER.length))] : undefined;
    if (marker !== undefined) {
      place(marker.length);
      longer = marker.length;
    } else if (wanted.has(name)) pending.push(name);
  }
  place(0);
  return found;
}

/**
 * The paths a cookie visible on `pathname` can have (RFC 6265 §5.1.4
 * path-match): `/` first, then the default path (the directory of the page),
 * then the other prefixes, shortest first.
 */
export function withdrawalPaths(pathname: string): string[] {
  const slash = pathname.lastIndexOf('/');
  const defaultPath = slash > 0 ? pathname.slice(0, slash) : '/';
  const visible = (path: string) => path === pathname || pathname.startsWith(path.endsWith('/') ? path : `${path}/`);
  return [...new Set(['/', defaultPath, ...parentPaths(pathname)])].filter(visible);
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
