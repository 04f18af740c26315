/**
 * After a decision, a small button in a corner reopens the preference centre:
 * withdrawing must stay as easy as giving (GDPR art. 7(3)) — one click here,
 * one on *Tout refuser*. It lives in the core, so that a returning visitor sees
 * it without downloading the UI file; a click loads the UI.
 */
import { createElement as h } from '../ui/create-element.js';

const SVG = 'http://www.w3.org/2000/svg';
/** A cookie with three chips; fixed markup, no string from config. */
const ICON = 'M12 2a10 10 0 1 0 10 10 4 4 0 0 1-5-5 4 4 0 0 1-5-5zm-3.5 8a1.5 1.5 0 1 1 0 3 1.5 1.5 0 0 1 0-3zm6 4a1.5 1.5 0 1 1 0 3 1.5 1.5 0 0 1 0-3zm-5 3a1 1 0 1 1 0 2 1 1 0 0 1 0-2z';

export interface FloatingButtonModel {
  readonly position: 'bottom-left' | 'bottom-right';
  readonly label: string;
  readonly language: string;
  readonly rtl: boolean;
}

export function createFloatingButton(doc: Document, model: FloatingButtonModel, onClick: () => void): HTMLButtonElement {
  const svg = doc.createElementNS(SVG, 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  const path = doc.createElementNS(SVG, 'path');
  path.setAttribute('d', ICON);
  svg.append(path);
  const button = h(doc, 'button', {
    type: 'button',
    class: `nc-fab nc-fab--${model.position}`,
    'aria-label': model.label,
    title: model.label,
    lang: model.language,
    dir: model.rtl ? 'rtl' : undefined,
    'data-nc-view': 'floating-button',
  });
  button.append(svg);
  button.addEventListener('click', onClick);
  return button;
}
