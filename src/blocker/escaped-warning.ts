/**
 * Tags written in the page's HTML that the browser fetched before the SDK
 * could hold them (Chromium's preload scanner reads ahead of the parser):
 * `blocked()` lists them with `escaped: true`; this says so once in the
 * console, with the fix — the markup step, which marks them up before the
 * browser sees the page. Resource-timing entries land as responses end, so it
 * looks once the page has loaded.
 */
import type { BrowserWindow } from '../browser-window.js';
import type { BlockedEntry } from './blocked-log.js';

export function warnEscaped(win: BrowserWindow, blocked: () => BlockedEntry[]): () => void {
  // Started after the parse: the HTML's tags were not seen as parsed, nothing to say.
  if (win.document.readyState === 'complete') return () => {};
  const check = () => {
    const escaped = blocked().filter((entry) => entry.escaped);
    if (escaped.length === 0) return;
    win.console.warn(
      `[nexus-consent] ${escaped.length} tracker tag(s) written in the HTML reached their host before any choice: ` +
        `the browser requested them before any script could hold them.\n` +
        escaped.map((e) => `  <${e.kind}> ${e.target} (${e.service}, ${e.category})`).join('\n') +
        `\nMark them up before the page is served: \`npx nexus-consent markup 'dist/**/*.html'\`, ` +
        `or the nexus-consent/markup middleware (README: "The markup step").`,
    );
  };
  const onLoad = () => win.setTimeout(check, 0);
  win.addEventListener('load', onLoad, { once: true });
  return () => win.removeEventListener('load', onLoad);
}
