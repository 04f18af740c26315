import { describe, expect, it } from 'vitest';
import { allChoices, decide, UNDECIDED, type Choices, type ConsentMethod } from '../store/consent-record.js';
import { encodeRecord } from '../store/record-codec.js';
import { createMarkup, markUpTrackers, type MarkupOptions, type MarkupRequest } from './index.js';
import { realLookingPage } from '../../bench/markup.mjs';
import * as vendor from './fixtures/vendor-snippets.js';

const rewrite = (html: string, options: MarkupOptions & MarkupRequest = {}) => markUpTrackers(html, { sdkScript: false, ...options });
const out = (html: string, options?: MarkupOptions & MarkupRequest) => rewrite(html, options).html;

/** Undoes exactly what the rewriter may do to a tag, to prove it changed nothing else. */
function undo(html: string): string {
  return html
    .replace(/type="text\/plain"([^>]*) data-type="([^"]*)"/g, 'type="$2"$1')
    .replace(/ data-consent="[^"]*"| data-consent-service="[^"]*"| type="text\/plain"/g, '')
    .replace(/data-(src|srcset|href|poster|data)=/gi, '$1=');
}

describe('vendor snippets, as pasted', () => {
  it('gtag: the external loader waits for analytics; the inline queue (no URL) runs as is', () => {
    const result = rewrite(vendor.GTAG);
    expect(result.html).toBe(
      vendor.GTAG.replace(
        '<script async src="https://www.googletagmanager.com/gtag/js?id=G-XXXXXXXXXX">',
        '<script async src="https://www.googletagmanager.com/gtag/js?id=G-XXXXXXXXXX" data-consent="analytics" data-consent-service="google-analytics" type="text/plain">',
      ),
    );
    expect(result.report.rewritten).toEqual([
      { tag: 'script', url: 'https://www.googletagmanager.com/gtag/js?id=G-XXXXXXXXXX', service: 'google-analytics', vendor: 'Google', category: 'analytics', line: 2, inline: false, noscript: false },
    ]);
  });

  it('GTM: the container loader and its noscript frame are not trackers (as in the page), unless the site says so', () => {
    const html = vendor.GTM_HEAD + vendor.GTM_BODY;
    expect(out(html)).toBe(html);
    const ruled = rewrite(html, { rules: { urls: [{ host: 'www.googletagmanager.com', category: 'analytics', service: 'gtm' }] } });
    expect(ruled.report.rewritten.map((r) => [r.tag, r.inline, r.noscript, r.service])).toEqual([
      ['script', true, false, 'gtm'],
      ['iframe', false, true, 'gtm'],
    ]);
    expect(ruled.html).toContain('<script data-consent="analytics" data-consent-service="gtm" type="text/plain">(function(w,d,s,l,i)');
    expect(ruled.html).toContain('<noscript><iframe data-src="https://www.googletagmanager.com/ns.html?id=GTM-XXXXXXX"\nheight="0" width="0" style="display:none;visibility:hidden" data-consent="analytics" data-consent-service="gtm"></iframe></noscript>');
    expect(undo(ruled.html)).toBe(html);
  });

  it('Meta pixel: the inline loader (its URL in the code) and the noscript pixel', () => {
    const result = rewrite(vendor.META_PIXEL);
    expect(result.html).toContain('<script data-consent="advertising" data-consent-service="meta-pixel" type="text/plain">\n!function(f,b,e,v,n,t,s)');
    expect(result.html).toContain(
      '<noscript><img height="1" width="1" style="display:none"\ndata-src="https://www.facebook.com/tr?id=123456789012345&ev=PageView&noscript=1"\n data-consent="advertising" data-consent-service="meta-pixel"/></noscript>',
    );
    expect(undo(result.html)).toBe(vendor.META_PIXEL);
    expect(result.report.rewritten.map((r) => `${r.tag}:${r.url}`)).toEqual([
      'script:https://connect.facebook.net/en_US/fbevents.js',
      'img:https://www.facebook.com/tr?id=123456789012345&ev=PageView&noscript=1',
    ]);
  });

  it.each([
    ['Hotjar (URL built by concatenation)', vendor.HOTJAR, 'analytics', 'hotjar', 'https://static.hotjar.com/c/hotjar-'],
    ['Clarity', vendor.CLARITY, 'analytics', 'microsoft-clarity', 'https://www.clarity.ms/tag/'],
    ['TikTok', vendor.TIKTOK, 'advertising', 'tiktok-pixel', 'https://analytics.tiktok.com/i18n/pixel/events.js'],
    ['Matomo Cloud', vendor.MATOMO_CLOUD, 'analytics', 'matomo', 'https://nexus.matomo.cloud/'],
  ])('%s: the inline loader waits for its category', (_, snippet, category, service, url) => {
    const result = rewrite(snippet);
    expect(result.report.rewritten).toEqual([expect.objectContaining({ tag: 'script', inline: true, category, service, url })]);
    expect(result.html).toContain(`data-consent="${category}" data-consent-service="${service}"`);
    expect(undo(result.html)).toBe(snippet);
  });

  it('LinkedIn Insight: the loader, not the partner-id script before it, and the noscript pixel', () => {
    const result = rewrite(vendor.LINKEDIN);
    expect(result.html.startsWith('<script type="text/javascript">\n_linkedin_partner_id')).toBe(true);
    expect(result.html).toContain('</script><script type="text/plain" data-consent="advertising" data-consent-service="linkedin-insight" data-type="text/javascript">\n(function(l)');
    expect(result.html).toContain('<img height="1" width="1" style="display:none;" alt="" data-src="https://px.ads.linkedin.com/collect/?pid=1234567&fmt=gif"  data-consent="advertising" data-consent-service="linkedin-insight"/>');
    expect(result.report.rewritten.map((r) => r.tag)).toEqual(['script', 'img']);
  });

  it('Matomo On-Premise: the loader found by its file name, the noscript pixel by its path', () => {
    const result = rewrite(vendor.MATOMO_SELF_HOSTED);
    expect(result.report.rewritten.map((r) => [r.tag, r.service, r.noscript])).toEqual([
      ['script', 'matomo', false],
      ['img', 'matomo', true],
    ]);
    expect(undo(result.html)).toBe(vendor.MATOMO_SELF_HOSTED);
  });

  it('YouTube and Vimeo embeds, and Vimeo’s player API script', () => {
    const result = rewrite(vendor.YOUTUBE + vendor.VIMEO);
    expect(result.html).toContain('<iframe width="560" height="315" data-src="https://www.youtube.com/embed/dQw4w9WgXcQ?si=AbCdEf" title="YouTube video player"');
    expect(result.html).toContain('allowfullscreen data-consent="advertising" data-consent-service="youtube"></iframe>');
    expect(result.html).toContain('<iframe data-src="https://player.vimeo.com/video/76979871?h=8272103f6e&amp;badge=0');
    expect(result.html).toContain('<script src="https://player.vimeo.com/api/player.js" data-consent="personalisation" data-consent-service="vimeo" type="text/plain"></script>');
    expect(undo(result.html)).toBe(vendor.YOUTUBE + vendor.VIMEO);
  });

  it('a whole page of them: each tag marked up, every other byte identical', () => {
    const html = vendor.page(vendor.GTAG + vendor.META_PIXEL + vendor.HOTJAR + vendor.CLARITY + vendor.LINKEDIN + vendor.TIKTOK + vendor.MATOMO_CLOUD, vendor.GTM_BODY + vendor.YOUTUBE + vendor.VIMEO);
    const result = markUpTrackers(html);
    expect(undo(result.html)).toBe(html);
    expect(result.report.rewritten).toHaveLength(12);
    expect(result.report.warnings).toEqual([]);
  });
});

