/**
 * The only place that un-blocks a tag. Tags are released in document order:
 * an external script without `async` is inserted with `async = false`, which
 * keeps execution order among them while they download in parallel (HTML
 * §4.12.1.1, "list of scripts that will execute in order as soon as possible"),
 * and an inline script waits until every earlier ordered script has run, as it
 * would have in the parsed page. Each tag is released once.
 *
 * Release is asynchronous, so the decision may change on the way: each tag is
 * asked again (`allowed`) at the very moment it goes live, and `recheck()`
 * stops released scripts that have not run yet once they are no longer allowed.
 */
import { parkedAttributes } from './element-sources.js';
import { trustedAttribute, trustedScript } from './trusted-types.js';

export interface Releaser {
  /** Queues the tags for release after those already queued; resolves when done. */
  release(elements: readonly Element[]): Promise<void>;
  /**
   * After a refusal: every released script still loading whose tag is no
   * longer allowed is stopped before it runs, and its inert original put back.
   */
  recheck(): void;
  /** Releases at once a held image that is in no document (a `new Image()` pixel), as the grant would have let it fetch. */
  wake(element: Element): void;
}

export interface ReleaseHooks {
  /** Told of every element about to go live, before it does (the interceptors let it through); a copy comes with its original. */
  released(element: Element, original?: Element): void;
  /** Whether the tag may go live now: its categories and service, asked at the last moment. */
  allowed(element: Element): boolean;
}

interface Loading {
  readonly original: Element;
  /** Settles the release queue's wait for this script (when it is stopped, it never loads). */
  readonly done: () => void;
}

export function createReleaser(doc: Document, hooks: ReleaseHooks): Releaser {
  const queued = new WeakSet<Element>();
  /** Released scripts that have not run yet: copy → inert original. */
  const loading = new Map<HTMLScriptElement, Loading>();
  let chain: Promise<void> = Promise.resolve();

  /** Whether to release now; a tag passed over can be queued again by a later grant. */
  const live = (element: Element) => {
    const ok = element.isConnected && hooks.allowed(element);
    if (!ok) queued.delete(element);
    return ok;
  };

  const wake = (element: Element) => {
    hooks.released(element);
    // srcset before src, as the parser would see them.
    for (const attribute of parkedAttributes(element.tagName)) moveAttribute(element, `data-${attribute}`, attribute);
  };

  const releaseInOrder = async (elements: readonly Element[]): Promise<void> => {
    let ordered: Promise<void>[] = [];
    for (const element of elements) {
      if (element instanceof doc.defaultView!.HTMLScriptElement) {
        const external = element.hasAttribute('src');
        if (!external) {
          await Promise.all(ordered);
          ordered = [];
        }
        // After the wait: the visitor may have refused meanwhile.
        if (!live(element)) continue;
        const script = activeCopy(element, doc, hooks);
        if (external) {
          const wait = track(script, element);
          if (!element.hasAttribute('async')) {
            script.async = false;
            ordered.push(wait);
          }
        }
        element.replaceWith(script);
      } else if (!live(element)) {
        continue;
      } else if (element.tagName === 'IFRAME') {
        // A fresh frame: the one the parser inserted may have started (and had
        // cancelled) a navigation to this very URL before it was held, and
        // Chromium then sometimes ignores the same URL set again.
        hooks.released(element);
        const frame = element.cloneNode(true) as Element;
        hooks.released(frame, element);
        for (const attribute of parkedAttributes('IFRAME')) moveAttribute(frame, `data-${attribute}`, attribute);
        element.replaceWith(frame);
      } else wake(element);
    }
  };

  /**
   * The page's `onload`/`onerror` (and listeners) sit on the original, which a
   * copy replaced: its outcome is told to the original, once, as a fresh event
   * of the same type (`event.target` is the element the page holds).
   */
  const track = (script: HTMLScriptElement, original: Element): Promise<void> =>
    new Promise((resolve) => {
      const settle = (event: Event) => {
        if (!loading.delete(script)) return;
        resolve();
        original.dispatchEvent(new Event(event.type));
      };
      loading.set(script, { original, done: resolve });
      script.addEventListener('load', settle, { once: true });
      script.addEventListener('error', settle, { once: true });
    });

  let elsewhere: Document | undefined;
  return {
    wake,
    release(elements) {
      const fresh = elements.filter((element) => !queued.has(element));
      for (const element of fresh) queued.add(element);
      if (fresh.length === 0) return chain;
      const run = chain.then(() => releaseInOrder(fresh));
      // One failed run (told to the caller) must not stop the runs after it.
      chain = run.catch(() => {});
      return run;
    },
    recheck() {
      for (const [script, { original, done }] of loading) {
        if (hooks.allowed(original)) continue;
        loading.delete(script);
        if (script.parentNode) script.replaceWith(original);
        queued.delete(original);
        // HTML "execute the script element": a script whose node document is no
        // longer the one it was prepared in does not run, even once fetched.
        (elsewhere ??= doc.implementation.createHTMLDocument('')).adoptNode(script);
        done();
      }
    },
  };
}

/** Handlers the original keeps: the copy's outcome is forwarded to it, so a copy of them would run twice. */
const FORWARDED = new Set(['type', 'data-type', 'onload', 'onerror']);

/** A runnable copy: same attributes (async, defer, id, crossorigin, integrity…), real type. */
function activeCopy(original: HTMLScriptElement, doc: Document, hooks: ReleaseHooks): HTMLScriptElement {
  const script = doc.createElement('script');
  // Released before it gets its src: the site's markup, not the catalogue, decided.
  hooks.released(script, original);
  for (const { name, value } of Array.from(original.attributes)) {
    if (!FORWARDED.has(name)) script.setAttribute(name, trustedAttribute(script, name, value) as string);
  }
  // `data-type="module"` lets a site block an ES module script.
  const type = original.getAttribute('data-type');
  if (type) script.type = type;
  // Browsers hide the nonce attribute once parsed; the property keeps it.
  if (original.nonce) script.nonce = original.nonce;
  script.text = trustedScript(script, original.text);
  return script;
}

function moveAttribute(element: Element, from: string, to: string): void {
  const value = element.getAttribute(from);
  if (value === null) return;
  element.removeAttribute(from);
  element.setAttribute(to, trustedAttribute(element, to, value) as string);
}
