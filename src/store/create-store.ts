/**
 * Loads and saves the consent state. Anything that does not decode to a current
 * record — missing, corrupt, hand-edited, unknown version, other revision,
 * expired, other set of categories — is "undecided": the banner shows and
 * nothing is granted. It never throws.
 */
import type { CookieJar } from './cookie-jar.js';
import { isCurrent, UNDECIDED, type ConsentRecord, type ConsentState, type DecisionContext } from './consent-record.js';
import { decodeRecord, encodeRecord } from './record-codec.js';

export interface ConsentStore {
  load(): ConsentState;
  save(record: ConsentRecord): void;
  clear(): void;
}

export function createStore(
  jar: CookieJar,
  context: () => Pick<DecisionContext, 'categories' | 'revision' | 'now'>,
): ConsentStore {
  return {
    load() {
      let raw: string | undefined;
      try {
        raw = jar.read();
      } catch {
        return UNDECIDED;
      }
      const record = decodeRecord(raw);
      return record && isCurrent(record, context()) ? { status: 'decided', record } : UNDECIDED;
    },
    save(record) {
      jar.write(encodeRecord(record), record.expiresAt);
    },
    clear() {
      jar.remove();
    },
  };
}
