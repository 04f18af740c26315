/**
 * The core's side of the UI: it loads the UI file when a view is first needed
 * (at once for a banner; on first use for the preference centre or a
 * placeholder), draws the floating button itself, and fails closed when the
 * file cannot be loaded — one console error, nothing granted, and a fallback
 * banner that still offers accept and refuse.
 */
import type { Category } from '../store/consent-record.js';
import type { UiCore, UiViews } from '../ui/ui-module.js';
import { createStyleAdopter, mountRoot, type UiRoot } from '../ui/mount-root.js';
import baseCss from '../ui/base.css?inline';
import type { CoreTexts } from './core-texts.js';
import { createFallbackBanner } from './fallback-banner.js';
import { createFloatingButton } from './floating-button.js';
import { placeholderSlot } from './placeholder-slot.js';

/** Any element with this attribute opens the preference centre (a footer link, a button). */
export const OPEN_ATTRIBUTE = 'data-nexus-consent-open';

/** What loads the UI: `import()` of the UI file (script tag) or of its lazy chunk (npm). */
export type UiLoader = () => Promise<{ createUi(core: UiCore): UiViews }>;

export interface UiHostOptions {
  readonly doc: Document;
  readonly load: UiLoader;
  /** The interface the UI gets, minus what the host itself provides. */
  readonly core: Omit<UiCore, 'root' | 'baseCss'>;
  readonly texts: CoreTexts;
  readonly rtl: boolean;
  readonly nonce: string | undefined;
}

export interface UiHost {
  showBanner(): void;
  showPreferences(): void;
  /** After a decision: banner and dialog closed, the floating button shown. */
  hide(): void;
  showPlaceholder(frame: HTMLIFrameElement, category: Category, service: string | undefined): void;
  removePlaceholder(frame: HTMLIFrameElement): void;
  destroy(): void;
}

type View = 'banner' | 'preferences' | 'none';

export function createUiHost(options: UiHostOptions): UiHost {
  const { doc, core, texts } = options;
  const { config, language } = core;
  let root: UiRoot | undefined;
  const adoptStyles = createStyleAdopter(doc, options.nonce, config.theme, baseCss);
  const shadow = () => (root ??= mountRoot(doc, adoptStyles)).shadow;

  /** What the visitor should see now; applied when the UI arrives. */
  let view: View = 'none';
  /** The view the preference centre was opened over: closing it without a decision goes back to it. */
  let before: View = 'none';
  let ui: UiViews | undefined;
  let loading: Promise<void> | undefined;
  let failed = false;
  let destroyed = false;
  /** Held embeds waiting for the UI: their slot (already in place) and what to say in it. */
  const placeholders = new Map<HTMLIFrameElement, [Category, string | undefined, HTMLElement]>();
  let fab: HTMLElement | undefined;
  let fallback: HTMLElement | undefined;
  /**
   * The floating button waits for the page's first paint: a returning visitor's
   * first view owes the SDK no DOM, style or layout work (issue #15); a button a
   * frame later is never missed.
   */
  let painted = false;
  afterFirstPaint(doc.defaultView!, () => {
    painted = true;
    if (!destroyed) setFab(fabWanted());
  });

  const load = () =>
    (loading ??= options
      .load()
      .then((module) => {
        if (destroyed) return;
        ui = module.createUi({ ...core, root: shadow, baseCss });
        // Escape or × closes the dialog without a decision: back to what it was
        // opened over. `close` does not bubble (and the UI's only dialog fires it): capture.
        shadow().addEventListener(
          'close',
          (event) => {
            // The event comes a task later: a dialog opened again meanwhile is not closed.
            if (view !== 'preferences' || (event.target as HTMLDialogElement).open) return;
            view = before;
            setFab(fabWanted());
          },
          true,
        );
        for (const [frame, [category, service, slot]] of placeholders) ui.showPlaceholder(frame, category, service, slot);
        placeholders.clear();
      })
      .catch((error: unknown) => {
        failed = true;
        // The held embeds stay held, as they are: no placeholder without the UI.
        for (const frame of [...placeholders.keys()]) host.removePlaceholder(frame);
        core.error('the consent banner could not be loaded, so nothing is granted; a minimal banner still offers the choice. Host the UI file beside the SDK (README, "Files to host"):', error);
      })
      .then(() => {
        if (!destroyed) show();
      }));

  /** Applies `view` with whatever is available: the UI, the fallback, or a load. */
  const show = () => {
    setFallback(failed && view !== 'none');
    if (view === 'none') ui?.hide();
    else if (ui && view === 'banner') ui.showBanner();
    else if (ui) ui.showPreferences();
    else if (!failed) void load();
    setFab(fabWanted());
  };
  /**
   * After a decision, and under a dialog opened from it: the button stays in
   * place (inert behind the modal) so that the dialog's own close returns focus
   * to it (WCAG 2.4.3) and it is there to reopen the dialog.
   */
  const fabWanted = () => (view === 'preferences' && !failed ? before : view) === 'none';
  const setFallback = (visible: boolean) => {
    if (visible && !fallback) {
      fallback = createFallbackBanner(doc, texts, language, (accept) => (accept ? core.acceptAll() : core.rejectAll()));
      shadow().append(fallback);
    } else if (!visible && fallback) {
      fallback.remove();
      fallback = undefined;
    }
  };
  const setFab = (visible: boolean) => {
    if (!config.floatingButton || (!visible && !fab) || !painted) return;
    const model = { position: config.floatingButton, label: texts.manage, language, rtl: options.rtl };
    fab ??= shadow().appendChild(createFloatingButton(doc, model, () => host.showPreferences()));
    fab.hidden = !visible;
  };

  const onOpenClick = (event: Event) => {
    const target = event.target as Element | null;
    if (!target?.closest?.(`[${OPEN_ATTRIBUTE}]`)) return;
    event.preventDefault();
    host.showPreferences();
  };
  doc.addEventListener('click', onOpenClick);

  const host: UiHost = {
    showBanner() {
      view = 'banner';
      show();
    },
    // Without the UI file, the fallback's two buttons are the whole choice.
    showPreferences() {
      if (view !== 'preferences') before = view;
      view = 'preferences';
      show();
    },
    hide() {
      view = 'none';
      show();
    },
    showPlaceholder(frame, category, service) {
      if (!frame.parentNode) return;
      if (ui) ui.showPlaceholder(frame, category, service);
      else if (!failed && !placeholders.has(frame)) {
        placeholders.set(frame, [category, service, placeholderSlot(doc, frame)]);
        void load();
      }
    },
    removePlaceholder(frame) {
      const waiting = placeholders.get(frame);
      if (waiting) {
        placeholders.delete(frame);
        waiting[2].remove();
        frame.hidden = false;
      }
      ui?.removePlaceholder(frame);
    },
    destroy() {
      destroyed = true;
      doc.removeEventListener('click', onOpenClick);
      ui?.destroy();
      root?.remove();
      root = ui = fab = fallback = undefined;
    },
  };
  return host;
}

/** Runs `run` after the next frame is painted: a task queued from an animation frame callback runs once that frame is out. */
function afterFirstPaint(win: Window, run: () => void): void {
  if (typeof win.requestAnimationFrame === 'function') win.requestAnimationFrame(() => win.setTimeout(run, 0));
  else win.setTimeout(run, 0);
}
