/**
 * The on-demand half of the SDK: banner, preference centre, placeholders,
 * styles, texts and service details. The core loads it when a view is needed —
 * the script tag as dist/nexus-consent.ui.min.js from its own URL, an npm
 * bundle as a lazy chunk through `import()` — and talks to it only through
 * `UiCore`: what to show, and what the visitor decided. It never touches the
 * blocker or the store.
 */
import { sanitizeServiceDetails, type ServiceDetails } from '../catalogue/service-details.js';
import type { ResolvedConfig } from '../config/types.js';
import { resolveTexts, textDirection } from '../i18n/resolve-texts.js';
import type { Category, Choices } from '../store/consent-record.js';
import { createUi as createViews, type Ui } from './create-ui.js';
import type { ServiceSwitches } from './preferences-dialog.js';
import { displayName, uiCategories, uiServices, type FoundService, type UiModel } from './view-model.js';

export type { Ui } from './create-ui.js';

/** The core as the UI sees it: the config, where to mount, and the decisions it may take. */
export interface UiCore {
  readonly doc: Document;
  readonly config: ResolvedConfig;
  /** The language the core chose (it labels the floating button in it too). */
  readonly language: string;
  /** Global Privacy Control is on and honoured. */
  readonly gpc: boolean;
  /** The core's shadow root (it holds the floating button), mounted on first use. */
  root(): ShadowRoot;
  /** The core's own stylesheet (custom properties, themes, floating button), shared so the UI does not ship it twice. */
  readonly baseCss: string;
  error(...args: unknown[]): void;
  acceptAll(): void;
  rejectAll(): void;
  save(choices: Choices, services: ServiceSwitches): void;
  allow(frame: HTMLIFrameElement, category: Category, service: string | undefined): void;
  isGranted(category: Category, service?: string): boolean;
  /** Services the page and the blocker revealed, asked each time the preference centre opens. */
  found(): FoundService[];
  /** The catalogue's entry for a service id. */
  describeService(id: string): { readonly name?: string | undefined; readonly category: Category } | undefined;
  shown(view: 'banner' | 'preferences'): void;
}

/** The UI's side of the interface: what the core asks it to show. */
export interface UiViews extends Omit<Ui, 'placeholders'> {
  showPlaceholder(frame: HTMLIFrameElement, category: Category, service: string | undefined, slot?: HTMLElement): void;
  removePlaceholder(frame: HTMLIFrameElement): void;
}

export function createUi(core: UiCore): UiViews {
  const { doc, config, language } = core;
  const model = uiModel(config, language, core.gpc);
  const problem = (text: string) => core.error(`serviceDetails: ${text}`);
  let details: ServiceDetails | undefined =
    typeof config.serviceDetails === 'object' ? sanitizeServiceDetails(config.serviceDetails, problem) : undefined;
  if (typeof config.serviceDetails === 'string') {
    const url = config.serviceDetails;
    const win = doc.defaultView!;
    // A 404 page or any other file fails to parse or to pass the check: logged, the dialog goes on without.
    const load = () =>
      win
        .fetch(url)
        .then((response) => response.json())
        .then((data: unknown) => {
          details = sanitizeServiceDetails(data, problem);
        })
        .catch((error: unknown) => core.error(`serviceDetails: could not load ${url}:`, error));
    if (doc.readyState === 'complete') void load();
    else win.addEventListener('load', () => void load(), { once: true });
  }
  /** A service's name as visitors know it: the site's config, the catalogue, else its id in words. */
  const serviceName = (service: string): string =>
    config.categories.flatMap((c) => c.services).find((s) => s.id === service)?.name ??
    core.describeService(service)?.name ??
    displayName(service);

  const views = createViews(doc, model, config.nonce, core.root, core.baseCss, {
    acceptAll: core.acceptAll,
    rejectAll: core.rejectAll,
    save: core.save,
    allow: core.allow,
    isGranted: core.isGranted,
    services: () => uiServices(config.categories, core.found(), language, model.categories, details),
    shown: core.shown,
  });
  return {
    showBanner: views.showBanner,
    showPreferences: views.showPreferences,
    hide: views.hide,
    destroy: views.destroy,
    showPlaceholder: (frame, category, service, slot) =>
      views.placeholders.show(frame, { category, service, name: service && serviceName(service) }, slot),
    removePlaceholder: (frame) => views.placeholders.remove(frame),
  };
}

function uiModel(config: ResolvedConfig, language: string, gpc: boolean): UiModel {
  const texts = resolveTexts(language, config.texts);
  return {
    language,
    direction: textDirection(language),
    texts,
    privacyPolicyUrl: config.privacyPolicyUrl,
    categories: uiCategories(config.categories, texts, language),
    layout: config.layout,
    theme: config.theme,
    floatingButton: config.floatingButton,
    gpc,
  };
}
