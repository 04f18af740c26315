/**
 * Keeps Tab inside a modal dialog (WCAG 2.4.3; RULES: "Tab wraps"). A native
 * modal <dialog> makes the page inert, but Tab from its last control may still
 * leave for the browser's own UI; this wraps it to the first control instead.
 */
const FOCUSABLE = 'a[href],button:not([disabled]),input:not([disabled]),summary,[tabindex]:not([tabindex="-1"])';

/** Returns the function that removes the trap. */
export function trapFocus(container: HTMLElement): () => void {
  const onKey = (event: KeyboardEvent) => {
    if (event.key !== 'Tab') return;
    // Only what is rendered: controls inside a closed <details> have no box.
    const focusable = [...container.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((el) => el.getClientRects().length > 0);
    const first = focusable[0];
    const last = focusable[focusable.length - 1];
    if (!first || !last) return;
    const active = (container.getRootNode() as Document | ShadowRoot).activeElement;
    if (event.shiftKey ? active === first : active === last) {
      event.preventDefault();
      (event.shiftKey ? last : first).focus();
    }
  };
  container.addEventListener('keydown', onKey);
  return () => container.removeEventListener('keydown', onKey);
}
