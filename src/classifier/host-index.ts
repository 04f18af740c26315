/**
 * URL rule lookup: a walk up the host's suffixes (`a.b.example.com`,
 * `b.example.com`, `example.com`, `com`), one hash probe each, and at each
 * host the longest matching path prefix. No regular expressions.
 */

interface PathRule<T> {
  /** Lowercase path prefix, `''` for the whole host. */
  readonly path: string;
  readonly value: T;
}

export interface HostIndex<T> {
  readonly hosts: Map<string, PathRule<T>[]>;
  /** Rules for any host: the path ends with `path` (self-hosted endpoints such as `/matomo.php`). */
  readonly anyHost: PathRule<T>[];
}

export function createHostIndex<T>(): HostIndex<T> {
  return { hosts: new Map(), anyHost: [] };
}

/** `host` lowercase without `*.`; `''` adds an any-host path-suffix rule. The first value for the same host and path is kept. */
export function addUrlRule<T>(index: HostIndex<T>, host: string, path: string, value: T): void {
  if (host === '') {
    if (!index.anyHost.some((r) => r.path === path)) index.anyHost.push({ path, value });
    return;
  }
  const rules = index.hosts.get(host);
  if (!rules) index.hosts.set(host, [{ path, value }]);
  else if (!rules.some((r) => r.path === path)) rules.push({ path, value });
}

/** Orders each host's rules longest path first. Call once after adding. */
export function sortHostIndex<T>(index: HostIndex<T>): void {
  for (const rules of index.hosts.values()) sortByPath(rules);
  sortByPath(index.anyHost);
}

export function sortByPath<T>(rules: PathRule<T>[]): void {
  rules.sort((a, b) => b.path.length - a.path.length);
}

/** The most specific host rule: nearest host suffix first, then the longest path prefix there. */
export function lookupHost<T>(index: HostIndex<T>, host: string, path: string): T | undefined {
  // Down to the last two labels (`example.com`); a lone top-level domain is
  // only looked up when it is the whole host (`localhost`).
  for (let h = host; ; ) {
    const rules = index.hosts.get(h);
    if (rules) for (const rule of rules) if (hasPathPrefix(path, rule.path)) return rule.value;
    const dot = h.indexOf('.');
    if (dot < 0 || h.indexOf('.', dot + 1) < 0) return undefined;
    h = h.slice(dot + 1);
  }
}

export function lookupAnyHost<T>(index: HostIndex<T>, path: string): T | undefined {
  for (const rule of index.anyHost) if (path.endsWith(rule.path)) return rule.value;
  return undefined;
}

/** `/tr` matches `/tr` and `/tr/…`, not `/trending`. */
export function hasPathPrefix(path: string, prefix: string): boolean {
  if (prefix === '' || path === prefix) return true;
  return path.startsWith(prefix) && (prefix.endsWith('/') || path.charCodeAt(prefix.length) === 47);
}
