/**
 * Issue #12, §5 (and the §3 document.write item): every way an element or
 * markup reaches a tracker is held before consent and, where release applies,
 * works after "Tout accepter"; the same vectors on the same page without the
 * SDK do reach the tracker (the controls), so each test can fail.
 */
import type { Page } from 'playwright/test';
import { banner, expect, fetchedUrls, ran, test } from '../support/test.js';

const PAGE = '/element-vectors.html';
const WITHOUT_SDK = '/element-vectors.html?nexus-consent=off';

/** Vector → a piece of the one tracker URL it asks for. */
const VECTORS: Record<string, string> = {
  'innerHTML <img/src>': 'ev=inner-slash',
  'innerHTML <img alt=""src>': 'ev=inner-nospace',
  'insertAdjacentHTML <iframe/src>': 'embed/adjacent-slash',
  'outerHTML <img/src>': 'ev=outer-slash',
  'setHTMLUnsafe <img/src>': 'ev=sethtml-slash',
  'innerHTML of an object with toString': 'ev=inner-object',
  'shadow root innerHTML': 'ev=shadow-slash',
  'innerHTML of a <meta>': 'ev=meta-inner',
  'svg innerHTML <image href>': 'ev=svg-inner-image',
  'execCommand insertHTML': 'ev=exec-command',
  createContextualFragment: 'ev=ccf',
  'picture source srcset (markup)': 'ev=picture-markup',
  'picture source srcset (script)': 'ev=picture-script',
  'video poster': 'ev=poster',
  'audio src': 'ev=audio',
  'new Audio(url)': 'ev=new-audio',
  'input type=image': 'ev=input-image',
  'object data': 'embed/object',
  'embed src': 'embed/embed',
  'svg script href': 'v=svg-script',
  'svg image xlink:href (setAttributeNS)': 'ev=svg-xlink',
  'img setAttributeNS': 'ev=set-attribute-ns',
  'img setAttributeNode': 'ev=attribute-node',
  'iframe srcdoc': 'ev=srcdoc',
  'DOMParser + importNode': 'ev=import-node',
  'DOMParser + adoptNode': 'ev=adopt-node',
  'DOMParser node appended off-document': 'ev=adopted-append',
  'template importNode': 'ev=template-import',
  'template cloneNode then append': 'ev=template-clone',
  'about:blank frame: write': 'ev=frame-write',
  'about:blank frame: innerHTML': 'ev=frame-inner',
  'about:blank frame: its Image': 'ev=frame-image',
  'about:blank frame: its createElement(script)': 'v=frame-script',
  'srcdoc frame: its own script': 'ev=script-in-srcdoc',
  'srcdoc frame: written into before it loads': 'v=early-srcdoc',
  'about:blank frame: src set later': 'embed/frame-later',
};
/** Written by the page's scripts while it parses (document.write, a tag split across calls). */
const WHILE_PARSING = ['v=split', 'ev=write-split-img', 'ev=write-slash', 'ev=net-split'];

/** Runs every vector; returns those that threw (none should). */
async function runVectors(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const errors: string[] = [];
    for (const [name, run] of Object.entries((window as any).vectors as Record<string, () => void>)) {
      try {
        run();
      } catch (error) {
        errors.push(`${name}: ${(error as Error).message}`);
      }
    }
    return errors;
  });
}

/**
 * Lets every request the vectors started reach the test's router: srcdoc frames
 * have loaded, then a first-party image requested after them has loaded, two
 * frames later. The control waits the same way before it looks.
 */
async function settle(page: Page): Promise<void> {
  // Every srcdoc frame has loaded its document (its own scripts have run).
  await page.waitForFunction(() =>
    [...document.querySelectorAll('iframe[srcdoc]')].every((f) => (f as HTMLIFrameElement).contentDocument?.URL === 'about:srcdoc' && (f as HTMLIFrameElement).contentDocument!.readyState === 'complete'),
  );
  await page.evaluate(
    () =>
      new Promise<void>((resolve) => {
        const img = new Image();
        img.onload = img.onerror = () => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(resolve, 100)));
        img.src = `/first-party/logo.svg?settle=${Math.random()}`;
      }),
  );
}

const reached = (urls: string[], marker: string) => urls.some((url) => url.includes(marker));

test('before consent: no element or markup vector reaches its tracker, and none throws', async ({ page, network, consoleErrors }) => {
  await page.goto(PAGE);
  await page.waitForLoadState('load');
  expect(await runVectors(page)).toEqual([]);
  await settle(page);
  const sent = network.trackerUrls();
  const timed = await fetchedUrls(page);
  for (const marker of [...Object.values(VECTORS), ...WHILE_PARSING]) {
    expect(reached(sent, marker), `request for ${marker}`).toBe(false);
    expect(reached(timed, marker), `resource timing for ${marker}`).toBe(false);
  }
  expect(await ran(page)).toEqual([]);
  expect(page.url()).toContain(PAGE);
  // No interceptor failed on the way (that would let a call through unchecked, logged once).
  expect(consoleErrors).toEqual([]);
});

