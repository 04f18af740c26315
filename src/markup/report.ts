/** What the rewriter did to a page, and what it thinks the page gets wrong. */

/** A tracker tag found in the page. */
export interface MarkedUpTag {
  /** Tag name, lower case: `script`, `img`, `iframe`, `link`… */
  readonly tag: string;
  /** The URL that classified it, as written (for an inline script, the URL found in its code). */
  readonly url: string;
  readonly service: string;
  readonly vendor: string;
  readonly category: string;
  /** Line of the tag in the page, from 1. */
  readonly line: number;
  /** An inline script that loads the tracker. */
  readonly inline: boolean;
  /** Inside a `<noscript>`. */
  readonly noscript: boolean;
}

export interface MarkupWarning {
  /**
   * `sdk-missing`: no script tag of the SDK; `sdk-after-tracker`: a tracker
   * comes before it; `sdk-async`: it is `async`, `defer` or a module;
   * `script-too-long`: an inline script was only searched in part;
   * `document-write`: an inline script that loads trackers uses
   * `document.write`, so it is left to run (the SDK holds what it writes);
   * `not-utf-8`: the page declares, in a `<meta>`, a stateful encoding
   * (ISO-2022-*, HZ) that cannot be read byte by byte, so it passed untouched.
   */
  readonly code: 'sdk-missing' | 'sdk-after-tracker' | 'sdk-async' | 'script-too-long' | 'document-write' | 'not-utf-8';
  readonly message: string;
}

export interface MarkupReport {
  /** Tags marked up: without the rewriter, each would reach its tracker before consent. */
  readonly rewritten: readonly MarkedUpTag[];
  /** Tracker tags left live because the visitor's consent cookie grants them. */
  readonly granted: readonly MarkedUpTag[];
  readonly warnings: readonly MarkupWarning[];
}
