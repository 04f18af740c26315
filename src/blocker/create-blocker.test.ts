// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { BrowserWindow } from '../browser-window.js';
import { createBlocker, type Blocker, type TrackerClassifier } from './create-blocker.js';

const log = () => ({ debug: vi.fn(), error: vi.fn(), table: vi.fn() });
let blocker: Blocker | undefined;
afterEach(() => {
  blocker?.stop();
  blocker = undefined;
  for (const pair of document.cookie.split('; ')) document.cookie = `${pair.split('=')[0]}=; max-age=0; path=/`;
});

describe('createBlocker (jsdom)', () => {
  it('lets the page’s call go ahead when an interceptor throws, and logs once', () => {
    const broken: TrackerClassifier = {
      classifyUrl: () => { throw new Error('boom'); },
      classifyCookie: () => { throw new Error('boom'); },
      classifyStorageKey: () => { throw new Error('boom'); },
    };
    const logger = log();
    blocker = createBlocker({ win: window as BrowserWindow, classifier: broken, isGranted: () => false, log: logger });
    document.cookie = '_ga=1; path=/';
    document.cookie = '_fbp=2; path=/';
    const img = document.createElement('img');
    img.src = 'https://www.facebook.com/tr?id=1';
    expect(document.cookie).toContain('_ga=1');
    expect(document.cookie).toContain('_fbp=2');
    expect(img.getAttribute('src')).toBe('https://www.facebook.com/tr?id=1');
    expect(logger.error).toHaveBeenCalledTimes(1);
  });

  it('holds what the classifier files under a category not granted, and stops when asked', () => {
    const classifier: TrackerClassifier = {
      classifyUrl: (url) => (url.includes('tracker.example') ? { service: 'x', vendor: 'X', category: 'advertising', source: 'site' } : undefined),
      classifyCookie: (name) => (name === '_x' ? { service: 'x', vendor: 'X', category: 'advertising', source: 'site' } : undefined),
      classifyStorageKey: () => undefined,
    };
    blocker = createBlocker({ win: window as BrowserWindow, classifier, isGranted: () => false, log: log() });
    document.cookie = '_x=1; path=/';
    document.cookie = 'cart=1; path=/';
    const img = new Image();
    img.src = 'https://tracker.example/p.gif';
    expect(document.cookie).toBe('cart=1');
    expect(img.getAttribute('src')).toBeNull();
    expect(img.getAttribute('data-src')).toBe('https://tracker.example/p.gif');
    expect(blocker.blocked().map((b) => `${b.kind}:${b.target}`)).toEqual(['cookie:_x', 'img:https://tracker.example/p.gif']);
    blocker.stop();
    blocker = undefined;
    document.cookie = '_x=1; path=/';
    expect(document.cookie).toContain('_x=1');
  });

  it('holds a tracker script when its src is set, before any insertion, so no way of inserting it runs it', () => {
    blocker = createBlocker({ win: window as BrowserWindow, classifier: trackerExample, isGranted: () => false, log: log() });
    const script = document.createElement('script');
    script.src = 'https://tracker.example/t.js';
    expect(script.isConnected).toBe(false);
    expect(script.type).toBe('text/plain');
    expect(script.getAttribute('data-consent')).toBe('advertising');
    Node.prototype.appendChild.call(document.head, script);
    expect(blocker.blocked().map((b) => `${b.kind}:${b.target}`)).toEqual(['script:https://tracker.example/t.js']);
    script.remove();
  });

  it('shadows appendChild where pages call it and leaves Node.prototype.appendChild native; stop() puts every prototype back', () => {
    const before = {
      node: Object.getOwnPropertyDescriptor(Node.prototype, 'appendChild'),
      insertBefore: Object.getOwnPropertyDescriptor(Node.prototype, 'insertBefore'),
    };
    blocker = createBlocker({ win: window as BrowserWindow, classifier: trackerExample, isGranted: () => false, log: log() });
    expect(Object.getOwnPropertyDescriptor(Node.prototype, 'appendChild')).toEqual(before.node);
    for (const prototype of [Element.prototype, Document.prototype, DocumentFragment.prototype]) {
      // Defined as Web IDL defines an operation, so that a page can still patch it in turn.
      expect(Object.getOwnPropertyDescriptor(prototype, 'appendChild')).toMatchObject({ writable: true, enumerable: true, configurable: true });
    }
    expect(Object.getOwnPropertyDescriptor(Node.prototype, 'insertBefore')).not.toEqual(before.insertBefore);
    blocker.stop();
    blocker = undefined;
    for (const prototype of [Element.prototype, Document.prototype, DocumentFragment.prototype]) expect(Object.hasOwn(prototype, 'appendChild')).toBe(false);
    expect(Object.getOwnPropertyDescriptor(Node.prototype, 'insertBefore')).toEqual(before.insertBefore);
    expect(Object.hasOwn(HTMLImageElement.prototype, 'setAttribute')).toBe(false);
  });
});

