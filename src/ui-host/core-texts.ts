/**
 * The few strings the core shows itself — the floating button's label and the
 * fallback banner — in French and English, so that neither waits for the UI
 * file (and the fallback works when it cannot load). A site's `texts` for
 * these keys win, in any language it adds.
 */
import type { ResolvedConfig } from '../config/types.js';
import { ownValue } from '../own-property.js';

export type CoreTextKey = 'bannerLabel' | 'bannerTitle' | 'acceptAll' | 'rejectAll' | 'manage';
export type CoreTexts = Readonly<Record<CoreTextKey, string>>;

const FR: CoreTexts = {
  bannerLabel: 'Gestion des cookies',
  bannerTitle: 'Vos choix en matière de cookies',
  acceptAll: 'Tout accepter',
  rejectAll: 'Tout refuser',
  manage: 'Gérer les cookies',
};
const EN: CoreTexts = {
  bannerLabel: 'Cookie consent',
  bannerTitle: 'Your cookie choices',
  acceptAll: 'Accept all',
  rejectAll: 'Reject all',
  manage: 'Manage cookies',
};

/** The languages the UI file carries (i18n/resolve-texts.ts BUILT_IN_TEXTS), named without importing their texts. */
export const BUILT_IN_LANGUAGES: readonly string[] = ['fr', 'en'];

export function coreTexts(language: string, overrides: ResolvedConfig['texts']): CoreTexts {
  const base = language.split('-')[0] ?? language;
  return { ...(base === 'fr' ? FR : EN), ...ownValue(overrides, base), ...ownValue(overrides, language) } as CoreTexts;
}
