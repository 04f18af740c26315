/**
 * The one place that wires the pieces together: config → store → state →
 * events, blocker and UI. Everything it creates belongs to the returned
 * instance; two instances never share state.
 */
import { nanoid } from 'nanoid';
import type { ConsentApi, ConsentChange, ConsentEvents } from './api.js';
import { connectConsentLog, type ConsentLogLoader } from './consent-log/connect-consent-log.js';
import type { LoggedDecision } from './consent-log/build-receipt.js';
import { SDK_VERSION } from './version.js';
import { createBlocker } from './blocker/create-blocker.js';
import { adoptEarlyBlocker } from './blocker/early-blocker.js';
import type { BrowserWindow } from './browser-window.js';
import { coreCatalogue } from './catalogue/generated/core-catalogue.js';
import { createClassifier } from './classifier/create-classifier.js';
import { scanPage } from './classifier/scan-page.js';
import type { ResolvedConfig } from './config/types.js';
import { validateConfig } from './config/validate-config.js';
import type { ConsentConfig } from './config/types.js';
import { dispatchDomEvent } from './events/dom-events.js';
import { createEmitter, type Emitter } from './events/emitter.js';
import { resolveLanguage, textDirection } from './i18n/resolve-texts.js';
import { startGoogleConsentMode } from './integrations/google-consent-mode.js';
import { createLogger } from './logger.js';
import { ownValue } from './own-property.js';
import {
  allChoices,
  decide,
  GPC_CATEGORY,
  isGranted as stateGrants,
  NECESSARY,
  UNDECIDED,
  type BuiltInCategory,
  type Category,
  type Choices,
  type ConsentMethod,
  type ConsentState,
  type DecisionContext,
  SERVICE_ID,
} from './store/consent-record.js';
import { createCookieJar } from './store/cookie-jar.js';
import { createStore } from './store/create-store.js';
import { BUILT_IN_LANGUAGES, coreTexts } from './ui-host/core-texts.js';
import { createUiHost, type UiHost, type UiLoader } from './ui-host/ui-host.js';
import type { ServiceSwitches } from './ui/preferences-dialog.js';
import type { FoundService } from './ui/view-model.js';

const EVENT_NAMES: readonly string[] = ['change', 'show', 'withdraw'];

/**
 * One decision, in this order (ARCHITECTURE.md): the record is saved before
 * anyone hears of it (a handler that reads the cookie finds it); Consent Mode
 * is updated before the `change` event (a Google tag that handler loads reads
 * the new state); withdrawal deletes the refused categories' cookies before
 * the events say so; what the page did while undecided is replayed or discarded
 * before the events (a handler sees the held writes applied); `whenGranted`
 * promises settle after the events; tags are
 * released last, each asked again then (a later refusal wins). Each step may
 * fail without stopping the next. Pinned by create-consent.test.ts.
 */
export const DECISION_SEQUENCE = ['save', 'signals', 'withdrawal', 'settle', 'events', 'waiters', 'release'] as const;
type DecisionStep = (typeof DECISION_SEQUENCE)[number];

export interface ConsentEnvironment {
  /** The window to run in. @default globalThis.window */
  readonly window?: BrowserWindow;
  /** Loads the consent-log client when `consentLog` is set. @default a dynamic import of the bundled module */
  readonly loadConsentLog?: ConsentLogLoader;
}

/** How the banner's code arrives: a lazy chunk (npm), or the UI file beside the script tag. */
export interface UiSource {
  readonly loadUi: UiLoader;
}

/**
 * The category ids of a site whose config declares `K`: the built-in ones and
 * K. A config typed as plain `ConsentConfig` (K = string) gives any string.
 */
export type SiteCategory<K extends string> = string extends K ? Category : BuiltInCategory | K;

/**
 * Creates the consent manager for this page: installs the blocker (or adopts
 * the one `nexus-consent/auto` installed), reads the stored decision, shows the
 * banner when there is none, and releases what each grant allows. Throws a
 * ConsentConfigError naming the bad field for a broken config.
 *
 * The API it returns knows the site's categories: `createConsent({ categories:
 * { newsletter: {…} } })` accepts `isGranted('newsletter')` and refuses
 * `isGranted('newsleter')` at compile time.
 */
