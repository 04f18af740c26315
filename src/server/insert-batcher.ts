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

/** `parallel` batches at once (connections of a PostgreSQL pool; 1 for PGlite), at most `maxBatch` receipts each. */
export function createInsertBatcher(store: Pick<ReceiptStore, 'insertMany'>, parallel = 1, maxBatch = 250): InsertBatcher {
  const waiting: Waiting[] = [];
  let running = 0;
  const pump = () => {
    while (running < parallel && waiting.length > 0) {
      const batch = waiting.splice(0, maxBatch);
      running += 1;
      store
        .insertMany(batch)
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
