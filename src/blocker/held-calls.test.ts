import { describe, expect, it, vi } from 'vitest';
import { createHeldCalls, type HeldCall } from './held-calls.js';
import type { Category } from '../store/consent-record.js';

interface Call extends HeldCall {
  readonly id: string;
}

/** A queue whose calls write what happened to them in `events`, in order. */
function setup(limits?: { items: number; bytes: number }) {
  const events: string[] = [];
  const errors: unknown[] = [];
  const queue = createHeldCalls<Call>(
    (call, outcome) => events.push(`${outcome}:${call.id}`),
    (error) => errors.push(error),
    limits,
  );
  const call = (id: string, category: Category = 'analytics', bytes = 1): Call => ({
    id,
    category,
    bytes,
    proceed: () => events.push(`run:${id}`),
    refuse: () => events.push(`fail:${id}`),
  });
  return { queue, call, events, errors };
}

describe('createHeldCalls', () => {
  it('performs every call now allowed, in the order they were held, across categories', () => {
    const { queue, call, events } = setup();
    for (const c of [call('a1'), call('m1', 'marketing'), call('a2'), call('m2', 'marketing')]) queue.hold(c);
    expect(events).toEqual([]);
    queue.settle(() => false, true);
    expect(events).toEqual(['replayed:a1', 'run:a1', 'replayed:m1', 'run:m1', 'replayed:a2', 'run:a2', 'replayed:m2', 'run:m2']);
    // Settled calls are gone: a second decision finds nothing.
    events.length = 0;
    queue.settle(() => false, true);
    expect(events).toEqual([]);
  });

  it('on a decision, refuses what is still blocked and performs the rest, in order', () => {
    const { queue, call, events } = setup();
    for (const c of [call('a1'), call('m1', 'marketing'), call('a2')]) queue.hold(c);
    queue.settle((c) => c.category === 'marketing', true);
    expect(events).toEqual(['replayed:a1', 'run:a1', 'discarded:m1', 'fail:m1', 'replayed:a2', 'run:a2']);
  });

  it('without a decision (one service allowed from a placeholder), keeps what is still blocked, in order', () => {
    const { queue, call, events } = setup();
    for (const c of [call('m1', 'marketing'), call('a1'), call('m2', 'marketing')]) queue.hold(c);
    queue.settle((c) => c.category === 'marketing', false);
    expect(events).toEqual(['replayed:a1', 'run:a1']);
    events.length = 0;
    queue.settle(() => true, true);
    expect(events).toEqual(['discarded:m1', 'fail:m1', 'discarded:m2', 'fail:m2']);
  });

  it('drops the oldest call of the same category beyond the item cap, as if refused', () => {
    const { queue, call, events } = setup({ items: 2, bytes: 1000 });
    queue.hold(call('a1'));
    queue.hold(call('m1', 'marketing'));
    queue.hold(call('a2'));
    expect(events).toEqual([]);
    queue.hold(call('a3'));
    expect(events).toEqual(['dropped:a1', 'fail:a1']);
    // The other category's calls are not counted against this one.
    queue.hold(call('m2', 'marketing'));
    expect(events).toEqual(['dropped:a1', 'fail:a1']);
    events.length = 0;
    queue.settle(() => false, true);
    expect(events).toEqual(['replayed:m1', 'run:m1', 'replayed:a2', 'run:a2', 'replayed:a3', 'run:a3', 'replayed:m2', 'run:m2']);
  });

  it('drops as many of the oldest as the byte cap needs', () => {
    const { queue, call, events } = setup({ items: 100, bytes: 10 });
    queue.hold(call('a1', 'analytics', 4));
    queue.hold(call('a2', 'analytics', 4));
    queue.hold(call('m1', 'marketing', 9));
    queue.hold(call('a3', 'analytics', 7));
    expect(events).toEqual(['dropped:a1', 'fail:a1', 'dropped:a2', 'fail:a2']);
    // A call bigger than the cap on its own is not kept either, and takes no other call with it.
    queue.hold(call('big', 'analytics', 11));
    expect(events.slice(4)).toEqual(['dropped:big', 'fail:big']);
    queue.settle(() => false, true);
    expect(events.slice(6)).toEqual(['replayed:m1', 'run:m1', 'replayed:a3', 'run:a3']);
  });

  it('counts caps again after a settle that keeps calls', () => {
    const { queue, call, events } = setup({ items: 2, bytes: 1000 });
    queue.hold(call('m1', 'marketing'));
    queue.hold(call('m2', 'marketing'));
    queue.settle(() => true, false);
    queue.hold(call('m3', 'marketing'));
    expect(events).toEqual(['dropped:m1', 'fail:m1']);
  });

  it('forgets a call the page cancelled: it is neither performed nor refused, and its room is free', () => {
    const { queue, call, events } = setup({ items: 2, bytes: 1000 });
    const forget = queue.hold(call('a1'));
    queue.hold(call('a2'));
    expect(forget()).toBe(true);
    expect(forget()).toBe(false);
    queue.hold(call('a3'));
    expect(events).toEqual([]);
    queue.settle(() => false, true);
    expect(events).toEqual(['replayed:a2', 'run:a2', 'replayed:a3', 'run:a3']);
  });

  it('one call that throws does not stop the others; a call nobody can place stays held, then goes with a decision', () => {
    const { queue, call, events, errors } = setup();
    const boom = { ...call('boom'), proceed: () => { throw new Error('re-used XHR'); } };
    queue.hold(boom);
    queue.hold(call('odd'));
    queue.hold(call('a2'));
    const blocked = vi.fn((c: Call) => {
      if (c.id === 'odd') throw new Error('classifier');
      return false;
    });
    queue.settle(blocked, false);
    expect(events).toEqual(['replayed:boom', 'replayed:a2', 'run:a2']);
    expect(errors).toHaveLength(2);
    events.length = 0;
    queue.settle(blocked, true);
    expect(events).toEqual(['discarded:odd', 'fail:odd']);
  });
});
