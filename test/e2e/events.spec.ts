/** Issue #2, case 7: the pre-load queue, `on('change')` and the DOM event each hear a decision once. */
import { banner, expect, test } from '../support/test.js';

test('queue, on() and DOM event subscribers each receive the decision once', async ({ page }) => {
  await page.goto('/events.html');
  expect(await page.evaluate(() => (window as any).__events)).toMatchObject({ queueReady: 1, queue: 0, on: 0, dom: 0, latePush: true });
  await banner(page).rejectAll();
  await expect
    .poll(() => page.evaluate(() => (window as any).__events))
    .toMatchObject({ queueReady: 1, queue: 1, on: 1, dom: 1, last: { queue: 'reject-all', on: 'reject-all', dom: 'reject-all' } });
  // A later change is heard once more by each, not twice.
  await page.evaluate(() => (window as any).NexusConsent.acceptAll());
  expect(await page.evaluate(() => (window as any).__events)).toMatchObject({ queue: 2, on: 2, dom: 2, last: { dom: 'accept-all' } });
});

test('a stored decision is announced by a ready event, not as a change', async ({ page }) => {
  await page.goto('/events.html');
  await banner(page).acceptAll();
  await page.addInitScript(() => {
    window.addEventListener('nexus-consent:ready', (e) => ((window as any).__ready = (e as CustomEvent).detail.state.status));
  });
  await page.reload();
  expect(await page.evaluate(() => (window as any).__ready)).toBe('decided');
  expect(await page.evaluate(() => (window as any).__events)).toMatchObject({ queueReady: 1, queue: 0, on: 0, dom: 0 });
});

test('per-category events: granted:<category> and denied:<category>, on the instance and as DOM events', async ({ page }) => {
  await page.addInitScript(() => {
    const heard: string[] = ((window as any).__perCategory = []);
    for (const type of ['granted:analytics', 'denied:analytics', 'granted:advertising', 'denied:advertising']) {
      window.addEventListener(`nexus-consent:${type}`, (e) => heard.push(`dom ${type} ${(e as CustomEvent).detail.category}`));
    }
    (window as any).NexusConsent = [(api: any) => api.on('granted:analytics', () => heard.push('on granted:analytics'))];
  });
  await page.goto('/events.html');
  await banner(page).customise();
  await page.getByRole('dialog').getByRole('checkbox', { name: 'Mesure d’audience' }).check();
  await page.getByRole('dialog').getByRole('button', { name: 'Enregistrer mes choix' }).click();
  expect(await page.evaluate(() => (window as any).__perCategory)).toEqual([
    'on granted:analytics',
    'dom granted:analytics analytics',
    'dom denied:advertising advertising',
  ]);
  await page.evaluate(() => (window as any).NexusConsent.rejectAll());
  expect((await page.evaluate(() => (window as any).__perCategory)).slice(3)).toEqual(['dom denied:analytics analytics']);
});
