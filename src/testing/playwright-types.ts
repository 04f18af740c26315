/**
 * The slices of Playwright's objects the kit uses, written out instead of
 * imported: a `Page` or `BrowserContext` from `playwright` or from
 * `@playwright/test` (one copy or two, of any version since 1.40, installed
 * hoisted or not) fits them structurally, and the kit's declarations import
 * nothing from either package. Methods, not function properties: a method's
 * parameters compare both ways, so Playwright's narrower ones (`getByRole`'s
 * role names, `route`'s handler with its extra argument) still fit.
 */

export interface KitLocator {
  getByRole(role: string, options?: { name?: string | RegExp }): KitLocator;
  or(locator: KitLocator): KitLocator;
  first(): KitLocator;
  waitFor(options?: { state?: 'attached' | 'detached' | 'visible' | 'hidden'; timeout?: number }): Promise<unknown>;
  click(options?: { timeout?: number }): Promise<unknown>;
  isVisible(): Promise<boolean>;
  setChecked(checked: boolean, options?: { timeout?: number }): Promise<unknown>;
}

export interface KitFrame {
  url(): string;
  parentFrame(): KitFrame | null;
  evaluate<R, A>(pageFunction: (arg: A) => R | Promise<R>, arg: A): Promise<R>;
}

export interface KitRequest {
  url(): string;
  method(): string;
  resourceType(): string;
  frame(): KitFrame;
  headerValue(name: string): Promise<string | null>;
}

export interface KitRoute {
  request(): KitRequest;
  fulfill(response: { status?: number; contentType?: string; headers?: { [name: string]: string }; body?: string | Buffer }): Promise<unknown>;
}

/** What `page.on('request')` and `context.on('request')` have in common. */
export interface KitRequestSource {
  on(event: 'request', listener: (request: KitRequest) => unknown): unknown;
  off(event: 'request', listener: (request: KitRequest) => unknown): unknown;
  // Promise<unknown>: newer versions resolve route() with a Disposable.
  route(url: (url: URL) => boolean, handler: (route: KitRoute) => unknown): Promise<unknown>;
  unroute(url: (url: URL) => boolean, handler?: (route: KitRoute) => unknown): Promise<unknown>;
}

export interface KitContext extends KitRequestSource {
  addCookies(cookies: readonly KitCookie[]): Promise<unknown>;
}

export interface KitPage extends KitRequestSource {
  url(): string;
  context(): KitContext;
  mainFrame(): KitFrame;
  locator(selector: string): KitLocator;
}

/** A cookie as `context.addCookies` takes it. */
export interface KitCookie {
  name: string;
  value: string;
  url?: string;
  domain?: string;
  path?: string;
  expires?: number;
  httpOnly?: boolean;
  secure?: boolean;
  sameSite?: 'Strict' | 'Lax' | 'None';
}

/** `page.locator()`'s own Locator type: what the kit hands back is the caller's Locator, with all its matchers. */
export type LocatorOf<P extends KitPage> = ReturnType<P['locator']>;

/** A page or a context: which one it is, at run time. */
export function isPage(target: KitPage | KitContext): target is KitPage {
  return typeof (target as KitPage).mainFrame === 'function' && typeof (target as KitPage).context === 'function';
}