describe('every element that fetches', () => {
  const fb = 'https://www.facebook.com/tr?id=1';
  it.each([
    [`<img src="${fb}" alt="">`, `<img data-src="${fb}" alt="" data-consent="advertising" data-consent-service="meta-pixel">`],
    [`<img srcset="/a.png 1x, ${fb} 2x" src="/a.png">`, `<img data-srcset="/a.png 1x, ${fb} 2x" data-src="/a.png" data-consent="advertising" data-consent-service="meta-pixel">`],
    [`<picture><source srcset="${fb}"><img src="/a.png"></picture>`, `<picture><source data-srcset="${fb}" data-consent="advertising" data-consent-service="meta-pixel"><img src="/a.png"></picture>`],
    [`<video src="/v.mp4" poster="${fb}"></video>`, `<video data-src="/v.mp4" data-poster="${fb}" data-consent="advertising" data-consent-service="meta-pixel"></video>`],
    [`<audio src="${fb}"></audio>`, `<audio data-src="${fb}" data-consent="advertising" data-consent-service="meta-pixel"></audio>`],
    [`<embed src="${fb}">`, `<embed data-src="${fb}" data-consent="advertising" data-consent-service="meta-pixel">`],
    [`<object data="${fb}"></object>`, `<object data-data="${fb}" data-consent="advertising" data-consent-service="meta-pixel"></object>`],
    [`<input type="image" src="${fb}">`, `<input type="image" data-src="${fb}" data-consent="advertising" data-consent-service="meta-pixel">`],
    [`<iframe src="${fb}"></iframe>`, `<iframe data-src="${fb}" data-consent="advertising" data-consent-service="meta-pixel"></iframe>`],
    [`<script type="module" src="https://connect.facebook.net/x.js"></script>`, `<script type="text/plain" src="https://connect.facebook.net/x.js" data-consent="advertising" data-consent-service="meta-pixel" data-type="module"></script>`],
  ])('%s', (input, expected) => {
    expect(out(input)).toBe(expected);
  });

  it.each(['preload', 'prefetch', 'modulepreload', 'preconnect', 'dns-prefetch', 'PreLoad', 'stylesheet', 'prerender'])('<link rel=%s> to a tracker host', (rel) => {
    expect(out(`<link rel="${rel}" href="https://connect.facebook.net/en_US/fbevents.js" as="script">`)).toBe(
      `<link rel="${rel}" data-href="https://connect.facebook.net/en_US/fbevents.js" as="script" data-consent="advertising" data-consent-service="meta-pixel">`,
    );
  });

  it('leaves links that fetch nothing (canonical, alternate), necessary, first-party and unknown hosts, and data blocks alone', () => {
    const html = [
      '<link rel="canonical" href="https://www.facebook.com/nexus">',
      '<a href="https://www.facebook.com/nexus">Facebook</a>',
      '<img src="/logo.svg"><img src="https://cdn.nexus-tech.fr/x.png"><script src="https://unpkg.com/x.js"></script>',
      '<script type="application/ld+json">{"sameAs":"https://www.facebook.com/nexus"}</script>',
      '<script type="text/template"><img src="https://www.facebook.com/tr"></script>',
      '<script>window.NexusConsentConfig = { serviceDetails: "https://www.facebook.com/privacy" };</script>',
    ].join('\n');
    expect(out(html)).toBe(html);
  });

  it('leaves tags the site already marked up exactly as they are', () => {
    const html = [
      '<script type="text/plain" data-consent="analytics" src="https://www.googletagmanager.com/gtag/js?id=G-1"></script>',
      '<script type="text/plain" data-consent="advertising">fbq("init", "1"); // https://connect.facebook.net/en_US/fbevents.js</script>',
      '<img data-consent="advertising" data-src="https://www.facebook.com/tr?id=1">',
      '<iframe data-consent="personalisation" data-src="https://www.youtube.com/embed/x"></iframe>',
    ].join('\n');
    expect(out(html)).toBe(html);
  });

  it('a site rule wins: allow exempts a tracker host, a path rule catches a first-party endpoint', () => {
    const rules = { urls: [{ host: 'static.hotjar.com', allow: true as const }, { path: '/collect', category: 'analytics', service: 'nexus-collect' }] };
    expect(out('<script src="https://static.hotjar.com/c/hotjar-1.js?sv=6"></script>', { rules })).toBe('<script src="https://static.hotjar.com/c/hotjar-1.js?sv=6"></script>');
    expect(out('<img src="/collect?ev=pageview">', { rules })).toBe('<img data-src="/collect?ev=pageview" data-consent="analytics" data-consent-service="nexus-collect">');
    // With the page's URL, only its own host is first-party.
    expect(out('<img src="https://other.example/collect">', { rules, pageUrl: 'https://www.nexus-tech.fr/' })).toBe('<img src="https://other.example/collect">');
  });

  it('an extra catalogue counts, as in the page', async () => {
    const { catalogueFull } = await import('../catalogue/catalogue-full.js');
    const tag = '<script src="https://cdn.segment.com/analytics.js/v1/KEY/analytics.min.js"></script>';
    const plain = rewrite(tag);
    const full = rewrite(tag, { catalogues: [catalogueFull] });
    expect(full.report.rewritten.length).toBeGreaterThanOrEqual(plain.report.rewritten.length);
  });

  it('relative URLs resolve against <base href>', () => {
    const html = '<base href="https://www.facebook.com/"><img src="tr?id=1">';
    expect(out(html)).toBe('<base href="https://www.facebook.com/"><img data-src="tr?id=1" data-consent="advertising" data-consent-service="meta-pixel">');
  });

  it('an inline script loading two categories waits for both, and names no single service', () => {
    const html = `<script>load('https://connect.facebook.net/en_US/fbevents.js'); load('https://www.clarity.ms/tag/x');</script>`;
    expect(out(html)).toBe(`<script data-consent="advertising analytics" type="text/plain">load('https://connect.facebook.net/en_US/fbevents.js'); load('https://www.clarity.ms/tag/x');</script>`);
  });

  it('reads URLs the way the code has them: protocol-relative, JSON-escaped', () => {
    expect(rewrite(`<script>s.src='//connect.facebook.net/en_US/fbevents.js'</script>`).report.rewritten[0]).toMatchObject({ service: 'meta-pixel', url: '//connect.facebook.net/en_US/fbevents.js' });
    expect(rewrite(`<script>var c = {"u":"https:\\/\\/static.hotjar.com\\/c\\/hotjar-1.js"}</script>`).report.rewritten[0]).toMatchObject({ service: 'hotjar' });
  });
});

