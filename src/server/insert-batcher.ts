/**
 * Group commit: receipts that arrive while the database is busy are stored
 * together, in one statement and one commit, instead of one commit each. Each
 * request is answered only after its batch committed (an acknowledged receipt
 * is on disk), so batching changes the speed, never the promise.
 */
import type { ConsentReceipt } from '../consent-log/receipt.js';
import type { ReceiptStore } from './storage/receipts.js';

export interface InsertBatcher {
  insert(receipt: ConsentReceipt, ip: string | null): Promise<boolean>;
}

interface Waiting {
  readonly receipt: ConsentReceipt;
  readonly ip: string | null;
  resolve(stored: boolean): void;
  reject(error: unknown): void;
}

/**
 * `parallel` batches at once, at most `maxBatch` receipts each. A batch leaves as soon as a
 * slot is free, so a lone receipt never waits for company; receipts that come while every
 * slot is busy leave together in the next one. Few slots make big batches: each commit
 * flushes the WAL, so fewer commits cost the database less for the same receipts.
 */
export function createInsertBatcher(store: Pick<ReceiptStore, 'insertMany'>, parallel = 1, maxBatch = 250): InsertBatcher {
  const waiting: Waiting[] = [];
  let running = 0;
  const commit = (batch: Waiting[]) =>
    // A store that throws at once fails its batch like one that rejects, and frees its slot.
    new Promise<boolean[]>((resolve) => resolve(store.insertMany(batch))).then((stored) => {
      // One answer per receipt, or none is acknowledged: a receipt whose fate is unknown is
      // answered 503 and sent again (the store deduplicates), never taken as "already there".
      if (!Array.isArray(stored) || stored.length !== batch.length) {
        throw new Error(`the store answered ${Array.isArray(stored) ? stored.length : typeof stored} results for ${batch.length} receipts`);
      }
      return stored;
    });
  const pump = () => {
    while (running < parallel && waiting.length > 0) {
      const batch = waiting.splice(0, maxBatch);
      running += 1;
      commit(batch)
        .then(
          (stored) => batch.forEach((w, i) => w.resolve(stored[i] === true)),
          (error: unknown) => batch.forEach((w) => w.reject(error)),
        )
        .finally(() => {
          running -= 1;
          pump();
        });
    }
  };
  return {
    insert: (receipt, ip) =>
      new Promise<boolean>((resolve, reject) => {
        waiting.push({ receipt, ip, resolve, reject });
        pump();
      }),
  };
}
