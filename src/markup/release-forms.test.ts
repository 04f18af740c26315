// @vitest-environment jsdom
/**
 * Every form the rewriter writes is one the page's SDK finds and releases:
 * the rewriter's output, parsed by a DOM, goes through the blocker's own
 * findReleasable and releaser, and comes out live.
 */
import { describe, expect, it } from 'vitest';
import { findInert, findReleasable } from '../blocker/marked-up-tags.js';
import { createReleaser } from '../blocker/release.js';
import { markUpTrackers } from './index.js';

const fb = 'https://www.facebook.com/tr?id=1';
const TAGS = [
  `<link id="preload" rel="preload" as="script" href="https://connect.facebook.net/en_US/fbevents.js">`,
  `<link id="preconnect" rel="preconnect" href="https://connect.facebook.net">`,
  `<link id="dns" rel="dns-prefetch" href="https://connect.facebook.net">`,
  `<img id="img" src="${fb}" srcset="${fb} 2x">`,
  `<picture><source id="source" srcset="${fb}"></picture>`,
  `<video id="video" poster="${fb}" src="${fb}"></video>`,
  `<audio id="audio" src="${fb}"></audio>`,
  `<embed id="embed" src="${fb}">`,
  `<object id="object" data="${fb}"></object>`,
  `<input id="input" type="image" src="${fb}">`,
  `<iframe id="iframe" src="https://www.youtube.com/embed/x"></iframe>`,
  `<script id="external" src="https://connect.facebook.net/en_US/fbevents.js"></script>`,
  `<script id="module" type="module" src="https://connect.facebook.net/m.js"></script>`,
  `<script id="inline">window.__loader = 'https://connect.facebook.net/en_US/fbevents.js'</script>`,
];

describe('the page releases what the rewriter marks up', () => {
  it('finds every marked-up tag inert, and releasable once its category is granted', async () => {
    const { html, report } = markUpTrackers(TAGS.join('\n'), { sdkScript: false });
    expect(report.rewritten).toHaveLength(TAGS.length);
    document.body.innerHTML = html;
    const ids = (elements: Element[]) => elements.map((e) => e.id);
    const all = TAGS.map((t) => /id="([^"]+)"/.exec(t)![1]);
    expect(ids(findInert(document))).toEqual(all);
    expect(findReleasable(document, (c) => c === 'necessary')).toEqual([]);
    const granted = findReleasable(document, (c) => c === 'advertising' || c === 'personalisation');
    expect(ids(granted)).toEqual(all);

    // Scripts are released as copies that load; jsdom loads nothing, so resolve their load at once.
    const observer = new MutationObserver((records) => {
      for (const r of records) for (const n of r.addedNodes) if (n instanceof HTMLScriptElement && n.src) queueMicrotask(() => n.dispatchEvent(new Event('load')));
    });
    observer.observe(document.body, { childList: true, subtree: true });
    await createReleaser(document, { released() {}, allowed: () => true }).release(granted);
    observer.disconnect();
    const live = (id: string, attribute: string) => document.getElementById(id)?.getAttribute(attribute);
    expect(live('preload', 'href')).toBe('https://connect.facebook.net/en_US/fbevents.js');
    expect(live('preconnect', 'href')).toBe('https://connect.facebook.net');
    expect(live('dns', 'href')).toBe('https://connect.facebook.net');
    expect([live('img', 'src'), live('img', 'srcset')]).toEqual([fb, `${fb} 2x`]);
    expect(live('source', 'srcset')).toBe(fb);
    expect([live('video', 'src'), live('video', 'poster')]).toEqual([fb, fb]);
    expect(live('audio', 'src')).toBe(fb);
    expect(live('embed', 'src')).toBe(fb);
    expect(live('object', 'data')).toBe(fb);
    expect(live('input', 'src')).toBe(fb);
    expect(live('iframe', 'src')).toBe('https://www.youtube.com/embed/x');
    expect((document.getElementById('external') as HTMLScriptElement).type).toBe('');
    expect((document.getElementById('module') as HTMLScriptElement).type).toBe('module');
    expect((document.getElementById('inline') as HTMLScriptElement).type).toBe('');
    expect(findInert(document)).toEqual([]);
  });
});
