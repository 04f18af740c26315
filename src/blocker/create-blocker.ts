/**
 * The automatic blocker: installs every interceptor, answers their questions
 * from the classifier and the consent state, keeps the log of what it stopped,
 * and releases what a grant allows. Marked-up tags and caught tags share one
 * inert form, so one release path serves both.
 */
import type { BrowserWindow } from '../browser-window.js';
import type { Logger } from '../logger.js';
import type { Category } from '../store/consent-record.js';
import { createBlockedLog, type BlockedEntry, type BlockedKind } from './blocked-log.js';
import { warnEscaped } from './escaped-warning.js';
import { isFetchingLink, isInert, kindOf, neutralize, SERVICE_ATTRIBUTE, srcsetUrls, URL_ATTRIBUTES, WATCHED_SELECTOR } from './element-sources.js';
import { saveNatives, type CallKind, type Interceptor, type InterceptorContext, type Via } from './interceptors/context.js';
import { domInsertion } from './interceptors/dom-insertion.js';
import { htmlStrings } from './interceptors/html-strings.js';
import { networkRequests } from './interceptors/network-requests.js';
import { parsedTags } from './interceptors/parsed-tags.js';
import { storageWrites } from './interceptors/storage-writes.js';
import { urlAttributes } from './interceptors/url-attributes.js';
import { categoriesOf, findInert, findReleasable } from './marked-up-tags.js';
import { createReleaser } from './release.js';
import { rememberRecentUrls } from './recent-urls.js';
import { shouldBlock, type Classified } from './should-block.js';
import { cookieNames } from '../classifier/scan-page.js';
import { clearStorageKeys, deleteCookies, type CleanupReport } from './withdraw.js';

export interface TrackerClassifier {
  classifyUrl(url: string, pageUrl?: string): Classified | undefined;
  classifyCookie(name: string): Classified | undefined;
  classifyStorageKey(key: string): Classified | undefined;
}

export interface HeldCall {
  readonly kind: CallKind;
  readonly target: string;
  proceed(): void;
  refuse(): void;
}

export interface BlockerOptions {
  readonly win: BrowserWindow;
  readonly classifier: TrackerClassifier;
  /** Whether a category — or, when given, one service of it — is granted now. */
  readonly isGranted: (category: Category, service?: string) => boolean;
  readonly log: Logger;
  /** Install the interceptors (automatic blocking); without, only marked-up tags wait. @default true */
  readonly intercept?: boolean;
  /**
   * Takes a held call (request, cookie or storage write) to decide later, and
   * returns true — `nexus-consent/auto` does, until the decision is known.
   * @default none: held calls are decided at once
   */
  readonly defer?: (call: HeldCall) => boolean;
  /** Called for each inert iframe, e.g. to show a placeholder. */
  readonly onInertFrame?: (frame: HTMLIFrameElement, category: Category, service: string | undefined) => void;
  /** Called when an iframe goes live again. */
  readonly onFrameReleased?: (frame: HTMLIFrameElement) => void;
}

export interface Blocker {
  /** Decides a held call now: it proceeds if its category is granted, else it is refused and logged. */
  holdCall(call: HeldCall): void;
  /** Releases every inert tag whose categories are now all granted, in document order. */
  releaseGranted(): Promise<void>;
  /** Deletes the cookies and storage keys of categories no longer granted, and stops their iframes. */
  withdraw(): CleanupReport;
  /** What was blocked so far. */
  blocked(): BlockedEntry[];
  /** Every service the blocker classified so far, blocked or not. */
  seen(): Classified[];
  /** Holds what is already in the page below `root` (an SDK started after the parse). */
  inspect(root: ParentNode): void;
  /** Removes every interceptor. */
  stop(): void;
}

/** Automatic blocking; the parsed-tags observer always runs (it also releases late marked-up tags). */
const INTERCEPTORS: readonly Interceptor[] = [domInsertion, urlAttributes, htmlStrings, networkRequests, storageWrites];

