/**
 * nexus-consent/vite: the markup step as a Vite plugin. `index.html` (and
 * every HTML entry) is rewritten at build and by the dev server, after other
 * plugins' changes, so tags they inject are marked up too.
 *
 *   import { nexusConsent } from 'nexus-consent/vite';
 *   export default defineConfig({ plugins: [nexusConsent({ rules: … })] });
 */
import { createMarkup, type Markup } from './create-markup.js';
import type { MarkupOptions } from './markup-options.js';
import type { MarkupReport } from './report.js';

export interface NexusConsentViteOptions extends MarkupOptions {
  /** Told of each page's report. @default warnings and the tags marked up are logged */
  readonly onReport?: (report: MarkupReport, path: string) => void;
}

/** The part of Vite's Plugin type this plugin uses (no dependency on Vite's types). */
export interface NexusConsentVitePlugin {
  readonly name: string;
  readonly transformIndexHtml: {
    readonly order: 'post';
    handler(html: string, context: { readonly path: string }): string;
  };
}

export function nexusConsent(options: NexusConsentViteOptions = {}): NexusConsentVitePlugin {
  const { onReport, ...config } = options;
  // Validated now: a bad option stops the build at once, naming it.
  const markup: Markup = createMarkup(config);
  const report =
    onReport ??
    ((r: MarkupReport, path: string) => {
      for (const w of r.warnings) console.warn(`[nexus-consent] ${path}: ${w.message}`);
      if (r.rewritten.length > 0) console.info(`[nexus-consent] ${path}: ${r.rewritten.length} tracker tag(s) marked up`);
    });
  return {
    name: 'nexus-consent-markup',
    transformIndexHtml: {
      order: 'post',
      handler(html, context) {
        const result = markup.rewrite(html);
        report(result.report, context.path);
        return result.html;
      },
    },
  };
}

export type { MarkupOptions, MarkupReport };
