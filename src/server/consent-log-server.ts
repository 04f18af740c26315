/**
 * The receiver assembled: database opened and migrated, partitions made,
 * routes ready. Mount `fetch` in any web-standard runtime, `listener` in a
 * Node http server or Express/Connect app, or call `listen()`.
 */
import type { Hono } from 'hono';
import { createConsentLogApp, type ConsentLogAppOptions } from './app.js';
import { openDatabase, type Database, type DatabaseOptions } from './storage/database.js';
import { migrate } from './storage/migrations.js';
import { createReceiptStore, type ReceiptStore } from './storage/receipts.js';

export interface ConsentLogOptions extends Omit<ConsentLogAppOptions, 'store'>, DatabaseOptions {
  /**
   * Months a receipt is kept, counted from its decision: the purge deletes older ones.
   * @default 66 (a decision's validity, 6 months by default, + 5 years: README "Retention")
   */
  readonly retentionMonths?: number;
}

export interface ConsentLog {
  readonly app: Hono;
  readonly fetch: (request: Request) => Promise<Response>;
  readonly store: ReceiptStore;
  readonly db: Database;
  /** Deletes receipts older than the retention; returns how many. */
  purge(now?: Date): Promise<number>;
  close(): Promise<void>;
}

export const DEFAULT_RETENTION_MONTHS = 66;

export async function createConsentLog(options: ConsentLogOptions = {}): Promise<ConsentLog> {
  const db = await openDatabase(options);
  try {
    await migrate(db);
    const store = createReceiptStore(db);
    // Last month, this one and the next two. A receipt that arrives later than
    // that (queued offline for months) goes to the default partition, which
    // export and purge read like any other.
    const partitions = () => {
      const now = new Date();
      return store.ensurePartitions(
        new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1)),
        new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 2, 1)),
      );
    };
    await partitions();
    // Next month's partition is made well before it starts, while the receiver runs.
    const timer = setInterval(() => void partitions().catch((error) => (options.onError ?? console.error)(error)), 6 * 3600 * 1000);
    (timer as { unref?: () => void }).unref?.();
    const parallelInserts = insertParallelism(db.kind, options.poolSize ?? 10);
    const app = createConsentLogApp({ parallelInserts, ...options, store });
    const retention = options.retentionMonths ?? DEFAULT_RETENTION_MONTHS;
    return {
      app,
      fetch: async (request) => app.fetch(request),
      store,
      db,
      purge: (now = new Date()) => store.purge(retentionCut(now, retention)),
      async close() {
        clearInterval(timer);
        await db.close();
      },
    };
  } catch (error) {
    await db.close().catch(() => {});
    throw error;
  }
}

/**
 * Batches stored at once. PGlite runs one statement at a time. On PostgreSQL, two: one
 * commits while the next is sent, and receipts that arrive meanwhile wait to go together.
 * More would make smaller batches and more commits (each a WAL flush) for the same receipts:
 * with 19 at once, the server spent over twice the CPU per receipt (bench/consent-log.mjs on a
 * 2-core machine). One connection of the pool stays free for reads.
 */
export function insertParallelism(kind: Database['kind'], poolSize: number): number {
  return kind === 'postgres' ? Math.max(1, Math.min(2, poolSize - 1)) : 1;
}

/** The first instant still kept: `months` calendar months before `now` (UTC). */
export function retentionCut(now: Date, months: number): Date {
  const d = new Date(now.getTime());
  d.setUTCMonth(d.getUTCMonth() - months);
  return d;
}
