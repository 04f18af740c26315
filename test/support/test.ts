/**
 * The browser tests' `test`: every test gets an intercepted network, a list of
 * console errors, and helpers to read what ran and which cookies exist.
 */
import { test as base, expect, type BrowserContext, type Page } from 'playwright/test';
import { interceptNetwork, type Network } from './network.js';

export const CONSENT_COOKIE = 'nexus_consent';

interface Fixtures {
  network: Network;
  consoleErrors: string[];
}

export const test = base.extend<Fixtures>({
  // Automatic: no test may reach the internet, whether or not it looks at the network.
  network: [
    async ({ context }, use) => {
      await use(await interceptNetwork(context));
    },
    { auto: true },
  ],
  consoleErrors: async ({ page }, use) => {
    const errors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    page.on('pageerror', (error) => errors.push(error.message));
    await use(errors);
  },
});
export { expect };

/** Names the stand-ins and inline scripts pushed when they ran, in order. */
export function ran(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as { __ran?: string[] }).__ran ?? []);
}

/** Cookie names in the browser, apart from the consent cookie itself. */
export async function otherCookies(context: BrowserContext): Promise<string[]> {
  return (await context.cookies()).map((c) => c.name).filter((n) => n !== CONSENT_COOKIE).sort();
}

export async function consentCookie(context: BrowserContext) {
  return (await context.cookies()).find((c) => c.name === CONSENT_COOKIE);
}

/** URLs the page fetched, from the Resource Timing API (what the browser really requested). */
export function fetchedUrls(page: Page): Promise<string[]> {
  return page.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name));
}

export function banner(page: Page, name = 'Gestion des cookies') {
  const region = page.getByRole('region', { name });
  return {
    region,
    acceptAll: () => region.getByRole('button', { name: /Tout accepter|Accept all/ }).click(),
    rejectAll: () => region.getByRole('button', { name: /Tout refuser|Reject all/ }).click(),
    customise: () => region.getByRole('button', { name: /Personnaliser|Customise/ }).click(),
  };
}

export function preferences(page: Page) {
  const dialog = page.getByRole('dialog');
  return {
    dialog,
    toggle: (label: string | RegExp) => dialog.getByRole('checkbox', { name: label }).click(),
    save: () => dialog.getByRole('button', { name: /Enregistrer mes choix|Save my choices/ }).click(),
  };
}
