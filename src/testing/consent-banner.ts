/**
 * `consentBanner(page)`: the consent UI as a visitor meets it, by accessible
 * roles and names (the UI sits in an open shadow root, which role locators
 * pierce). Names come from the SDK's own strings in every built-in language,
 * so the same test drives a French, English, German, Spanish, Italian or
 * Dutch page.
 */
import type { Category } from '../store/consent-record.js';
import type { KitLocator, KitPage, LocatorOf } from './playwright-types.js';
import { TestingKitError } from './testing-error.js';
import { categoryPattern, textPattern, type LabelPattern, type TextOverrides } from './text-patterns.js';

/**
 * The element holding the UI's shadow root (ui/mount-root.ts HOST_ATTRIBUTE;
 * a unit test keeps the two equal). Locators start there, so that a page's
 * own "Manage cookies" button or "Accept all" link is never mistaken for the SDK's.
 */
export const UI_HOST = '[data-nexus-consent]';

/** The page's own "Gérer les cookies" elements the SDK listens to (ui-host/ui-host.ts OPEN_ATTRIBUTE; a unit test keeps the two equal). */
export const OPEN_ATTRIBUTE = 'data-nexus-consent-open';

export interface ConsentBannerOptions {
  /** The site's `texts` option, when it overrides the SDK's strings or adds a language. @default none */
  readonly texts?: TextOverrides;
  /**
   * Labels of the site's own categories, or of built-in ones it relabelled
   * (its `categories.<id>.label`), for `customise()` and `category()`.
   * @default the built-in labels
   */
  readonly categoryLabels?: Readonly<Record<string, LabelPattern>>;
  /** How long an action waits for the UI to show or hide, in ms. @default Playwright's action timeout */
  readonly timeout?: number;
}

/** `L`: the caller's own Locator type (`@playwright/test`'s or `playwright`'s), so every matcher applies. */
export interface ConsentBanner<L = KitLocator> {
  /** The banner (a labelled region). */
  readonly banner: L;
  /** The preference centre (a modal dialog). */
  readonly dialog: L;
  /** The floating button that reopens the preference centre after a decision. */
  readonly openButton: L;
  /**
   * The page's own ways to reopen the preferences: elements with
   * `data-nexus-consent-open`, and links or buttons named like the SDK's
   * "Gérer les cookies" (in any built-in language, or the site's `texts`).
   */
  readonly pageOpener: L;
  /** A category's switch in the preference centre. Throws for a category it cannot name. */
  category(category: Category): L;
  /** Clicks "Accept all" on the preference centre if it is open, else on the banner; waits until both are gone. */
  acceptAll(): Promise<void>;
  /** The same with "Reject all". */
  rejectAll(): Promise<void>;
  /**
   * Opens the preference centre (from the banner's "Customise", or as `open()`
   * does after a decision) unless it is open, sets each category given to on
   * or off, leaves the others as they are, saves, and waits until the UI is gone.
   */
  customise(choices: Readonly<Partial<Record<Category, boolean>>>): Promise<void>;
  /**
   * Reopens the preference centre as a visitor would: the floating button when
   * it shows, else the page's own "Gérer les cookies" link or button
   * (`pageOpener`; one that shows the banner is followed through its
   * "Customise"). Waits until the preference centre shows.
   */
  open(): Promise<void>;
}

export function consentBanner<P extends KitPage>(page: P, options: ConsentBannerOptions = {}): ConsentBanner<LocatorOf<P>> {
  const texts = options.texts ?? {};
  const timeout = options.timeout === undefined ? {} : { timeout: options.timeout };
  const ui = page.locator(UI_HOST);
  const banner = ui.getByRole('region', { name: textPattern('bannerLabel', texts) });
  const dialog = ui.getByRole('dialog', { name: textPattern('dialogTitle', texts) });
  const openButton = ui.getByRole('button', { name: textPattern('manage', texts) });
  // Role locators pierce the SDK's shadow root: while the floating button shows, open() takes it first.
  const named = textPattern('manage', texts);
  const body = page.locator('body');
  const pageOpener = page.locator(`[${OPEN_ATTRIBUTE}]`).or(body.getByRole('link', { name: named })).or(body.getByRole('button', { name: named }));
  const button = (scope: KitLocator, key: 'acceptAll' | 'rejectAll' | 'customise' | 'save') =>
    scope.getByRole('button', { name: textPattern(key, texts) });

  const category = (id: Category): KitLocator => {
    const name = categoryPattern(id, texts, options.categoryLabels?.[id]);
    if (!name) {
      throw new TestingKitError('consentBanner', `categories.${id}`, 'a built-in category, or one given in options.categoryLabels', id);
    }
    return dialog.getByRole('checkbox', { name });
  };

  /** Waits for any of `locators` to show; throws a message that says what was expected. */
  const waitForAny = async (action: string, expected: string, hint: string, ...locators: KitLocator[]) => {
    const any = locators.reduce((a, b) => a.or(b));
    try {
      await any.first().waitFor({ state: 'visible', ...timeout });
    } catch (error) {
      throw new Error(`nexus-consent/testing: ${action}() found no ${expected} showing${hint}`, { cause: error });
    }
  };
  const whenGone = async () => {
    await banner.waitFor({ state: 'hidden', ...timeout });
    await dialog.waitFor({ state: 'hidden', ...timeout });
  };
  const decideAll = async (action: 'acceptAll' | 'rejectAll') => {
    await waitForAny(action, 'banner or preference centre', ' (a decision already stored? call open() first)', banner, dialog);
    await button((await dialog.isVisible()) ? dialog : banner, action).click(timeout);
    await whenGone();
  };
  const open = async () => {
    if (await dialog.isVisible()) return;
    await waitForAny(
      'open',
      'floating "manage cookies" button nor page link to the preferences',
      ' (the button shows after a decision unless floatingButton is false; a page link needs data-nexus-consent-open or the "Gérer les cookies" name)',
      openButton,
      pageOpener,
    );
    if (await openButton.isVisible()) await openButton.click(timeout);
    else await pageOpener.first().click(timeout);
    // A page link that shows the banner (showBanner()) instead: on through its "Customise".
    await dialog.or(banner).first().waitFor({ state: 'visible', ...timeout });
    if (!(await dialog.isVisible())) await button(banner, 'customise').click(timeout);
    await dialog.waitFor({ state: 'visible', ...timeout });
  };

  const kit: ConsentBanner = {
    banner,
    dialog,
    openButton,
    pageOpener,
    category,
    acceptAll: () => decideAll('acceptAll'),
    rejectAll: () => decideAll('rejectAll'),
    async customise(choices) {
      // Name every switch first: a typo fails before anything is clicked.
      const switches = Object.entries(choices).map(([id, on]) => {
        if (typeof on !== 'boolean') throw new TestingKitError('customise', `choices.${id}`, 'true or false', on);
        return [category(id), on] as const;
      });
      await waitForAny('customise', 'banner, preference centre, floating button or page link to the preferences', '', banner, dialog, openButton, pageOpener);
      if (!(await dialog.isVisible())) {
        if (await banner.isVisible()) {
          await button(banner, 'customise').click(timeout);
          await dialog.waitFor({ state: 'visible', ...timeout });
        } else await open();
      }
      for (const [checkbox, on] of switches) await checkbox.setChecked(on, timeout);
      await button(dialog, 'save').click(timeout);
      await whenGone();
    },
    open,
  };
  // The locators are the page's own (its Locator type), created by its `locator()`.
  return kit as unknown as ConsentBanner<LocatorOf<P>>;
}