describe('a tree built detached, then attached (createBlocker, jsdom)', () => {
  /** `rows` rows of div > (span, a > img, div > script), a tracker at `trackerAt` (img and script) and first-party elsewhere. */
  const build = (rows: number, trackerAt: number) => {
    const root = document.createElement('section');
    for (let i = 0; i < rows; i++) {
      const row = document.createElement('div');
      const link = document.createElement('a');
      row.append(document.createElement('span'), link);
      const img = document.createElement('img');
      // Set natively: only the insertion can catch it (as a tree from another copy of the SDK, or a frozen setter).
      Element.prototype.setAttribute.call(img, 'src', i === trackerAt ? 'https://tracker.example/p.gif' : `/img/${i}.png`);
      link.appendChild(img);
      const inner = document.createElement('div');
      const script = document.createElement('script');
      Element.prototype.setAttribute.call(script, 'src', i === trackerAt ? 'https://tracker.example/t.js' : `/app/${i}.js`);
      Node.prototype.appendChild.call(inner, script);
      row.appendChild(inner);
      root.appendChild(row);
    }
    return root;
  };

  // Small trees are walked, large ones searched with querySelectorAll (dom-insertion.ts): both find every element, in order.
  it.each([
    [1, 0],
    [3, 2],
    [40, 39],
    [40, 0],
  ])('%i rows, the tracker in row %i: its image and script are held, nothing else', (rows, trackerAt) => {
    blocker = createBlocker({ win: window as BrowserWindow, classifier: trackerExample, isGranted: () => false, log: log() });
    const tree = build(rows, trackerAt);
    document.body.appendChild(tree);
    expect(blocker.blocked().map((b) => `${b.kind}:${b.target}`)).toEqual(['img:https://tracker.example/p.gif', 'script:https://tracker.example/t.js']);
    expect(tree.querySelectorAll('[data-consent]')).toHaveLength(2);
    expect(tree.querySelectorAll('img[src]')).toHaveLength(rows - 1);
    tree.remove();
  });

  it('a fragment and a link with a fetching rel deep in a small tree', () => {
    blocker = createBlocker({ win: window as BrowserWindow, classifier: trackerExample, isGranted: () => false, log: log() });
    const fragment = document.createDocumentFragment();
    const outer = document.createElement('div');
    const link = document.createElement('link');
    Element.prototype.setAttribute.call(link, 'rel', 'preload');
    Element.prototype.setAttribute.call(link, 'href', 'https://tracker.example/x.js');
    outer.appendChild(document.createElement('p')).appendChild(document.createElement('b')).appendChild(link);
    fragment.append(document.createElement('hr'), outer);
    document.head.appendChild(fragment);
    expect(link.getAttribute('href')).toBeNull();
    expect(link.getAttribute('data-href')).toBe('https://tracker.example/x.js');
    outer.remove();
  });
});

