/**
 * Lists the cookies and storage keys present in a page, each with its
 * classification or `'unknown'`: for the preference centre, audits and the
 * debug console. The only DOM reader of the classifier: the window is passed
 * in, and every access is guarded — reading `document.cookie` or
 * `localStorage` throws in sandboxed frames, opaque origins and when the
 * visitor disabled storage.
 */
import type { Classification } from './classification.js';
import type { Classifier } from './create-classifier.js';

export type ScanKind = 'cookie' | 'localStorage' | 'sessionStorage';

export interface ScanEntry {
  readonly kind: ScanKind;
  readonly name: string;
  readonly classification: Classification | 'unknown';
}

/** What the scan reads; a `Window` fits. */
export interface ScanTarget {
  readonly document?: { readonly cookie: string };
  readonly localStorage?: Storage;
  readonly sessionStorage?: Storage;
}

/** Cookies first, then localStorage, then sessionStorage keys; each list sorted by name, without duplicates. */
export function scanPage(win: ScanTarget, classifier: Pick<Classifier, 'classifyCookie' | 'classifyStorageKey'>): ScanEntry[] {
  const entries: ScanEntry[] = [];
  const add = (kind: ScanKind, names: readonly string[], classify: (name: string) => Classification | undefined) => {
    for (const name of [...new Set(names)].sort()) entries.push({ kind, name, classification: classify(name) ?? 'unknown' });
  };
  add('cookie', cookieNames(attempt(() => win.document?.cookie) ?? ''), classifier.classifyCookie);
  add('localStorage', storageKeys(attempt(() => win.localStorage)), classifier.classifyStorageKey);
  add('sessionStorage', storageKeys(attempt(() => win.sessionStorage)), classifier.classifyStorageKey);
  return entries;
}

/** One row per entry, for `console.table()` in debug mode. */
export function scanTable(entries: readonly ScanEntry[]): ({ type: ScanKind; name: string } & (Classification | { service: 'unknown' }))[] {
  return entries.map(({ kind, name, classification: c }) => ({ type: kind, name, ...(c === 'unknown' ? { service: 'unknown' as const } : c) }));
}

/** `a=1; b=2` → `['a', 'b']`. A pair without `=` is a nameless cookie: the browser shows its value, which is what a visitor would call its name. */
export function cookieNames(cookie: string): string[] {
  const names: string[] = [];
  for (const pair of cookie.split(';')) {
    const eq = pair.indexOf('=');
    const name = (eq < 0 ? pair : pair.slice(0, eq)).trim();
    if (name !== '') names.push(name);
  }
  return names;
}

function storageKeys(storage: Storage | undefined): string[] {
  const keys: string[] = [];
  if (!storage) return keys;
  attempt(() => {
    for (let i = 0; i < storage.length; i++) {
      const key = storage.key(i);
      if (key !== null) keys.push(key);
    }
  });
  return keys;
}

function attempt<T>(read: () => T): T | undefined {
  try {
    return read();
  } catch {
    return undefined;
  }
}
