/**
 * Claims of issues #2, #3 and #4 that no other browser test pinned: attributes kept on
 * release, the browser's language, scan(), debug logging, reloadOnWithdraw, the placeholder's
 * category, and showBanner/showPreferences/reset for a returning visitor.
 */
import type { Page } from 'playwright/test';
import { banner, expect, preferences, ran, test } from '../support/test.js';

async function serve(page: Page, path: string, head: string, body = '', lang: string | null = 'fr') {
  const html = `<!doctype html><html${lang === null ? '' : ` lang="${lang}"`}><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>t</title>
<script>window.__ran = [];</script>${head}</head><body><main><h1>t</h1>${body}</main></body></html>`;
  await page.route(`**${path}`, (route) => route.fulfill({ contentType: 'text/html', body: html }));
  await page.goto(path);
  await page.waitForLoadState('load');
}
const CONFIG = (extra = '') => `<script>window.NexusConsentConfig = { privacyPolicyUrl: '/confidentialite.html'${extra} };</script><script src="/dist/nexus-consent.min.js"></script>`;

test('no <html lang>, no config language: the browser language (en-US) gives English', async ({ browser }) => {
  const context = await browser.newContext({ locale: 'en-US' });
  const page = await context.newPage();
  await page.route(/^(?!http:\/\/localhost)/, (route) => route.abort());
  await serve(page, '/nolang.html', CONFIG(), '', null);
  await expect(page.getByRole('region', { name: 'Cookie consent' }).getByRole('button', { name: 'Reject all' })).toBeVisible();
  await context.close();
});

test('released marked-up tags keep their other attributes (async, defer, id, nonce, crossorigin)', async ({ page }) => {
  await serve(page, '/attrs.html', CONFIG(),
    `<script type="text/plain" data-consent="analytics" id="ga" async crossorigin="anonymous" nonce="n0nce" referrerpolicy="no-referrer" src="https://www.googletagmanager.com/gtag/js?id=G-NEXUS1"></script>
     <script type="text/plain" data-consent="analytics" id="inl" nonce="n0nce" defer>window.__ran.push('inline-' + document.currentScript.id)</script>
     <img data-consent="advertising" id="px" alt="" class="pixel" width="1" height="1" data-src="https://www.facebook.com/tr?id=1&ev=PageView">
     <iframe data-consent="personalisation" id="yt" title="Vidéo" width="320" height="180" allow="autoplay" data-src="https://www.youtube.com/embed/abc"></iframe>`);
  await banner(page).acceptAll();
  await expect.poll(() => ran(page)).toEqual(expect.arrayContaining(['inline-inl']));
  const attrs = await page.evaluate(() => {
    const s = document.getElementById('ga') as HTMLScriptElement;
    const i = document.getElementById('inl') as HTMLScriptElement;
    const img = document.getElementById('px') as HTMLImageElement;
    const f = document.getElementById('yt') as HTMLIFrameElement;
    return {
      s: s && { type: s.type, async: s.hasAttribute('async'), co: s.getAttribute('crossorigin'), nonce: s.nonce, rp: s.getAttribute('referrerpolicy'), src: s.src },
      i: i && { nonce: i.nonce, defer: i.hasAttribute('defer') },
      img: img && { cls: img.className, w: img.getAttribute('width'), src: img.getAttribute('src') },
      f: f && { title: f.title, allow: f.getAttribute('allow'), src: f.getAttribute('src') },
    };
  });
  expect(attrs).toEqual({
    s: { type: '', async: true, co: 'anonymous', nonce: 'n0nce', rp: 'no-referrer', src: 'https://www.googletagmanager.com/gtag/js?id=G-NEXUS1' },
    i: { nonce: 'n0nce', defer: true },
    img: { cls: 'pixel', w: '1', src: 'https://www.facebook.com/tr?id=1&ev=PageView' },
    f: { title: 'Vidéo', allow: 'autoplay', src: 'https://www.youtube.com/embed/abc' },
  });
});

test('scan(): cookies and storage keys with their classification or unknown', async ({ page }) => {
  await serve(page, '/scan.html', CONFIG(), `<script>document.cookie='panier=1; path=/'; localStorage.setItem('nx_theme','dark');</script>`);
  await banner(page).acceptAll();
  await page.evaluate(() => { document.cookie = '_ga=GA1.1.1.1; path=/'; localStorage.setItem('_hjSession_1', '{}'); });
  const scan = await page.evaluate(() => (window as any).NexusConsent.scan());
  const flat = JSON.stringify(scan);
  expect(flat).toContain('panier');
  expect(flat).toContain('unknown');
  expect(flat).toContain('_ga');
  expect(flat).toContain('_hjSession_1');
});

