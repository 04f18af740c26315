/**
 * The browser's own `document.cookie` accessor, kept for the consent cookie.
 * The blocker's cookie guard (storage-writes.ts) drops writes of cookies the
 * catalogue classifies, and a site may name its consent cookie like one
 * (`_pk_consent`, `mtm_consent`): the SDK's own writes must go past the guard.
 * The guard hands the accessor it replaces over here, on the window, because
 * `nexus-consent/auto` installs it from another bundle before createConsent()
 * runs; the first one kept is the browser's.
 */
const KEY = Symbol.for('nexus-consent.native-cookie');

type WithNative = { [KEY]?: PropertyDescriptor };

/** Keeps `descriptor` (the accessor about to be patched) unless one is kept already. */
export function keepNativeCookie(win: object, descriptor: PropertyDescriptor): void {
  if (Object.prototype.hasOwnProperty.call(win, KEY)) return;
  try {
    Object.defineProperty(win, KEY, { value: descriptor });
  } catch {
    // A non-extensible window: the jar falls back to Document.prototype.
  }
}

/** Reads and writes `document.cookie` through the browser's accessor, past any guard. */
export function nativeCookie(win: { readonly Document: typeof Document }, doc: Document): { get(): string; set(line: string): void } {
  const accessor = () => (win as WithNative)[KEY] ?? Object.getOwnPropertyDescriptor(win.Document.prototype, 'cookie');
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
