/**
 * The preference centre: a modal dialog with one switch per category and, under
 * it, one per service (EDPB 05/2020 §3.1.3: consent per purpose, and partners
 * named), each service with its vendor, purpose, policy and cookies. A category
 * with some services on and some off shows as mixed. *Tout accepter*, *Tout
 * refuser* and *Enregistrer mes choix* share one style. Built on the native
 * <dialog>: showModal() makes the page behind it inert, Escape closes it, and
 * focus returns on close. Closing never grants anything.
 */
import type { Category, Choices } from '../store/consent-record.js';
import { createElement as h } from './create-element.js';
import { trapFocus } from './focus.js';
import { dirAttribute, type UiCategory, type UiModel, type UiService } from './view-model.js';

/** Service id → its category and whether it is on. */
export type ServiceSwitches = Readonly<Record<string, { readonly category: Category; readonly allowed: boolean }>>;

export type DialogAction =
  | { readonly type: 'accept-all' }
  | { readonly type: 'reject-all' }
  | { readonly type: 'save'; readonly choices: Choices; readonly services: ServiceSwitches };

export interface PreferencesDialog {
  readonly element: HTMLDialogElement;
  /** Opens with the current choices and the services known now (the list is rebuilt each time, so it is never stale). */
  open(services: readonly UiService[], isGranted: (category: Category, service?: string) => boolean): void;
  close(): void;
}

interface CategoryControls {
  readonly input: HTMLInputElement;
  readonly services: Map<string, HTMLInputElement>;
}

