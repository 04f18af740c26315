/**
 * Vector 6: cookies and Web Storage. A `document.cookie` write (or a Cookie
 * Store API `set`) of a cookie that must wait is not written; a
 * `localStorage`/`sessionStorage` `setItem` of a tracker's key is not stored.
 * Deleting is always allowed: it is how withdrawal cleans up.
 *
 * Not covered: named-property writes (`localStorage.key = v`), which no
 * prototype patch can see — documented in the README.
 */
import { patch, patchMethod, type Interceptor } from './context.js';

type Fn = (this: unknown, ...args: unknown[]) => unknown;

export const storageWrites: Interceptor = (ctx) => {
  const { win } = ctx;
  const undo: (() => void)[] = [];

  // Where document.cookie is defined: on the prototype, or on the document itself when
  // a page defined it there; the document also stands in for a locked prototype.
  const doc = win.document;
  undo.push(
    patch(Object.prototype.hasOwnProperty.call(doc, 'cookie') ? [doc] : [win.Document.prototype, doc], 'cookie', 'set', (set: Fn) =>
      function (this: unknown, value: unknown) {
        // Converted once, and the string is what is written: a `{ toString }` cannot answer twice.
        const line = `${value as string}`;
        const name = heldCookie(line);
        if (name === undefined) set.call(this, line);
        else ctx.holdCall('cookie', name, () => set.call(this, line), () => {});
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

  if (win.Storage) {
    undo.push(
      patchMethod(win.Storage.prototype as unknown as Record<string, Fn>, 'setItem', (original) =>
        function (this: unknown, ...args: unknown[]) {
          const key = String(args[0]);
          try {
            if (ctx.checkCall('storage', key)) return ctx.holdCall('storage', key, () => original.apply(this, args), () => {});
          } catch (error) {
            ctx.fail(error);
          }
          return original.apply(this, args);
        },
      ),
    );
  }
  return () => undo.forEach((u) => u());
};

/** `max-age=0` (or negative) or an `expires` in the past. */
export function isDeletion(line: string): boolean {
  const maxAge = /;\s*max-age\s*=\s*(-?\d+)/i.exec(line);
  if (maxAge) return Number(maxAge[1]) <= 0;
  const expires = /;\s*expires\s*=\s*([^;]+)/i.exec(line);
  return expires ? Date.parse(expires[1]!) <= Date.now() : false;
}
