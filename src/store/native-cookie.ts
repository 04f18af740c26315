/**
 * The browser's own `document.cookie` accessor, for the consent cookie. The
 * blocker's cookie guard (storage-writes.ts) drops writes of cookies the
 * catalogue classifies, and a site may name its consent cookie like one
 * (`_pk_consent`, `mtm_consent`): the SDK's own writes must go past the guard.
 * The patch registry keeps the accessor it replaced, inside this copy of the
 * SDK only (never on the window, where any page script could take it and
 * write past the guard). `nexus-consent/auto` and the main entry share that
 * module; a copy that cannot see it writes through `document.cookie`, which
 * lets the consent cookie pass anyway, since its name is hidden from the
 * blocker's classifier (create-consent.ts).
 */
import { nativeDescriptor } from '../blocker/interceptors/patches.js';

/** Reads and writes `document.cookie` through the browser's accessor, past any guard. */
export function nativeCookie(win: { readonly Document: typeof Document }, doc: Document): { get(): string; set(line: string): void } {
  const accessor = () => nativeDescriptor(win.Document.prototype, 'cookie');
  return {
    get: () => {
      const get = accessor()?.get;
      return String(get ? get.call(doc) : doc.cookie);
    },
    set: (line) => {
      const set = accessor()?.set;
      if (set) set.call(doc, line);
      else doc.cookie = line;
    },
  };
}
