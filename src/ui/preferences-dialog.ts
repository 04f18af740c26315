/**
 * The second layer: a modal dialog with one switch per category (off unless
 * already granted; `necessary` always on), what each is for, and the same
 * accept/refuse buttons beside "save". Built on the native <dialog>: showModal()
 * makes the page behind it inert, Escape closes it, focus returns on close.
 * Closing never grants anything.
 */
import type { Category, Choices } from '../store/consent-record.js';
import { createElement as h } from './create-element.js';
import type { UiModel } from './view-model.js';

export type DialogAction =
  | { readonly type: 'accept-all' }
  | { readonly type: 'reject-all' }
  | { readonly type: 'save'; readonly choices: Choices };

export interface PreferencesDialog {
  readonly element: HTMLDialogElement;
  open(isGranted: (category: Category) => boolean): void;
  close(): void;
}

export function createPreferencesDialog(
  doc: Document,
  model: UiModel,
  onAction: (action: DialogAction) => void,
): PreferencesDialog {
  const { texts } = model;
  const switches = new Map<Category, HTMLInputElement>();

  const categoryItem = (category: UiModel['categories'][number]) => {
    const inputId = `nc-switch-${category.id}`;
    const descriptionId = `nc-desc-${category.id}`;
    const input = h(doc, 'input', {
      type: 'checkbox',
      role: 'switch',
      class: 'nc-switch',
      id: inputId,
      'aria-describedby': descriptionId,
      checked: category.locked,
      disabled: category.locked,
    });
    if (!category.locked) switches.set(category.id, input);
    return h(doc, 'li', { class: 'nc-category', 'data-category': category.id }, [
      h(doc, 'div', { class: 'nc-category__head' }, [
        h(doc, 'label', { class: 'nc-category__label', for: inputId }, [category.label]),
        category.locked && h(doc, 'span', { class: 'nc-category__state' }, [texts.alwaysOn]),
        input,
      ]),
      h(doc, 'p', { class: 'nc-text', id: descriptionId }, [
        category.description,
        category.services.length > 0 && ` ${texts.servicesLabel} ${category.services.join(', ')}.`,
      ]),
    ]);
  };

  const button = (label: string, action: () => DialogAction, kind: string) => {
    const el = h(doc, 'button', { type: 'button', class: 'nc-btn', 'data-action': kind }, [label]);
    el.addEventListener('click', () => onAction(action()));
    return el;
  };
  const closeButton = h(doc, 'button', { type: 'button', class: 'nc-close', 'aria-label': texts.close }, ['×']);

  const element = h(
    doc,
    'dialog',
    {
      class: 'nc-dialog',
      'aria-labelledby': 'nc-dialog-title',
      'aria-describedby': 'nc-dialog-text',
      lang: model.language,
      'data-nc-view': 'preferences',
    },
    [
      h(doc, 'div', { class: 'nc-dialog__inner' }, [
        h(doc, 'div', { class: 'nc-dialog__head' }, [
          h(doc, 'h2', { class: 'nc-title', id: 'nc-dialog-title' }, [texts.dialogTitle]),
          closeButton,
        ]),
        h(doc, 'p', { class: 'nc-text', id: 'nc-dialog-text' }, [texts.dialogText]),
        h(doc, 'ul', { class: 'nc-categories' }, model.categories.map(categoryItem)),
        h(doc, 'p', { class: 'nc-text' }, [
          h(doc, 'a', { class: 'nc-link', href: model.privacyPolicyUrl }, [texts.privacyPolicy]),
        ]),
        h(doc, 'div', { class: 'nc-actions' }, [
          button(texts.acceptAll, () => ({ type: 'accept-all' }), 'accept-all'),
          button(texts.rejectAll, () => ({ type: 'reject-all' }), 'reject-all'),
          button(
            texts.save,
            () => ({ type: 'save', choices: Object.fromEntries([...switches].map(([id, input]) => [id, input.checked])) }),
            'save',
          ),
        ]),
      ]),
    ],
  );
  closeButton.addEventListener('click', () => element.close());

  return {
    element,
    open(isGranted) {
      for (const [id, input] of switches) input.checked = isGranted(id);
      if (!element.open) element.showModal();
    },
    close() {
      if (element.open) element.close();
    },
  };
}
