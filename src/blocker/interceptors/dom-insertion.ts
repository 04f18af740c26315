/**
 * Vector 2: elements created at run time and put in the document —
 * appendChild, insertBefore, replaceChild, append, prepend, before, after,
 * replaceWith, replaceChildren, insertAdjacentElement (on elements, on text
 * nodes, and on fragments such as shadow roots), Range#insertNode. A script is fetched the moment it is
 * connected, so the check must happen inside the call, before the original
 * runs; a MutationObserver would be one microtask too late.
 *
 * Only insertions into a connected parent are inspected (with their subtree):
 * a tree built off-document is inspected once, when it is attached — unless it
 * comes from another document (a DOMParser's, a template's content): adopted
 * into this one, its images fetch at once, connected or not. The same holds for
 * `document.importNode` (the copy is made inert before the browser's image
 * fetch, which waits for a microtask) and `adoptNode`. This runs
 * on every insertion a page makes, so it allocates nothing on the common path,
 * and a plain element (most of them) costs two property reads (mayFetch).
 *
 * `appendChild` is patched where it is called — on Element, Document and
 * DocumentFragment (shadow roots too), shadowing Node's — and Node's own stays
 * native: Chromium sets every image's `src` about 25 % slower in a page whose
 * Node.prototype.appendChild was replaced, even by a pass-through that is never
 * called (bench/chromium-quirks.mjs; insertBefore and replaceChild show no such
 * cost). A script that calls `Node.prototype.appendChild.call(…)` directly
 * still meets a held tag: a tracker script is made inert when its `src` is set
 * (url-attributes.ts), connected or not.
 */
import { isWatched, mayFetch, WATCHED_SELECTOR } from '../element-sources.js';
import { patchMethod, type Interceptor, type InterceptorContext, type Via } from './context.js';

type Fn = (this: Node, ...args: unknown[]) => unknown;
/** Where the nodes go: into the node the method is called on, or beside it. */
type Target = 'self' | 'parent';

const METHODS: readonly [on: 'Node' | 'Element' | 'Document' | 'CharacterData' | 'DocumentFragment', name: string, target: Target, onlyFirst: boolean][] = [
  ['Element', 'appendChild', 'self', true],
  ['Document', 'appendChild', 'self', true],
  ['DocumentFragment', 'appendChild', 'self', true],
  ['Node', 'insertBefore', 'self', true],
  ['Node', 'replaceChild', 'self', true],
  ['Element', 'append', 'self', false],
  ['Element', 'prepend', 'self', false],
  ['Element', 'replaceChildren', 'self', false],
  ['Element', 'before', 'parent', false],
  ['Element', 'after', 'parent', false],
  ['Element', 'replaceWith', 'parent', false],
  ['CharacterData', 'before', 'parent', false],
  ['CharacterData', 'after', 'parent', false],
  ['CharacterData', 'replaceWith', 'parent', false],
  ['DocumentFragment', 'append', 'self', false],
  ['DocumentFragment', 'prepend', 'self', false],
  ['DocumentFragment', 'replaceChildren', 'self', false],
];

