/**
 * `consentBanner(page)`: the consent UI as a visitor meets it, by accessible
 * roles and names (the UI sits in an open shadow root, which role locators
 * pierce). Names come from the SDK's own strings in every built-in language,
 * so the same test drives a French, English, German, Spanish, Italian or
 * Dutch page.
 */
import type { Locator, Page } from 'playwright';
import type { Category } from '../store/consent-record.js';
import { TestingKitError } from './testing-error.js';
import { categoryPattern, textPattern, type LabelPattern, type TextOverrides } from './text-patterns.js';

/**
 * The element holding the UI's shadow root (ui/mount-root.ts HOST_ATTRIBUTE;
 * a unit test keeps the two equal). Locators start there, so that a page's
 * own "Manage cookies" button or "Accept all" link is never mistaken for the SDK's.
 */
export const UI_HOST = '[data-nexus-consent]';

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

export interface ConsentBanner {
  /** The banner (a labelled region). */
  readonly banner: Locator;
  /** The preference centre (a modal dialog). */
  readonly dialog: Locator;
  /** The floating button that reopens the preference centre after a decision. */
  readonly openButton: Locator;
  /** A category's switch in the preference centre. Throws for a category it cannot name. */
  category(category: Category): Locator;
  /** Clicks "Accept all" on the preference centre if it is open, else on the banner; waits until both are gone. */
  acceptAll(): Promise<void>;
  /** The same with "Reject all". */
  rejectAll(): Promise<void>;
  /**
   * Opens the preference centre (from the banner's "Customise", or the floating
   * button after a decision) unless it is open, sets each category given to on
   * or off, leaves the others as they are, saves, and waits until the UI is gone.
   */
  customise(choices: Readonly<Partial<Record<Category, boolean>>>): Promise<void>;
  /** Reopens the preference centre through the floating button; waits until it shows. */
  open(): Promise<void>;
}

export function consentBanner(page: Page, options: ConsentBannerOptions = {}): ConsentBanner {
  const texts = options.texts ?? {};
  const timeout = options.timeout === undefined ? {} : { timeout: options.timeout };
  const ui = page.locator(UI_HOST);
  const banner = ui.getByRole('region', { name: textPattern('bannerLabel', texts) });
  const dialog = ui.getByRole('dialog', { name: textPattern('dialogTitle', texts) });
  const openButton = ui.getByRole('button', { name: textPattern('manage', texts) });
  const button = (scope: Locator, key: 'acceptAll' | 'rejectAll' | 'customise' | 'save') =>
    scope.getByRole('button', { name: textPattern(key, texts) });

  const category = (id: Category): Locator => {
    const name = categoryPattern(id, texts, options.categoryLabels?.[id]);
    if (!name) {
      throw new TestingKitError('consentBanner', `categories.${id}`, 'a built-in category, or one given in options.categoryLabels', id);
    }
    return dialog.getByRole('checkbox', { name });
  };

  /** Waits for any of `locators` to show; throws a message that says what was expected. */
  const waitForAny = async (action: string, expected: string, hint: string, ...locators: Locator[]) => {
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
    await waitForAny('open', 'floating "manage cookies" button', ' (it shows after a decision, unless floatingButton is false)', openButton);
    await openButton.click(timeout);
    await dialog.waitFor({ state: 'visible', ...timeout });
  };

  return {
    banner,
    dialog,
    openButton,
    category,
    acceptAll: () => decideAll('acceptAll'),
    rejectAll: () => decideAll('rejectAll'),
    async customise(choices) {
      // Name every switch first: a typo fails before anything is clicked.
      const switches = Object.entries(choices).map(([id, on]) => {
        if (typeof on !== 'boolean') throw new TestingKitError('customise', `choices.${id}`, 'true or false', on);
        return [category(id), on] as const;
      });
      await waitForAny('customise', 'banner, preference centre or floating button', '', banner, dialog, openButton);
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
}
