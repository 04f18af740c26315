/**
 * Issue #12 claims no other test pinned: the full build fails closed; a polluted
 * prototype and a saved custom choice; fetched serviceDetails that are broken; an <iframe srcdoc>
 * in the HTML; the preference centre on a page that froze prototypes.
 */
import { banner, expect, preferences, ran, test } from '../support/test.js';

const PAGE = (sdk: string) => `<!doctype html><html lang="fr"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>t</title>
<script>window.__ran = []; window.NexusConsentConfig = { privacyPolicyUrl: '/confidentialite.html' };</script>
${sdk}
<script type="text/plain" data-consent="analytics">window.__ran.push('analytics-inline');</script>
</head><body><main><h1>x</h1>
<iframe data-src="https://www.youtube.com/embed/abc" data-consent="advertising" data-consent-service="youtube" title="Vidéo"></iframe>
</main></body></html>`;

test('full build fails closed on a bad config', async ({ page, network, consoleErrors }) => {
  await page.route('**/full-bad.html', (route) => route.fulfill({ contentType: 'text/html', body: PAGE('<script src="/dist/nexus-consent.full.min.js"></script>').replace("privacyPolicyUrl: '/confidentialite.html'", "privacyPolicyURL: '/c'") + `<script>var s=document.createElement('script');s.src='https://static.hotjar.com/c/hotjar-1.js';document.body.appendChild(s);</script>` }));
  await page.goto('/full-bad.html');
  await page.waitForTimeout(300);
  expect(await ran(page)).toEqual([]);
  expect(network.trackerUrls()).toEqual([]);
  expect(consoleErrors.join('\n')).toMatch(/privacyPolicyURL/);
});

const POLLUTE = `Object.prototype['meta-pixel'] = true; Object.prototype['hotjar'] = true; Object.prototype['analytics'] = true; Object.prototype['advertising'] = true; Object.prototype['youtube'] = true; Object.prototype['google-analytics'] = true; Object.prototype.personalisation = true;`;
test('polluted prototype: "Personnaliser" then "Enregistrer" without toggling grants nothing', async ({ page, network }) => {
  await page.route('**/polluted7.html', (route) => route.fulfill({ contentType: 'text/html', body: PAGE('<script src="/dist/nexus-consent.min.js"></script>').replace('<script>window.__ran = [];', `<script>window.__ran = []; ${POLLUTE}`) }));
  await page.goto('/polluted7.html');
  await banner(page).customise();
  await expect(preferences(page).dialog).toBeVisible();
  const checked = await preferences(page).dialog.getByRole('checkbox').evaluateAll((els) => els.map((e) => `${e.getAttribute('aria-label') ?? (e as HTMLInputElement).labels?.[0]?.textContent}:${(e as HTMLInputElement).checked}:${e.getAttribute('aria-checked')}`));
  expect(checked.filter((c) => c.includes(':true:'))).toEqual(['Strictement nécessaires:true:null']);
  await preferences(page).save();
  await page.waitForTimeout(300);
  const answers = await page.evaluate(() => {
    const api = (window as any).NexusConsent;
    return { rec: api.get(), a: api.isGranted('analytics'), ad: api.isGranted('advertising'), yt: api.isGranted({ service: 'youtube' }) };
  });
  expect([answers.a, answers.ad, answers.yt]).toEqual([false, false, false]);
  expect(await ran(page)).toEqual([]);
  expect(page.frames().filter((f) => f.url().includes('youtube'))).toEqual([]);
});

const BAD_DETAILS: [string, number, string][] = [
  ['malformed entries', 200, JSON.stringify({ format: 1, language: 'en', services: { hotjar: { policyUrl: 'javascript:window.__pwned=1', cookies: [['_hjSessionUser_*', 'Visitor id', '1 year'], 'oops', null, 7] }, 'meta-pixel': { cookies: 'oops' }, __proto__x: 1 } })],
  ['null', 200, 'null'],
  ['an array', 200, '[1,2]'],
  ['not JSON', 200, '<html>oops'],
  ['a 404', 404, 'nope'],
  ['proto keys', 200, '{"format":1,"language":"en","services":{"__proto__":{"policyUrl":"javascript:alert(1)","cookies":[["a","b","c"]]},"constructor":{"cookies":"x"}}}'],
];
for (const [label, status, body] of BAD_DETAILS) {
  test(`fetched serviceDetails, ${label}: dialog opens, no javascript: link, withdrawal works`, async ({ page, consoleErrors }) => {
    await page.route('**/bad-details.json', (route) => route.fulfill({ status, contentType: 'application/json', body }));
    await page.route('**/p8.html', (route) => route.fulfill({ contentType: 'text/html', body: PAGE('<script src="/dist/nexus-consent.min.js"></script>').replace("privacyPolicyUrl: '/confidentialite.html'", "privacyPolicyUrl: '/confidentialite.html', serviceDetails: '/bad-details.json'") + `<script>var s=document.createElement('script');s.src='https://static.hotjar.com/c/hotjar-1.js';document.head.appendChild(s);</script>` }));
    await page.goto('/p8.html');
    await banner(page).acceptAll();
    await page.evaluate(() => (window as any).NexusConsent.showPreferences());
    const dialog = page.getByRole('dialog');
    await expect(dialog).toBeVisible();
    await page.waitForTimeout(500);
    const hrefs = await page.evaluate(() => [...document.querySelector('[data-nexus-consent]')!.shadowRoot!.querySelectorAll('a')].map((a) => a.getAttribute('href')));
    expect(hrefs.some((h) => h?.trim().toLowerCase().startsWith('javascript'))).toBe(false);
    await dialog.getByRole('button', { name: 'Tout refuser' }).click();
    await expect.poll(() => page.evaluate(() => (window as any).NexusConsent.get().record?.method)).toBe('reject-all');
    expect(consoleErrors.filter((e) => /TypeError|Uncaught/.test(e))).toEqual([]);
  });
}

test('parser-inserted <iframe srcdoc> with a tracker pixel and script, in the HTML after the SDK: held before consent', async ({ page, network }) => {
  const srcdoc = `<p>pub</p><img alt='' src='https://www.facebook.com/tr?id=1&amp;ev=parsed-srcdoc'><script src='https://connect.facebook.net/en_US/fbevents.js?v=parsed-srcdoc'></script>`;
  await page.route('**/p9.html', (route) => route.fulfill({ contentType: 'text/html', body: PAGE('<script src="/dist/nexus-consent.min.js"></script>').replace('</main>', `<iframe srcdoc="${srcdoc}"></iframe></main>`) }));
  await page.goto('/p9.html');
  await page.waitForLoadState('load');
  await page.waitForTimeout(800);
  expect(network.trackerUrls().filter((u) => u.includes('parsed-srcdoc'))).toEqual([]);
});

test('hostile page (frozen prototypes): the preference centre opens, a custom choice saves, the floating button reopens it', async ({ page }) => {
  await page.goto('/hostile-page.html');
  await banner(page).customise();
  await expect(preferences(page).dialog).toBeVisible();
  await preferences(page).toggle('Publicité');
  await preferences(page).save();
  await expect(preferences(page).dialog).toBeHidden();
  expect(await page.evaluate(() => [(window as any).NexusConsent.isGranted('advertising'), (window as any).NexusConsent.isGranted('analytics')])).toEqual([true, false]);
  await expect.poll(() => ran(page)).toEqual(['fbevents']);
  await page.getByRole('button', { name: 'Gérer les cookies' }).click();
  await expect(preferences(page).dialog).toBeVisible();
});
