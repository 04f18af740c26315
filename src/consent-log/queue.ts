/**
 * Receipts not yet acknowledged, in `localStorage` (necessary storage: it is
 * the proof of the visitor's own choice, GDPR art. 7(1)), so that a receipt
 * survives a receiver that is down, a closed tab or a lost connection.
 * Bounded: past `limit` the oldest are dropped and counted; the count rides
 * on the next receipt sent, so the log shows a gap was there.
 * Read and written through the browser's own Storage methods (the blocker's
 * storage guard must never drop it); in memory when storage is unavailable.
 */
import { receiptKey, type ConsentReceipt } from './receipt.js';

export interface NativeStorage {
  get(key: string): string | null;
  set(key: string, value: string): void;
}

export interface QueueState {
  readonly items: readonly ConsentReceipt[];
  /** Receipts dropped from the full queue and not yet reported. */
  readonly dropped: number;
  /** Failed attempts in a row, and when the next may be made (epoch ms). */
  readonly failures: number;
  readonly retryAt: number;
}

export const QUEUE_KEY = 'nexus_consent_log';
export const QUEUE_LIMIT = 20;
const EMPTY: QueueState = { items: [], dropped: 0, failures: 0, retryAt: 0 };

export interface ReceiptQueue {
  read(): QueueState;
  add(receipt: ConsentReceipt): void;
  /** Forgets a receipt the receiver acknowledged (or refused for good); `reported` drops were sent with it. */
  remove(receipt: ConsentReceipt, reported: number): void;
  /** One more failure: the next attempt waits 1 s, 2 s, 4 s… up to 5 minutes. */
  failed(now: number): number;
}

export function createQueue(storage: NativeStorage | undefined, limit = QUEUE_LIMIT): ReceiptQueue {
  let memory: QueueState = EMPTY;
  const read = (): QueueState => {
    try {
      const raw = storage?.get(QUEUE_KEY);
      if (!raw) return storage ? EMPTY : memory;
      const q = JSON.parse(raw) as Partial<QueueState>;
      // Anything else in the key (an old format, a page's write) starts a fresh queue.
      if (!Array.isArray(q.items)) return EMPTY;
      // An item that is not a receipt (null, a page's write) would break every later add: dropped, and counted.
      const items = (q.items as unknown[]).filter(isQueued);
      // The receiver takes counts up to 10⁹: a larger one (a page's write) would get every receipt refused.
      const dropped = Math.min(1e9, num(q.dropped) + q.items.length - items.length);
      return { items, dropped, failures: num(q.failures), retryAt: num(q.retryAt) };
    } catch {
      return memory;
    }
  };
  const write = (q: QueueState) => {
    memory = q;
    try {
      storage?.set(QUEUE_KEY, JSON.stringify(q));
    } catch {
      // Storage full or refused: the queue lives on in memory for this page.
    }
  };
  return {
    read,
    add(receipt) {
      const q = read();
      const key = receiptKey(receipt);
      if (q.items.some((r) => receiptKey(r) === key)) return;
      const items = [...q.items, receipt];
      const over = Math.max(0, items.length - limit);
      write({ ...q, items: items.slice(over), dropped: q.dropped + over });
    },
    remove(receipt, reported) {
      const q = read();
      const key = receiptKey(receipt);
      write({ items: q.items.filter((r) => receiptKey(r) !== key), dropped: Math.max(0, q.dropped - reported), failures: 0, retryAt: 0 });
    },
    failed(now) {
      const q = read();
      const failures = q.failures + 1;
      const delay = Math.min(300_000, 1000 * 2 ** Math.min(failures - 1, 20));
      write({ ...q, failures, retryAt: now + delay });
      return delay;
    },
  };
}

const isQueued = (r: unknown): r is ConsentReceipt =>
  typeof r === 'object' && r !== null && typeof (r as ConsentReceipt).recordId === 'string' && typeof (r as ConsentReceipt).updatedAt === 'number';
const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : 0);
