/**
 * Why a tracker request went out, worked out from what the page's SDK says
 * about it (`blocked()`, with `escaped`; the state; the tags it released).
 * `probePage` runs in the page (Playwright serialises it: it stays
 * self-contained); the rest is pure.
 */

/**
 * - `granted`: its category (or service) was granted when it went out; nothing had to be held.
 * - `released-after-grant`: the SDK held it (a marked-up or blocked tag, a call made while
 *   undecided) and let it go once the visitor granted it.
 * - `preload-scanner`: written in the HTML and fetched by the browser before any script
 *   could hold it (`blocked()` lists it with `escaped: true`); the markup step prevents it.
 * - `never-classified`: went out while not granted, and the SDK held nothing of it: its
 *   catalogue and rules do not know it (the kit's do: a catalogue the site's SDK lacks?),
 *   or it came a way the blocker cannot see.
 * - `no-instance`: no SDK instance at `window.NexusConsent` in the page (not loaded yet, or
 *   an npm build that does not publish it there), so nothing could be asked.
 * - `pending`: being worked out (a tag written in the HTML waits for the page's `load`).
 * - `unexplained`: the page could not be asked (closed or navigated away), or the SDK held
 *   this very URL yet it went out while not granted.
 */
export type RequestReason =
  | 'granted'
  | 'released-after-grant'
  | 'preload-scanner'
  | 'never-classified'
  | 'no-instance'
  | 'pending'
  | 'unexplained';

/** What the page says about one request's URL. */
export interface PageView {
  /** `window.NexusConsent` is an SDK instance. */
  readonly instance: boolean;
  /** `document.readyState` was `complete`. */
  readonly loaded: boolean;
  /** Its category (or service) was granted. */
  readonly granted: boolean;
  /** `blocked()` lists this URL, not escaped: the SDK held it. */
  readonly held: boolean;
  /** `blocked()` lists this URL as escaped: the browser fetched it before the SDK could hold it. */
  readonly escaped: boolean;
  /** A live tag with `data-consent` loads this URL: held by markup or the blocker, then released. */
  readonly released: boolean;
}

export interface ProbeArgument {
  readonly url: string;
  readonly category: string;
  readonly service: string;
  /** Answer once the page's `load` event has fired (escapes are known then). */
  readonly afterLoad: boolean;
}

/** Runs in the page. Self-contained: no imports, no helpers from outside its body. */
export function probePage(arg: ProbeArgument): PageView | Promise<PageView> {
  const look = (): PageView => {
    const strip = (u: string) => (u.indexOf('#') < 0 ? u : u.slice(0, u.indexOf('#')));
    const target = strip(arg.url);
    let released = false;
    for (const element of Array.from(document.querySelectorAll('[data-consent]'))) {
      // A marked-up script keeps its src while inert: only a live one counts.
      if (element.tagName === 'SCRIPT' && /^text\/plain$/i.test(element.getAttribute('type') ?? '')) continue;
      for (const property of ['src', 'href', 'data', 'poster']) {
        const value = (element as unknown as Record<string, unknown>)[property];
        if (typeof value === 'string' && value !== '' && strip(value) === target) released = true;
      }
    }
    let api: Record<string, unknown> | undefined;
    try {
      const value = (window as unknown as { NexusConsent?: unknown }).NexusConsent;
      if (value && typeof value === 'object' && !Array.isArray(value)) api = value as Record<string, unknown>;
    } catch {
      // A getter that throws: no instance to ask.
    }
    const loaded = document.readyState === 'complete';
    if (!api || typeof api.get !== 'function' || typeof api.blocked !== 'function' || typeof api.isGranted !== 'function') {
      return { instance: false, loaded, granted: false, held: false, escaped: false, released };
    }
    let entries: { target?: unknown; escaped?: unknown; service?: unknown; category?: unknown }[] = [];
    try {
      entries = (api.blocked as () => typeof entries)().filter((e) => e !== null && typeof e === 'object' && strip(String(e.target)) === target);
    } catch {
      entries = [];
    }
    let granted = arg.category === 'necessary';
    try {
      const known = entries[0];
      if (!granted && known) {
        // The SDK classified this URL, so it knows the service: asking warns about nothing.
        granted = (api.isGranted as (t: unknown) => unknown)({ service: known.service, category: known.category }) === true;
      } else if (!granted) {
        // A service the site's SDK may not know (the kit's catalogue is larger): read the record.
        const state = (api.get as () => { status?: unknown; record?: { granted?: unknown; services?: unknown } })();
        const record = state && state.status === 'decided' ? state.record : undefined;
        const services = record && typeof record.services === 'object' && record.services !== null ? (record.services as Record<string, unknown>) : {};
        granted = Object.prototype.hasOwnProperty.call(services, arg.service)
          ? services[arg.service] === true
          : Array.isArray(record?.granted) && record.granted.includes(arg.category);
      }
    } catch {
      granted = false;
    }
    return {
      instance: true,
      loaded,
      granted,
      held: entries.some((e) => e.escaped !== true),
      escaped: entries.some((e) => e.escaped === true),
      released,
    };
  };
  if (!arg.afterLoad || document.readyState === 'complete') return look();
  return new Promise((resolve) => window.addEventListener('load', () => resolve(look()), { once: true }));
}

/**
 * The reason from what the page showed as the request went out, or
 * `undefined` when only its `load` can tell (a tag in the HTML the preload
 * scanner may have fetched before the SDK saw it).
 */
export function reasonNow(view: PageView): RequestReason | undefined {
  // Granted now: anything the SDK held of this URL (an escaped tag included: this is
  // the fetch its release makes) was let go by the grant.
  if (view.granted) return view.held || view.escaped || view.released ? 'released-after-grant' : 'granted';
  if (view.escaped) return 'preload-scanner';
  if (view.released) return 'released-after-grant';
  if (!view.instance) return view.loaded ? 'no-instance' : undefined;
  if (!view.loaded) return undefined;
  return view.held ? 'unexplained' : 'never-classified';
}

/** The reason once the page has loaded, for a request `reasonNow` could not place. */
export function reasonAfterLoad(first: PageView, loaded: PageView): RequestReason {
  if (loaded.escaped) return 'preload-scanner';
  if (!first.instance) return 'no-instance';
  return first.held ? 'unexplained' : 'never-classified';
}
