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
 * The registry lives on the global under a Symbol.for key: the script-tag build
 * and an npm bundle on one page are separate copies of this module, yet patch
 * the same prototypes.
 *
 * A patch that cannot be installed (a frozen prototype, a non-configurable
 * accessor, a read-only global) throws nothing: an inherited method is then
 * patched where it is defined, else the name is reported to the collector that
 * createBlocker runs the installers in, and it logs them once.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- hooks forward any arguments
type Fn = (this: any, ...args: any[]) => any;
/** What a hook replaces: a method (or any data value), an accessor's getter or setter, or a constructor's [[Construct]]. */
type Part = 'value' | 'get' | 'set' | 'new';
interface Slot {
  /** The own descriptor before the first hook; undefined when it was inherited (undo deletes the shadow). */
  readonly own: PropertyDescriptor | undefined;
  readonly base: Fn;
  readonly hooks: { wrap(next: Fn): Fn }[];
  /** The hooks composed over base: what the dispatcher calls. */
  fn: Fn;
  dispatch: Fn;
}
type Registry = WeakMap<object, Map<string, Slot>>;

/** Versioned: another release of the SDK on the same page may shape its slots differently. */
const KEY = Symbol.for('nexus-consent.patches.1');
let fallbackRegistry: Registry | undefined;

function registry(): Registry {
  const g = globalThis as { [KEY]?: unknown };
  try {
    const shared = g[KEY];
    if (shared instanceof WeakMap) return shared as Registry;
    const created: Registry = new WeakMap();
    Object.defineProperty(g, KEY, { value: created });
    return created;
  } catch {
    // A page that took the key first: this copy keeps its own.
    return (fallbackRegistry ??= new WeakMap());
  }
}

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

/** Reports a vector that could not be guarded (to the collector running, if any). */
export function unguarded(name: string): void {
  failures?.push(name);
}

const NOTHING = () => {};

/**
 * Adds a hook to `target[name]`; returns its undo, or undefined when the
 * property cannot be patched. A missing property (an API this browser lacks)
 * is nothing to patch: a no-op undo.
 */
export function tryPatch(target: object, name: string, part: Part, wrap: (next: Fn) => Fn): (() => void) | undefined {
  try {
    const map = registry();
    let slots = map.get(target);
    const key = part + name;
    let slot = slots?.get(key);
    const prop = part === 'new' ? 'value' : part;
    // A slot left passing through is reused only while its dispatcher is still in place.
    if (slot && slot.hooks.length === 0 && Object.getOwnPropertyDescriptor(target, name)?.[prop] !== slot.dispatch) slot = undefined;
    if (!slot) {
      let holder: object | null = target;
      let found: PropertyDescriptor | undefined;
      while (holder && !(found = Object.getOwnPropertyDescriptor(holder, name))) holder = Object.getPrototypeOf(holder);
      const original: unknown = found?.[prop];
      if (typeof original !== 'function') return NOTHING;
      const own = holder === target ? found : undefined;
      const s: Slot = {
        own,
        base: part === 'new' ? (args: unknown[], newTarget: Fn) => Reflect.construct(original as Fn, args, newTarget) : (original as Fn),
        hooks: [],
        fn: original as Fn,
        dispatch: NOTHING,
      };
      s.fn = s.base;
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
        const descriptor = own ?? { ...found, configurable: true, ...(prop === 'value' ? { writable: true } : {}) };
        Object.defineProperty(target, name, { ...descriptor, [prop]: s.dispatch });
      } catch {
        // Frozen or locked: an inherited property may still be patched where it is defined.
        return own || !holder ? undefined : tryPatch(holder, name, part, wrap);
      }
      if (!slots) map.set(target, (slots = new Map()));
      slots.set(key, (slot = s));
    }
    const active = slot;
    const hook = { wrap };
    active.hooks.push(hook);
    compose(active);
    return () => {
      const i = active.hooks.indexOf(hook);
      if (i < 0) return;
      active.hooks.splice(i, 1);
      compose(active);
      if (active.hooks.length > 0) return;
      try {
        const now = Object.getOwnPropertyDescriptor(target, name);
        // The page patched over ours: its wrapper still calls the dispatcher, which now passes through.
        if (!now || now[prop] !== active.dispatch) return;
        if (active.own) Object.defineProperty(target, name, { ...now, [prop]: active.own[prop] });
        else delete (target as Record<string, unknown>)[name];
        slots!.delete(key);
      } catch {
        // Frozen since: the dispatcher stays, passing through.
      }
    };
  } catch {
    return undefined;
  }
}

function compose(slot: Slot): void {
  let fn = slot.base;
  for (const hook of slot.hooks) fn = hook.wrap(fn);
  slot.fn = fn;
}

/** How a patched property is named in the console: `fetch`, `Element.innerHTML`. */
function nameOf(target: object, name: string): string {
  try {
    if ((target as Window).window === target) return name;
    const owner = Object.prototype.hasOwnProperty.call(target, 'constructor') ? (target as { constructor: { name?: unknown } }).constructor.name : undefined;
    return typeof owner === 'string' && owner ? `${owner}.${name}` : name;
  } catch {
    return name;
  }
}

/** Patches, or tries each fallback in turn; reports the first target's name when none could be patched. */
export function patch(targets: readonly object[], name: string, part: Part, wrap: (next: Fn) => Fn): () => void {
  for (const target of targets) {
    const undo = tryPatch(target, name, part, wrap);
    if (undo) return undo;
  }
  if (targets[0]) unguarded(nameOf(targets[0], name));
  return NOTHING;
}
