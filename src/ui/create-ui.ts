/**
 * Shows and hides the banner, the preference centre and the button that
 * reopens it, and turns clicks into decisions through the callbacks it is
 * given. It owns no consent state.
 */
import type { Category, Choices } from '../store/consent-record.js';
import { createBanner } from './banner.js';
import { createStyleAdopter } from './mount-root.js';
import css from './styles.css?inline';
import { createPreferencesDialog, type PreferencesDialog, type ServiceSwitches } from './preferences-dialog.js';
import { createPlaceholders, type Placeholders } from './embed-placeholder.js';
import type { UiModel, UiService } from './view-model.js';

export interface UiCallbacks {
  acceptAll(): void;
  rejectAll(): void;
  save(choices: Choices, services: ServiceSwitches): void;
  /** Allow one embed's service, or that embed alone when its service is unknown (from its placeholder). */
  allow(frame: HTMLIFrameElement, category: Category, service: string | undefined): void;
  isGranted(category: Category, service?: string): boolean;
  /** The services to list, asked each time the preference centre opens. */
  services(): readonly UiService[];
  /** Told when a view opens, for the `show` event. */
  shown(view: 'banner' | 'preferences'): void;
}

export interface Ui {
  /** Placeholders of blocked embeds. */
  readonly placeholders: Placeholders;
  showBanner(): void;
  showPreferences(): void;
  /** Hides the banner and the dialog (after a decision). */
  hide(): void;
  destroy(): void;
}

/**
 * `root` is the core's shadow root (it also holds the floating button), given
 * the core's `baseCss` and this file's styles on first use.
 */
export function createUi(
  doc: Document,
  model: UiModel,
  nonce: string | undefined,
  root: () => ShadowRoot,
  baseCss: string,
  callbacks: UiCallbacks,
): Ui {
  let banner: HTMLElement | undefined;
  let dialog: PreferencesDialog | undefined;
  let styled: ShadowRoot | undefined;
  const adoptStyles = createStyleAdopter(doc, nonce, model.theme, baseCss + css);
  const shadow = () => {
    const mounted = root();
    if (styled !== mounted) adoptStyles((styled = mounted));
    return mounted;
  };

  const getBanner = () => {
    if (!banner) {
      banner = createBanner(doc, model, (action) => {
        if (action === 'accept-all') callbacks.acceptAll();
        else if (action === 'customise') ui.showPreferences();
        // "Continuer sans accepter" is a refusal, recorded as one (CNIL).
        else callbacks.rejectAll();
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
        else callbacks.save(action.choices, action.services);
      });
      shadow().append(dialog.element);
    }
    return dialog;
  };

  // WCAG 2.4.11 (focus not obscured): while a bar or box covers an edge of the
  // viewport, a page element that takes focus underneath it is scrolled clear.
  // (Browsers ignore scroll-padding when they scroll to a focused element.)
  const onFocusIn = (event: FocusEvent) => {
    const target = event.target as Element | null;
    if (!banner || banner.hidden || model.layout === 'modal' || !target?.getBoundingClientRect || target === styled?.host) return;
    const win = doc.defaultView!;
    // After the browser has scrolled the element into view, its own way.
    win.requestAnimationFrame(() => {
      if (!banner || banner.hidden) return;
      const covered = banner.getBoundingClientRect();
      const rect = target.getBoundingClientRect();
      if (rect.bottom <= covered.top || rect.top >= covered.bottom || rect.right <= covered.left || rect.left >= covered.right) return;
      win.scrollBy(0, model.layout === 'bar-top' ? rect.top - covered.bottom - 8 : rect.bottom - covered.top + 8);
    });
  };
  doc.addEventListener('focusin', onFocusIn);
  // The last links of a page (its footer) could never scroll clear of a bottom
  // bar: while the banner shows, an empty block after the page gives them room.
  // Appended last, it moves nothing (no layout shift). A ResizeObserver sizes it
  // after each layout the browser does anyway — reading the banner's height at
  // DOMContentLoaded would force one before the first paint — and keeps it the
  // banner's height when a narrower window makes the banner wrap.
  let spacer: HTMLElement | undefined;
  let sizer: ResizeObserver | undefined;
  const setSpacer = (on: boolean) => {
    if (!on || model.layout === 'modal' || model.layout === 'bar-top' || !banner?.isConnected || !doc.body) {
      sizer?.disconnect();
      sizer = undefined;
      spacer?.remove();
      spacer = undefined;
      return;
    }
    const block = (spacer ??= doc.createElement('div'));
    block.setAttribute('aria-hidden', 'true');
    block.setAttribute('data-nexus-consent-spacer', '');
    if (block.parentNode !== doc.body) doc.body.append(block);
    const height = (px: number) => (block.style.height = `${Math.ceil(px)}px`);
    const Observer = doc.defaultView?.ResizeObserver;
    if (!Observer) height(banner.getBoundingClientRect().height);
    else if (!sizer) {
      sizer = new Observer(([entry]) => entry && height(entry.borderBoxSize?.[0]?.blockSize ?? entry.target.getBoundingClientRect().height));
      sizer.observe(banner);
    }
  };

  const ui: Ui = {
    placeholders: createPlaceholders(doc, model, adoptStyles, callbacks.allow),
    showBanner() {
      getBanner().hidden = false;
      if (doc.readyState === 'loading') doc.addEventListener('DOMContentLoaded', () => setSpacer(!banner?.hidden), { once: true });
      else setSpacer(true);
      callbacks.shown('banner');
    },
    showPreferences() {
      const view = getDialog();
      // showModal() needs a connected dialog: wait for <body> if the page is still in <head>.
      if (view.element.isConnected) {
        view.open(callbacks.services(), callbacks.isGranted);
        callbacks.shown('preferences');
      } else {
        doc.addEventListener('DOMContentLoaded', () => ui.showPreferences(), { once: true });
      }
    },
    hide() {
      if (banner) banner.hidden = true;
      setSpacer(false);
      dialog?.close();
    },
    destroy() {
      doc.removeEventListener('focusin', onFocusIn);
      setSpacer(false);
      banner?.remove();
      dialog?.element.remove();
      banner = dialog = undefined;
    },
  };
  return ui;
}
