import { describe, expect, it, vi } from 'vitest';
import { collectUnguarded, nativeDescriptor, patch, tryPatch } from './patches.js';

type Fn = (this: unknown, ...args: unknown[]) => unknown;

/** A hook that appends its name to what the call returns. */
const tag = (name: string) => (next: Fn) =>
  function (this: unknown, ...args: unknown[]) {
    return `${next.apply(this, args) as string}${name}`;
  };

function permutations<T>(items: readonly T[]): T[][] {
  if (items.length <= 1) return [[...items]];
  return items.flatMap((item, i) => permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [item, ...rest]));
}

function fresh() {
  const proto = { greet: () => 'hi' };
  Object.defineProperty(proto, 'name', { configurable: true, enumerable: false, get: () => 'n', set() {} });
  const child = Object.create(proto) as { greet(): string };
  return { proto, child };
}

describe('patches undo in any order', () => {
  for (const count of [2, 3]) {
    for (const order of permutations([...Array(count).keys()])) {
      it(`${count} hooks, undone in the order ${order.join(', ')}: each undo leaves the others working, the last restores the original exactly`, () => {
        const { proto, child } = fresh();
        const before = Object.getOwnPropertyDescriptors(proto);
        const undos = [...Array(count).keys()].map((i) => tryPatch(proto, 'greet', 'value', tag(String(i)))!);
        // Inherited: shadowed on the object it was asked for, removed at the end.
        const shadows = [...Array(count).keys()].map((i) => tryPatch(child, 'greet', 'value', tag(`c${i}`))!);
        expect(child.greet()).toBe(`hi${[...Array(count).keys()].join('')}${[...Array(count).keys()].map((i) => `c${i}`).join('')}`);
        const active = new Set(order);
        for (const i of order) {
          undos[i]!();
          shadows[i]!();
          active.delete(i);
          const rest = [...active].sort();
          expect(proto.greet()).toBe(`hi${rest.join('')}`);
          expect(child.greet()).toBe(`hi${rest.join('')}${rest.map((r) => `c${r}`).join('')}`);
        }
        expect(Object.getOwnPropertyDescriptors(proto)).toEqual(before);
        expect(Object.getOwnPropertyDescriptor(proto, 'greet')!.value).toBe(before.greet!.value);
        expect(Object.hasOwn(child, 'greet')).toBe(false);
      });
    }
  }

  it('accessor hooks: the setter is wrapped and put back exactly', () => {
    const { proto } = fresh();
    const before = Object.getOwnPropertyDescriptor(proto, 'name');
    const seen: string[] = [];
    const a = tryPatch(proto, 'name', 'set', (set) => function (this: unknown, v: unknown) { seen.push(`a${String(v)}`); set.call(this, v); })!;
    const b = tryPatch(proto, 'name', 'set', (set) => function (this: unknown, v: unknown) { seen.push(`b${String(v)}`); set.call(this, v); })!;
    (proto as unknown as { name: string }).name = 'x';
    a();
    (proto as unknown as { name: string }).name = 'y';
    b();
    (proto as unknown as { name: string }).name = 'z';
    expect(seen).toEqual(['bx', 'ax', 'by']);
    expect(Object.getOwnPropertyDescriptor(proto, 'name')).toEqual(before);
  });

  it('a constructor hook keeps prototype, statics and instanceof', () => {
    class Native { static OPEN = 1; constructor(public url: string) {} }
    const host = { Native };
    const undo = tryPatch(host, 'Native', 'new', (construct) => (args: unknown[], newTarget: unknown) =>
      args[0] === 'blocked' ? { blocked: true } : construct(args, newTarget),
    )!;
    const Patched = host.Native;
    expect(Patched).not.toBe(Native);
    expect((Patched as typeof Native).OPEN).toBe(1);
    const made = new Patched('ok');
    expect(made).toBeInstanceOf(Native);
    expect(made).toBeInstanceOf(Patched);
    expect(new Patched('blocked')).toEqual({ blocked: true });
    class Sub extends Patched {}
    expect(new Sub('ok')).toBeInstanceOf(Sub);
    undo();
    expect(host.Native).toBe(Native);
  });

  it('when the page patched over ours, undo leaves a pass-through, and a later hook still works through it', () => {
    const { proto } = fresh();
    const native = proto.greet;
    const undo = tryPatch(proto, 'greet', 'value', tag('!'))!;
    const ours = proto.greet;
    proto.greet = function (this: unknown) { return `page:${ours.call(this) as string}`; };
    expect(proto.greet()).toBe('page:hi!');
    undo();
    expect(proto.greet()).toBe('page:hi');
    const again = tryPatch(proto, 'greet', 'value', tag('?'))!;
    expect(proto.greet()).toBe('page:hi?');
    again();
    expect(proto.greet()).toBe('page:hi');
    proto.greet = native;
    expect(proto.greet()).toBe('hi');
  });

  it('never throws on what a page locked: a frozen object, a non-configurable accessor, a read-only value', () => {
    const frozen = Object.freeze({ greet: () => 'hi' });
    const locked = {};
    Object.defineProperty(locked, 'cookie', { configurable: false, get: () => '', set() {} });
    const readOnly = {};
    Object.defineProperty(readOnly, 'fetch', { configurable: false, writable: false, value: () => 'f' });
    expect(tryPatch(frozen, 'greet', 'value', tag('!'))).toBeUndefined();
    expect(tryPatch(locked, 'cookie', 'set', (set) => set)).toBeUndefined();
    expect(tryPatch(readOnly, 'fetch', 'value', tag('!'))).toBeUndefined();
    // Nothing to patch is not a failure.
    expect(tryPatch({}, 'missing', 'value', tag('!'))).toBeTypeOf('function');
  });

  it('a method the page made non-configurable but left writable is still patched, and put back', () => {
    const sealed = { greet: () => 'hi' };
    const native = sealed.greet;
    Object.seal(sealed);
    const undo = tryPatch(sealed, 'greet', 'value', tag('!'))!;
    expect(sealed.greet()).toBe('hi!');
    undo();
    expect(sealed.greet).toBe(native);
  });

  it('an inherited method that cannot be shadowed (frozen object) is patched where it is defined', () => {
    const { proto, child } = fresh();
    Object.freeze(child);
    const undo = tryPatch(child, 'greet', 'value', tag('!'))!;
    expect(Object.hasOwn(proto, 'greet')).toBe(true);
    expect(child.greet()).toBe('hi!');
    undo();
    expect(child.greet()).toBe('hi');
  });

  it('falls back to the next target (an instance for a locked prototype); reports the first one when none works', () => {
    class Doc {}
    Object.defineProperty(Doc.prototype, 'cookie', { configurable: false, get: () => 'c', set() {} });
    const doc = new Doc() as { cookie: string };
    const seen: unknown[] = [];
    let undo: () => void = () => {};
    const names = collectUnguarded(() => {
      undo = patch([Doc.prototype, doc], 'cookie', 'set', (set) => function (this: unknown, v: unknown) { seen.push(v); set.call(this, v); });
    });
    expect(names).toEqual([]);
    doc.cookie = 'a=1';
    expect(seen).toEqual(['a=1']);
    expect(doc.cookie).toBe('c');
    undo();
    expect(Object.hasOwn(doc, 'cookie')).toBe(false);

    Object.freeze(doc);
    const failed = collectUnguarded(() => {
      patch([Doc.prototype, doc], 'cookie', 'set', (set) => set);
      patch([doc], 'cookie', 'set', (set) => set);
    });
    // Named by the prototype's interface, or by the property alone on an instance.
    expect(failed).toEqual(['Doc.cookie', 'cookie']);
  });

  it('keeps the originals out of the page’s reach: nothing is added to the global', () => {
    const before = Reflect.ownKeys(globalThis).length;
    const { proto } = fresh();
    tryPatch(proto, 'greet', 'value', tag('!'))!();
    expect(Reflect.ownKeys(globalThis).length).toBe(before);
  });

  for (const order of [[0, 1], [1, 0]]) {
    it(`two copies of this module (the script tag and a bundle), undone in the order ${order.join(', ')}: nothing keeps hooking`, async () => {
      vi.resetModules();
      const first = await import('./patches.js');
      vi.resetModules();
      const copies = [first, await import('./patches.js')];
      expect(copies[0]).not.toBe(copies[1]);
      const { proto } = fresh();
      const undos = copies.map((copy, i) => copy.tryPatch(proto, 'greet', 'value', tag(String(i)))!);
      expect(proto.greet()).toBe('hi01');
      undos[order[0]!]!();
      expect(proto.greet()).toBe(`hi${order[1]}`);
      undos[order[1]!]!();
      expect(proto.greet()).toBe('hi');
    });
  }
});

describe('nativeDescriptor', () => {
  it('answers what the property was before any hook, for the blocker’s own use', () => {
    const { proto } = fresh();
    const before = Object.getOwnPropertyDescriptor(proto, 'name');
    const undo = tryPatch(proto, 'name', 'set', (set) => set)!;
    expect(Object.getOwnPropertyDescriptor(proto, 'name')).not.toEqual(before);
    expect(nativeDescriptor(proto, 'name')).toEqual(before);
    undo();
    expect(nativeDescriptor(proto, 'name')).toEqual(before);
  });
});
