/**
 * The one place that wires the pieces together: config → store → state →
 * events, marked-up tags and UI. Everything it creates belongs to the returned
 * instance; two instances never share state.
 */
import { nanoid } from 'nanoid';
import type { BrowserWindow } from './browser-window.js';
import type { ConsentApi, ConsentChange, ConsentEvents } from './api.js';
import { validateConfig } from './config/validate-config.js';
import type { ConsentConfig } from './config/types.js';
import { dispatchDomEvent } from './events/dom-events.js';
import { createEmitter } from './events/emitter.js';
import { containsInertTag, findReleasable } from './blocker/marked-up-tags.js';
import { createReleaser } from './blocker/release.js';
import { resolveLanguage, resolveTexts, BUILT_IN_TEXTS } from './i18n/resolve-texts.js';
import { createLogger } from './logger.js';
import {
  allChoices,
  decide,
  isGranted as stateGrants,
  NECESSARY,
  UNDECIDED,
  type Category,
  type Choices,
  type ConsentMethod,
  type ConsentState,
  type DecisionContext,
} from './store/consent-record.js';
import { createCookieJar } from './store/cookie-jar.js';
import { createStore } from './store/create-store.js';
import { createUi, type Ui } from './ui/create-ui.js';
import { uiCategories } from './ui/view-model.js';

export interface ConsentEnvironment {
  /** The window to run in. @default globalThis.window */
  readonly window?: BrowserWindow;
}

/**
 * Creates the consent manager for this page: reads the stored decision, shows
 * the banner when there is none, and releases marked-up tags as categories are
 * granted. Throws a ConsentConfigError naming the bad field for a broken config.
 */
export function createConsent(config: ConsentConfig, env: ConsentEnvironment = {}): ConsentApi {
  const resolved = validateConfig(config);
  const win = env.window ?? (globalThis as { window?: BrowserWindow }).window;
  if (!win) {
    throw new Error('nexus-consent: createConsent() needs a browser window; call it in the browser, not during server-side rendering');
  }
  const doc = win.document;
  const log = createLogger(win.console, resolved.debug);

  const categories = resolved.categories.map((c) => c.id).filter((c) => c !== NECESSARY);
  const context = (): DecisionContext => ({
    categories,
    revision: resolved.revision,
    validityMonths: resolved.validityMonths,
    now: Date.now(),
    newId: () => nanoid(),
  });
  const store = createStore(
    createCookieJar({ name: resolved.cookieName, domain: resolved.cookieDomain, secure: win.location.protocol === 'https:' }),
    context,
  );
  const emitter = createEmitter<ConsentEvents>((error) => log.error('a consent event handler threw:', error));
  const releaser = createReleaser(doc);
  let state: ConsentState = store.load();
  const waiters = new Set<{ category: Category; resolve: () => void }>();
  const granted = (category: Category) => stateGrants(state, category);

  const releaseGranted = () => {
    releaser.release(findReleasable(doc, granted)).catch((error) => log.error('releasing tags failed:', error));
  };

  const commit = (next: ConsentState) => {
    const change: ConsentChange = { state: next, previous: state };
    state = next;
    if (next.status === 'decided') store.save(next.record);
    else store.clear();
    log.debug('consent changed', next);
    emitter.emit('change', change);
    dispatchDomEvent(win, 'change', change);
    for (const waiter of waiters) {
      if (granted(waiter.category)) {
        waiters.delete(waiter);
        waiter.resolve();
      }
    }
    releaseGranted();
  };

  const decideWith = (choices: Choices, method: ConsentMethod) => {
    ui?.hide();
    commit({ status: 'decided', record: decide(choices, method, context(), state) });
  };

  const api: ConsentApi = {
    get: () => state,
    isGranted: granted,
    whenGranted: (category) =>
      new Promise((resolve) => {
        if (granted(category)) resolve();
        else waiters.add({ category, resolve });
      }),
    acceptAll: () => decideWith(allChoices(categories, true), 'accept-all'),
    rejectAll: () => decideWith(allChoices(categories, false), 'reject-all'),
    update(choices) {
      const unknown = Object.keys(choices).filter((c) => !categories.includes(c));
      if (unknown.length > 0) {
        throw new TypeError(`nexus-consent: update() got unknown categories ${unknown.join(', ')}; known: ${categories.join(', ')}`);
      }
      const current = Object.fromEntries(categories.map((c) => [c, granted(c)]));
      decideWith({ ...current, ...choices }, 'custom');
    },
    reset() {
      commit(UNDECIDED);
      ui?.showBanner();
    },
    showBanner: () => ui?.showBanner(),
    showPreferences: () => ui?.showPreferences(),
    on: emitter.on,
    off: emitter.off,
    destroy() {
      observer?.disconnect();
      ui?.destroy();
    },
  };

  const ui: Ui | undefined = resolved.ui ? createUiFor(doc, win, resolved, api, emitter) : undefined;

  // Tags still being parsed are released once the whole document is there
  // (like `defer`), so an inline script is never cloned half-parsed.
  let observer: MutationObserver | undefined;
  onDocumentParsed(doc, () => {
    releaseGranted();
    const watcher = new win.MutationObserver((mutations) => {
      if (mutations.some((m) => Array.from(m.addedNodes).some(containsInertTag))) releaseGranted();
    });
    watcher.observe(doc.documentElement, { childList: true, subtree: true });
    observer = watcher;
  });

  log.debug('started', { state, config: resolved });
  dispatchDomEvent(win, 'ready', { state });
  if (state.status === 'undecided') ui?.showBanner();
  return api;
}

function createUiFor(
  doc: Document,
  win: BrowserWindow,
  config: ReturnType<typeof validateConfig>,
  api: ConsentApi,
  emitter: ReturnType<typeof createEmitter<ConsentEvents>>,
): Ui {
  const language = resolveLanguage(
    { configured: config.language, documentLang: doc.documentElement.lang, browserLanguages: win.navigator.languages },
    (code) => code in BUILT_IN_TEXTS || code in config.texts,
  );
  const texts = resolveTexts(language, config.texts);
  return createUi(
    doc,
    { language, texts, privacyPolicyUrl: config.privacyPolicyUrl, categories: uiCategories(config.categories, texts, language) },
    config.nonce,
    {
      acceptAll: api.acceptAll,
      rejectAll: api.rejectAll,
      save: (choices) => api.update(choices),
      isGranted: api.isGranted,
      shown: (view) => {
        emitter.emit('show', { view });
        dispatchDomEvent(win, 'show', { view });
      },
    },
  );
}

function onDocumentParsed(doc: Document, callback: () => void): void {
  if (doc.readyState === 'loading') doc.addEventListener('DOMContentLoaded', callback, { once: true });
  else callback();
}