describe('malformed and unusual HTML: tags as the browser reads them, every other byte kept', () => {
  const fb = 'https://www.facebook.com/tr?id=1';
  it.each([
    ['upper case, unquoted', `<IMG SRC=${fb}>`, `<IMG data-src=${fb} data-consent="advertising" data-consent-service="meta-pixel">`],
    ['no space before the attribute', `<img alt=""src="${fb}">`, `<img alt=""data-src="${fb}" data-consent="advertising" data-consent-service="meta-pixel">`],
    ['a slash between name and attribute', `<img/src="${fb}">`, `<img/data-src="${fb}" data-consent="advertising" data-consent-service="meta-pixel">`],
    ['self-closing', `<img src='${fb}' />`, `<img data-src='${fb}'  data-consent="advertising" data-consent-service="meta-pixel"/>`],
    ['unquoted value ending in a slash', `<img src=${fb}/>`, `<img data-src=${fb}/ data-consent="advertising" data-consent-service="meta-pixel">`],
    ['newlines inside the tag', `<iframe\n  src="${fb}"\n  title="x"\n></iframe>`, `<iframe\n  data-src="${fb}"\n  title="x"\n data-consent="advertising" data-consent-service="meta-pixel"></iframe>`],
    ['an entity in the URL', `<img src="https&#58;//www.facebook.com/tr?id=1&amp;ev=x">`, `<img data-src="https&#58;//www.facebook.com/tr?id=1&amp;ev=x" data-consent="advertising" data-consent-service="meta-pixel">`],
    ['a duplicate attribute: the first wins', `<img src="/a.png" src="${fb}">`, `<img src="/a.png" src="${fb}">`],
    ['<image> is <img> to the parser', `<image src="${fb}">`, `<image data-src="${fb}" data-consent="advertising" data-consent-service="meta-pixel">`],
    ['an unclosed tag at the end: no tag for the browser, kept as written', `<p><img src="${fb}"`, `<p><img src="${fb}"`],
    ['an unclosed script at the end', `<script src="${fb}">var a`, `<script src="${fb}" data-consent="advertising" data-consent-service="meta-pixel" type="text/plain">var a`],
    ['a comment', `<!-- <img src="${fb}"> -->`, `<!-- <img src="${fb}"> -->`],
    ['an unclosed comment', `<!-- <img src="${fb}">`, `<!-- <img src="${fb}">`],
    ['CDATA in HTML is a bogus comment up to the first >', `<![CDATA[<img src="${fb}">]]>`, `<![CDATA[<img src="${fb}">]]>`],
    ['text in textarea, title, style, xmp', `<textarea><img src="${fb}"></textarea><title><img src="${fb}"></title><style>/*<img src="${fb}">*/</style><xmp><img src="${fb}"></xmp>`, null],
    ['a tag inside a script string', `<script>var t = '<img src="/x.png">';</script>`, null],
    ['a template', `<template><img src="${fb}"></template>`, `<template><img data-src="${fb}" data-consent="advertising" data-consent-service="meta-pixel"></template>`],
    ['an empty CDATA section in SVG or MathML: no token, but its bytes (the previous rewriter dropped them)', `<svg><![CDATA[]]></svg><math><![CDATA[]]><mi>x</mi></math>`, null],
    ['SVG: its script and image are SVG elements, left alone', `<svg><script href="${fb}"></script><image href="${fb}"/><![CDATA[<img src="${fb}">]]></svg>`, null],
    ['an <img> breaks out of SVG', `<svg><img src="${fb}"></svg>`, `<svg><img data-src="${fb}" data-consent="advertising" data-consent-service="meta-pixel"></svg>`],
    ['HTML inside foreignObject and MathML mtext', `<svg><foreignObject><img src="${fb}"></foreignObject></svg><math><mtext><img src="${fb}"></mtext></math>`, `<svg><foreignObject><img data-src="${fb}" data-consent="advertising" data-consent-service="meta-pixel"></foreignObject></svg><math><mtext><img data-src="${fb}" data-consent="advertising" data-consent-service="meta-pixel"></mtext></math>`],
    ['CRLF, a BOM, NUL and odd characters', `\uFEFF<!DOCTYPE html>\r\n<p>\u0000 &notanentity; \uD83D\uDE00 <b>x</i>\r\n`, null],
    ['a doctype with ids', `<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd"><p>`, null],
  ])('%s', (_, input, expected) => {
    expect(out(input)).toBe(expected ?? input);
  });

  it('streams: any split of the input gives the same output', () => {
    const html = `<!doctype html><script src="/nexus-consent.min.js"></script>${vendor.META_PIXEL}<!-- c --><p>é😀</p><svg><image href="x"/></svg>${vendor.YOUTUBE}<![CDATA[x]]><textarea><img src=x></textarea>`;
    const whole = markUpTrackers(html).html;
    const markup = createMarkup();
    for (let at = 0; at <= html.length; at++) {
      const page = markup.rewriter();
      expect(page.write(html.slice(0, at)) + page.write(html.slice(at)) + page.end(), `split at ${at}`).toBe(whole);
    }
    for (const size of [1, 2, 3, 7, 64]) {
      const page = markup.rewriter();
      let text = '';
      for (let i = 0; i < html.length; i += size) text += page.write(html.slice(i, i + size));
      expect(text + page.end()).toBe(whole);
    }
  }, 60_000);

  it('generated markup (trackers among the characters each tokenizer state treats specially): any chunking gives the whole output, and only tracker tags change', () => {
    const pieces = [
      '<', '>', '/', '=', '"', "'", '&amp;', '-', '--', '<!--', '-->', '<!', '<!DOCTYPE html>', '<![CDATA[', ']]>', '\r\n', '\r', '\n', '\t', ' ', '\0', '\uD83D\uDE00', '\uD83D', 'é', 'x',
      '<p>', '</p>', '<script>', '</script>', '</SCRIPT >', '<style>', '</style>', '<title>', '</title>', '<textarea>', '</textarea>', '<svg>', '</svg>', '<math>', '</math>',
      '<foreignObject>', '</foreignObject>', '<noscript>', '</noscript>', '<template>', '</template>', '<xmp>', '</xmp>', '<a href=x>', '<br/>',
      '<script src="https://connect.facebook.net/x.js">', '<script async src="https://www.googletagmanager.com/gtag/js?id=G-1">', "<script>load('https://static.hotjar.com/c/hotjar-1.js')",
      '<iframe src="https://www.youtube.com/embed/x">', '</iframe>', '<img src="https://www.facebook.com/tr?id=1">', '<IMG SRC=https://www.facebook.com/tr?id=2>',
      '<img srcset="https://www.facebook.com/tr?id=3 1x, /a.png 2x">', '<link rel=preload href="https://connect.facebook.net/en_US/fbevents.js">', '<image src="https://www.facebook.com/tr">',
      '<video poster="https://www.facebook.com/tr">', '<img src=/matomo.php>',
    ];
    let state = 7;
    const next = () => {
      state ^= state << 13;
      state >>>= 0;
      state ^= state >>> 17;
      state ^= state << 5;
      state >>>= 0;
      return state;
    };
    const markup = createMarkup({ sdkScript: false });
    const categories = ['analytics', 'advertising', 'personalisation'];
    const ctx = { categories, revision: 1, validityMonths: 6, now: Date.now(), newId: () => 'abcdefghijklmnopqrstu' };
    const acceptAll = `nexus_consent=${encodeRecord(decide(allChoices(categories, true), 'accept-all', ctx, UNDECIDED))}`;
    let marked = 0;
    for (let seed = 0; seed < 400; seed++) {
      let html = '';
      const length = 50 + (next() % 600);
      while (html.length < length) html += pieces[next() % pieces.length];
      const whole = markup.rewrite(html);
      marked += whole.report.rewritten.length;
      // undo() cannot restore an upper-case name the rewriter renamed (SRC= became data-src=).
      if (!html.includes('SRC=')) expect(undo(whole.html), html).toBe(html);
      // Everything granted: every byte re-emitted as it came.
      expect(markup.rewrite(html, { cookieHeader: acceptAll }).html).toBe(html);
      const size = 1 + (next() % 40);
      const page = markup.rewriter();
      let text = '';
      for (let i = 0; i < html.length; i += size) text += page.write(html.slice(i, i + size));
      expect(text + page.end(), `${html} in chunks of ${size}`).toBe(whole.html);
    }
    expect(marked).toBeGreaterThan(400);
  }, 60_000);

  it('a 1 MB page, past the tokenizer’s 64 KB buffer: the same output whole and in chunks, every byte not rewritten identical', () => {
    // Text, comments and an inline script longer than the tokenizer's buffer waterline, where it drops what it parsed.
    const long = `<p>${'texte '.repeat(20_000)}</p><!--${'c'.repeat(70_000)}--><script>${'var a = 1;\n'.repeat(8_000)}load('https://static.hotjar.com/c/hotjar-1.js');</script>`;
    const html = realLookingPage().replace('</main>', `${long}</main>`);
    const whole = markUpTrackers(html);
    expect(undo(whole.html)).toBe(html);
    expect(whole.report.rewritten.map((r) => r.service)).toContain('hotjar');
    expect(whole.report.rewritten).toHaveLength(40);
    const markup = createMarkup();
    for (const size of [65_536, 10_007, 997]) {
      const page = markup.rewriter();
      let text = '';
      for (let i = 0; i < html.length; i += size) text += page.write(html.slice(i, i + size));
      expect(text + page.end(), `chunks of ${size}`).toBe(whole.html);
    }
  }, 60_000);
});

