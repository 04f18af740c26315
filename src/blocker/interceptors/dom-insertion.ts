/**
 * Vector 2: elements created at run time and put in the document —
 * appendChild, insertBefore, replaceChild, append, prepend, before, after,
 * replaceWith, replaceChildren, insertAdjacentElement (on elements, on text
 * nodes, and on fragments such as shadow roots), Range#insertNode. A script is fetched the moment it is
 * connected, so the check must happen inside the call, before the original
 * runs; a MutationObserver would be one microtask too late.
 *
 * Only insertions into a connected parent are inspected (with their subtree):
 * a tree built off-document is inspected once, when it is attached. This runs
 * on every insertion a page makes, so it allocates nothing on the common path.
 */
import { URL_ATTRIBUTES, WATCHED_SELECTOR } from '../element-sources.js';
import { patchMethod, type Interceptor, type InterceptorContext, type Via } from './context.js';

type Fn = (this: Node, ...args: unknown[]) => unknown;
/** Where the nodes go: into the node the method is called on, or beside it. */
type Target = 'self' | 'parent';

const METHODS: readonly [on: 'Node' | 'Element' | 'CharacterData' | 'DocumentFragment', name: string, target: Target, onlyFirst: boolean][] = [
  ['Node', 'appendChild', 'self', true],
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
  /** Several nodes (`append(a, b)`): one release check for all of them. */
  const inspect = (parent: Node | null, args: ArrayLike<unknown>) => {
    try {
      let inert = false;
      if (parent?.isConnected) for (let i = 0; i < args.length; i++) inert = holdTree(args[i], ctx) || inert;
      // Marked-up tags a single-page app renders: release them if already granted.
      if (inert) ctx.inertAdded();
    } catch (error) {
      ctx.fail(error);
    }
  };
  const inspectOne = (parent: Node | null, node: unknown) => {
    try {
      if (parent?.isConnected && holdTree(node, ctx)) ctx.inertAdded();
    } catch (error) {
      ctx.fail(error);
    }
  };
  const undo = METHODS.map(([on, name, target, onlyFirst]) =>
    patchMethod(ctx.win[on].prototype as unknown as Record<string, Fn>, name, (original) =>
      // Fixed-arity calls for the common one- and two-argument cases: the engine
      // optimises `call` with known arguments far better than `apply(arguments)`.
      function (this: Node, a?: unknown, b?: unknown) {
        const count = arguments.length;
        if (onlyFirst || count === 1) {
          inspectOne(target === 'self' ? this : this.parentNode, a);
          return count === 2 ? original.call(this, a, b) : original.call(this, a);
        }
        // eslint-disable-next-line prefer-rest-params -- `arguments` avoids an array per call
        const args = arguments;
        inspect(target === 'self' ? this : this.parentNode, args);
        return original.apply(this, args as unknown as unknown[]);
      },
    ),
  );
  undo.push(
    patchMethod(ctx.win.Element.prototype as unknown as Record<string, Fn>, 'insertAdjacentElement', (original) =>
      function (this: Node, where: unknown, element: unknown) {
        const position = String(where).toLowerCase();
        inspectOne(position === 'beforebegin' || position === 'afterend' ? this.parentNode : this, element);
        return original.call(this, where, element);
      },
    ),
    patchMethod(ctx.win.Range.prototype as unknown as Record<string, Fn>, 'insertNode', (original) =>
      function (this: Node, node: unknown) {
        inspectOne((this as unknown as Range).startContainer, node);
        return original.call(this, node);
      },
    ),
  );
  return () => undo.forEach((u) => u());
};

/** Holds the node (element or fragment) and every watched element below it; true if any is inert. */
export function holdTree(node: unknown, ctx: InterceptorContext, via: Via = 'script'): boolean {
  const n = node as Node | null;
  if (!n || (n.nodeType !== 1 && n.nodeType !== 11)) return false;
  let inert = n.nodeType === 1 && URL_ATTRIBUTES[(n as Element).tagName] !== undefined && ctx.holdElement(n as Element, via);
  if ((n as ParentNode).firstElementChild) {
    for (const element of (n as ParentNode).querySelectorAll(WATCHED_SELECTOR)) inert = ctx.holdElement(element, via) || inert;
  }
  return inert;
}
