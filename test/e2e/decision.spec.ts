/**
 * Issue #12, §3, §6 and §7: a decision is one sequence that no broken step
 * stops; release asks again at the last moment, so a refusal is final even
 * mid-release; the page's loaders hear how their tag ended; a placeholder
 * allows its one service and nothing else.
 */
import type { Page } from 'playwright/test';
import { banner, CONSENT_COOKIE, consentCookie, expect, preferences, ran, test } from '../support/test.js';

const PAGE = '/decision.html';
/** What runs, on this page, once everything is granted. */
const EVERYTHING = ['abtasty', 'criteo', 'criteo-onload', 'fbevents', 'fbq-inline', 'hotjar', 'prenom-inline', 'smarttag', 'smarttag-inline', 'smarttag-send'];

type Api = {
  get(): { status: string; record?: { method: string; granted: readonly string[]; denied: readonly string[]; services: Record<string, boolean>; updatedAt: number; id: string } };
  isGranted(target: string | { service: string }): boolean;
  acceptAll(): void;
  rejectAll(): void;
  update(choices: Record<string, boolean>, services?: Record<string, boolean>): void;
};
declare global {
  interface Window {
    NexusConsent: Api;
    __loader: { events: string[]; settled?: string };
    __loaded: Promise<string>;
  }
}

/**
 * Lets every queued release run: a release that is refused does nothing but
 * microtasks, so a few tasks and frames are enough; a negative assertion still
 * needs some room for a wrong release to show, hence the short pause.
 */
async function settle(page: Page) {
  await page.waitForLoadState('load');
  await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 300)));
}

const liveFrames = (page: Page, host: string) => page.locator(`iframe[src^="https://${host}/"]`);
const placeholder = (page: Page, name: string) => page.getByRole('group', { name: `Contenu bloqué : ${name}` });

test.describe('a refusal is final, even mid-release', () => {
  test('acceptAll(); rejectAll() in one task: reject-all, and nothing is released', async ({ page, network }) => {
    await page.goto(PAGE);
    await page.waitForLoadState('load');
    const method = await page.evaluate(() => {
      window.NexusConsent.acceptAll();
      window.NexusConsent.rejectAll();
      return window.NexusConsent.get().record?.method;
    });
    expect(method).toBe('reject-all');
    await settle(page);
    expect(await ran(page)).toEqual([]);
    await expect(liveFrames(page, 'www.youtube.com')).toHaveCount(0);
    await expect(placeholder(page, 'YouTube')).toBeVisible();
    expect(network.trackerUrls().filter((url) => url.includes('facebook'))).toEqual([]);
  });

  test('a refusal while a released script is still loading: it and everything queued behind it stay held', async ({ page, network }) => {
    const arrive = network.hold('tag.aticdn.net');
    await page.goto(PAGE);
    await page.waitForLoadState('load');
    await banner(page).acceptAll();
    // The first ordered script is on its way; everything after it waits for it.
    await expect.poll(() => network.requests.some((r) => r.url.includes('tag.aticdn.net'))).toBe(true);
    expect((await ran(page)).filter((name) => name !== 'hotjar')).toEqual([]);
    await page.evaluate(() => window.NexusConsent.rejectAll());
    arrive();
    await settle(page);
    expect((await ran(page)).filter((name) => name !== 'hotjar')).toEqual([]);
    await expect(liveFrames(page, 'www.youtube.com')).toHaveCount(0);
    await expect(liveFrames(page, 'player.vimeo.com')).toHaveCount(0);
    await expect(placeholder(page, 'YouTube')).toBeVisible();
    // Granted again, each tag is released once, in order: the stopped copy never ran.
    await page.evaluate(() => window.NexusConsent.acceptAll());
    await expect.poll(async () => [...new Set(await ran(page))].sort(), { timeout: 10_000 }).toEqual(EVERYTHING);
    const names = await ran(page);
    expect(names.filter((name) => name === 'smarttag')).toHaveLength(1);
    expect(names.indexOf('smarttag')).toBeLessThan(names.indexOf('smarttag-inline'));
    await expect(liveFrames(page, 'www.youtube.com')).toHaveCount(1);
  });

  test('the service is asked too: a service refused in the same task as the grant stays held, the rest of its category goes', async ({ page }) => {
    await page.goto(PAGE);
    await page.waitForLoadState('load');
    await page.evaluate(() => {
      window.NexusConsent.acceptAll();
      window.NexusConsent.update({}, { youtube: false, hotjar: false });
    });
    await expect(liveFrames(page, 'player.vimeo.com')).toHaveCount(1);
    await expect.poll(async () => [...new Set(await ran(page))].sort(), { timeout: 10_000 }).toEqual(EVERYTHING.filter((name) => name !== 'hotjar'));
    expect(await page.evaluate(() => window.__loaded)).toBe('error');
    await settle(page);
    expect(await ran(page)).not.toContain('hotjar');
    await expect(liveFrames(page, 'www.youtube.com')).toHaveCount(0);
    await expect(placeholder(page, 'YouTube')).toBeVisible();
  });

  test('1,000 toggles ending on a refusal, in one task or spread over many, leave nothing live', async ({ page }) => {
    await page.goto(PAGE);
    await page.waitForLoadState('load');
    await page.evaluate(async () => {
      for (let i = 0; i < 1000; i++) {
        if (i % 2 === 0) window.NexusConsent.acceptAll();
        else window.NexusConsent.rejectAll();
      }
    });
    await settle(page);
    expect(await ran(page)).toEqual([]);
    await expect(liveFrames(page, 'www.youtube.com')).toHaveCount(0);

    // Spread over tasks: releases run between the toggles, then the refusal puts the frames back to sleep.
    await page.evaluate(async () => {
      for (let i = 0; i < 1000; i++) {
        if (i % 2 === 0) window.NexusConsent.acceptAll();
        else window.NexusConsent.rejectAll();
        if (i % 50 === 0) await new Promise((resolve) => setTimeout(resolve));
      }
    });
    await settle(page);
    expect(await page.evaluate(() => window.NexusConsent.get().record?.method)).toBe('reject-all');
    await expect(liveFrames(page, 'www.youtube.com')).toHaveCount(0);
    await expect(liveFrames(page, 'player.vimeo.com')).toHaveCount(0);
    await expect(placeholder(page, 'YouTube')).toBeVisible();
    await expect(placeholder(page, 'Vimeo')).toBeVisible();
  });
});