export const domInsertion: Interceptor = (ctx) => {
  /** Where the nodes go, read only when one of them may fetch. */
  const parentOf = (node: Node, target: Target) => (target === 'self' ? node : node.parentNode);
  /** Several nodes (`append(a, b)`): one release check for all of them. */
  const inspect = (node: Node, target: Target, args: ArrayLike<unknown>) => {
    try {
      let inert = false;
      for (let i = 0; i < args.length; i++) if (mayFetch(args[i]) && attaches(parentOf(node, target), args[i])) inert = holdTree(args[i], ctx) || inert;
      // Marked-up tags a single-page app renders: release them if already granted.
      if (inert) ctx.inertAdded();
    } catch (error) {
      ctx.fail(error);
    }
  };
  const inspectOne = (parent: Node | null, node: unknown, always = false) => {
    try {
      if ((always || attaches(parent, node)) && holdTree(node, ctx)) ctx.inertAdded();
    } catch (error) {
      ctx.fail(error);
    }
  };
  /** Any number of nodes: the rare path (`append(a, b, c)`, `replaceChildren()`). */
  const variadic = (original: Fn, target: Target) =>
    function (this: Node, ...nodes: unknown[]) {
      inspect(this, target, nodes);
      return original.apply(this, nodes);
    };
  // The common one-node call takes a path that never touches `arguments` beyond
  // its length: the engine then need not build an arguments object per call.
  const undo = METHODS.map(([on, name, target, onlyFirst]) =>
    patchMethod(ctx.win[on].prototype as unknown as Record<string, Fn>, name, (original) => {
      const many = variadic(original, target);
      return function (this: Node, a?: unknown, b?: unknown) {
        const count = arguments.length;
        if (count === 1 || (onlyFirst && count === 2)) {
          if (mayFetchSafely(a)) inspectOne(parentOf(this, target), a);
          return count === 2 ? original.call(this, a, b) : original.call(this, a);
        }
        // eslint-disable-next-line prefer-rest-params -- forwarded as is, which the engine does without copying
        return many.apply(this, arguments as unknown as unknown[]);
      };
    }),
  );
  undo.push(
    patchMethod(ctx.win.Element.prototype as unknown as Record<string, Fn>, 'insertAdjacentElement', (original) =>
      function (this: Node, where: unknown, element: unknown) {
        const position = String(where).toLowerCase();
        if (mayFetchSafely(element)) inspectOne(position === 'beforebegin' || position === 'afterend' ? this.parentNode : this, element);
        return original.call(this, where, element);
      },
    ),
    patchMethod(ctx.win.Range.prototype as unknown as Record<string, Fn>, 'insertNode', (original) =>
      function (this: Node, node: unknown) {
        if (mayFetchSafely(node)) inspectOne((this as unknown as Range).startContainer, node);
        return original.call(this, node);
      },
    ),
    patchMethod(ctx.win.Document.prototype as unknown as Record<string, Fn>, 'importNode', (original) =>
      function (this: Node, ...args: unknown[]) {
        const copy = original.apply(this, args);
        if (mayFetchSafely(copy)) inspectOne(null, copy, true);
        return copy;
      },
    ),
    patchMethod(ctx.win.Document.prototype as unknown as Record<string, Fn>, 'adoptNode', (original) =>
      function (this: Node, ...args: unknown[]) {
        if (mayFetchSafely(args[0])) inspectOne(null, args[0], true);
        return original.apply(this, args);
      },
    ),
  );
  return () => undo.forEach((u) => u());
};

/** Whether inserting `node` into `parent` can make it fetch: a connected parent, or a node from another document. */
function attaches(parent: Node | null | undefined, node: unknown): boolean {
  return !!parent && (parent.isConnected || (node as Node).ownerDocument !== parent.ownerDocument);
}

/** mayFetch, for any value a page may pass (a hostile getter throws: then the check goes ahead). */
function mayFetchSafely(node: unknown): boolean {
  try {
    return mayFetch(node);
  } catch {
    return true;
  }
}

/**
 * Holds the node (element or fragment) and every watched element below it; true if any is inert.
 * A tree built detached and attached once — a framework's list row, a card —
 * has a few elements: walking them costs a few property reads, several times
 * less than a querySelectorAll call and its NodeList. Past 64 elements the
 * walk gives way to querySelectorAll, faster on a large tree. What is found is
 * held after the search: holding an iframe may insert its placeholder beside it.
 */
export function holdTree(node: unknown, ctx: InterceptorContext, via: Via = 'script'): boolean {
  if (node === null || typeof node !== 'object') return false;
  const n = node as Element;
  // holdElement passes over anything that fetches nothing (text, fragments, a <div>); a fragment's elements are below it.
  let inert = ctx.holdElement(n, via);
  // A row holds one image or none: the first found needs no array (this runs for every tree a page attaches).
  let first: Element | undefined;
  let more: ArrayLike<Element> | undefined;
  for (let e = n.firstElementChild, seen = 0; e; ) {
    if (++seen > 64) {
      first = undefined;
      more = n.querySelectorAll(WATCHED_SELECTOR);
      break;
    }
    if (isWatched(e)) {
      if (!first) first = e;
      else ((more ??= []) as Element[]).push(e);
    }
    // Down to the first child, else on to the next sibling of the nearest ancestor below the node that has one.
    let next = e.firstElementChild;
    while (!next && e !== n) if (!(next = e.nextElementSibling)) e = e.parentNode as Element;
    e = next;
  }
  if (first) inert = ctx.holdElement(first, via) || inert;
  if (more) for (let i = 0; i < more.length; i++) inert = ctx.holdElement(more[i]!, via) || inert;
  return inert;
}
