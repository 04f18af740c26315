/**
 * When the UI file cannot be loaded (a 404, a CSP that refuses it, a network
 * error): nothing is granted, and this banner still lets the visitor accept or
 * refuse — two equal buttons, no more. It is the core's, so it needs nothing
 * but the core's strings and base.css.
 */
import { createElement as h } from '../ui/create-element.js';
import type { CoreTexts } from './core-texts.js';

export function createFallbackBanner(
  doc: Document,
  texts: CoreTexts,
  language: string,
  choose: (accept: boolean) => void,
): HTMLElement {
  const button = (label: string, accept: boolean) => {
    const element = h(doc, 'button', { type: 'button' }, [label]);
    element.addEventListener('click', () => choose(accept));
    return element;
  };
  return h(doc, 'section', { class: 'nc-fallback', 'aria-label': texts.bannerLabel, lang: language, 'data-nc-view': 'fallback' }, [
    h(doc, 'p', {}, [texts.bannerTitle]),
    button(texts.rejectAll, false),
    button(texts.acceptAll, true),
  ]);
}