test('1,000 rapid acceptAll / rejectAll / update calls end with the cookie, get(), isGranted() and Consent Mode in agreement', async ({ page, context }) => {
  await page.goto(PAGE);
  await page.waitForLoadState('load');
  const seen = await page.evaluate(async () => {
    // A fixed sequence (a small linear congruential generator), so a failure can be replayed.
    let seed = 12;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const categories = ['analytics', 'advertising', 'personalisation'];
    for (let i = 0; i < 1000; i++) {
      const pick = next();
      if (pick < 0.3) window.NexusConsent.acceptAll();
      else if (pick < 0.6) window.NexusConsent.rejectAll();
      else {
        const choices: Record<string, boolean> = {};
        for (const c of categories) if (next() < 0.5) choices[c] = next() < 0.5;
        const services = next() < 0.3 ? { youtube: next() < 0.5 } : {};
        window.NexusConsent.update(choices, services);
      }
      if (i % 97 === 0) await new Promise((resolve) => setTimeout(resolve));
    }
    const layer = (window as unknown as { dataLayer: unknown[] }).dataLayer;
    const updates = layer.filter((e) => Object.prototype.toString.call(e) === '[object Arguments]' && (e as IArguments)[1] === 'update');
    const last = updates[updates.length - 1] as IArguments;
    return {
      state: window.NexusConsent.get(),
      granted: Object.fromEntries(categories.map((c) => [c, window.NexusConsent.isGranted(c)])),
      youtube: window.NexusConsent.isGranted({ service: 'youtube' }),
      consentMode: last[2] as Record<string, string>,
    };
  });
  const record = seen.state.record!;
  expect(seen.state.status).toBe('decided');
  // isGranted() answers what get() says.
  for (const [category, granted] of Object.entries(seen.granted)) {
    expect(granted).toBe(record.granted.includes(category));
    expect(record.denied.includes(category)).toBe(!granted);
  }
  expect(seen.youtube).toBe(record.services.youtube ?? record.granted.includes('advertising'));
  // Consent Mode's last update says the same.
  const state = (granted: boolean) => (granted ? 'granted' : 'denied');
  expect(seen.consentMode).toMatchObject({
    analytics_storage: state(seen.granted.analytics!),
    ad_storage: state(seen.granted.advertising!),
    ad_user_data: state(seen.granted.advertising!),
    personalization_storage: state(seen.granted.personalisation!),
  });
  // The cookie holds the same record: a fresh page reads it back.
  expect(await consentCookie(context)).toBeDefined();
  const other = await context.newPage();
  await other.goto(PAGE);
  const stored = await other.evaluate(() => window.NexusConsent.get());
  expect(stored.record).toMatchObject({ id: record.id, method: record.method, granted: record.granted, denied: record.denied, services: record.services });
  expect(Math.floor(stored.record!.updatedAt / 1000)).toBe(Math.floor(record.updatedAt / 1000));
});

