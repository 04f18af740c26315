/**
 * The same app under `next dev`: React's development build checks hydration fully (a differing
 * attribute, an extra one, text), where the production build reports only a different tree.
 * Any console error or warning, or an uncaught exception, fails a test.
 */
import { expect, test, type Page } from 'playwright/test';
import { consentBanner, presetConsent } from 'nexus-consent/testing';
import { interceptNetwork } from './network';

test.beforeEach(async ({ context }) => {
  await interceptNetwork(context);
});

/** Console errors and warnings and uncaught exceptions of `page`, from now on. */
function watch(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (m) => void (['error', 'warning'].includes(m.type()) && problems.push(`console.${m.type()}: ${m.text()}`)));
  page.on('pageerror', (error) => problems.push(`uncaught: ${error.message}`));
  return problems;
}

async function hydrated(page: Page): Promise<void> {
  await page.waitForFunction(() => {
    const button = document.querySelector('footer button');
    return button !== null && Object.keys(button).some((key) => key.startsWith('__reactProps$'));
  });
}

test('a first visit hydrates without a warning, and so does accepting', async ({ page }) => {
  const problems = watch(page);
  await page.goto('/');
  await hydrated(page);
  await consentBanner(page).acceptAll();
  await expect(page.getByRole('status')).toHaveText('Mesure d’audience : activée');
  await expect(page.locator('iframe.video')).toBeVisible();
  expect(problems).toEqual([]);
});

test('a returning visitor who accepted: the server’s “undecided” HTML hydrates without a warning', async ({ page, context }) => {
  await presetConsent(context, { analytics: true, personalisation: true });
  const problems = watch(page);
  await page.goto('/');
  await hydrated(page);
  await expect(page.getByRole('status')).toHaveText('Mesure d’audience : activée');
  await expect(page.locator('iframe.video')).toBeVisible();
  expect(problems).toEqual([]);
});
