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
import { patchMethod, type Interceptor, type InterceptorContext, type Via } from './context.js';

type Fn = (this: Node, ...args: unknown[]) => unknown;
/** Which arguments are inserted nodes, and which node they go into. */
type Where = (self: Node, args: unknown[]) => [parent: Node | null, nodes: unknown[]];

const intoSelfFirst: Where = (self, args) => [self, args.slice(0, 1)];
const intoSelfAll: Where = (self, args) => [self, args];
const besideAll: Where = (self, args) => [self.parentNode, args];
const adjacent: Where = (self, args) => {
  const where = String(args[0]).toLowerCase();
  return [where === 'beforebegin' || where === 'afterend' ? self.parentNode : self, args.slice(1, 2)];
};

const METHODS: readonly [on: 'Node' | 'Element', name: string, where: Where][] = [
  ['Node', 'appendChild', intoSelfFirst],
  ['Node', 'insertBefore', intoSelfFirst],
  ['Node', 'replaceChild', intoSelfFirst],
  ['Element', 'append', intoSelfAll],
  ['Element', 'prepend', intoSelfAll],
  ['Element', 'before', besideAll],
  ['Element', 'after', besideAll],
  ['Element', 'replaceWith', besideAll],
  ['Element', 'insertAdjacentElement', adjacent],
];

export const domInsertion: Interceptor = (ctx) => {
  const undo = METHODS.map(([on, name, where]) =>
    patchMethod(ctx.win[on].prototype as unknown as Record<string, Fn>, name, (original) =>
      function (this: Node, ...args: unknown[]) {
        try {
          const [parent, nodes] = where(this, args);
          if (parent?.isConnected) for (const node of nodes) holdTree(node, ctx);
        } catch (error) {
          ctx.fail(error);
        }
        return original.apply(this, args);
      },
    ),
  );
  return () => undo.forEach((u) => u());
};

/** Holds the node (element or fragment) and every watched element below it. */
export function holdTree(node: unknown, ctx: InterceptorContext, via: Via = 'script'): void {
  const n = node as Node;
  if (!n || (n.nodeType !== 1 && n.nodeType !== 11)) return;
  if (n.nodeType === 1) ctx.holdElement(n as Element, via);
  if ((n as ParentNode).firstElementChild) {
    for (const element of (n as ParentNode).querySelectorAll(WATCHED_SELECTOR)) ctx.holdElement(element, via);
  }
}