test.describe('a broken dataLayer does not stop a decision', () => {
  for (const hostile of ['frozen', 'throwing', 'getter', 'readonly', 'string']) {
    test(`dataLayer ${hostile}: "Tout accepter" records, announces and releases; one clear console error at most`, async ({ page, context, consoleErrors }) => {
      await page.goto(`${PAGE}?dataLayer=${hostile}`);
      await page.evaluate(() => {
        (window as unknown as { __changes: number }).__changes = 0;
        window.addEventListener('nexus-consent:change', () => (window as unknown as { __changes: number }).__changes++);
      });
      await banner(page).acceptAll();
      await expect(banner(page).region).toBeHidden();
      await expect.poll(async () => [...new Set(await ran(page))].sort(), { timeout: 10_000 }).toEqual(EVERYTHING);
      expect(await page.evaluate(() => (window as unknown as { __changes: number }).__changes)).toBe(1);
      expect((await consentCookie(context))?.name).toBe(CONSENT_COOKIE);
      await expect(liveFrames(page, 'www.youtube.com')).toHaveCount(1);
      const ours = consoleErrors.filter((e) => e.includes('[nexus-consent]'));
      if (hostile === 'string') {
        // Not a queue: replaced by one, as Google's snippet expects, and no error.
        expect(ours).toEqual([]);
        expect(await page.evaluate(() => Array.isArray((window as unknown as { dataLayer: unknown }).dataLayer))).toBe(true);
      } else {
        expect(ours).toHaveLength(1);
        expect(ours[0]).toContain('Google Consent Mode');
      }
      expect(consoleErrors.filter((e) => !e.includes('[nexus-consent]'))).toEqual([]);
    });
  }
});

test.describe("the page's loader hears how its tag ended", () => {
  test('undecided: nothing, the loader waits; accepted: one load, on the element the page holds', async ({ page }) => {
    await page.goto(PAGE);
    await settle(page);
    expect(await page.evaluate(() => window.__loader)).toEqual({ events: [] });
    await banner(page).acceptAll();
    expect(await page.evaluate(() => window.__loaded)).toBe('load');
    await expect.poll(async () => [...new Set(await ran(page))].sort(), { timeout: 10_000 }).toEqual(EVERYTHING);
    await settle(page);
    // The property handler and the listener, once each; the site's onload attribute once.
    expect(await page.evaluate(() => window.__loader.events)).toEqual(['onload:true', 'listener:load']);
    expect((await ran(page)).filter((name) => name === 'criteo-onload')).toHaveLength(1);
  });

  test('refused: one error, so the loader gives up; a later grant still loads it', async ({ page }) => {
    await page.goto(PAGE);
    await page.waitForLoadState('load');
    await banner(page).rejectAll();
    expect(await page.evaluate(() => window.__loaded)).toBe('error');
    // Another refusal says nothing more.
    await page.evaluate(() => window.NexusConsent.update({ advertising: false }));
    await settle(page);
    expect(await page.evaluate(() => window.__loader.events)).toEqual(['onerror:true', 'listener:error']);
    expect(await ran(page)).toEqual([]);
    await page.evaluate(() => window.NexusConsent.update({ analytics: true }));
    await expect.poll(() => ran(page)).toContain('hotjar');
    expect(await page.evaluate(() => window.__loader.events)).toEqual(['onerror:true', 'listener:error', 'onload:true', 'listener:load']);
  });

  test('a refusal stored from an earlier visit: the loader hears the error on the next page too', async ({ page }) => {
    await page.goto(PAGE);
    await banner(page).rejectAll();
    await page.reload();
    expect(await page.evaluate(() => window.__loaded)).toBe('error');
    expect(await ran(page)).toEqual([]);
  });
});

