/**
 * Patches that undo in any order, and survive a page that locked what they patch.
 *
 * Each patched (object, property, part) is one slot, installed once and shared
 * by every instance on the page: the property holds a dispatcher that calls the
 * composition of the active hooks over the original. Adding or removing a hook
 * recomposes; when the last one goes, the original descriptor is put back
 * exactly — unless the page patched over ours meanwhile (or froze the object),
 * in which case the dispatcher stays, passing straight through.
 *
 * A patch that cannot be installed (a frozen prototype, a non-configurable
 * accessor, a read-only global) throws nothing: an inherited method is then
 * patched where it is defined, else the name is reported to the collector that
 * createBlocker runs the installers in, and it logs them once.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- hooks forward any arguments
type Fn = (this: any, ...args: any[]) => any;
type Wrap = (next: Fn) => Fn;
/** What a hook replaces: a method (or any data value), an accessor's getter or setter, or a constructor's [[Construct]]. */
type Part = 'value' | 'get' | 'set' | 'new';
interface Slot {
  /** The own descriptor before the first hook; undefined when it was inherited (undo deletes the shadow). */
  readonly own: PropertyDescriptor | undefined;
  readonly base: Fn;
  /** Active hooks, in the order they were added: the last one runs first. */
  readonly hooks: Wrap[];
  /** The hooks composed over base: what the dispatcher calls. */
  fn: Fn;
  dispatch?: Fn;
}
/**
 * Slots by object. Private to this copy of the module on purpose: a registry on
 * the global would hand every page script the originals (an unguarded `fetch`).
 * Another copy (the script tag and an npm bundle on one page) sees this copy's
 * dispatcher as the original and wraps it; undone in any order, each leaves a
 * pass-through, so nothing keeps blocking — only an exact restoration needs the
 * copies undone last-in-first-out.
 */
const registry = new WeakMap<object, Map<string, Slot>>();

let failures: string[] | undefined;

/** Runs installers; returns the names of what they could not patch. */
export function collectUnguarded(run: () => void): string[] {
  const outer = failures;
  const mine: string[] = (failures = []);
  try {
    run();
  } finally {
    failures = outer;
  }
  return [...new Set(mine)];
}

const NOTHING = () => {};

/**
 * Adds a hook to `target[name]`; returns its undo, or undefined when the
 * property cannot be patched. A missing property (an API this browser lacks)
 * is nothing to patch: a no-op undo.
 */
export function tryPatch(target: object, name: string, part: Part, wrap: Wrap): (() => void) | undefined {
  try {
    const slots = registry.get(target) ?? new Map<string, Slot>();
    const key = part + name;
    const prop = part === 'new' ? 'value' : part;
    const installed = () => Object.getOwnPropertyDescriptor(target, name)?.[prop];
    let slot = slots.get(key);
    // A slot left passing through is reused only while its dispatcher is still in place.
    if (!slot || (!slot.hooks.length && installed() !== slot.dispatch)) {
      let holder: object | null = target;
      let found: PropertyDescriptor | undefined;
      while (holder && !(found = Object.getOwnPropertyDescriptor(holder, name))) holder = Object.getPrototypeOf(holder);
      const original: unknown = found?.[prop];
      if (typeof original !== 'function') return NOTHING;
      const own = holder === target ? found : undefined;
      const s: Slot = (slot = {
        own,
        base: part === 'new' ? (args: unknown[], newTarget: Fn) => Reflect.construct(original as Fn, args, newTarget) : (original as Fn),
        hooks: [],
        fn: original as Fn,
      });
      s.dispatch =
        part === 'new'
          ? // A Proxy keeps the constructor's prototype, statics and `instanceof` as they are.
            new Proxy(original as Fn, { construct: (t, args, newTarget) => s.fn(args, newTarget === s.dispatch ? t : newTarget) })
          : // A method, getter or setter: the arguments forwarded as they are, which the engine does without copying.
            function (this: unknown) {
              // eslint-disable-next-line prefer-rest-params
              return s.fn.apply(this, arguments as unknown as unknown[]);
            };
      try {
        // An inherited property is shadowed by an own one, as Web IDL would define it there.
        Object.defineProperty(target, name, { ...(own ?? { ...found, configurable: true, ...(prop === 'value' && { writable: true }) }), [prop]: s.dispatch });
      } catch {
        // Frozen or locked: an inherited property may still be patched where it is defined.
        return own || !holder ? undefined : tryPatch(holder, name, part, wrap);
      }
      registry.set(target, slots.set(key, s));
    }
    const active = slot;
    active.hooks.push(wrap);
    compose(active);
    return () => {
      const i = active.hooks.indexOf(wrap);
      if (i < 0) return;
      active.hooks.splice(i, 1);
      compose(active);
      // The last hook gone: the original back, unless the page patched over ours (its wrapper
      // still calls the dispatcher, which now passes through) or froze it since.
      if (active.hooks.length || installed() !== active.dispatch) return;
      try {
        // Only this part back: a getter and a setter of one property may be hooked apart.
        if (active.own) Object.defineProperty(target, name, { ...Object.getOwnPropertyDescriptor(target, name), [prop]: active.own[prop] });
        else delete (target as Record<string, unknown>)[name];
        slots.delete(key);
      } catch {
        // Frozen since: the dispatcher stays, passing through.
      }
    };
  } catch {
    return undefined;
  }
}

/**
 * The own descriptor `target[name]` had before any instance hooked it: what the
 * blocker itself calls, so that a second instance does not go through the first's hooks.
 */
export function nativeDescriptor(target: object, name: string): PropertyDescriptor | undefined {
  const slots = registry.get(target);
  const slot = slots?.get(`set${name}`) ?? slots?.get(`get${name}`) ?? slots?.get(`value${name}`);
  return slot ? slot.own : Object.getOwnPropertyDescriptor(target, name);
}

function compose(slot: Slot): void {
  slot.fn = slot.hooks.reduce((fn, wrap) => wrap(fn), slot.base);
}

/** Patches, or tries each fallback in turn; reports the first target by name (`Element.innerHTML`, `fetch`) when none could be patched. */
export function patch(targets: readonly object[], name: string, part: Part, wrap: Wrap): () => void {
  for (const target of targets) {
    const undo = tryPatch(target, name, part, wrap);
    if (undo) return undo;
  }
  let owner = '';
  try {
    const ctor = (targets[0] as { constructor?: { name: string; prototype: unknown } }).constructor;
    if (ctor && ctor.prototype === targets[0]) owner = `${ctor.name}.`;
  } catch {
    // A hostile getter: the property's name alone.
  }
  failures?.push(owner + name);
  return NOTHING;
}
