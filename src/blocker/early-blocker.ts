/**
 * For single-page apps: `import 'nexus-consent/auto'` as the first import of
 * the app installs the interceptors before any other module runs, with nothing
 * granted. `createConsent()`, called later, adopts that blocker instead of
 * installing a second one, and from then on it answers with the real consent
 * state and the site's rules (releasing what a stored decision allows).
 *
 * The hand-over goes through one well-known symbol on the window: the two
 * entries may be separate bundles that share no module instance.
 */
import type { BrowserWindow } from '../browser-window.js';
import type { Category } from '../store/consent-record.js';
import { createBlocker, type Blocker, type BlockerOptions, type TrackerClassifier } from './create-blocker.js';

const KEY = Symbol.for('nexus-consent.early-blocker');

type Settable = Pick<BlockerOptions, 'classifier' | 'isGranted' | 'log' | 'onInertFrame' | 'onFrameReleased' | 'decided'>;

interface EarlyBlocker {
  readonly blocker: Blocker;
  attach(options: Settable): Blocker;
}

type WithEarly = BrowserWindow & { [KEY]?: EarlyBlocker };

/** Installs the interceptors now, holding every classified tracker until `createConsent()` attaches. */
export function installEarlyBlocker(win: BrowserWindow, classifier: TrackerClassifier): void {
  const w = win as WithEarly;
  if (w[KEY]) return;
  let current: Settable = {
    classifier,
    isGranted: (category: Category) => category === 'necessary',
    log: { debug() {}, error: (...a) => win.console.error('[nexus-consent]', ...a), table() {} },
  };
  const blocker = createBlocker({
    win,
    classifier: {
      classifyUrl: (url, base) => current.classifier.classifyUrl(url, base),
      classifyCookie: (name) => current.classifier.classifyCookie(name),
      classifyStorageKey: (key) => current.classifier.classifyStorageKey(key),
    },
    isGranted: (category, service) => current.isGranted(category, service),
    log: {
      debug: (...a) => current.log.debug(...a),
      error: (...a) => current.log.error(...a),
      table: (rows) => current.log.table(rows),
    },
    onInertFrame: (...a) => current.onInertFrame?.(...a),
    onFrameReleased: (...a) => current.onFrameReleased?.(...a),
    // Requests and writes made before createConsent() are held like any other
    // made before a decision: dropping them would lose a returning visitor's consented page view.
    decided: () => current.decided?.() ?? false,
  });
  w[KEY] = {
    blocker,
    attach(options) {
      current = options;
      // Answered with the site's rules and the stored decision: performed, discarded, or still held.
      blocker.settle();
      return blocker;
    },
  };
}

/** The early blocker, handed over once to `createConsent()`; undefined when `nexus-consent/auto` was not imported. */
export function adoptEarlyBlocker(win: BrowserWindow, options: Settable): Blocker | undefined {
  const w = win as WithEarly;
  const early = w[KEY];
  if (!early) return undefined;
  delete w[KEY];
  return early.attach(options);
}
