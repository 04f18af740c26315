/**
 * Vector 6: cookies and Web Storage. A `document.cookie` write (or a Cookie
 * Store API `set`) of a cookie that must wait is not written; a
 * `localStorage`/`sessionStorage` `setItem` of a tracker's key is not stored.
 * Deleting is always allowed: it is how withdrawal cleans up.
 *
 * Before a decision such a write is held (create-blocker.ts) and applied on a
 * grant; meanwhile the page reads what it wrote — `document.cookie`,
 * `getItem`, `key`, `length` — so an SDK that writes its id and reads it back
 * still works. Only the last held write of a name is kept (it is what the
 * browser would keep), and a deletion forgets it. A cookie shows only if the
 * browser would have shown it: the same line is tried on a probe cookie first
 * (a `domain=com` that SDKs try when looking for their cookie domain is
 * refused by the browser, so it must not seem to stick).
 *
 * Not covered: named-property writes and reads (`localStorage.key = v`), which
 * no prototype patch can see, the Cookie Store API's reads, and other realms'
 * reads of this realm's held writes — documented in the README.
 */
import { patch, patchMethod, type Interceptor } from './context.js';

type Fn = (this: unknown, ...args: unknown[]) => unknown;
/** A held write: what the page reads meanwhile (`name=value`, or a value), and the function that forgets it. */
type Held = [shown: string, forget?: () => void];

const PROBE = '__nexus_probe';

