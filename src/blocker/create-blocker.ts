/**
 * The automatic blocker: installs every interceptor, answers their questions
 * from the classifier and the consent state, keeps the log of what it stopped,
 * and releases what a grant allows. Marked-up tags and caught tags share one
 * inert form, so one release path serves both.
 */
import type { BrowserWindow } from '../browser-window.js';
import type { Logger } from '../logger.js';
import type { Category } from '../store/consent-record.js';
import { createBlockedLog, type BlockedEntry, type BlockedKind, type HeldOutcome } from './blocked-log.js';
import { warnEscaped } from './escaped-warning.js';
import { createHeldCalls, type HeldCall } from './held-calls.js';
import { fetches, isInert, kindOf, neutralize, SERVICE_ATTRIBUTE, SEVERAL_URLS, URL_ATTRIBUTES, urlsIn, WATCHED_SELECTOR } from './element-sources.js';
import { connections } from './interceptors/connections.js';
import { collectUnguarded, nativeDescriptor, saveNatives, type CallKind, type Interceptor, type InterceptorContext, type Via } from './interceptors/context.js';
import { domInsertion } from './interceptors/dom-insertion.js';
import { frameElements } from './interceptors/frame-elements.js';
import { htmlStrings, markupUrls } from './interceptors/html-strings.js';
import { navigation } from './interceptors/navigation.js';
import { networkRequests } from './interceptors/network-requests.js';
import { parsedTags } from './interceptors/parsed-tags.js';
import { createRealmGuard, otherRealms } from './interceptors/realms.js';
import { storageWrites } from './interceptors/storage-writes.js';
import { urlAttributes } from './interceptors/url-attributes.js';
import { categoriesOf, findInert, findReleasable, isReleasable } from './marked-up-tags.js';
import { createReleaser } from './release.js';
import { shouldBlock, type Classified } from './should-block.js';
import { NETWORK_PROTOCOL } from '../classifier/parse-url.js';
import { cookieNames } from '../classifier/scan-page.js';
import { clearStorageKeys, deleteCookies, type CleanupReport } from './withdraw.js';

export interface TrackerClassifier {
  classifyUrl(url: string, pageUrl?: string): Classified | undefined;
  classifyCookie(name: string): Classified | undefined;
  classifyStorageKey(key: string): Classified | undefined;
}

/** A call held until the visitor decides, with the log entry that tells its fate. */
interface Held extends HeldCall {
  readonly kind: BlockedKind;
  readonly target: string;
  readonly entry: Pick<BlockedEntry, 'outcome'>;
}

const NOTHING = () => {};

export interface BlockerOptions {
  readonly win: BrowserWindow;
  readonly classifier: TrackerClassifier;
  /** Whether a category — or, when given, one service of it — is granted now. */
  readonly isGranted: (category: Category, service?: string) => boolean;
  readonly log: Logger;
  /** Install the interceptors (automatic blocking); without, only marked-up tags wait. @default true */
  readonly intercept?: boolean;
  /** Called for each inert iframe, e.g. to show a placeholder. */
  readonly onInertFrame?: (frame: HTMLIFrameElement, category: Category, service: string | undefined) => void;
  /** Called when an iframe goes live again. */
  readonly onFrameReleased?: (frame: HTMLIFrameElement) => void;
  /**
   * Whether the visitor has decided. Undecided, a call that must wait (a
   * request, a beacon, a cookie or storage write, a pixel never inserted) is
   * held and replayed or discarded by `settle()`, and a held external script
   * waits; decided, the call is refused at once and a refused external script
   * gets an `error` event, as a blocked request would, so a loader waiting on
   * it gives up. @default none: calls are refused at once, scripts wait
   */
  readonly decided?: () => boolean;
}

export interface Blocker {
  /**
   * Answers the calls held while undecided, in the order they were made: those
   * now allowed are performed; once decided, the others are discarded (a
   * `fetch` rejects, an XHR fails); undecided, they keep waiting.
   */
  settle(): void;
  /**
   * Brings the page in line with the decision: stops released scripts that
   * have not run yet and are no longer allowed, puts live frames no longer
   * allowed back to sleep (after a decision), and releases every inert tag
   * whose categories are now all granted, in document order.
   */
  releaseGranted(afterDecision?: boolean): Promise<void>;
  /** Releases this one inert tag, whatever the categories say (the visitor asked for it); a later decision answers it again. */
  allow(element: Element): Promise<void>;
  /** Deletes the cookies and storage keys of categories no longer granted, and stops their iframes. */
  withdraw(): CleanupReport;
  /** What was blocked so far. */
  blocked(): BlockedEntry[];
  /** Every service the blocker classified so far, blocked or not. */
  seen(): Classified[];
  /** Holds what is already in the page below `root` (an SDK started after the parse). */
  inspect(root: ParentNode): void;
  /** Removes every interceptor; what is still held is discarded. */
  stop(): void;
}

