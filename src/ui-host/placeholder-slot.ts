/**
 * The placeholder's box, put in a held embed's place by the core the moment
 * the blocker holds it — before the first paint, as the whole placeholder was
 * before the UI moved to its own file — so that filling it later, when the UI
 * arrives, shifts nothing (CLS). It takes the frame's size through the CSSOM
 * (allowed under a strict CSP, unlike a style attribute).
 */
export const PLACEHOLDER_ATTRIBUTE = 'data-nexus-consent-placeholder';

export function placeholderSlot(doc: Document, frame: HTMLIFrameElement): HTMLElement {
  const host = doc.createElement('div');
  host.setAttribute(PLACEHOLDER_ATTRIBUTE, '');
  const width = frame.getAttribute('width');
  const height = frame.getAttribute('height');
  if (width) host.style.width = /^\d+$/.test(width) ? `${width}px` : width;
  // Exactly its height: releasing the frame later shifts nothing either.
  if (height) host.style.height = /^\d+$/.test(height) ? `${height}px` : height;
  host.style.verticalAlign = 'bottom';
  host.style.maxWidth = '100%';
  host.style.display = 'inline-block';
  frame.hidden = true;
  frame.parentNode!.insertBefore(host, frame);
  return host;
}