describe('the classifier handed over later (nexus-consent/auto, then createConsent)', () => {
  it('answers with the new classifier at once: no answer of the old one is remembered', async () => {
    const { installEarlyBlocker, adoptEarlyBlocker } = await import('./early-blocker.js');
    const nothing: TrackerClassifier = { classifyUrl: () => undefined, classifyCookie: () => undefined, classifyStorageKey: () => undefined };
    installEarlyBlocker(window as BrowserWindow, nothing);
    const before = new Image();
    before.src = 'https://tracker.example/p.gif';
    expect(before.getAttribute('src')).toBe('https://tracker.example/p.gif');
    blocker = adoptEarlyBlocker(window as BrowserWindow, { classifier: trackerExample, isGranted: () => false, log: log() });
    const after = new Image();
    after.src = 'https://tracker.example/p.gif';
    expect(after.getAttribute('src')).toBeNull();
  });
});

const trackerExample: TrackerClassifier = {
  classifyUrl: (url) => (url.includes('tracker.example') ? { service: 'x', vendor: 'X', category: 'advertising', source: 'site' } : undefined),
  classifyCookie: () => undefined,
  classifyStorageKey: () => undefined,
};

/** Every own descriptor of every interface prototype and of the window: what patches could touch. */
function snapshot(): Map<object, Record<string, PropertyDescriptor>> {
  const globals = ['fetch', 'open', 'WebSocket', 'EventSource', 'Worker', 'SharedWorker'].map((name) => [name, Object.getOwnPropertyDescriptor(window, name)]);
  const all = new Map<object, Record<string, PropertyDescriptor>>([[window, Object.fromEntries(globals.filter(([, d]) => d))]]);
  for (const name of Object.getOwnPropertyNames(window)) {
    const value = (window as unknown as Record<string, unknown>)[name];
    if (typeof value === 'function' && typeof value.prototype === 'object' && value.prototype) all.set(value.prototype, Object.getOwnPropertyDescriptors(value.prototype));
  }
  return all;
}

function permutations(n: number): number[][] {
  const go = (rest: number[]): number[][] => (rest.length <= 1 ? [rest] : rest.flatMap((x, i) => go(rest.filter((_, j) => j !== i)).map((p) => [x, ...p])));
  return go([...Array(n).keys()]);
}

describe('several blockers on one page', () => {
  for (const count of [2, 3]) {
    for (const order of permutations(count)) {
      it(`${count} blockers stopped in the order ${order.join(', ')}: the others keep holding, and the last puts every prototype back exactly`, () => {
        const before = snapshot();
        const blockers = [...Array(count).keys()].map(() => createBlocker({ win: window as BrowserWindow, classifier: trackerExample, isGranted: () => false, log: log() }));
        const stopped = new Set<number>();
        for (const i of order) {
          blockers[i]!.stop();
          stopped.add(i);
          const img = new Image();
          img.src = 'https://tracker.example/p.gif';
          expect(img.getAttribute('src')).toBe(stopped.size === count ? 'https://tracker.example/p.gif' : null);
        }
        const after = snapshot();
        expect(after.get(window)!.open!.value).toBe(before.get(window)!.open!.value);
        const changed: string[] = [];
        for (const [target, descriptors] of before) {
          const now = after.get(target)!;
          for (const key of new Set([...Reflect.ownKeys(descriptors), ...Reflect.ownKeys(now)])) {
            const [a, b] = [descriptors[key as string], now[key as string]];
            const same = a && b && Reflect.ownKeys(a).length === Reflect.ownKeys(b).length && Reflect.ownKeys(a).every((k) => Object.is(a[k as 'value'], b[k as 'value']));
            if (!same) changed.push(`${String((target as { constructor?: { name?: string } }).constructor?.name)}.${String(key)}`);
          }
        }
        expect(changed).toEqual([]);
      });
    }
  }
});
