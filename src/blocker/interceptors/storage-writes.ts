/**
 * Vector 6: cookies and Web Storage. A `document.cookie` write (or a Cookie
 * Store API `set`) of a cookie that must wait is not written; a
 * `localStorage`/`sessionStorage` `setItem` of a tracker's key is not stored.
 * Deleting is always allowed: it is how withdrawal cleans up.
 *
 * Not covered: named-property writes (`localStorage.key = v`), which no
 * prototype patch can see — documented in the README.
 */
import { keepNativeCookie } from '../../store/native-cookie.js';
import { patchMethod, type Interceptor } from './context.js';

export const storageWrites: Interceptor = (ctx) => {
  const { win } = ctx;
  const undo: (() => void)[] = [];

  const cookie = Object.getOwnPropertyDescriptor(win.Document.prototype, 'cookie');
  if (cookie?.set && cookie.configurable) {
    // The consent cookie is written past this guard, whatever its name (store/native-cookie.ts).
    keepNativeCookie(win, cookie);
    const set = cookie.set;
    Object.defineProperty(win.Document.prototype, 'cookie', {
      ...cookie,
      set(this: Document, value: unknown) {
        const name = heldCookie(String(value));
        if (name === undefined) set.call(this, value);
        else ctx.holdCall('cookie', name, () => set.call(this, value), () => {});
      },
    });
    undo.push(() => Object.defineProperty(win.Document.prototype, 'cookie', cookie));
  }
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

  type Fn = (this: unknown, ...args: unknown[]) => unknown;
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