test('after "Tout accepter": each held element reaches its tracker, and the split tags run', async ({ page, network, consoleErrors }) => {
  await page.goto(PAGE);
  await page.waitForLoadState('load');
  expect(await runVectors(page)).toEqual([]);
  const releasable = await page.evaluate(() => (window as any).releasable as string[]);
  await banner(page).acceptAll();
  for (const name of releasable) {
    await expect.poll(() => reached(network.trackerUrls(), VECTORS[name]!), name).toBe(true);
  }
  // The tag left unfinished by its script was dropped when the parse ended (the rest of the page went on as text).
  for (const marker of WHILE_PARSING.filter((m) => m !== 'ev=net-split')) await expect.poll(() => reached(network.trackerUrls(), marker), marker).toBe(true);
  await expect.poll(() => ran(page)).toContain('fbevents');
  // Each split image is one element, whole.
  expect(await page.locator('#split-img').getAttribute('src')).toBe('https://www.facebook.com/tr?ev=write-split-img');
  await expect(page.locator('#net-split')).toHaveCount(0);
  // The img in a <picture> picked the released source.
  await expect.poll(() => page.evaluate(() => [...document.querySelectorAll('picture img')].map((i) => (i as HTMLImageElement).currentSrc))).toEqual([
    'https://www.facebook.com/tr?ev=picture-markup',
    'https://www.facebook.com/tr?ev=picture-script',
  ]);
  // After consent, a frame written into is not held any more.
  await page.evaluate(() => (window as any).vectors['about:blank frame: write']());
  await expect.poll(() => reached(network.trackerUrls(), 'ev=frame-write')).toBe(true);
  expect(consoleErrors.filter((e) => e.includes('[nexus-consent]'))).toEqual([]);
});

test('control: without the SDK, every vector reaches its tracker', async ({ page, network }) => {
  await page.goto(WITHOUT_SDK);
  await page.waitForLoadState('load');
  expect(await page.evaluate(() => 'NexusConsent' in window)).toBe(false);
  expect(await runVectors(page)).toEqual([]);
  await settle(page);
  const missing = () => [...Object.values(VECTORS), ...WHILE_PARSING].filter((marker) => !reached(network.trackerUrls(), marker));
  await expect.poll(missing).toEqual([]).catch(async () => {
    // On a loaded machine a srcdoc frame's navigation can replace its first document before the
    // script written into it is requested (a CI run): the vectors still missing run once more, to
    // show that each can reach its tracker. The parser's own vectors cannot run again: never retried.
    const again = Object.entries(VECTORS).filter(([, marker]) => missing().includes(marker)).map(([name]) => name);
    await page.evaluate((names) => names.forEach((name) => (window as any).vectors[name]()), again);
    await expect.poll(missing).toEqual([]);
  });
});

test('<meta http-equiv=refresh> inserted by script: no navigation before consent, the refresh after', async ({ page }) => {
  await page.goto(PAGE);
  await page.waitForLoadState('load');
  await page.evaluate(() => {
    const meta = document.createElement('meta');
    meta.httpEquiv = 'refresh';
    meta.content = "0; URL='https://www.facebook.com/tr?ev=refresh'";
    document.head.append(meta);
  });
  await settle(page);
  expect(page.url()).toContain(PAGE);
  await Promise.all([page.waitForURL('https://www.facebook.com/tr?ev=refresh'), banner(page).acceptAll()]);
});

test('control: without the SDK, the inserted refresh navigates', async ({ page }) => {
  await page.goto(WITHOUT_SDK);
  await page.waitForLoadState('load');
  await Promise.all([
    page.waitForURL('https://www.facebook.com/tr?ev=refresh'),
    page.evaluate(() => {
      const meta = document.createElement('meta');
      meta.httpEquiv = 'refresh';
      meta.content = "0; URL='https://www.facebook.com/tr?ev=refresh'";
      document.head.append(meta);
    }),
  ]);
});

test('wrappers fail as the browser does: missing arguments and a wrong `this` throw the native TypeError', async ({ page }) => {
  const probe = () =>
    page.evaluate(() => {
      const img = document.createElement('img');
      const attempt = (fn: () => unknown) => {
        try {
          fn();
          return 'no error';
        } catch (error) {
          return `${(error as Error).name}: ${(error as Error).message}`;
        }
      };
      const srcSetter = Object.getOwnPropertyDescriptor(HTMLImageElement.prototype, 'src')!.set!;
      const innerSetter = Object.getOwnPropertyDescriptor(Element.prototype, 'innerHTML')!.set!;
      return {
        setAttribute: attempt(() => (img.setAttribute as any)('src')),
        setAttributeNS: attempt(() => (img.setAttributeNS as any)(null, 'src')),
        insertAdjacentHTML: attempt(() => (document.body.insertAdjacentHTML as any)('beforeend')),
        setHTMLUnsafe: attempt(() => (document.createElement('div').setHTMLUnsafe as any)()),
        wrongThisSetAttribute: attempt(() => HTMLImageElement.prototype.setAttribute.call({}, 'src', 'x')),
        wrongThisSrc: attempt(() => srcSetter.call({}, 'x')),
        noValueSrc: attempt(() => (srcSetter as any).call(img)),
        wrongThisInnerHTML: attempt(() => innerSetter.call({}, '<img src=x>')),
        audioWithoutNew: attempt(() => (Audio as any)('x')),
        audio: [new Audio() instanceof Audio, new Audio() instanceof HTMLAudioElement, Audio.prototype === HTMLAudioElement.prototype, Audio.name, Audio.length],
      };
    });
  await page.goto(WITHOUT_SDK);
  const native = await probe();
  await page.goto(PAGE);
  const wrapped = await probe();
  expect(native.setAttribute).toBe("TypeError: Failed to execute 'setAttribute' on 'Element': 2 arguments required, but only 1 present.");
  expect(wrapped).toEqual(native);
});