test('debug: the scan is printed as a console table and each block is logged with its reason', async ({ page }) => {
  const messages: string[] = [];
  page.on('console', (m) => messages.push(`${m.type()}: ${m.text()}`));
  await serve(page, '/debug.html', CONFIG(', debug: true'), `<script src="https://connect.facebook.net/en_US/fbevents.js"></script><script>document.cookie='_fbp=fb.1.1.1; path=/'</script>`);
  await page.waitForTimeout(300);
  expect(messages.some((m) => m.startsWith('table'))).toBe(true);
  expect(messages.some((m) => m.includes('fbevents.js'))).toBe(true);
  expect(messages.some((m) => m.includes('_fbp'))).toBe(true);
});

test('reloadOnWithdraw: withdrawing a granted category reloads the page', async ({ page }) => {
  await serve(page, '/reload.html', CONFIG(', reloadOnWithdraw: true'), `<script>sessionStorage.loads = Number(sessionStorage.loads || 0) + 1</script>`);
  await banner(page).acceptAll();
  expect(await page.evaluate(() => sessionStorage.loads)).toBe('1');
  await page.evaluate(() => (window as any).NexusConsent.rejectAll());
  await expect.poll(() => page.evaluate(() => sessionStorage.loads).catch(() => '?')).toBe('2');
});

test('the placeholder of a held embed names its service and category and offers to allow it', async ({ page }) => {
  await serve(page, '/embed.html', CONFIG(), `<iframe width="560" height="315" src="https://www.youtube.com/embed/abc" title="YouTube video"></iframe>`);
  const group = page.getByRole('group', { name: 'Contenu bloqué : YouTube' });
  await expect(group).toBeVisible();
  const text = await group.innerText();
  expect(text).toMatch(/Personnalisation|Publicité/);
  await expect(page.getByRole('button', { name: /YouTube/ }).first()).toBeVisible();
});

test('returning visitor: showBanner() and showPreferences() open the UI (loaded on demand)', async ({ page }) => {
  await page.goto('/marked-up.html');
  await banner(page).rejectAll();
  await page.reload();
  await page.waitForLoadState('load');
  await expect(banner(page).region).toBeHidden();
  await page.evaluate(() => (window as any).NexusConsent.showPreferences());
  await expect(preferences(page).dialog).toBeVisible();
  await page.keyboard.press('Escape');
  await page.reload();
  await page.waitForLoadState('load');
  await page.evaluate(() => (window as any).NexusConsent.showBanner());
  await expect(banner(page).region).toBeVisible();
  await expect(banner(page).region.getByRole('button', { name: 'Personnaliser' })).toBeVisible();
});

test('reset() on a returning visitor: the banner shows again, nothing granted', async ({ page, context }) => {
  await page.goto('/marked-up.html');
  await banner(page).acceptAll();
  await page.reload();
  await page.waitForLoadState('load');
  await page.evaluate(() => (window as any).NexusConsent.reset());
  await expect(banner(page).region).toBeVisible();
  expect(await page.evaluate(() => (window as any).NexusConsent.isGranted('analytics'))).toBe(false);
  expect((await context.cookies()).some((c) => c.name === 'nexus_consent')).toBe(false);
});


test('parser-inserted <link rel=prefetch|modulepreload|preload as=image> of trackers: nothing runs, blocked() lists each as escaped (README list)', async ({ page }) => {
  await serve(page, '/links.html', CONFIG() +
    `<link rel="prefetch" href="https://static.hotjar.com/c/hotjar-3456789.js?sv=6">
     <link rel="modulepreload" href="https://www.clarity.ms/tag/nexusclar1">
     <link rel="preload" as="image" href="https://www.facebook.com/tr?id=9&ev=Preload">`);
  await expect.poll(() => page.evaluate(() => (window as any).NexusConsent.blocked().filter((b: any) => b.kind === 'link').length)).toBe(3);
  const links = await page.evaluate(() => (window as any).NexusConsent.blocked().filter((b: any) => b.kind === 'link').map((b: any) => [b.service, b.escaped]));
  expect(links.map(([service]: [string]) => service).sort()).toEqual(['hotjar', 'meta-pixel', 'microsoft-clarity']);
  expect(await ran(page)).toEqual([]);
});
