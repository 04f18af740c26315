import { describe, expect, it, vi } from 'vitest';
import { drainQueue, runCallback } from './preload-queue.js';

describe('pre-load queue', () => {
  it('calls queued functions in order with the api, skipping non-functions', () => {
    const calls: string[] = [];
    const api = { name: 'api' };
    drainQueue([(a: typeof api) => calls.push(`1:${a.name}`), 'junk', (a: typeof api) => calls.push(`2:${a.name}`)], api, () => {});
    expect(calls).toEqual(['1:api', '2:api']);
  });

  it('ignores a page value that is not an array', () => {
    expect(() => drainQueue({ push() {} }, {}, () => {})).not.toThrow();
  });

  it('reports a callback that throws and goes on', () => {
    const errors: unknown[] = [];
    const calls: number[] = [];
    drainQueue([() => { throw new Error('x'); }, () => calls.push(2)], {}, (e) => errors.push(e));
    expect(errors).toHaveLength(1);
    expect(calls).toEqual([2]);
    runCallback(() => calls.push(3), {}, () => {});
    expect(calls).toEqual([2, 3]);
  });
});

describe('drainQueue — what is not a function', () => {
  it('skips it silently: no call, no error reported', () => {
    const onError = vi.fn();
    const called: number[] = [];
    drainQueue([1, 'x', null, { call: () => called.push(0) }, () => called.push(1)], {}, onError);
    expect(called).toEqual([1]);
    expect(onError).not.toHaveBeenCalled();
  });
});
