/**
 * Calls made before the visitor decides — a request, a beacon, a cookie or
 * storage write, a detached pixel — wait here instead of failing: undecided
 * means "wait", not "drop". On a decision they are replayed in the order they
 * were made, those still refused are discarded (a service refused on its own
 * too, whatever its category says). Bounded per category, in items and bytes:
 * the oldest goes first, refused as if the visitor had refused it. Memory only:
 * nothing is kept beyond the page's life.
 */
import type { Category } from '../store/consent-record.js';

export interface HeldCall {
  readonly category: Category;
  /** An estimate of what it keeps alive: URL and body, cookie line, key and value. */
  readonly bytes: number;
  /** Performs the call now. */
  proceed(): void;
  /** Fails it as the browser fails a blocked one. */
  refuse(): void;
}

export interface HeldCalls<T extends HeldCall> {
  /** Keeps a call; returns the function that forgets it (the page cancelled it itself): true if it was still held. */
  hold(call: T): () => boolean;
  /**
   * In the order held: performs each call `blocked` no longer stops; refuses
   * the others when `final` (a decision), else keeps them.
   */
  settle(blocked: (call: T) => boolean, final: boolean): void;
}

export interface HeldLimits {
  /** @default 200 per category */
  readonly items: number;
  /** @default 1 MiB per category */
  readonly bytes: number;
}

export function createHeldCalls<T extends HeldCall>(
  done: (call: T, outcome: 'replayed' | 'discarded' | 'dropped') => void,
  fail: (error: unknown) => void,
  limits: HeldLimits = { items: 200, bytes: 1 << 20 },
): HeldCalls<T> {
  let calls: T[] = [];
  const forget = (call: T) => {
    const i = calls.indexOf(call);
    if (i >= 0) calls.splice(i, 1);
    return i >= 0;
  };
  // One call that throws (an XHR the page re-used, a full storage quota) does not stop the others.
  const run = (call: T, outcome: 'replayed' | 'discarded' | 'dropped') => {
    done(call, outcome);
    try {
      (outcome === 'replayed' ? call.proceed : call.refuse)();
    } catch (error) {
      fail(error);
    }
  };
  return {
    hold(call) {
      // Bigger than the cap on its own: it could never be kept, so it goes alone, not with every older call.
      if (call.bytes > limits.bytes) {
        run(call, 'dropped');
        return () => false;
      }
      calls.push(call);
      // A few hundred calls at most: counted again each time rather than kept in step.
      for (let same: T[]; ; ) {
        same = calls.filter((c) => c.category === call.category);
        if (same.length <= limits.items && same.reduce((n, c) => n + c.bytes, 0) <= limits.bytes) break;
        forget(same[0]!);
        run(same[0]!, 'dropped');
      }
      return () => forget(call);
    },
    settle(blocked, final) {
      const all = calls;
      calls = [];
      for (const call of all) {
        let wait = true;
        try {
          wait = blocked(call);
        } catch (error) {
          // Fail closed: a call nobody can place stays held, and goes with a decision.
          fail(error);
        }
        if (!wait) run(call, 'replayed');
        else if (final) run(call, 'discarded');
        else calls.push(call);
      }
    },
  };
}
