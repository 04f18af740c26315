/**
 * Name lookup without regular expressions: exact names in a hash map, and
 * prefixes and `*` patterns in buckets keyed by their first three characters,
 * longest head first. A lookup is one hash probe, one slice and a probe, then
 * a handful of `startsWith` — constant time whatever the catalogue's size.
 */

/** `head*mid*…*tail`: a `*` stands for any run of characters (including none). */
export interface NamePattern {
  readonly head: string;
  readonly middle: readonly string[];
  readonly tail: string;
}

interface PatternRule<T> {
  readonly pattern: NamePattern;
  readonly value: T;
}

export interface NameIndex<T> {
  readonly exact: Map<string, T>;
  /** Patterns whose head has at least BUCKET characters, by those characters. */
  readonly buckets: Map<string, PatternRule<T>[]>;
  /** Patterns with a shorter head (site rules only: the catalogue compiler refuses them). */
  readonly short: PatternRule<T>[];
}

const BUCKET = 3;

export function createNameIndex<T>(): NameIndex<T> {
  return { exact: new Map(), buckets: new Map(), short: [] };
}

/** Splits `head*mid*tail` at its stars. */
export function compileNamePattern(source: string): NamePattern {
  const parts = source.split('*');
  return { head: parts[0] ?? '', middle: parts.slice(1, -1).filter((p) => p !== ''), tail: parts.length > 1 ? (parts[parts.length - 1] ?? '') : '' };
}

export function matchesNamePattern(p: NamePattern, name: string): boolean {
  const end = name.length - p.tail.length;
  if (end < p.head.length || !name.startsWith(p.head) || !name.endsWith(p.tail)) return false;
  let at = p.head.length;
  for (const part of p.middle) {
    const found = name.indexOf(part, at);
    if (found < 0 || found + part.length > end) return false;
    at = found + part.length;
  }
  return true;
}

/** Adds an exact name (no `*`) or a pattern; the first value added for an exact name is kept. */
export function addName<T>(index: NameIndex<T>, item: string, value: T): void {
  if (!item.includes('*')) {
    if (!index.exact.has(item)) index.exact.set(item, value);
    return;
  }
  addPattern(index, compileNamePattern(item), value);
}

export function addPattern<T>(index: NameIndex<T>, pattern: NamePattern, value: T): void {
  const rule = { pattern, value };
  if (pattern.head.length < BUCKET) {
    index.short.push(rule);
    return;
  }
  const key = pattern.head.slice(0, BUCKET);
  const bucket = index.buckets.get(key);
  if (bucket) bucket.push(rule);
  else index.buckets.set(key, [rule]);
}

/** Orders each bucket longest head first (stable: among equals, first added wins). Call once after adding. */
export function sortNameIndex<T>(index: NameIndex<T>): void {
  const byHead = (a: PatternRule<T>, b: PatternRule<T>) => b.pattern.head.length - a.pattern.head.length;
  for (const bucket of index.buckets.values()) bucket.sort(byHead);
  index.short.sort(byHead);
}

export function lookupName<T>(index: NameIndex<T>, name: string): T | undefined {
  const exact = index.exact.get(name);
  if (exact !== undefined) return exact;
  if (name.length >= BUCKET) {
    const bucket = index.buckets.get(name.slice(0, BUCKET));
    if (bucket) for (const rule of bucket) if (matchesNamePattern(rule.pattern, name)) return rule.value;
  }
  for (const rule of index.short) if (matchesNamePattern(rule.pattern, name)) return rule.value;
  return undefined;
}
