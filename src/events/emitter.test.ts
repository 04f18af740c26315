import { describe, expect, it, vi } from 'vitest';
import { createEmitter } from './emitter.js';

interface Events {
  change: { value: number };
  other: string;
}

describe('createEmitter', () => {
  it('calls handlers with the payload, and on() returns the unsubscriber', () => {
    const emitter = createEmitter<Events>(() => {});
    const seen: number[] = [];
    const off = emitter.on('change', ({ value }) => seen.push(value));
    emitter.emit('change', { value: 1 });
    off();
    emitter.emit('change', { value: 2 });
    expect(seen).toEqual([1]);
  });

  it('off() removes a handler', () => {
    const emitter = createEmitter<Events>(() => {});
    const handler = vi.fn();
    emitter.on('other', handler);
    emitter.off('other', handler);
    emitter.emit('other', 'x');
    expect(handler).not.toHaveBeenCalled();
  });

  it('keeps calling the other handlers when one throws, and reports the error', () => {
    const errors: unknown[] = [];
    const emitter = createEmitter<Events>((e) => errors.push(e));
    const after = vi.fn();
    emitter.on('other', () => { throw new Error('boom'); });
    emitter.on('other', after);
    emitter.emit('other', 'x');
    expect(after).toHaveBeenCalledWith('x');
    expect(errors).toHaveLength(1);
  });
});

describe('createEmitter — edges', () => {
  it('unsubscribing from an event nobody listens to is a no-op, and emitting it calls nothing', () => {
    const onHandlerError = vi.fn();
    const emitter = createEmitter<{ change: number }>(onHandlerError);
    expect(() => emitter.off('change', () => {})).not.toThrow();
    expect(() => emitter.emit('change', 1)).not.toThrow();
    expect(onHandlerError).not.toHaveBeenCalled();
  });
});
