import { describe, expect, it } from 'vitest';
import { parkedAttributes, refreshUrl, srcsetUrls, urlsIn } from './element-sources.js';

describe('refreshUrl (HTML "shared declarative refresh steps")', () => {
  it.each([
    ['0;url=https://t.example/a', 'https://t.example/a'],
    ['0; URL=https://t.example/a', 'https://t.example/a'],
    ["5 ; url = 'https://t.example/a?x=1' trailing", 'https://t.example/a?x=1'],
    ['0,"https://t.example/b"', 'https://t.example/b'],
    ['1.5 https://t.example/c', 'https://t.example/c'],
    ['.5;url=https://t.example/d', 'https://t.example/d'],
    ['0', ''],
    ['soon;url=https://t.example/e', ''],
  ])('%s → %s', (content, url) => {
    expect(refreshUrl(content)).toBe(url);
  });
});

describe('urlsIn', () => {
  const markup = (html: string) => [`markup:${html}`];
  it('reads one URL, a srcset, a refresh target, or asks for the markup of a srcdoc', () => {
    expect(urlsIn('src', 'https://t.example/a', markup)).toEqual(['https://t.example/a']);
    expect(urlsIn('srcset', 'a.png 1x, https://t.example/b 2x', markup)).toEqual(srcsetUrls('a.png 1x, https://t.example/b 2x'));
    expect(urlsIn('content', '0;url=https://t.example/c', markup)).toEqual(['https://t.example/c']);
    expect(urlsIn('srcdoc', '<img src=x>', markup)).toEqual(['markup:<img src=x>']);
  });
});

describe('parkedAttributes', () => {
  it('moves srcset before src, and a meta only its content', () => {
    const order = parkedAttributes('IMG');
    expect(order.indexOf('srcset')).toBeLessThan(order.indexOf('src'));
    expect(order).toEqual(expect.arrayContaining(['data', 'poster', 'href', 'srcdoc']));
    expect(parkedAttributes('META')).toEqual(['content']);
  });
});
