/**
 * What the script tag runs when the SDK cannot start as configured (a config
 * it refuses, a getter that throws, a Proxy that traps): the promise "nothing
 * before consent" still holds. The blocker runs with the built-in catalogue
 * and grants nothing, marked-up tags stay inert, and the page's code gets an
 * API that answers "undecided" instead of a crash. No banner: a decision
 * recorded against a config nobody can read would not prove anything.
 */
import type { ConsentApi } from './api.js';
import type { BrowserWindow } from './browser-window.js';
import type { Catalogue } from './catalogue/catalogue.js';
import { createBlocker } from './blocker/create-blocker.js';
import { coreCatalogue } from './catalogue/generated/core-catalogue.js';
import { createClassifier } from './classifier/create-classifier.js';
import { createEmitter } from './events/emitter.js';
import type { ConsentEvents } from './api.js';
import { createLogger } from './logger.js';
import { NECESSARY, UNDECIDED } from './store/consent-record.js';

export function startFailClosed(win: BrowserWindow, catalogues: readonly Catalogue[]): ConsentApi {
  const log = createLogger(win.console, false);
  const refuse = () => log.error('no decision can be recorded: the SDK did not start (see the config error above); nothing is granted');
  const emitter = createEmitter<ConsentEvents>(() => {});
  const blocker = createBlocker({
    win,
    classifier: createClassifier([coreCatalogue, ...catalogues]),
    isGranted: (category) => category === NECESSARY,
    log,
  });
  const doc = win.document;
  const inspect = () => blocker.inspect(doc);
  if (doc.readyState === 'loading') doc.addEventListener('DOMContentLoaded', inspect, { once: true });
  else inspect();
  return {
    get: () => UNDECIDED,
    isGranted: (target) => (typeof target === 'string' ? target : target?.category) === NECESSARY,
    // Never settles: nothing will be granted on this page.
    whenGranted: () => new Promise(() => {}),
    acceptAll: refuse,
    rejectAll: refuse,
    update: refuse,
    reset: refuse,
    showBanner: refuse,
    showPreferences: refuse,
    blocked: () => blocker.blocked(),
    scan: () => [],
    on: emitter.on,
    off: emitter.off,
    destroy() {
      doc.removeEventListener('DOMContentLoaded', inspect);
      blocker.stop();
    },
  };
}
