/**
 * The only place that un-blocks a tag. Tags are released in document order:
 * an external script without `async` is inserted with `async = false`, which
 * keeps execution order among them while they download in parallel (HTML
 * §4.12.1.1, "list of scripts that will execute in order as soon as possible"),
 * and an inline script waits until every earlier ordered script has run, as it
 * would have in the parsed page. Each tag is released once.
 */
export interface Releaser {
  /** Queues the tags for release after those already queued; resolves when done. */
  release(elements: readonly Element[]): Promise<void>;
}

export interface ReleaseHooks {
  /** Told of every element about to go live, before it does (the interceptors let it through). */
  released(element: Element): void;
}

export function createReleaser(doc: Document, hooks: ReleaseHooks): Releaser {
  const queued = new WeakSet<Element>();
  let chain: Promise<void> = Promise.resolve();
  return {
    release(elements) {
      const fresh = elements.filter((element) => !queued.has(element));
      for (const element of fresh) queued.add(element);
      if (fresh.length === 0) return chain;
      chain = chain.then(() => releaseInOrder(fresh, doc, hooks));
      return chain;
    },
  };
}

async function releaseInOrder(elements: readonly Element[], doc: Document, hooks: ReleaseHooks): Promise<void> {
  let ordered: Promise<unknown>[] = [];
  for (const element of elements) {
    if (!element.isConnected) continue;
    if (element instanceof doc.defaultView!.HTMLScriptElement) {
      const script = activeCopy(element, doc, hooks);
      const external = script.hasAttribute('src');
      if (!external) {
        await Promise.all(ordered);
        ordered = [];
      } else if (!element.hasAttribute('async')) {
        script.async = false;
        ordered.push(loaded(script));
      }
      element.replaceWith(script);
    } else if (element.tagName === 'IFRAME') {
      // A fresh frame: the one the parser inserted may have started (and had
      // cancelled) a navigation to this very URL before it was held, and
      // Chromium then sometimes ignores the same URL set again.
      hooks.released(element);
      const frame = element.cloneNode(true) as Element;
      hooks.released(frame);
      moveAttribute(frame, 'data-src', 'src');
      element.replaceWith(frame);
    } else {
      hooks.released(element);
      // srcset before src, as the parser would see them.
      for (const attribute of ['srcset', 'src', 'href', 'poster', 'data']) moveAttribute(element, `data-${attribute}`, attribute);
    }
  }
}

/** A runnable copy: same attributes (async, defer, id, crossorigin, integrity…), real type. */
function activeCopy(original: HTMLScriptElement, doc: Document, hooks: ReleaseHooks): HTMLScriptElement {
  const script = doc.createElement('script');
  // Released before it gets its src: the site's markup, not the catalogue, decided.
  hooks.released(script);
  for (const { name, value } of Array.from(original.attributes)) {
    if (name !== 'type' && name !== 'data-type') script.setAttribute(name, value);
  }
  // `data-type="module"` lets a site block an ES module script.
  const type = original.getAttribute('data-type');
  if (type) script.type = type;
  // Browsers hide the nonce attribute once parsed; the property keeps it.
  if (original.nonce) script.nonce = original.nonce;
  script.text = original.text;
  return script;
}

function loaded(script: HTMLScriptElement): Promise<void> {
  return new Promise((resolve) => {
    script.addEventListener('load', () => resolve(), { once: true });
    script.addEventListener('error', () => resolve(), { once: true });
  });
}

function moveAttribute(element: Element, from: string, to: string): void {
  const value = element.getAttribute(from);
  if (value === null) return;
  element.removeAttribute(from);
  element.setAttribute(to, value);
}
