/**
 * What the visitor is shown, worked out in the consent-log client (loaded on
 * demand) rather than in the core, which does not carry the texts: the UI's
 * strings in the chosen language, the categories as the banner and dialog label
 * and describe them, and the site's service list. Its fingerprint goes in every receipt.
 */
import type { ResolvedConfig } from '../config/types.js';
import { resolveTexts } from '../i18n/resolve-texts.js';
import { uiCategories } from '../ui/view-model.js';

export function shownTexts(config: ResolvedConfig, language: string): unknown {
  const texts = resolveTexts(language, config.texts);
  return { language, texts, categories: uiCategories(config.categories, texts, language), services: config.categories.map((c) => c.services) };
}
