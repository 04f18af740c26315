/**
 * Vector 8: an embed (video, map, social post) that waits for consent is
 * replaced, where it stands, by a placeholder that says which service and
 * category it needs and offers to allow that one service — never its whole
 * category, a decision the visitor did not make. The iframe stays in the DOM,
 * hidden, so that release puts it back in its exact place.
 */
import { createElement as h } from './create-element.js';
import type { StyleAdopter } from './mount-root.js';
import { PLACEHOLDER_ATTRIBUTE, placeholderSlot } from '../ui-host/placeholder-slot.js';
import { dirAttribute, type UiModel } from './view-model.js';

export { PLACEHOLDER_ATTRIBUTE };

export interface EmbedInfo {
  readonly category: string;
  /** The service's id, when known: the button allows that service alone. */
  readonly service: string | undefined;
  /** Its name as visitors know it (`YouTube`). */
  readonly name?: string | undefined;
}

/**
 * Fills `{service}` and `{category}` with text taken literally: a function
 * replacement, so `$&`, `$'` or `` $` `` in a title or name stay as written
 * (a replacement string would expand them).
 */
export function fillTemplate(text: string, values: Readonly<Record<'service' | 'category', string>>): string {
  return text.replace(/\{(service|category)\}/g, (_, key: 'service' | 'category') => values[key]);
}

export interface Placeholders {
  /** `slot`: the box the core already put in the frame's place (placeholder-slot.ts). */
  show(frame: HTMLIFrameElement, info: EmbedInfo, slot?: HTMLElement): void;
  remove(frame: HTMLIFrameElement): void;
}

export function createPlaceholders(
  doc: Document,
  model: UiModel,
  adoptStyles: StyleAdopter,
  allow: (frame: HTMLIFrameElement, category: string, service: string | undefined) => void,
): Placeholders {
  const shown = new WeakMap<HTMLIFrameElement, HTMLElement>();
  return {
    show(frame, info, slot) {
      if (shown.get(frame)?.isConnected || !(slot?.isConnected || frame.parentNode)) return;
      const category = model.categories.find((c) => c.id === info.category)?.label ?? info.category;
      // The service's name; for an embed nobody knows, the page's own title for it.
      const service = info.name ?? frame.getAttribute('title') ?? category;
      const fill = (text: string) => fillTemplate(text, { service, category });
      const host = slot?.isConnected ? slot : placeholderSlot(doc, frame);
      const shadow = host.attachShadow({ mode: 'open' });
      adoptStyles(shadow);
      const button = h(doc, 'button', { type: 'button', class: 'nc-btn' }, [fill(model.texts.placeholderAllow)]);
      button.addEventListener('click', () => allow(frame, info.category, info.service));
      shadow.append(
        h(doc, 'div', { class: 'nc-placeholder', role: 'group', 'aria-label': fill(model.texts.placeholderLabel), lang: model.language, dir: dirAttribute(model) }, [
          h(doc, 'p', { class: 'nc-text' }, [fill(model.texts.placeholderText)]),
          button,
        ]),
      );
      shown.set(frame, host);
    },
    remove(frame) {
      const host = shown.get(frame);
      if (!host) return;
      host.remove();
      shown.delete(frame);
      frame.hidden = false;
    },
  };
}