describe('consent-aware: the visitor’s consent cookie', () => {
  const categories = ['analytics', 'advertising', 'personalisation'];
  const ctx = { categories, revision: 1, validityMonths: 6, now: Date.now(), newId: () => 'abcdefghijklmnopqrstu' };
  const cookie = (choices: Choices, method: ConsentMethod = 'custom', services = {}, context = ctx) =>
    encodeRecord(decide(choices, method, context, UNDECIDED, services));
  const html = vendor.GTAG + vendor.META_PIXEL + vendor.HOTJAR + vendor.YOUTUBE;
  const services = (options: MarkupRequest & MarkupOptions) => rewrite(html, options).report.rewritten.map((r) => r.service);

  it('no header, or no consent cookie: every tracker is marked up', () => {
    const all = ['google-analytics', 'meta-pixel', 'meta-pixel', 'hotjar', 'youtube'];
    expect(services({})).toEqual(all);
    expect(services({ cookieHeader: 'cart=3; theme=dark' })).toEqual(all);
  });

  it('analytics granted: analytics tags stay exactly as written, the rest waits', () => {
    const result = rewrite(html, { cookieHeader: `cart=3; nexus_consent=${cookie({ analytics: true })}` });
    expect(result.report.rewritten.map((r) => r.service)).toEqual(['meta-pixel', 'meta-pixel', 'youtube']);
    expect(result.report.granted.map((r) => r.service)).toEqual(['google-analytics', 'hotjar']);
    expect(result.html).toContain(vendor.GTAG);
    expect(result.html).toContain(vendor.HOTJAR);
  });

  it('accept all: the page is returned unchanged', () => {
    expect(out(html, { cookieHeader: `nexus_consent=${cookie(allChoices(categories, true), 'accept-all')}` })).toBe(html);
  });

  it('a first visit (a request with no current decision): the UI file is preloaded just before the SDK tag, with its nonce', () => {
    const page = `<head><script nonce="n&quot;1" src="https://cdn.example/sdk/nexus-consent.min.js?v=3"></script>${vendor.GTAG}</head>`;
    const link = '<link rel="modulepreload" href="https://cdn.example/sdk/nexus-consent.ui.min.js" nonce="n&quot;1">';
    const first = markUpTrackers(page, { cookieHeader: null }).html;
    expect(first.startsWith(`<head>${link}<script nonce="n&quot;1" src=`)).toBe(true);
    expect(first.split('modulepreload')).toHaveLength(2);
    for (const cookieHeader of ['', 'cart=3', 'nexus_consent=garbage', `nexus_consent=${cookie({ analytics: true }, 'custom', {}, { ...ctx, revision: 0 })}`]) {
      expect(markUpTrackers(page, { cookieHeader }).html, cookieHeader).toContain(link);
    }
    // A returning visitor (even one who refused everything), a build (no request), ui: false, or the option off: none.
    expect(markUpTrackers(page, { cookieHeader: `nexus_consent=${cookie({})}` }).html).not.toContain('modulepreload');
    expect(markUpTrackers(page).html).not.toContain('modulepreload');
    expect(markUpTrackers(page, { cookieHeader: null, ui: false }).html).not.toContain('modulepreload');
    expect(markUpTrackers(page, { cookieHeader: null, preloadUi: false }).html).not.toContain('modulepreload');
    expect(markUpTrackers(page, { cookieHeader: null, sdkScript: false }).html).not.toContain('modulepreload');
    expect(() => markUpTrackers(page, { preloadUi: 'yes' as unknown as boolean })).toThrow(/preloadUi must be true or false/);
    // A relative src: the UI file beside it, as the SDK resolves it.
    expect(markUpTrackers('<script src="nexus-consent.min.js"></script>', { cookieHeader: null }).html).toBe(
      '<link rel="modulepreload" href="nexus-consent.ui.min.js"><script src="nexus-consent.min.js"></script>',
    );
  });

  it('the preloaded URL is the one the SDK imports, new URL(UI_FILE, script.src), whatever the src looks like', async () => {
    const { UI_FILE } = await import('../script-tag.js');
    const preloaded = (src: string, base: string) => {
      const html = markUpTrackers(`<base href="${base}"><script src="${src}"></script>`, { cookieHeader: null }).html;
      const href = /modulepreload" href="([^"]*)"/.exec(html)?.[1]?.replaceAll('&amp;', '&');
      return href === undefined ? undefined : new URL(href, base).href;
    };
    const sources = [
      '/dist/nexus-consent.min.js', '/dist/nexus-consent.min.js?v=3', '/dist/nexus-consent.min.js#x', 'nexus-consent.min.js', './a/../b/nexus-consent.full.min.js',
      '//cdn.example/sdk/nexus-consent.min.js?v=1#/y', 'https://cdn.example/sdk/nexus-consent.min.js', '  /dist/nexus-consent.min.js  ', '/a;p/nexus-consent.min.js?x&y=1',
      'HTTPS://CDN.EXAMPLE/SDK/nexus-consent.min.js',
    ];
    for (const base of ['https://www.nexus-tech.fr/jobs/page.html', 'http://localhost:8080/']) {
      for (const src of sources) expect(preloaded(src, base), `${src} on ${base}`).toBe(new URL(UI_FILE, new URL(src.trim(), base)).href);
    }
    // Not the script-tag build, or not over http(s): no preload (never a link to another host or scheme).
    for (const src of ['javascript:alert(1)//nexus-consent.min.js', 'data:text/javascript,//nexus-consent.min.js', '/a\\nexus-consent.min.js', '/app/index-3f2a.js']) {
      expect(markUpTrackers(`<script src="${src}"></script>`, { cookieHeader: null, sdkScript: () => true }).html, src).not.toContain('modulepreload');
    }
  });

  it('the preload fetches as the SDK tag does: its crossorigin and referrerpolicy too', () => {
    const html = markUpTrackers('<script src="https://cdn.example/nexus-consent.min.js" crossorigin referrerpolicy="no-referrer" nonce="abc"></script>', { cookieHeader: null }).html;
    expect(html).toContain('<link rel="modulepreload" href="https://cdn.example/nexus-consent.ui.min.js" nonce="abc" crossorigin="" referrerpolicy="no-referrer">');
  });

  it('per-service choices: one service allowed in a refused category, one refused in a granted one', () => {
    const value = cookie({ advertising: true }, 'custom', { hotjar: { category: 'analytics', allowed: true }, youtube: { category: 'advertising', allowed: false } });
    expect(services({ cookieHeader: `nexus_consent=${value}` })).toEqual(['google-analytics', 'youtube']);
  });

  it('a record the page would not accept grants nothing: other revision, other categories, expired, corrupt', () => {
    const all = services({});
    const accept = allChoices(categories, true);
    expect(services({ revision: 2, cookieHeader: `nexus_consent=${cookie(accept, 'accept-all')}` })).toEqual(all);
    expect(services({ categories: { social: { label: 'Réseaux' } }, cookieHeader: `nexus_consent=${cookie(accept, 'accept-all')}` })).toEqual(all);
    expect(services({ now: () => Date.now() + 400 * 86_400_000, cookieHeader: `nexus_consent=${cookie(accept, 'accept-all')}` })).toEqual(all);
    expect(services({ cookieHeader: `nexus_consent=${cookie(accept, 'accept-all').replace('.a.', '.c.')}` })).toEqual(all);
  });

  it('several copies of the cookie (other paths, parent domain): the least permissive wins', () => {
    const yes = cookie(allChoices(categories, true), 'accept-all');
    const analytics = cookie({ analytics: true });
    const no = cookie(allChoices(categories, false), 'reject-all');
    expect(services({ cookieHeader: `nexus_consent=${yes}; nexus_consent=${no}` })).toEqual(services({}));
    expect(services({ cookieHeader: `nexus_consent=${no}; nexus_consent=${yes}` })).toEqual(services({}));
    expect(services({ cookieHeader: `nexus_consent=${yes}; nexus_consent=${analytics}` })).toEqual(['meta-pixel', 'meta-pixel', 'youtube']);
    // An undecodable copy counts as nothing, not as a refusal of the others.
    expect(services({ cookieHeader: `nexus_consent=garbage; nexus_consent=${yes}` })).toEqual([]);
  });

  it('the configured cookie name, a quoted or percent-encoded value', () => {
    const value = cookie(allChoices(categories, true), 'accept-all');
    expect(services({ cookie: { name: 'site_consent' }, cookieHeader: `nexus_consent=${value}` })).toHaveLength(5);
    expect(services({ cookie: { name: 'site_consent' }, cookieHeader: `site_consent="${value}"` })).toEqual([]);
    expect(services({ cookieHeader: `nexus_consent=${encodeURIComponent(value).replace(/\./g, '%2E')}` })).toEqual([]);
  });
});

describe('the report’s warnings about the SDK’s own tag', () => {
  const tracker = '<script src="https://www.googletagmanager.com/gtag/js?id=G-1"></script>';
  const codes = (html: string, options: MarkupOptions = {}) => markUpTrackers(html, options).report.warnings.map((w) => w.code);
  it('first and synchronous: no warning', () => {
    expect(codes(`<head>${vendor.SDK}${tracker}</head>`)).toEqual([]);
    expect(codes(`<script src="https://cdn.example/npm/nexus-consent@1/dist/nexus-consent.full.min.js?v=2"></script>${tracker}`)).toEqual([]);
  });
  it('missing, after a tracker, async, defer or a module', () => {
    expect(codes(tracker)).toEqual(['sdk-missing']);
    expect(codes(`${tracker}${vendor.SDK}`)).toEqual(['sdk-after-tracker']);
    expect(codes(`${vendor.META_PIXEL}${vendor.SDK}`)).toEqual(['sdk-after-tracker']);
    expect(codes(`<script async src="/dist/nexus-consent.min.js"></script>`)).toEqual(['sdk-async']);
    expect(codes(`<script defer src="/dist/nexus-consent.min.js"></script>`)).toEqual(['sdk-async']);
    expect(codes(`<script type="module" src="/dist/nexus-consent.min.js"></script>`)).toEqual(['sdk-async']);
    expect(markUpTrackers(`${tracker}<script async src="/dist/nexus-consent.min.js"></script>`).report.warnings.map((w) => w.message)).toEqual([
      expect.stringContaining('loaded async'),
      expect.stringContaining('comes after a tracker (<script> https://www.googletagmanager.com/gtag/js?id=G-1, line 1)'),
    ]);
  });
  it('a matcher of the site’s own, or none for a bundled SDK', () => {
    expect(codes('<script src="/js/consent.js"></script>', { sdkScript: (src) => src === '/js/consent.js' })).toEqual([]);
    expect(codes(tracker, { sdkScript: false })).toEqual([]);
  });
});

describe('options', () => {
  it('a bad option fails at once, naming it', () => {
    expect(() => createMarkup({ rules: { urls: [{ host: 'x.fr', category: 'nope' }] } })).toThrow(/rules\.urls\[0\]\.category/);
    expect(() => createMarkup({ privacyPolicyURL: '/p' } as MarkupOptions)).toThrow(/privacyPolicyURL/);
    expect(() => createMarkup({ pageUrl: '/relative' })).toThrow(/pageUrl/);
    expect(() => createMarkup({ sdkScript: 'nexus.js' as never })).toThrow(/sdkScript/);
  });
  it('takes the site’s whole config object, as the page does', () => {
    const config = { privacyPolicyUrl: '/confidentialite', revision: 3, language: 'fr', layout: 'box' as const, googleConsentMode: true };
    expect(markUpTrackers(vendor.GTAG, { ...config, sdkScript: false }).report.rewritten).toHaveLength(1);
  });
});

describe('inline scripts that cannot wait', () => {
  it('a loader that calls document.write runs as written, with a warning (released after the parse it would erase the page)', () => {
    const html = `<script>document.write('<script src="https://www.googletagmanager.com/gtag/js?id=G-1"><\\/script>');</script>`;
    const result = markUpTrackers(html, { sdkScript: false });
    expect(result.html).toBe(html);
    expect(result.report.warnings.map((w) => w.code)).toEqual(['document-write']);
  });

  it('a script longer than MAX_INLINE is searched in its first part only, with a warning', () => {
    const html = `<script>var big = "${'x'.repeat(300 * 1024)}"; load('https://connect.facebook.net/en_US/fbevents.js');</script>`;
    const result = markUpTrackers(html, { sdkScript: false });
    expect(result.html).toBe(html);
    expect(result.report.warnings.map((w) => w.code)).toEqual(['script-too-long']);
    const early = `<script>load('https://connect.facebook.net/en_US/fbevents.js'); var big = "${'x'.repeat(300 * 1024)}";</script>`;
    expect(markUpTrackers(early, { sdkScript: false }).html.startsWith('<script data-consent="advertising"')).toBe(true);
  });
});
