// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { BrowserWindow } from '../../browser-window.js';
import { createBlocker, type Blocker, type TrackerClassifier } from '../create-blocker.js';

const classifier: TrackerClassifier = {
  classifyUrl: (url) => (url.includes('tracker.example') ? { service: 'x', vendor: 'X', category: 'advertising', source: 'site' } : undefined),
  classifyCookie: () => undefined,
  classifyStorageKey: () => undefined,
};
let blocker: Blocker | undefined;
const start = () => (blocker = createBlocker({ win: window as BrowserWindow, classifier, isGranted: () => false, log: { debug: vi.fn(), error: vi.fn(), table: vi.fn() } }));
afterEach(() => {
  blocker?.stop();
  blocker = undefined;
  document.body.replaceChildren();
});

describe('HTML strings (jsdom): what the parser makes is inspected, not the text', () => {
  it.each([
    ['<img/src="https://tracker.example/a">', 'img'],
    ['<img alt=""src="https://tracker.example/a">', 'img'],
    ['<IMG SRC = "https://tracker.example/a">', 'img'],
    ['<image src="https://tracker.example/a">', 'img'],
    ['<iframe/src="https://tracker.example/a"></iframe>', 'iframe'],
    ['<input type=image src=https://tracker.example/a>', 'input'],
  ])('innerHTML %s is held', (markup, tag) => {
    start();
    const div = document.body.appendChild(document.createElement('div'));
    div.innerHTML = markup;
    const element = div.querySelector(tag)!;
    expect(element.hasAttribute('src')).toBe(false);
    expect(element.getAttribute('data-src')).toBe('https://tracker.example/a');
  });

  it('parses in the real context: an <svg>’s innerHTML makes SVG elements, whose href is held', () => {
    start();
    const svg = document.body.appendChild(document.createElementNS('http://www.w3.org/2000/svg', 'svg'));
    svg.innerHTML = '<image href="https://tracker.example/i"/><script href="https://tracker.example/s.js"></script>';
    for (const element of svg.children) {
      expect(element.namespaceURI).toBe('http://www.w3.org/2000/svg');
      expect(element.hasAttribute('href')).toBe(false);
      expect(element.getAttribute('data-href')).toMatch(/^https:\/\/tracker\.example\//);
    }
  });

  it('leaves text in a raw-text context alone: a <textarea> keeps the markup it was given', () => {
    start();
    const area = document.body.appendChild(document.createElement('textarea'));
    area.innerHTML = '<img src="https://tracker.example/a">';
    expect(area.value).toBe('<img src="https://tracker.example/a">');
  });

  it('holds a srcdoc frame whose markup holds a tracker, and nothing else', () => {
    start();
    const frame = document.createElement('iframe');
    frame.srcdoc = '<p>pub</p><img src="https://tracker.example/a">';
    expect(frame.hasAttribute('srcdoc')).toBe(false);
    expect(frame.getAttribute('data-srcdoc')).toContain('tracker.example');
    const plain = document.createElement('iframe');
    plain.srcdoc = '<p>hello</p>';
    expect(plain.getAttribute('srcdoc')).toBe('<p>hello</p>');
  });

  it('checks markup of another document as it is imported', () => {
    start();
    const parsed = new DOMParser().parseFromString('<img src="https://tracker.example/a">', 'text/html');
    const copy = document.importNode(parsed.body.firstElementChild!, true);
    expect(copy.getAttribute('data-src')).toBe('https://tracker.example/a');
  });

  it('stop() removes every patch it added', () => {
    const own = (o: object, name: string) => Object.getOwnPropertyDescriptor(o, name);
    const before = [own(Range.prototype, 'createContextualFragment'), own(Document.prototype, 'importNode'), own(HTMLInputElement.prototype, 'setAttribute'), own(HTMLIFrameElement.prototype, 'srcdoc')];
    start();
    expect(own(Document.prototype, 'importNode')).not.toEqual(before[1]);
    blocker!.stop();
    blocker = undefined;
    expect([own(Range.prototype, 'createContextualFragment'), own(Document.prototype, 'importNode'), own(HTMLInputElement.prototype, 'setAttribute'), own(HTMLIFrameElement.prototype, 'srcdoc')]).toEqual(before);
  });
});