/** Automatic blocking; the parsed-tags observer always runs (it also releases late marked-up tags). */
const INTERCEPTORS: readonly Interceptor[] = [domInsertion, urlAttributes, htmlStrings, frameElements, networkRequests, connections, navigation, storageWrites, otherRealms];
/**
 * What is installed into every other same-origin realm (iframes, popups) as it
 * appears (realms.ts): the calls a script there can make. An interceptor added
 * here guards frames too; any interceptor may hand a realm over with ctx.guardRealm(win).
 */
const REALM_INTERCEPTORS: readonly Interceptor[] = [networkRequests, connections, navigation, storageWrites, otherRealms];

export function createBlocker(options: BlockerOptions): Blocker {
  const { win, classifier, isGranted, log } = options;
  const doc = win.document;
  const native = saveNatives(win);
  const nativeCookie = nativeDescriptor(win.Document.prototype, 'cookie')!;
  const entries = createBlockedLog();
  const released = new WeakSet<Element>();
  /** Tags the visitor let through one by one (a placeholder's button), and their live copies. */
  let allowedOnce = new WeakSet<Element>();
  /** Held scripts already told of a refusal. */
  const refusedTold = new WeakSet<Element>();
  let failed = false;
  let warned = false;
  /** Vectors a page locked before the SDK loaded (a frozen prototype, a read-only fetch…): said once. */
  const reportUnguarded = (names: string[]) => {
    if (names.length === 0 || warned) return;
    warned = true;
    log.error(`could not guard ${names.join(', ')}: the page locked them before the SDK loaded (load it first)`);
  };
  let releaseQueued = false;
  // The classifier remembers its recent answers (classifier/remember-recent.ts): asking again is a Map lookup.
  const classifyCall = (kind: CallKind, target: string) => {
    if (kind === 'cookie') return classifier.classifyCookie(target);
    if (kind === 'storage') return classifier.classifyStorageKey(target);
    return classifier.classifyUrl(target, doc.baseURI);
  };

  const record = (kind: BlockedKind, target: string, c: Classified, via: Via) => {
    log.debug(`blocked ${kind} ${target}: ${c.vendor} ${c.service}, waiting for "${c.category}"`);
    return entries.add({ kind, target, service: c.service, vendor: c.vendor, category: c.category, time: Date.now(), via });
  };
  const held = createHeldCalls<Held>(
    (call, outcome) => (call.entry.outcome = outcome),
    (error) => log.debug('a held call failed:', error),
  );
  /** Held until the decision when undecided (the call goes on by `proceed`/`refuse`): the function that forgets it; else undefined. */
  const hold = (kind: BlockedKind, target: string, entry: Held['entry'], c: Classified, proceed: () => void, refuse: () => void, bytes: number) => {
    if (options.decided?.() !== false) return undefined;
    entry.outcome = 'held';
    const forget = held.hold({ kind, target, entry, category: c.category, bytes: target.length + bytes, proceed, refuse });
    return (outcome: HeldOutcome = 'discarded') => {
      if (forget()) entry.outcome = outcome;
    };
  };
  /** A pixel in no document (`new Image().src = …`) is out of the release's reach: held as a call, it loads on a grant. */
  const pixel = (element: Element | undefined, url: string, entry: Held['entry'], c: Classified) => {
    if (element?.tagName === 'IMG' && !element.isConnected) {
      hold('img', url, entry, c, () => !element.isConnected && isInert(element) && releaser.wake(element), NOTHING, 0);
    }
  };
  /** Every service classified so far, blocked or let through: the preference centre lists them. */
  const seen = new Map<string, Classified>();
  const verdict = (c: Classified | undefined) => {
    if (c && !seen.has(c.service)) seen.set(c.service, c);
    return shouldBlock(c, isGranted);
  };

  const markup = (html: string) => markupUrls(win, native, html);
  const ctx: InterceptorContext = {
    win,
    native,
    checkUrl(url, kind, via, element) {
      // The classifier resolves relative URLs itself; the absolute form is only built for the log.
      const base = doc.baseURI;
      const c = verdict(classifier.classifyUrl(url, base));
      if (c) pixel(element, url, record(kind, resolveHttpUrl(url, base) ?? url, c, via), c);
      return c;
    },
    checkCall: (kind, target) => verdict(classifyCall(kind, target)),
    holdCall(kind, target, proceed, refuse, bytes = 0) {
      const c = ctx.checkCall(kind, target);
      if (!c) return void proceed();
      const entry = record(kind, kind === 'cookie' || kind === 'storage' ? target : resolveHttpUrl(target, doc.baseURI) ?? target, c, 'script');
      return hold(kind, target, entry, c, proceed, refuse, bytes) ?? void refuse();
    },
    refuseNow(kind, target) {
      try {
        const c = ctx.checkCall(kind, target);
        if (c) record(kind, resolveHttpUrl(target, doc.baseURI) ?? target, c, 'script');
        return c !== undefined;
      } catch (error) {
        ctx.fail(error);
        return false;
      }
    },
    guardRealm: (other) => realms.guard(other),
    isReleased: (element) => released.has(element),
    holdElement(element, via) {
      const tag = element.tagName;
      const attributes = URL_ATTRIBUTES[tag];
      if (!attributes || released.has(element)) return false;
      if (isInert(element, tag)) {
        inertFrame(element);
        return true;
      }
      if (!fetches(element, tag)) return false;
      // An element is often seen twice (its src set, then inserted): the classifier's memo answers the second time.
      let base: string | undefined;
      for (let i = 0; i < attributes.length; i++) {
        const attribute = attributes[i]!;
        const value = element.getAttribute(attribute);
        if (!value) continue;
        base ??= doc.baseURI;
        let url = value;
        let c: Classified | undefined;
        // One URL (src, href, data, poster: the common case) is classified as it is, without building a list.
        if (!SEVERAL_URLS.has(attribute)) c = verdict(classifier.classifyUrl(value, base));
        else for (const candidate of urlsIn(attribute, value, markup)) if ((c = verdict(classifier.classifyUrl((url = candidate), base)))) break;
        if (!c) continue;
        pixel(element, url, record(kindOf(tag), resolveHttpUrl(url, base) ?? url, c, via), c);
        neutralize(element, c, native);
        inertFrame(element);
        return true;
      }
      return false;
    },
    inertAdded() {
      // Called before the insertion itself happens: look once it has (and once for a burst of them).
      if (doc.readyState === 'loading' || releaseQueued) return;
      releaseQueued = true;
      void Promise.resolve().then(() => {
        releaseQueued = false;
        return blocker.releaseGranted();
      });
    },
    fail(error) {
      if (failed) return;
      failed = true;
      log.error('an interceptor failed; the page’s call went ahead unchanged:', error);
    },
  };

  const inertFrame = (element: Element) => {
    // Not a frame parsed in an inert document to be inspected (html-strings.ts): its placeholder would be serialised with it.
    if (element.tagName !== 'IFRAME' || !options.onInertFrame || element.ownerDocument !== doc) return;
    const frame = element as HTMLIFrameElement;
    // A site's marked-up embed that does not name its service: the catalogue
    // may know it, and then the visitor's choice for that service applies.
    if (!frame.hasAttribute(SERVICE_ATTRIBUTE)) {
      const service = classifier.classifyUrl(frame.getAttribute('data-src') ?? '', doc.baseURI)?.service;
      if (service) native.set(frame, SERVICE_ATTRIBUTE, service);
    }
    // Marked up in the HTML for a category the visitor granted: released soon, so no placeholder
    // (which would fetch the UI file for a returning visitor, issue #15).
    if (allowed(frame)) return;
    options.onInertFrame(frame, categoriesOf(frame)[0] ?? 'necessary', frame.getAttribute(SERVICE_ATTRIBUTE) ?? undefined);
  };
  const releaseFailed = (error: unknown) => log.error('release failed:', error);
  const allowed = (element: Element) => allowedOnce.has(element) || isReleasable(element, isGranted);

  const realms = createRealmGuard(ctx, REALM_INTERCEPTORS, reportUnguarded);
  const uninstall: (() => void)[] = [];
  reportUnguarded(
    collectUnguarded(() => {
      for (const install of [...(options.intercept === false ? [] : INTERCEPTORS), parsedTags]) {
        // One interceptor that cannot start must not keep the others (or the SDK) from starting.
        try {
          uninstall.push(install(ctx));
        } catch (error) {
          ctx.fail(error);
        }
      }
    }),
  );
  const releaser = createReleaser(doc, {
    released(element, original) {
      released.add(element);
      if (original && allowedOnce.has(original)) allowedOnce.add(element);
      if (element.tagName === 'IFRAME') options.onFrameReleased?.(element as HTMLIFrameElement);
    },
    allowed,
  });

  /** A live iframe can be stopped, unlike a script that ran: put those no longer allowed back to sleep. */
  const sleepFrames = () => {
    releaser.recheck();
    for (const frame of doc.querySelectorAll('iframe[src]')) {
      if (allowedOnce.has(frame)) continue;
      released.delete(frame);
      if (categoriesOf(frame).length === 0) ctx.holdElement(frame, 'script');
      else if (!isReleasable(frame, isGranted)) {
        native.set(frame, 'data-src', frame.getAttribute('src')!);
        native.remove(frame, 'src');
        inertFrame(frame);
      }
    }
  };

  /**
   * Once decided, a held external script the visitor refused gets an `error`
   * event (in a task of its own, as a failed load would), once: its loader
   * gives up instead of waiting for ever. Undecided, it waits.
   */
  const tellRefused = () => {
    if (!options.decided?.()) return;
    for (const script of findInert(doc)) {
      if (script.tagName !== 'SCRIPT' || !script.hasAttribute('src') || refusedTold.has(script) || allowed(script)) continue;
      refusedTold.add(script);
      win.setTimeout(() => {
        if (!allowed(script)) script.dispatchEvent(new win.Event('error'));
      });
    }
  };

  const blocker: Blocker = {
    settle() {
      held.settle((call) => ctx.checkCall(call.kind as CallKind, call.target) !== undefined, options.decided?.() !== false);
    },
    releaseGranted(afterDecision) {
      try {
        if (afterDecision) {
          // A decision answers the one-by-one allowances again.
          allowedOnce = new WeakSet();
          sleepFrames();
        } else releaser.recheck();
        tellRefused();
      } catch (error) {
        releaseFailed(error);
      }
      return releaser.release(findReleasable(doc, isGranted)).catch(releaseFailed);
    },
    allow(element) {
      allowedOnce.add(element);
      return releaser.release([element]).catch(releaseFailed);
    },
    withdraw() {
      const withdrawn = (c: Classified | undefined) => c !== undefined && verdict(c) !== undefined;
      const write = (line: string) => nativeCookie.set!.call(doc, line);
      const names = cookieNames(doc.cookie).filter((name) => withdrawn(classifier.classifyCookie(name)));
      const deletedCookies = deleteCookies(doc, names, write);
      const clearedStorageKeys = clearStorageKeys(win, (key) => withdrawn(classifier.classifyStorageKey(key)));
      sleepFrames();
      return { deletedCookies, remainingCookies: names.filter((n) => !deletedCookies.includes(n)), clearedStorageKeys };
    },
    seen: () => [...seen.values()],
    blocked() {
      const fetched = new Set(win.performance.getEntriesByType('resource').map((e) => e.name));
      return entries.list((url) => fetched.has(url));
    },
    inspect(root) {
      for (const element of root.querySelectorAll(WATCHED_SELECTOR)) ctx.holdElement(element, 'script');
    },
    stop() {
      held.settle(() => true, true);
      // Last installed, first removed (the patch registry would take any order).
      for (const undo of [...uninstall.splice(0).reverse(), realms.stop]) {
        try {
          undo();
        } catch (error) {
          log.error('could not remove a patch:', error);
        }
      }
    },
  };
  uninstall.push(warnEscaped(win, () => blocker.blocked()));
  return blocker;
}

/** Absolute http(s) or ws(s) URL, or undefined for data:, blob:, about:, javascript: and garbage. */
function resolveHttpUrl(url: string, base: string): string | undefined {
  try {
    const parsed = new URL(url, base);
    return NETWORK_PROTOCOL.test(parsed.protocol) ? parsed.href : undefined;
  } catch {
    return undefined;
  }
}

export { findInert };