export function createPreferencesDialog(
  doc: Document,
  model: UiModel,
  onAction: (action: DialogAction) => void,
): PreferencesDialog {
  const { texts } = model;
  let controls = new Map<Category, CategoryControls>();

  /** Mixed when some services are on and some off; the category then grants only those on. */
  const syncCategory = ({ input, services }: CategoryControls) => {
    const states = [...services.values()].map((s) => s.checked);
    if (states.length === 0) return;
    const on = states.filter(Boolean).length;
    input.indeterminate = on > 0 && on < states.length;
    input.checked = on === states.length;
  };

  const serviceItem = (service: UiService, category: CategoryControls) => {
    const inputId = `nc-service-${service.id}`;
    const input = h(doc, 'input', { type: 'checkbox', class: 'nc-switch', id: inputId, 'aria-describedby': `${inputId}-desc` });
    input.addEventListener('change', () => syncCategory(category));
    category.services.set(service.id, input);
    return h(doc, 'li', { class: 'nc-service', 'data-service': service.id }, [
      h(doc, 'div', { class: 'nc-row' }, [h(doc, 'label', { class: 'nc-label', for: inputId }, [service.name]), input]),
      h(doc, 'p', { class: 'nc-text', id: `${inputId}-desc` }, [
        service.vendor && `${service.vendor}. `,
        service.description,
      ]),
      service.policyUrl &&
        h(doc, 'p', { class: 'nc-text' }, [
          h(doc, 'a', { class: 'nc-link', href: service.policyUrl, target: '_blank', rel: 'noopener noreferrer' }, [
            `${texts.vendorPolicy} (${service.vendor ?? service.name})`,
          ]),
        ]),
      service.cookies.length > 0 &&
        h(doc, 'table', { class: 'nc-cookies' }, [
          h(doc, 'caption', {}, [`${texts.cookiesLabel} (${service.name})`]),
          h(doc, 'thead', {}, [
            h(doc, 'tr', {}, [texts.cookieName, texts.cookiePurpose, texts.cookieLifetime].map((t) => h(doc, 'th', { scope: 'col' }, [t]))),
          ]),
          h(
            doc,
            'tbody',
            {},
            service.cookies.map((c) =>
              h(doc, 'tr', {}, [
                h(doc, 'td', {}, [c.name]),
                // Catalogue texts in another language say so (WCAG 3.1.2, language of parts).
                ...[c.purpose ?? '', c.lifetime ?? ''].map((t) => h(doc, 'td', c.lang ? { lang: c.lang } : {}, [t])),
              ]),
            ),
          ),
        ]),
    ]);
  };

  const categoryItem = (category: UiCategory, services: readonly UiService[]) => {
    const inputId = `nc-switch-${category.id}`;
    const descriptionId = `nc-desc-${category.id}`;
    const input = h(doc, 'input', {
      type: 'checkbox',
      class: 'nc-switch',
      id: inputId,
      'aria-describedby': descriptionId,
      checked: category.locked,
      disabled: category.locked,
    });
    const own = services.filter((s) => s.category === category.id);
    const item: CategoryControls = { input, services: new Map() };
    if (!category.locked) controls.set(category.id, item);
    input.addEventListener('change', () => {
      for (const service of item.services.values()) service.checked = input.checked;
    });
    return h(doc, 'li', { class: 'nc-category', 'data-category': category.id }, [
      h(doc, 'div', { class: 'nc-row' }, [
        h(doc, 'label', { class: 'nc-label', for: inputId }, [category.label]),
        category.locked && h(doc, 'span', { class: 'nc-state' }, [texts.alwaysOn]),
        input,
      ]),
      h(doc, 'p', { class: 'nc-text', id: descriptionId }, [category.description]),
      own.length > 0 &&
        h(doc, 'details', { class: 'nc-services' }, [
          h(doc, 'summary', {}, [`${texts.servicesLabel} (${own.length})`]),
          h(doc, 'ul', { class: 'nc-list' }, own.map((s) => serviceItem(s, item))),
        ]),
    ]);
  };

  const button = (label: string, action: () => DialogAction, kind: string) => {
    const el = h(doc, 'button', { type: 'button', class: 'nc-btn', 'data-action': kind }, [label]);
    el.addEventListener('click', () => onAction(action()));
    return el;
  };
  const saveAction = (): DialogAction => {
    const choices: Partial<Record<Category, boolean>> = {};
    const services: Record<string, { category: Category; allowed: boolean }> = {};
    for (const [id, { input, services: own }] of controls) {
      // Mixed: the category stays denied and only the chosen services are allowed,
      // so a service added later still needs consent.
      choices[id] = input.checked && !input.indeterminate;
      for (const [service, switchInput] of own) services[service] = { category: id, allowed: switchInput.checked };
    }
    return { type: 'save', choices, services };
  };
  const closeButton = h(doc, 'button', { type: 'button', class: 'nc-close', 'aria-label': texts.close }, ['×']);
  const list = h(doc, 'ul', { class: 'nc-list' });

  const element = h(
    doc,
    'dialog',
    {
      class: 'nc-dialog',
      'aria-labelledby': 'nc-dialog-title',
      'aria-describedby': 'nc-dialog-text',
      lang: model.language,
      dir: dirAttribute(model),
      'data-nc-view': 'preferences',
    },
    [
      h(doc, 'div', { class: 'nc-dialog__inner' }, [
        h(doc, 'div', { class: 'nc-row' }, [h(doc, 'h2', { class: 'nc-title', id: 'nc-dialog-title' }, [texts.dialogTitle]), closeButton]),
        h(doc, 'p', { class: 'nc-text', id: 'nc-dialog-text' }, [texts.dialogText, ' ', texts.withdrawNote]),
        list,
        h(doc, 'p', { class: 'nc-text' }, [h(doc, 'a', { class: 'nc-link', href: model.privacyPolicyUrl }, [texts.privacyPolicy])]),
        h(doc, 'div', { class: 'nc-actions' }, [
          button(texts.acceptAll, () => ({ type: 'accept-all' }), 'accept-all'),
          button(texts.rejectAll, () => ({ type: 'reject-all' }), 'reject-all'),
          button(texts.save, saveAction, 'save'),
        ]),
      ]),
    ],
  );
  closeButton.addEventListener('click', () => element.close());
  trapFocus(element);

  return {
    element,
    open(services, isGranted) {
      controls = new Map();
      list.replaceChildren(...model.categories.map((c) => categoryItem(c, services)));
      for (const [id, item] of controls) {
        item.input.checked = isGranted(id);
        for (const [service, input] of item.services) input.checked = isGranted(id, service);
        syncCategory(item);
        // Every listed service allowed one by one is not the category granted
        // (a service found later would still need consent): mixed, not checked.
        if (item.input.checked && !isGranted(id)) item.input.indeterminate = true;
      }
      if (!element.open) element.showModal();
    },
    close() {
      if (element.open) element.close();
    },
  };
}
