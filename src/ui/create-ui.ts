/**
 * Shows and hides the banner and the preferences dialog, and turns clicks into
 * decisions through the callbacks it is given. It owns no consent state.
 */
import type { Category, Choices } from '../store/consent-record.js';
import { createBanner } from './banner.js';
import { createStyleAdopter, mountRoot, type UiRoot } from './mount-root.js';
import { createPreferencesDialog, type PreferencesDialog } from './preferences-dialog.js';
import { createPlaceholders, type Placeholders } from './embed-placeholder.js';
import type { UiModel } from './view-model.js';

export interface UiCallbacks {
  acceptAll(): void;
  rejectAll(): void;
  save(choices: Choices): void;
  /** Grant one category (from an embed's placeholder). */
  allow(category: Category): void;
  isGranted(category: Category): boolean;
  /** Told when a view opens, for the `show` event. */
  shown(view: 'banner' | 'preferences'): void;
}

export interface Ui {
  /** Placeholders of blocked embeds. */
  readonly placeholders: Placeholders;
  showBanner(): void;
  showPreferences(): void;
  /** Hides both views (after a decision). */
  hide(): void;
  destroy(): void;
}

export function createUi(doc: Document, model: UiModel, nonce: string | undefined, callbacks: UiCallbacks): Ui {
  let root: UiRoot | undefined;
  let banner: HTMLElement | undefined;
  let dialog: PreferencesDialog | undefined;
  const adoptStyles = createStyleAdopter(doc, nonce);
  const shadow = () => (root ??= mountRoot(doc, adoptStyles)).shadow;

  const getBanner = () => {
    if (!banner) {
      banner = createBanner(doc, model, (action) => {
        if (action === 'accept-all') callbacks.acceptAll();
        else if (action === 'reject-all') callbacks.rejectAll();
        else ui.showPreferences();
      });
      shadow().append(banner);
    }
    return banner;
  };
  const getDialog = () => {
    if (!dialog) {
      dialog = createPreferencesDialog(doc, model, (action) => {
        if (action.type === 'accept-all') callbacks.acceptAll();
        else if (action.type === 'reject-all') callbacks.rejectAll();
        else callbacks.save(action.choices);
      });
      shadow().append(dialog.element);
    }
    return dialog;
  };

  const ui: Ui = {
    placeholders: createPlaceholders(doc, model, adoptStyles, callbacks.allow),
    showBanner() {
      getBanner().hidden = false;
      callbacks.shown('banner');
    },
    showPreferences() {
      const view = getDialog();
      // showModal() needs a connected dialog: wait for <body> if the page is still in <head>.
      if (view.element.isConnected) {
        view.open(callbacks.isGranted);
        callbacks.shown('preferences');
      } else {
        doc.addEventListener('DOMContentLoaded', () => ui.showPreferences(), { once: true });
      }
    },
    hide() {
      if (banner) banner.hidden = true;
      dialog?.close();
    },
    destroy() {
      root?.remove();
      root = banner = dialog = undefined;
    },
  };
  return ui;
}
