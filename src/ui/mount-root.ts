/**
 * The UI's home: a host element, first in <body> so the banner is the first
 * thing reached by keyboard, holding an open shadow root so that the page's CSS
 * cannot break the UI and the UI's CSS cannot leak into the page. The host
 * itself has no box (`display: contents` would hide it from some tools, so it is
 * a zero-size block): the fixed banner never shifts the page layout.
 *
 * The host is an element of its own name, not a <div>: React 19 hydrating a
 * server-rendered <body> skips an element it did not render only when its tag
 * differs from the one it expects there; a <div> put before the app's first
 * <div> (Next.js's App Router starts <body> with one) is taken for it, and the
 * whole document is thrown away and rendered again (React error #418).
 *
 * Styles are adopted as a constructed stylesheet, which a strict
 * Content-Security-Policy (`style-src 'self'`) allows; older engines get a
 * <style> element carrying the configured nonce.
 */
export const HOST_ATTRIBUTE = 'data-nexus-consent';
/** A valid custom element name (it has a hyphen), never defined: attachShadow() allows it. */
export const HOST_TAG = 'nexus-consent-ui';

export interface UiRoot {
  readonly shadow: ShadowRoot;
  remove(): void;
}

export function mountRoot(doc: Document, adoptStyles: StyleAdopter): UiRoot {
  const host = doc.createElement(HOST_TAG);
  host.setAttribute(HOST_ATTRIBUTE, '');
  const shadow = host.attachShadow({ mode: 'open' });
  adoptStyles(shadow);
  const stopWaiting = whenBodyExists(doc, (body) => body.prepend(host));
  return {
    shadow,
    remove() {
      stopWaiting();
      host.remove();
    },
  };
}

export type StyleAdopter = (shadow: ShadowRoot) => void;

/**
 * Gives shadow roots the stylesheet `css` (the core's base.css, or base.css and
 * the UI's styles.css) — one constructed sheet shared by all of
 * them, else a <style> each — and the theme (`auto` follows prefers-color-scheme).
 */
export function createStyleAdopter(doc: Document, nonce: string | undefined, theme: string, css: string): StyleAdopter {
  const win = doc.defaultView!;
  let sheet: CSSStyleSheet | undefined;
  return (shadow) => {
    shadow.host.setAttribute('data-nc-theme', theme);
    if ('adoptedStyleSheets' in shadow && 'replaceSync' in win.CSSStyleSheet.prototype) {
      if (!sheet) {
        sheet = new win.CSSStyleSheet();
        sheet.replaceSync(css);
      }
      shadow.adoptedStyleSheets = [sheet];
    } else {
      const style = doc.createElement('style');
      if (nonce) style.nonce = nonce;
      style.textContent = css;
      shadow.append(style);
    }
  };
}

/**
 * Calls back as soon as <body> exists. The script tag is meant to sit first in
 * <head>, before <body> is parsed; waiting for DOMContentLoaded would delay the
 * banner behind every image and script of the page.
 */
function whenBodyExists(doc: Document, callback: (body: HTMLElement) => void): () => void {
  if (doc.body) {
    callback(doc.body);
    return () => {};
  }
  const observer = new (doc.defaultView!.MutationObserver)(() => {
    if (!doc.body) return;
    observer.disconnect();
    callback(doc.body);
  });
  observer.observe(doc.documentElement, { childList: true });
  return () => observer.disconnect();
}