test.describe('the placeholder allows one thing', () => {
  test('undecided: "Autoriser YouTube et afficher" plays YouTube only; the banner stays, nothing is recorded', async ({ page, context, network }) => {
    await page.goto(PAGE);
    await page.waitForLoadState('load');
    const youtube = placeholder(page, 'YouTube');
    await expect(youtube).toBeVisible();
    await youtube.getByRole('button', { name: 'Autoriser YouTube et afficher' }).click();
    await expect(liveFrames(page, 'www.youtube.com')).toHaveCount(1);
    await expect(page.locator('iframe#youtube')).toBeVisible();
    await expect(youtube).toHaveCount(0);
    await settle(page);
    // Nothing else: no Meta, no other embed, no decision, the banner still asks.
    expect(await ran(page)).toEqual([]);
    expect(network.trackerUrls().filter((url) => url.includes('facebook'))).toEqual([]);
    await expect(placeholder(page, 'Vimeo')).toBeVisible();
    await expect(banner(page).region).toBeVisible();
    expect(await consentCookie(context)).toBeUndefined();
    expect(
      await page.evaluate(() => ({
        state: window.NexusConsent.get(),
        youtube: window.NexusConsent.isGranted({ service: 'youtube' }),
        advertising: window.NexusConsent.isGranted('advertising'),
      })),
    ).toEqual({ state: { status: 'undecided' }, youtube: true, advertising: false });

    // The visitor then saves their choices: the one service is recorded, the rest as chosen (nothing).
    await banner(page).customise();
    await preferences(page).save();
    const record = await page.evaluate(() => window.NexusConsent.get().record);
    expect(record).toMatchObject({ method: 'custom', granted: ['necessary'], services: { youtube: true } });
    await settle(page);
    expect(await ran(page)).toEqual([]);
    await expect(liveFrames(page, 'www.youtube.com')).toHaveCount(1);
  });

  test('undecided, YouTube allowed, then "Tout refuser": the refusal answers it, YouTube goes back behind its placeholder', async ({ page }) => {
    await page.goto(PAGE);
    await placeholder(page, 'YouTube').getByRole('button', { name: 'Autoriser YouTube et afficher' }).click();
    await expect(liveFrames(page, 'www.youtube.com')).toHaveCount(1);
    await banner(page).rejectAll();
    await expect(liveFrames(page, 'www.youtube.com')).toHaveCount(0);
    await expect(placeholder(page, 'YouTube')).toBeVisible();
    expect(await page.evaluate(() => window.NexusConsent.get().record)).toMatchObject({ method: 'reject-all', services: {} });
  });

  test('decided: allowing YouTube adds that one service to the record, categories as they were', async ({ page, context }) => {
    await page.goto(PAGE);
    await banner(page).rejectAll();
    await placeholder(page, 'YouTube').getByRole('button', { name: 'Autoriser YouTube et afficher' }).click();
    await expect(liveFrames(page, 'www.youtube.com')).toHaveCount(1);
    await expect(banner(page).region).toBeHidden();
    const record = await page.evaluate(() => window.NexusConsent.get().record);
    expect(record).toMatchObject({ method: 'custom', granted: ['necessary'], denied: ['analytics', 'advertising', 'personalisation'], services: { youtube: true } });
    await settle(page);
    expect(await ran(page)).toEqual([]);
    // Kept: on the next page YouTube plays, Meta stays held.
    await page.reload();
    await expect(liveFrames(page, 'www.youtube.com')).toHaveCount(1);
    await expect(placeholder(page, 'Vimeo')).toBeVisible();
    await settle(page);
    expect(await ran(page)).toEqual([]);
    expect(await consentCookie(context)).toBeDefined();
  });

  test('texts are shown literally: a title with $\' $& $` $$ $1, an embed no catalogue knows, shown alone', async ({ page, context }) => {
    await page.goto(PAGE);
    const title = "Vidéo $'$&$` $$ $1";
    const unknown = placeholder(page, title);
    await expect(unknown).toBeVisible();
    await expect(unknown.getByText(`Ce contenu (${title}) dépose des traceurs de la catégorie « Personnalisation ».`, { exact: false })).toBeVisible();
    await unknown.getByRole('button', { name: `Autoriser ${title} et afficher` }).click();
    await expect(page.locator('iframe#unknown[src="https://video.example.net/embed/1"]')).toHaveCount(1);
    // That frame alone: no decision, the other embeds wait.
    await expect(banner(page).region).toBeVisible();
    await expect(placeholder(page, 'YouTube')).toBeVisible();
    await expect(placeholder(page, 'Vimeo')).toBeVisible();
    expect(await consentCookie(context)).toBeUndefined();
  });

  test("a service's name from the config, with replacement patterns, is shown literally", async ({ page }) => {
    const name = "Tube $& $' $` co";
    const config = { categories: { advertising: { services: [{ id: 'youtube', name }] } } };
    await page.goto(`${PAGE}?config=${encodeURIComponent(JSON.stringify(config))}`);
    const youtube = placeholder(page, name);
    await expect(youtube).toBeVisible();
    await expect(youtube.getByRole('button', { name: `Autoriser ${name} et afficher` })).toBeVisible();
  });
});