export function createBlocker(options: BlockerOptions): Blocker {
  const { win, classifier, isGranted, log } = options;
  const doc = win.document;
  const native = saveNatives(win);
  const nativeCookie = Object.getOwnPropertyDescriptor(win.Document.prototype, 'cookie')!;
  const entries = createBlockedLog();
  const released = new WeakSet<Element>();
  let failed = false;
  let releaseQueued = false;
  const classifyUrl = rememberRecentUrls((url: string, base: string) => classifier.classifyUrl(url, base));
  const classifyCall = (kind: CallKind, target: string) => {
    if (kind === 'cookie') return classifier.classifyCookie(target);
    if (kind === 'storage') return classifier.classifyStorageKey(target);
    return classifyUrl(target, doc.baseURI);
  };

  const record = (kind: BlockedKind, target: string, c: Classified, via: Via) => {
    entries.add({ kind, target, service: c.service, vendor: c.vendor, category: c.category, time: Date.now(), via });
    log.debug(`blocked ${kind} ${target}: ${c.vendor} ${c.service}, waiting for "${c.category}"`);
  };
  /** Every service classified so far, blocked or let through: the preference centre lists them. */
  const seen = new Map<string, Classified>();
  const verdict = (c: Classified | undefined) => {
    if (c && !seen.has(c.service)) seen.set(c.service, c);
    const v = shouldBlock(c, isGranted);
    return v.block ? v.classification : undefined;
  };

  const ctx: InterceptorContext = {
    win,
    native,
    checkUrl(url, kind, via) {
      // The classifier resolves relative URLs itself; the absolute form is only built for the log.
      const base = doc.baseURI;
      const c = verdict(classifyUrl(url, base));
      if (c) record(kind, resolveHttpUrl(url, base) ?? url, c, via);
      return c;
    },
    checkCall: (kind, target) => verdict(classifyCall(kind, target)),
    holdCall(kind, target, proceed, refuse) {
      if (options.defer?.({ kind, target, proceed, refuse })) return;
      const c = ctx.checkCall(kind, target);
      if (c) record(kind, kind === 'cookie' || kind === 'storage' ? target : resolveHttpUrl(target, doc.baseURI) ?? target, c, 'script');
      (c ? refuse : proceed)();
    },
    isReleased: (element) => released.has(element),
    holdElement(element, via) {
      const tag = element.tagName;
      const attributes = URL_ATTRIBUTES[tag];
      if (!attributes || released.has(element)) return false;
      if (isInert(element, tag)) {
        inertFrame(element);
        return true;
      }
      if (tag === 'LINK' && !isFetchingLink(element)) return false;
      // An element is often seen twice (its src set, then inserted): the URL memo answers the second time.
      for (const attribute of attributes) {
        const value = element.getAttribute(attribute);
        if (!value) continue;
        const base = doc.baseURI;
        let url = value;
        let c: Classified | undefined;
        if (attribute !== 'srcset') c = verdict(classifyUrl(value, base));
        else for (const candidate of srcsetUrls(value)) if ((c = verdict(classifyUrl((url = candidate), base)))) break;
        if (!c) continue;
        record(kindOf(tag), resolveHttpUrl(url, base) ?? url, c, via);
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
    if (element.tagName !== 'IFRAME' || !options.onInertFrame) return;
    const frame = element as HTMLIFrameElement;
    options.onInertFrame(frame, categoriesOf(frame)[0] ?? 'necessary', frame.getAttribute(SERVICE_ATTRIBUTE) ?? undefined);
  };

  const uninstall = [...(options.intercept === false ? [] : INTERCEPTORS), parsedTags].map((install) => install(ctx));
  const releaser = createReleaser(doc, {
    released(element) {
      released.add(element);
      if (element.tagName === 'IFRAME') options.onFrameReleased?.(element as HTMLIFrameElement);
    },
  });

  const blocker: Blocker = {
    holdCall: (call) => ctx.holdCall(call.kind, call.target, call.proceed, call.refuse),
    releaseGranted() {
      return releaser.release(findReleasable(doc, isGranted)).catch((error) => log.error('release failed:', error));
    },
    withdraw() {
      const withdrawn = (c: Classified | undefined) => c !== undefined && verdict(c) !== undefined;
      const write = (line: string) => nativeCookie.set!.call(doc, line);
      const names = cookieNames(doc.cookie).filter((name) => withdrawn(classifier.classifyCookie(name)));
      const deletedCookies = deleteCookies(doc, names, write);
      const clearedStorageKeys = clearStorageKeys(win, (key) => withdrawn(classifier.classifyStorageKey(key)));
      // A live iframe can be stopped, unlike a script: put it back to sleep.
      for (const frame of doc.querySelectorAll('iframe[src]')) {
        released.delete(frame);
        const categories = categoriesOf(frame);
        if (categories.length === 0) ctx.holdElement(frame, 'script');
        else if (categories.some((c) => !isGranted(c, frame.getAttribute(SERVICE_ATTRIBUTE) ?? undefined))) {
          native.set(frame, 'data-src', frame.getAttribute('src')!);
          native.remove(frame, 'src');
          inertFrame(frame);
        }
      }
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
      uninstall.forEach((undo) => undo());
    },
  };
  uninstall.push(warnEscaped(win, () => blocker.blocked()));
  return blocker;
}

/** Absolute http(s) URL, or undefined for data:, blob:, about:, javascript: and garbage. */
function resolveHttpUrl(url: string, base: string): string | undefined {
  try {
    const parsed = new URL(url, base);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : undefined;
  } catch {
    return undefined;
  }
}

export { findInert };
