/**
 * What the blocker stopped, for `blocked()` and the debug console: kind, URL or
 * name, service, category, time. A request the browser sent before any script
 * could act (the preload scanner fetching a tag written in the HTML) is kept
 * with `escaped: true` — hidden from nobody.
 */
import type { Category } from '../store/consent-record.js';

export type BlockedKind =
  | 'script'
  | 'img'
  | 'iframe'
  | 'link'
  | 'media'
  | 'fetch'
  | 'xhr'
  | 'beacon'
  | 'cookie'
  | 'storage'
  | 'websocket' | 'eventsource' | 'worker' | 'window' | 'form';

export interface BlockedEntry {
  readonly kind: BlockedKind;
  /** The URL, or the cookie name / storage key. */
  readonly target: string;
  readonly service: string;
  readonly vendor: string;
  readonly category: Category;
  /** Epoch milliseconds. */
  readonly time: number;
  /** How it reached the page: written in the HTML, inserted by script, or a call. */
  readonly via: 'html' | 'script';
  /**
   * True when the browser fetched it anyway: a tag written in the HTML that the
   * preload scanner requested before any script ran (an iframe written in the
   * HTML always counts: its navigation may have started).
   */
  readonly escaped: boolean;
  /**
   * For a call made before the visitor decided (a request, a beacon, a cookie
   * or storage write, a detached pixel): `held` while it waits, then
   * `replayed` on a grant, `discarded` on a refusal (or the page cancelled
   * it, or wrote it again), `expired` for a request that waited its longest
   * (30 s), or `dropped` when the per-category cap made room for newer calls.
   * Absent for what was refused at once.
   */
  outcome?: HeldOutcome;
}

export type HeldOutcome = 'held' | 'replayed' | 'discarded' | 'expired' | 'dropped';

export interface BlockedLog {
  /** Returns the stored entry, whose `outcome` the blocker updates. */
  add(entry: Omit<BlockedEntry, 'escaped'>): Omit<BlockedEntry, 'escaped'>;
  list(wasFetched: (url: string) => boolean): BlockedEntry[];
}

/** Keeps at most `limit` entries: a page that retries a beacon forever must not grow memory forever. */
export function createBlockedLog(limit = 500): BlockedLog {
  const entries: Omit<BlockedEntry, 'escaped'>[] = [];
  return {
    add(entry) {
      if (entries.length >= limit) entries.shift();
      entries.push(entry);
      return entry;
    },
    list(wasFetched) {
      // An iframe's navigation leaves no resource-timing entry when it is cut short, so
      // one written in the HTML counts as escaped: it may have started before the SDK saw it.
      return entries.map((e) => ({ ...e, escaped: e.via === 'html' && (e.kind === 'iframe' || wasFetched(e.target)) }));
    },
  };
}
