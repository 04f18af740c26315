/**
 * Vector 2: elements created at run time and put in the document —
 * appendChild, insertBefore, replaceChild, append, prepend, before, after,
 * replaceWith, insertAdjacentElement. A script is fetched the moment it is
 * connected, so the check must happen inside the call, before the original
 * runs; a MutationObserver would be one microtask too late.
 *
 * Only insertions into a connected parent are inspected (with their subtree):
 * a tree built off-document is inspected once, when it is attached.
 */
import { WATCHED_SELECTOR } from '../element-sources.js';
import { patchMethod, type Interceptor, type InterceptorContext } from './context.js';

export const domInsertion: Interceptor = (ctx) => {
  const { Node, Element } = ctx.win;
  const inspect = (parent: Node | null, nodes: ArrayLike<unknown>) => {
    try {
      if (!parent?.isConnected) return;
      for (let i = 0; i < nodes.length; i++) holdTree(nodes[i], ctx);
    } catch (error) {
      ctx.fail(error);
    }
  };
  type Fn = (this: Node, ...args: unknown[]) => unknown;
  const first = (parentOf: (self: Node) => Node | null) => (original: Fn) =>
    function (this: Node, ...args: unknown[]) {
      inspect(parentOf(this), args.slice(0, 1));
      return original.apply(this, args);
    } as Fn;
  const all = (parentOf: (self: Node) => Node | null) => (original: Fn) =>
    function (this: Node, ...args: unknown[]) {
      inspect(parentOf(this), args);
      return original.apply(this, args);
    } as Fn;
  const self = (node: Node) => node;
  const parent = (node: Node) => node.parentNode;
  const undo = [
    patchMethod(Node.prototype as unknown as Record<string, Fn>, 'appendChild', first(self)),
    patchMethod(Node.prototype as unknown as Record<string, Fn>, 'insertBefore', first(self)),
    patchMethod(Node.prototype as unknown as Record<string, Fn>, 'replaceChild', first(self)),
    patchMethod(Element.prototype as unknown as Record<string, Fn>, 'append', all(self)),
    patchMethod(Element.prototype as unknown as Record<string, Fn>, 'prepend', all(self)),
    patchMethod(Element.prototype as unknown as Record<string, Fn>, 'before', all(parent)),
    patchMethod(Element.prototype as unknown as Record<string, Fn>, 'after', all(parent)),
    patchMethod(Element.prototype as unknown as Record<string, Fn>, 'replaceWith', all(parent)),
    patchMethod(
      Element.prototype as unknown as Record<string, Fn>,
      'insertAdjacentElement',
      (original) =>
        function (this: Node, ...args: unknown[]) {
          const where = String(args[0]).toLowerCase();
          inspect(where === 'beforebegin' || where === 'afterend' ? this.parentNode : this, args.slice(1, 2));
          return original.apply(this, args);
        } as Fn,
    ),
  ];
  return () => undo.forEach((u) => u());
};

/** Holds the node (element or fragment) and every watched element below it. */
export function holdTree(node: unknown, ctx: InterceptorContext): void {
  const n = node as Node;
  if (!n || (n.nodeType !== 1 && n.nodeType !== 11)) return;
  if (n.nodeType === 1) ctx.holdElement(n as Element, 'script');
  if ((n as ParentNode).firstElementChild) {
    for (const element of (n as ParentNode).querySelectorAll(WATCHED_SELECTOR)) ctx.holdElement(element, 'script');
  }
}
