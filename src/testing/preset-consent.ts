/**
 * `presetConsent(context, choices)`: start a test as a visitor who has
 * already decided, with no banner in the way. It writes the consent cookie
 * into the BrowserContext; call it before the page navigates.
 */
import type { ConsentRecord } from '../store/consent-record.js';
import { presetCookie, randomRecordId, type PresetChoices, type PresetConsentOptions } from './consent-cookie.js';
import { isPage, type KitContext, type KitPage } from './playwright-types.js';

/**
 * Writes a consent record for `choices` (missing categories are denied) into
 * the context's cookies and returns it. Throws a TestingKitError naming the
 * bad field for an unknown category, a bad option or a missing URL.
 *
 *   await presetConsent(context, { analytics: true, advertising: false, personalisation: false });
 *   await page.goto('/'); // no banner; analytics granted
 */
export async function presetConsent(
  target: KitContext | KitPage,
  choices: PresetChoices,
  options: PresetConsentOptions = {},
): Promise<ConsentRecord> {
  const page = isPage(target) ? target : undefined;
  const context = page ? page.context() : (target as KitContext);
  const { record, cookie } = presetCookie(choices, options, {
    defaultUrl: baseURL(context) ?? pageUrl(page),
    now: Date.now(),
    newId: () => randomRecordId(),
  });
  await context.addCookies([{ ...cookie }]);
  return record;
}

/**
 * Playwright resolves `page.goto('/')` against the context's `baseURL` but has
 * no public getter for it; its client object has kept it as `_options.baseURL`
 * since baseURL exists (1.13). When that ever changes, pass `{ url }`.
 */
function baseURL(context: KitContext): string | undefined {
  const value = (context as unknown as { _options?: { baseURL?: unknown } })._options?.baseURL;
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function pageUrl(page: KitPage | undefined): string | undefined {
  const url = page?.url();
  return url && /^https?:/.test(url) ? url : undefined;
}
