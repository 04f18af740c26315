/** /csp.html served under a Content-Security-Policy, with the page's violations collected in `window.__violations`. */
import type { Page } from 'playwright/test';

export async function serveCspPage(page: Page, policy: string): Promise<void> {
  await page.route('**/csp.html', async (route) => {
    const response = await route.fetch();
    await route.fulfill({ response, headers: { ...response.headers(), 'content-security-policy': policy } });
  });
  await page.addInitScript(() => {
    (window as any).__violations = [];
    document.addEventListener('securitypolicyviolation', (e) => (window as any).__violations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
}