export function createConsent<const K extends string = never>(config: ConsentConfig<K>, env: ConsentEnvironment = {}): ConsentApi<SiteCategory<K>> {
  if (!env.window && typeof window === 'undefined') {
    throw new Error('nexus-consent: createConsent() needs a browser window; call it in the browser, not during server-side rendering');
  }
  // Dynamic imports: bundlers make the banner, dialog, styles and texts a lazy chunk,
  // fetched only when a view is needed, and the consent-log client one that sites without `consentLog` never load.
  return startConsent(config, { loadConsentLog: () => import('./consent-log/start-consent-log.js'), ...env }, { loadUi: () => import('./ui/ui-module.js') }, adoptEarlyBlocker);
}

/** createConsent without the hand-over from `nexus-consent/auto` (the script-tag build installs its own, first). */
export function startConsent(
  config: ConsentConfig,
  env: ConsentEnvironment,
  source: UiSource,
  adoptBlocker?: typeof adoptEarlyBlocker,
): ConsentApi {
  const resolved = validateConfig(config);
  const win = (env.window ?? window) as BrowserWindow;
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
    createCookieJar(win, { name: resolved.cookieName, domain: resolved.cookieDomain, secure: win.location.protocol === 'https:' }),
    context,
  );
  let state: ConsentState = store.load();
  // A banner is needed: its file starts downloading now, while the blocker installs,
  // rather than once the core has finished (issue #15: the first visit is not slower).
  const loadUi = once(source.loadUi);
  if (resolved.ui && state.status === 'undecided') loadUi().catch(() => {}); // the UI host reports a failure
  /**
   * Services an undecided visitor allowed one by one from an embed's
   * placeholder: for this page, until a decision records them (or refuses
   * them). The stored record needs every category decided, and the visitor
   * decided none: their record stays undecided and the banner stays.
   */
  const allowedServices = new Map<string, Category>();
  const granted = (category: Category, service?: string) =>
    stateGrants(state, category, service) || (service !== undefined && allowedServices.has(service));
  /** Each failing step of a decision is told once, clearly; the others still run. */
  const failed = new Set<string>();
  const report = (name: string, error: unknown) => {
    if (failed.has(name)) return;
    failed.add(name);
    log.error(`${name} failed (logged once; everything else went on):`, error);
  };
  const step = (name: string, run: () => void) => {
    try {
      run();
    } catch (error) {
      report(name, error);
    }
  };
  // Before any Google tag can read the queue: the defaults, then the stored decision.
  const consentMode =
    resolved.googleConsentMode &&
    startGoogleConsentMode(win, resolved.googleConsentMode, categories, (error) => report('Google Consent Mode (window.dataLayer)', error));
  if (consentMode && state.status === 'decided') consentMode.update(granted);
  /** Global Privacy Control: the browser asks that advertising stay refused. */
  const gpc =
    resolved.honorGlobalPrivacyControl &&
    (win.navigator as { globalPrivacyControl?: unknown }).globalPrivacyControl === true &&
    categories.includes(GPC_CATEGORY);
  const emitter = createEmitter<ConsentEvents>((error) => log.error('a consent event handler threw:', error));
  const classifier = createClassifier([coreCatalogue, ...resolved.catalogues], resolved.rules);
  let ui: UiHost | undefined;

  // First, before anything else on the page can run: the blocker (or the one
  // `nexus-consent/auto` installed earlier, which now takes our state and rules).
  const blockerOptions = {
    // The consent cookie is strictly necessary whatever a catalogue says of its name (`_pk_consent`): never held, never withdrawn.
    classifier: { ...classifier, classifyCookie: (name: string) => (name === resolved.cookieName ? undefined : classifier.classifyCookie(name)) },
    isGranted: granted,
    log,
    onInertFrame: (frame: HTMLIFrameElement, category: Category, service: string | undefined) =>
      ui?.showPlaceholder(frame, category, service),
    onFrameReleased: (frame: HTMLIFrameElement) => ui?.removePlaceholder(frame),
    decided: () => state.status === 'decided',
  };
  const blocker = adoptBlocker?.(win, blockerOptions) ?? createBlocker({ win, intercept: resolved.autoBlock, ...blockerOptions });

  /** Each decision, for the consent log (set below when `consentLog` is configured). */
  let logDecision: ((decision: LoggedDecision) => void) | undefined;
  /** The decision being committed came from an embed's placeholder. */
  let viaPlaceholder = false;
  const waiters = new Set<{ category: Category; resolve: () => void }>();
  /**
   * One decision, one named sequence: decide → persist → signals (Consent
   * Mode) → withdrawal clean-up → held calls → events → release. Each step may fail (a
   * frozen `dataLayer`, a cookie the browser refuses, a throwing handler)
   * without stopping the next: the refusal still holds, the grant still
   * releases, and the failure is logged once.
   */
  const commit = (next: ConsentState) => {
    // decide
    const change: ConsentChange = { state: next, previous: state };
    const withdrawn = categories.filter((c) => stateGrants(state, c) && !stateGrants(next, c));
    state = next;
    allowedServices.clear();
    log.debug('consent changed', next);
    const steps: Record<DecisionStep, () => void> = {
      save: () => step('Saving the consent cookie', () => (next.status === 'decided' ? store.save(next.record) : store.clear())),
      signals: () => {
        step('Google Consent Mode', () => consentMode && consentMode.update(granted));
        step('Consent log', () => logDecision?.({ kind: 'change', state: next, previous: change.previous, placeholder: viaPlaceholder, at: Date.now() }));
      },
      withdrawal: () =>
        withdrawn.length > 0 &&
        step('Withdrawal', () => {
          const report = { categories: withdrawn, ...blocker.withdraw() };
          log.debug('withdrawn', report);
          emitter.emit('withdraw', report);
          dispatchDomEvent(win, 'withdraw', report);
        }),
      // What the page did while undecided: performed if now allowed, else discarded (in the order it was done).
      settle: () => blocker.settle(),
      events: () =>
        step('An event', () => {
          emitter.emit('change', change);
          dispatchDomEvent(win, 'change', change);
          // Then one event per category whose answer is new — the first decision
          // answers every category, later ones those that flipped: a script waiting
          // for `analytics` listens to `granted:analytics` and ignores the rest.
          const first = change.previous.status === 'undecided' && next.status === 'decided';
          for (const category of categories) {
            const now = stateGrants(next, category);
            if (!first && now === stateGrants(change.previous, category)) continue;
            const name = `${now ? 'granted' : 'denied'}:${category}` as const;
            emitter.emit(name, { category, state: next });
            dispatchDomEvent(win, name, { category, state: next });
          }
        }),
      waiters: () => {
        for (const waiter of waiters) {
          if (granted(waiter.category)) {
            waiters.delete(waiter);
            waiter.resolve();
          }
        }
      },
      release: () => {
        if (withdrawn.length > 0 && resolved.reloadOnWithdraw) step('Reload', () => win.location.reload());
        // Each tag is asked again at the moment it is released: a later refusal wins.
        else void blocker.releaseGranted(true);
      },
    };
    for (const name of DECISION_SEQUENCE) steps[name]();
  };

  /** Service switches: null-prototype, an id such as `__proto__` is just a key. */
  const switchesOf = (): Record<string, { category: Category; allowed: boolean }> => Object.create(null);
  const decideWith = (choices: Choices, method: ConsentMethod, services: ServiceSwitches = {}) => {
    step('Closing the banner', () => ui?.hide());
    const switches = switchesOf();
    // What an undecided visitor allowed from a placeholder is recorded with
    // their decision, unless they refused everything or set it otherwise.
    if (method !== 'reject-all') for (const [id, category] of allowedServices) switches[id] = { category, allowed: true };
    for (const [id, s] of Object.entries(services)) switches[id] = s;
    commit({ status: 'decided', record: decide(choices, method, context(), state, switches) });
  };
  /** Sets some categories and services; every other one keeps its current answer (denied if undecided). */
  const updateWith = (choices: Choices, services: ServiceSwitches) => {
    const next = { ...Object.fromEntries(categories.map((c) => [c, granted(c)])), ...choices };
    // Exceptions already recorded stay, unless their category was just set as a whole.
    const switches = switchesOf();
    if (state.status === 'decided') {
      for (const [id, allowed] of Object.entries(state.record.services)) {
        const category = categoryOf(id);
        if (category && !Object.prototype.hasOwnProperty.call(choices, category)) switches[id] = { category, allowed };
      }
    }
    decideWith(next, 'custom', Object.assign(switches, services));
  };

  /**
   * A placeholder's button allows that one embed's service, nothing more: a
   * decided visitor's record gains the exception, categories as they were; an
   * undecided visitor's allowance holds for this page and the banner stays.
   * An embed whose service nobody knows is shown alone, recording nothing.
   */
  const allowEmbed = (frame: Element, category: Category, service: string | undefined) => {
    if (!service) void blocker.allow(frame);
    else if (state.status === 'decided') {
      viaPlaceholder = true;
      try {
        updateWith({}, { [service]: { category, allowed: true } });
      } finally {
        viaPlaceholder = false;
      }
    } else {
      allowedServices.set(service, category);
      step('Consent log', () => logDecision?.({ kind: 'page-allowance', id: nanoid(), service, at: Date.now() }));
      blocker.settle();
      void blocker.releaseGranted();
    }
  };

  /** A service's category: the site's config first, then the catalogue. */
  const categoryOf = (service: string): Category | undefined =>
    resolved.categories.find((c) => c.services.some((s) => s.id === service))?.id ?? classifier.describeService(service)?.category;

  /** A typo (`isGranted('analytic')`) is a silent `false` forever: say so, once per name. */
  const warned = new Set<string>();
  const warnOnce = (key: string, message: string) => {
    if (warned.has(key)) return;
    warned.add(key);
    win.console.warn(`[nexus-consent] ${message}`);
  };
  const known = [NECESSARY, ...categories];
  const checkCategory = (category: unknown, method: string): boolean => {
    if (typeof category === 'string' && known.includes(category)) return true;
    warnOnce(`c:${String(category)}`, `${method}(${JSON.stringify(String(category))}): not a category of this site (${known.join(', ')}); it is never granted`);
    return false;
  };
  const checkService = (service: unknown, method: string): service is string => {
    if (typeof service === 'string' && categoryOf(service) !== undefined) return true;
    warnOnce(`s:${String(service)}`, `${method}({ service: ${JSON.stringify(String(service))} }): neither the config nor the catalogue knows this service; it is never granted`);
    return false;
  };

  const api: ConsentApi = {
    get: () => state,
    isGranted: (target) => {
      if (typeof target === 'string') return checkCategory(target, 'isGranted') && granted(target);
      if (typeof target !== 'object' || target === null) return checkCategory(target, 'isGranted') && false;
      if (target.category !== undefined && !checkCategory(target.category, 'isGranted')) return false;
      if (!checkService(target.service, 'isGranted')) return false;
      const category = target.category ?? categoryOf(target.service);
      // A service nobody can place is not granted: never guess towards consent.
      return category !== undefined && granted(category, target.service);
    },
    whenGranted: (category) =>
      new Promise((resolve) => {
        // An unknown category never settles: the warning is the only word the page gets.
        checkCategory(category, 'whenGranted');
        if (granted(category)) resolve();
        else waiters.add({ category, resolve });
      }),
    // Under Global Privacy Control, "accept all" is everything but advertising.
    acceptAll: () =>
      gpc
        ? decideWith({ ...allChoices(categories, true), [GPC_CATEGORY]: false }, 'gpc')
        : decideWith(allChoices(categories, true), 'accept-all'),
    rejectAll: () => decideWith(allChoices(categories, false), 'reject-all'),
    update(choices, services = {}) {
      // Issue #2: `necessary` is always granted. Saying so is no error; switching it off cannot be done.
      const { [NECESSARY]: necessary, ...rest } = choices as Record<string, boolean>;
      if (necessary === false) throw new TypeError('nexus-consent: update() got necessary: false; necessary is always granted');
      choices = rest;
      const unknown = Object.keys(choices).filter((c) => !categories.includes(c));
      if (unknown.length > 0) {
        throw new TypeError(`nexus-consent: update() got unknown categories ${unknown.join(', ')}; known: ${categories.join(', ')}`);
      }
      const switches = switchesOf();
      for (const [id, allowed] of Object.entries(services)) {
        const category = categoryOf(id);
        if (!category || !SERVICE_ID.test(id)) throw new TypeError(`nexus-consent: update() got an unknown service "${id}"; list it under categories.<id>.services`);
        switches[id] = { category, allowed };
      }
      updateWith(choices, switches);
    },
    reset() {
      commit(UNDECIDED);
      ui?.showBanner();
    },
    showBanner: () => ui?.showBanner(),
    showPreferences: () => ui?.showPreferences(),
    blocked: () => blocker.blocked(),
    scan: () => scanPage(win, classifier),
    on(event, handler) {
      checkEvent(event, 'on');
      return emitter.on(event, handler);
    },
    off(event, handler) {
      // A typo'd name removes nothing; say so as `on` does.
      checkEvent(event, 'off');
      emitter.off(event, handler);
    },
    destroy() {
      stopWatching();
      blocker.stop();
      ui?.destroy();
    },
  };

  /** `on('granted:analytic', …)` would never fire (nor `off` remove anything): warn like isGranted does. */
  const checkEvent = (event: unknown, method: 'on' | 'off') => {
    if (typeof event !== 'string') return void warnOnce(`e:${String(event)}`, `${method}(${String(event)}): an event name is a string`);
    const colon = event.indexOf(':');
    const kind = colon < 0 ? event : event.slice(0, colon);
    if (colon >= 0 && (kind === 'granted' || kind === 'denied')) checkCategory(event.slice(colon + 1), `${method}('${kind}:…')`);
    else if (colon >= 0 || !EVENT_NAMES.includes(event)) warnOnce(`e:${event}`, `${method}(${JSON.stringify(event)}): no such event (${EVENT_NAMES.join(', ')}, granted:<category>, denied:<category>)`);
  };

  /** Services to list in the preference centre: what the page holds and what the blocker met. */
  const found = (): FoundService[] => {
    const byId = new Map<string, FoundService & { cookies: string[] }>();
    const add = (c: { service: string; name?: string; vendor: string; category: Category }) => {
      let entry = byId.get(c.service);
      if (!entry) byId.set(c.service, (entry = { id: c.service, name: c.name, vendor: c.vendor, category: c.category, cookies: [] }));
      return entry;
    };
    for (const c of blocker.seen()) add(c);
    for (const item of scanPage(win, classifier)) {
      if (item.classification === 'unknown') continue;
      const entry = add(item.classification);
      if (item.kind === 'cookie' && !entry.cookies.includes(item.name)) entry.cookies.push(item.name);
    }
    return [...byId.values()];
  };

  // The UI, loaded when a view is first needed. A UI that cannot start (a
  // hostile page, a file that does not load) leaves the API and the blocker
  // working: nothing is granted until someone decides.
  const language = resolveLanguage(
    { configured: resolved.language, documentLang: doc.documentElement.lang, browserLanguages: win.navigator.languages },
    (code) => BUILT_IN_LANGUAGES.includes(code) || ownValue(resolved.texts, code) !== undefined,
  );

  // The consent log's client, loaded on demand: a site without `consentLog` never fetches it.
  // It works out the texts the visitor is shown itself, so the core never carries them.
  if (resolved.consentLog && env.loadConsentLog) {
    logDecision = connectConsentLog(win, env.loadConsentLog, {
      endpoint: resolved.consentLog.endpoint,
      shown: { config: resolved, language },
      language,
      categories,
      revision: resolved.revision,
      sdkVersion: SDK_VERSION,
      report: (message, error) => log.error(message, ...(error === undefined ? [] : [error])),
    });
  }

  if (resolved.ui) {
    ui = createUiHost({
      doc,
      load: loadUi,
      texts: coreTexts(language, resolved.texts),
      rtl: textDirection(language) === 'rtl',
      nonce: resolved.nonce,
      core: {
        doc,
        config: resolved,
        language,
        gpc,
        error: log.error,
        acceptAll: api.acceptAll,
        rejectAll: api.rejectAll,
        save: (choices, services) => decideWith(choices, 'custom', services),
        allow: allowEmbed,
        isGranted: granted,
        found,
        describeService: (id) => classifier.describeService(id),
        shown: (view) => {
          emitter.emit('show', { view });
          dispatchDomEvent(win, 'show', { view });
        },
      },
    });
  }

  // Tags still being parsed are released once the whole document is there
  // (like `defer`), so an inline script is never cloned half-parsed; the
  // blocker releases later additions as they come.
  const stopWatching = onDocumentParsed(doc, () => {
    blocker.inspect(doc);
    void blocker.releaseGranted();
    return () => {};
  });

  log.debug('started', { state, config: resolved });
  if (resolved.debug) onDocumentParsed(doc, () => (log.table(scanPage(win, classifier)), () => {}));
  dispatchDomEvent(win, 'ready', { state });
  if (state.status === 'undecided') ui?.showBanner();
  else ui?.hide();
  return api;
}

/** Runs `callback` once the document is parsed; returns the function that undoes what it set up. */
function onDocumentParsed(doc: Document, callback: () => () => void): () => void {
  let undo: (() => void) | undefined;
  let cancelled = false;
  const run = () => {
    if (!cancelled) undo = callback();
  };
  if (doc.readyState === 'loading') doc.addEventListener('DOMContentLoaded', run, { once: true });
  else run();
  return () => {
    cancelled = true;
    doc.removeEventListener('DOMContentLoaded', run);
    undo?.();
  };
}

/** `load` called at most once (at once, not a microtask later): every caller gets the first call's promise. */
function once<T>(load: () => Promise<T>): () => Promise<T> {
  let loaded: Promise<T> | undefined;
  return () => {
    try {
      loaded ??= load();
    } catch (error) {
      loaded = Promise.reject(error);
    }
    return loaded;
  };
}
