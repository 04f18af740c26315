/**
 * The group-commit batcher, against a store whose batches the test finishes by hand: how
 * receipts are grouped, how many batches run at once, and that no receipt is acknowledged
 * unless its batch said it was stored.
 */
import { describe, expect, it } from 'vitest';
import type { ConsentReceipt } from '../consent-log/receipt.js';
import { insertParallelism } from './consent-log-server.js';
import { createInsertBatcher } from './insert-batcher.js';

type Item = { readonly receipt: ConsentReceipt; readonly ip: string | null };

/** A store that records each batch and leaves it pending until the test settles it. */
function manualStore() {
  const batches: { items: readonly Item[]; resolve: (stored: unknown) => void; reject: (error: unknown) => void }[] = [];
  return {
    batches,
    store: {
      insertMany: (items: readonly Item[]) =>
        new Promise<boolean[]>((resolve, reject) => batches.push({ items, resolve: resolve as (stored: unknown) => void, reject })),
    },
    ids: (i: number) => batches[i]!.items.map((item) => item.receipt.recordId),
  };
}

const receipt = (recordId: string) => ({ recordId, updatedAt: 1 }) as unknown as ConsentReceipt;
const settled = <T>(promise: Promise<T>) =>
  promise.then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  );
/** Lets the batcher's promise callbacks run. */
const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('insert batcher', () => {
  it('sends a lone receipt at once, then groups those that arrive while the slot is busy', async () => {
    const { store, batches, ids } = manualStore();
    const batcher = createInsertBatcher(store, 1);
    const first = batcher.insert(receipt('a'), null);
    expect(ids(0)).toEqual(['a']);
    const later = ['b', 'c', 'd'].map((id) => batcher.insert(receipt(id), '203.0.113.0'));
    expect(batches).toHaveLength(1);
    batches[0]!.resolve([true]);
    expect(await first).toBe(true);
    await tick();
    expect(batches).toHaveLength(2);
    expect(ids(1)).toEqual(['b', 'c', 'd']);
    expect(batches[1]!.items[0]!.ip).toBe('203.0.113.0');
    batches[1]!.resolve([true, false, true]);
    expect(await Promise.all(later)).toEqual([true, false, true]);
  });

  it('runs at most `parallel` batches at once, and never more than `maxBatch` receipts in one', async () => {
    const { store, batches, ids } = manualStore();
    const batcher = createInsertBatcher(store, 2, 3);
    const all = Array.from({ length: 9 }, (_, i) => batcher.insert(receipt(`r${i}`), null));
    // Two slots: r0 left alone, r1 alone too (each found a free slot); the rest wait.
    expect(batches.map((_, i) => ids(i))).toEqual([['r0'], ['r1']]);
    batches[0]!.resolve([true]);
    await tick();
    expect(ids(2)).toEqual(['r2', 'r3', 'r4']);
    expect(batches).toHaveLength(3);
    batches[1]!.resolve([true]);
    await tick();
    expect(ids(3)).toEqual(['r5', 'r6', 'r7']);
    batches[2]!.resolve([true, true, true]);
    await tick();
    expect(ids(4)).toEqual(['r8']);
    batches[3]!.resolve([true, true, true]);
    batches[4]!.resolve([true]);
    expect(await Promise.all(all)).toEqual(Array(9).fill(true));
  });

  it('fails only the receipts of a failed batch, and goes on with the next', async () => {
    const { store, batches, ids } = manualStore();
    const batcher = createInsertBatcher(store, 1);
    const a = settled(batcher.insert(receipt('a'), null));
    const b = settled(batcher.insert(receipt('b'), null));
    const c = settled(batcher.insert(receipt('c'), null));
    batches[0]!.reject(new Error('connection lost'));
    expect(await a).toEqual({ error: new Error('connection lost') });
    await tick();
    expect(ids(1)).toEqual(['b', 'c']);
    batches[1]!.resolve([true, true]);
    expect(await b).toEqual({ value: true });
    expect(await c).toEqual({ value: true });
  });

  it('acknowledges nothing when the store answers for fewer or more receipts than it was given', async () => {
    for (const answer of [[true], [true, true, true], undefined]) {
      const { store, batches } = manualStore();
      const batcher = createInsertBatcher(store, 1);
      const first = settled(batcher.insert(receipt('a'), null));
      const rest = [settled(batcher.insert(receipt('b'), null)), settled(batcher.insert(receipt('c'), null))];
      batches[0]!.resolve([true]);
      await first;
      await tick();
      batches[1]!.resolve(answer);
      for (const outcome of await Promise.all(rest)) expect(outcome).toHaveProperty('error');
      // The slot is free again: the next receipt is stored.
      const next = batcher.insert(receipt('d'), null);
      await tick();
      batches[2]!.resolve([true]);
      expect(await next).toBe(true);
    }
  });

  it('frees the slot when the store throws instead of rejecting', async () => {
    let calls = 0;
    const batcher = createInsertBatcher(
      {
        insertMany: (items) => {
          calls += 1;
          if (calls === 1) throw new Error('not connected');
          return Promise.resolve(items.map(() => true));
        },
      },
      1,
    );
    await expect(batcher.insert(receipt('a'), null)).rejects.toThrow('not connected');
    expect(await batcher.insert(receipt('b'), null)).toBe(true);
  });

  it('runs two batches at once on PostgreSQL (one connection left for reads), one on PGlite', () => {
    expect(insertParallelism('postgres', 10)).toBe(2);
    expect(insertParallelism('postgres', 2)).toBe(1);
    expect(insertParallelism('postgres', 1)).toBe(1);
    expect(insertParallelism('pglite', 10)).toBe(1);
  });
});
