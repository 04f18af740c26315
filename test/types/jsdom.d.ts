// The slice of jsdom's API the unit tests use to open a page at a chosen URL
// with its own cookie store (jsdom ships no types; @types/jsdom would add four
// packages for these few lines).
declare module 'jsdom' {
  interface StoredCookie {
    readonly key: string;
    readonly value: string;
    readonly path: string;
    readonly domain: string;
    readonly hostOnly: boolean;
    readonly secure: boolean;
    readonly httpOnly: boolean;
    readonly sameSite: string;
    readonly expires: Date | 'Infinity';
  }
  export class JSDOM {
    constructor(html?: string, options?: { readonly url?: string });
    readonly window: Window & typeof globalThis;
    readonly cookieJar: { getCookiesSync(url: string): StoredCookie[] };
  }
}
