// @vitest-environment jsdom
// A page that locked what the blocker patches, before it loaded (and after): its own file, as it freezes this window's prototypes.
import { describe, expect, it, vi } from 'vitest';
import type { BrowserWindow } from '../browser-window.js';
import { createBlocker, type TrackerClassifier } from './create-blocker.js';

const tracker = { service: 'x', vendor: 'X', category: 'advertising', source: 'site' } as const;
const classifier: TrackerClassifier = {
  classifyUrl: (url) => (url.includes('tracker.example') ? tracker : undefined),
  classifyCookie: (name) => (name === '_x' ? tracker : undefined),
  classifyStorageKey: (key) => (key === '_x' ? tracker : undefined),
};

describe('a page that froze what the blocker patches', () => {
  it('starts, guards what it can, names once what it could not, and stops without throwing', () => {
    const fetch = () => Promise.resolve(new Response());
    Object.defineProperty(window, 'fetch', { value: fetch, writable: false, configurable: false });
    const cookie = Object.getOwnPropertyDescriptor(Document.prototype, 'cookie')!;
    Object.defineProperty(Document.prototype, 'cookie', { ...cookie, configurable: false });
    Object.freeze(Storage.prototype);
    Object.freeze(Element.prototype);

    const log = { debug: vi.fn(), error: vi.fn(), table: vi.fn() };
    const blocker = createBlocker({ win: window as BrowserWindow, classifier, isGranted: () => false, log });
    expect(log.error).toHaveBeenCalledTimes(1);
    const message = String(log.error.mock.calls[0]![0]);
    expect(message).toMatch(/^could not guard .*: the page locked them before the SDK loaded \(load it first\)/);
    for (const name of ['fetch', 'Storage.setItem', 'Element.innerHTML', 'Element.append']) expect(message).toContain(name);
    // appendChild is defined on Node: patched there instead. document.cookie: on the document itself.
    expect(message).not.toContain('appendChild');
    expect(message).not.toContain('cookie');

    document.cookie = '_x=1; path=/';
    document.cookie = 'cart=1; path=/';
    expect(document.cookie).toBe('cart=1');
    const img = new Image();
    img.src = 'https://tracker.example/p.gif';
    expect(img.getAttribute('src')).toBeNull();
    const script = document.createElement('script');
    script.src = 'https://tracker.example/t.js';
    document.head.appendChild(script);
    expect(script.type).toBe('text/plain');
    expect(blocker.blocked().map((b) => b.kind)).toEqual(['cookie', 'img', 'script']);

    // The page freezes more after the SDK patched it: stop() cannot unpatch those, and does not throw.
    Object.freeze(Node.prototype);
    Object.freeze(HTMLImageElement.prototype);
    expect(() => blocker.stop()).not.toThrow();
    expect(Object.hasOwn(document, 'cookie')).toBe(false);
    document.cookie = '_x=1; path=/';
    expect(document.cookie).toContain('_x=1');
    // What stayed patched passes straight through.
    const after = new Image();
    after.src = 'https://tracker.example/p.gif';
    expect(after.getAttribute('src')).toBe('https://tracker.example/p.gif');
    expect(log.error).toHaveBeenCalledTimes(1);
  });
});
