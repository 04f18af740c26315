import { createElement, type ButtonHTMLAttributes, type ReactElement } from 'react';
import { useConsentApi } from './consent-context.js';

/** The default label, as the built-in footer link says it. */
export const MANAGE_COOKIES_LABEL = 'Gérer les cookies';

export type ManageCookiesButtonProps = ButtonHTMLAttributes<HTMLButtonElement>;

/**
 * A `<button type="button">` that opens the preferences dialog (CNIL 2020
 * guidelines: withdrawing must stay as easy as consenting, from every page).
 * Children replace the French label; other props go to the button.
 */
export function ManageCookiesButton({ children, onClick, ...rest }: ManageCookiesButtonProps): ReactElement {
  const consent = useConsentApi();
  return createElement(
    'button',
    {
      type: 'button',
      ...rest,
      onClick: (event: Parameters<NonNullable<typeof onClick>>[0]) => {
        onClick?.(event);
        if (!event.defaultPrevented) consent?.showPreferences();
      },
    },
    children ?? MANAGE_COOKIES_LABEL,
  );
}
