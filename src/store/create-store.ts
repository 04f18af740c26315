/**
 * Loads and saves the consent state. Anything that does not decode to a current
 * record — missing, corrupt, hand-edited, unknown version, other revision,
 * expired, dated in the future, other set of categories — is "undecided": the
 * banner shows and nothing is granted. It never throws.
 *
 * Several copies of the cookie (other paths or domains): undecodable and
 * non-current ones count as nothing; of the rest, the least permissive wins
 * (consent-record.ts leastPermissive) and is written back as the one
 * canonical copy, deleting the others — so a stale "accept all" left on
 * `Path=/shop` or a parent domain can never override or resurrect a refusal.
 */
import type { CookieJar } from './cookie-jar.js';
import { isCurrent, leastPermissive, UNDECIDED, type ConsentRecord, type ConsentState, type DecisionContext } from './consent-record.js';
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
      let copies: string[];
      try {
        copies = jar.readAll();
      } catch {
        return UNDECIDED;
      }
      const ctx = context();
      const records: ConsentRecord[] = [];
      for (const copy of copies) {
        const record = decodeRecord(copy);
        if (record && isCurrent(record, ctx)) records.push(record);
      }
      const winner = leastPermissive(records);
      if (copies.length > 1) {
        try {
          if (winner) jar.write(encodeRecord(winner), winner.expiresAt);
          else jar.remove();
        } catch {
          // Cookies not writable here: the answer above stands for this page.
        }
      }
      return winner ? { status: 'decided', record: winner } : UNDECIDED;
    },
    save(record) {
      jar.write(encodeRecord(record), record.expiresAt);
    },
    clear() {
      jar.remove();
    },
  };
}