export const storageWrites: Interceptor = (ctx) => {
  const { win } = ctx;
  const undo: (() => void)[] = [];

  // Where document.cookie is defined: on the prototype, or on the document itself when
  // a page defined it there; the document also stands in for a locked prototype.
  const doc = win.document;
  const cookieTargets = Object.prototype.hasOwnProperty.call(doc, 'cookie') ? [doc] : [win.Document.prototype, doc];
  /** Cookie writes held, by name. */
  const cookies = new Map<string, Held>();
  let get: Fn | undefined;
  undo.push(
    patch(cookieTargets, 'cookie', 'get', (original: Fn) => {
      get = original;
      return function (this: unknown) {
        const jar = original.call(this) as string;
        if (cookies.size === 0) return jar;
        const shown = [...cookies.values()].map((c) => c[0]);
        return jar
          .split('; ')
          .filter((c) => c && !cookies.has(c.split('=')[0]!.trim()))
          .concat(shown)
          .join('; ');
      };
    }),
    patch(cookieTargets, 'cookie', 'set', (set: Fn) =>
      function (this: unknown, value: unknown) {
        // Converted once, and the string is what is written: a `{ toString }` cannot answer twice.
        const line = `${value as string}`;
        const name = heldCookie(line);
        if (name === undefined) {
          // A deletion, or a write allowed since: what was held for that name is no longer what the page expects.
          if (cookies.size) drop(cookies, line.split('=')[0]!.trim());
          return set.call(this, line);
        }
        const semicolon = line.indexOf(';');
        const attributes = semicolon < 0 ? '' : line.slice(semicolon);
        keep(cookies, name, [line.slice(0, semicolon < 0 ? undefined : semicolon).trim()], (proceed) => ctx.holdCall('cookie', name, proceed(() => set.call(this, line)), proceed(NOTHING), line.length), () => {
          // Would the browser show it here (its domain, path, Secure…)? The same line on a probe cookie says.
          set.call(this, `${PROBE}=1${attributes}`);
          const shown = `; ${get ? (get.call(this) as string) : ''};`.includes(`; ${PROBE}=1;`);
          set.call(this, `${PROBE}=${attributes}; max-age=0`);
          return shown;
        });
      },
    ),
  );
  /** The cookie's name when the write must wait, else undefined. */
  const heldCookie = (line: string) => {
    try {
      const eq = line.indexOf('=');
      const semicolon = line.indexOf(';');
      if (eq < 0 || (semicolon >= 0 && semicolon < eq)) return undefined;
      const name = line.slice(0, eq).trim();
      return name !== '' && ctx.checkCall('cookie', name) && !isDeletion(line) ? name : undefined;
    } catch (error) {
      ctx.fail(error);
      return undefined;
    }
  };

  const cookieStore = (win as unknown as { CookieStore?: { prototype: Record<string, Fn> } }).CookieStore?.prototype;
  if (cookieStore) {
    undo.push(
      patchMethod(cookieStore, 'set', (original) =>
        function (this: unknown, ...args: unknown[]) {
          const name = typeof args[0] === 'string' ? args[0] : (args[0] as { name?: string } | undefined)?.name;
          try {
            if (name && ctx.checkCall('cookie', name)) {
              return new win.Promise<void>((resolve) => ctx.holdCall('cookie', name, () => resolve(original.apply(this, args) as Promise<void>), resolve));
            }
          } catch (error) {
            ctx.fail(error);
          }
          return original.apply(this, args);
        },
      ),
    );
  }

  const storage = win.Storage?.prototype as unknown as Record<string, Fn> | undefined;
  if (storage) {
    /** `setItem` calls held, by storage area and key. */
    const areas = new WeakMap<object, Map<string, Held>>();
    const getItem = storage.getItem!;
    /** Held keys the area does not have itself: after its own in `key()` and `length`. */
    const extra = (s: unknown, held: Map<string, Held>) => [...held.keys()].filter((k) => getItem.call(s, k) === null);
    /** A method or getter that answers from what is held, if anything is held in this area. */
    const read = (name: string, run: (this: unknown, original: Fn, held: Map<string, Held>, arg: unknown) => unknown, part: 'value' | 'get' = 'value') =>
      patch([storage], name, part, (original: Fn) =>
        function (this: unknown, ...args: unknown[]) {
          const held = areas.get(this as object);
          return held?.size ? run.call(this, original, held, args[0]) : original.apply(this, args);
        },
      );
    undo.push(
      patchMethod(storage, 'setItem', (original) =>
        // Named parameters, no rest array: this runs on every setting a page saves.
        function (this: unknown, key: unknown, item: unknown) {
          // Fewer than two arguments: the browser's own TypeError, and nothing written.
          // eslint-disable-next-line prefer-rest-params -- forwarded as they are
          if (arguments.length < 2) return original.apply(this, arguments as unknown as unknown[]);
          // Converted once, and the string is what is written: a `{ toString }` key cannot answer twice.
          const name = String(key);
          try {
            if (ctx.checkCall('storage', name)) {
              const value = String(item);
              const held = areas.get(this as object) ?? new Map<string, Held>();
              areas.set(this as object, held);
              keep(held, name, [value], (proceed) => ctx.holdCall('storage', name, proceed(() => original.call(this, name, value)), proceed(NOTHING), value.length));
              return;
            }
          } catch (error) {
            ctx.fail(error);
          }
          return original.call(this, name, item);
        },
      ),
      read('getItem', function (original, held, key) {
        return held.get(String(key))?.[0] ?? original.call(this, key);
      }),
      read('removeItem', function (original, held, key) {
        drop(held, String(key));
        return original.call(this, key);
      }),
      read('clear', function (original, held) {
        for (const name of held.keys()) drop(held, name);
        return original.call(this);
      }),
      read('key', function (original, held, index) {
        const more = extra(this, held);
        return original.call(this, index) ?? more[Number(index) - (this as Storage).length + more.length] ?? null;
      }),
      read('length', function (original, held) {
        return (original.call(this) as number) + extra(this, held).length;
      }, 'get'),
    );
  }
  return () => undo.forEach((u) => u());
};

const NOTHING = () => {};

/**
 * Holds a write of `name` for the page to read meanwhile: `hold` hands the
 * call to the blocker, wrapping what it runs at the end so the held write is
 * no longer shown; a newer held write of the same name replaces the older (one
 * write makes the state the page expects), unless `shows` says the browser
 * would not show it.
 */
function keep(held: Map<string, Held>, name: string, entry: Held, hold: (proceed: (run: () => void) => () => void) => (() => void) | undefined, shows = () => true): void {
  const forget = hold((run) => () => {
    if (held.get(name) === entry) held.delete(name);
    run();
  });
  if (!forget || !shows()) return;
  held.get(name)?.[1]?.();
  entry[1] = forget;
  held.set(name, entry);
}

/** Forgets the held write of `name`: deleted since, it must not come back on a grant. */
function drop(held: Map<string, Held>, name: string): void {
  held.get(name)?.[1]?.();
  held.delete(name);
}

/** `max-age=0` (or negative) or an `expires` in the past. */
export function isDeletion(line: string): boolean {
  const maxAge = /;\s*max-age\s*=\s*(-?\d+)/i.exec(line);
  if (maxAge) return Number(maxAge[1]) <= 0;
  const expires = /;\s*expires\s*=\s*([^;]+)/i.exec(line);
  return expires ? Date.parse(expires[1]!) <= Date.now() : false;
}
