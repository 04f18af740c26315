/** A window with its constructors (`MutationObserver`, `CustomEvent`…), as `window` is typed. */
export type BrowserWindow = Window & typeof globalThis;
