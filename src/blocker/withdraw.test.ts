import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { clearStorageKeys, deleteCookies, parentDomains, parentPaths, withdrawalPaths } from './withdraw.js';

/** A page at `url` with its own cookie store (jsdom implements RFC 6265 domains and paths). */
function page(url: string) {
  const dom = new JSDOM('', { url });
  const doc = dom.window.document;
  const lines: string[] = [];
  let reads = 0;
  return {
    doc,
    set: (line: string) => (doc.cookie = line),
    write: (line: string) => {
      lines.push(line);
      doc.cookie = line;
    },
    read: () => {
      reads++;
      return doc.cookie;
    },
    lines,
    reads: () => reads,
    left: () => dom.cookieJar.getCookiesSync(url).map((c) => `${c.key}@${c.hostOnly ? 'host' : c.domain}${c.path}`).sort(),
    win: dom.window as unknown as Window,
  };
}

describe('withdrawal candidates', () => {
  it('tries the host and each parent domain of at least two labels', () => {
    expect(parentDomains('www.shop.nexus-tech.fr')).toEqual(['www.shop.nexus-tech.fr', 'shop.nexus-tech.fr', 'nexus-tech.fr']);
    expect(parentDomains('localhost')).toEqual(['localhost']);
    expect(parentDomains('127.0.0.1')).toEqual(['127.0.0.1']);
  });

  it('tries / and each parent path, with and without a trailing slash', () => {
    expect(parentPaths('/emplois/paris/dev')).toEqual(['/', '/emplois', '/emplois/', '/emplois/paris', '/emplois/paris/', '/emplois/paris/dev', '/emplois/paris/dev/']);
    expect(parentPaths('/')).toEqual(['/']);
  });

  it('tries / first, then the default path of a cookie set without path= (RFC 6265 §5.1.4), then the other paths that can be seen here', () => {
    expect(withdrawalPaths('/emplois/paris/dev')).toEqual(['/', '/emplois/paris', '/emplois', '/emplois/', '/emplois/paris/', '/emplois/paris/dev']);
    expect(withdrawalPaths('/emplois/')).toEqual(['/', '/emplois', '/emplois/']);
    expect(withdrawalPaths('/page')).toEqual(['/', '/page']);
    expect(withdrawalPaths('/')).toEqual(['/']);
  });
});

describe('deleteCookies (jsdom cookie store)', () => {
  const URL = 'http://a.b.site.example/one/two/three/page.html';

  it('deletes copies on the parent domains and on non-root paths, host-only or not', () => {
    const p = page(URL);
    p.set('_ga=1; path=/');
    p.set('_ga=2; path=/one/two; domain=site.example');
    p.set('_ga=3; path=/one/; domain=b.site.example');
    p.set('_fbp=1; domain=a.b.site.example'); // default path /one/two/three
    p.set('_fbp=2; path=/one/two/three/page.html');
    p.set('_gid=1; path=/one/two/three/page.html; domain=site.example');
    p.set('session=keep; path=/');
    const deleted = deleteCookies(p.doc, ['_ga', '_fbp', '_gid', '_ga'], p.write, p.read);
    expect(deleted).toEqual(['_ga', '_fbp', '_gid']);
    expect(p.left()).toEqual(['session@host/']);
  });

  it('reports a cookie no candidate could delete', () => {
    const p = page(URL);
    p.set('_ga=1; path=/');
    p.set('_hj=1; path=/');
    const deleted = deleteCookies(p.doc, ['_ga', '_hj'], (line) => (line.startsWith('_hj=') ? undefined : p.write(line)), p.read);
    expect(deleted).toEqual(['_ga']);
    expect(p.left()).toEqual(['_hj@host/']);
  });

  it('bounds the work: cookies on / cost one sweep of / and the default path, and two reads', () => {
    const p = page(URL);
    const names = Array.from({ length: 50 }, (_, i) => `_ga_${i}`);
    for (const name of names) p.set(`${name}=1; path=/`);
    expect(deleteCookies(p.doc, names, p.write, p.read)).toEqual(names);
    // Host-only, a.b.site.example, b.site.example, site.example: 4 writes a name and path.
    expect(p.lines).toHaveLength(names.length * 4 * 2);
    expect(p.lines.filter((l) => /path=\/(;|$)/.test(l))).toHaveLength(names.length * 4);
    expect(p.lines.filter((l) => l.includes('path=/one/two/three;') || l.endsWith('path=/one/two/three'))).toHaveLength(names.length * 4);
    expect(p.reads()).toBe(2);
  });

  it('deletes a script’s cookie without path= (the default path) in the first sweep', () => {
    const p = page(URL);
    p.set('_ga=1; path=/');
    p.set('_fbp=1'); // /one/two/three
    deleteCookies(p.doc, ['_ga', '_fbp'], p.write, p.read);
    expect(p.lines).toHaveLength(2 * 4 * 2);
    expect(p.reads()).toBe(2);
    expect(p.left()).toEqual([]);
  });

  it('tries every candidate path and domain before giving up on a cookie it cannot see go', () => {
    const p = page(URL);
    p.set('_ga=1; path=/');
    const tried: string[] = [];
    deleteCookies(p.doc, ['_ga'], (line) => void (line.startsWith('_ga=') && tried.push(line)), p.read);
    const expected = withdrawalPaths('/one/two/three/page.html').flatMap((path) =>
      [undefined, 'a.b.site.example', 'b.site.example', 'site.example'].map((d) => `_ga=; expires=Thu, 01 Jan 1970 00:00:00 GMT; max-age=0; path=${path}${d ? `; domain=${d}` : ''}`),
    );
    expect(new Set(tried)).toEqual(new Set(expected));
  });

  it('finds the path of each copy left after / and the default path: one deletion per copy and domain, four reads', () => {
    const p = page(URL);
    const paths = ['/one', '/one/', '/one/two', '/one/two/', '/one/two/three/', '/one/two/three/page.html'];
    const names = Array.from({ length: 60 }, (_, i) => `_ga_${i}`);
    names.forEach((name, i) => p.set(`${name}=1; path=${paths[i % paths.length]}${i % 3 ? '; domain=b.site.example' : ''}`));
    p.set('_ga_0=2; path=/one/two/'); // a second copy of one name
    p.set('session=keep; path=/one');
    expect(deleteCookies(p.doc, names, p.write, p.read)).toEqual(names);
    expect(p.left()).toEqual(['session@host/one']);
    const deletions = p.lines.filter((l) => l.startsWith('_ga_'));
    // Two sweeps (/, default path) of 4 domains, then 4 domains per copy found.
    expect(deletions).toHaveLength(60 * 4 * 2 + 61 * 4);
    expect(p.reads()).toBe(4);
    // The markers are gone.
    expect(p.doc.cookie).toBe('session=keep');
    // Nothing but deletions of the names asked for, and the markers, is ever written.
    const deletion = /^(_ga_\d+|__nexus_consent_path_\d+)=; expires=Thu, 01 Jan 1970 00:00:00 GMT; max-age=0; path=/;
    const marker = /^__nexus_consent_path_\d+=1; path=\/[^;]*; max-age=60; samesite=Lax$/;
    expect(p.lines.filter((l) => !deletion.test(l) && !marker.test(l))).toEqual([]);
  });

  it('on a page at the root, a cookie that will not go costs one sweep and two reads: no other path to try', () => {
    const p = page('http://site.example/');
    p.set('_ga=1; path=/');
    expect(deleteCookies(p.doc, ['_ga'], () => {}, p.read)).toEqual([]);
    expect(p.reads()).toBe(2);
  });

  it('with little room for markers (a jar near the browser’s limit), places each copy within a range of paths', () => {
    const p = page(URL);
    const paths = ['/one', '/one/', '/one/two', '/one/two/', '/one/two/three/', '/one/two/three/page.html'];
    const names = Array.from({ length: 147 }, (_, i) => `_ga_${i}`);
    names.forEach((name, i) => p.set(`${name}=1; path=${paths[i % paths.length]}`));
    expect(deleteCookies(p.doc, names, p.write, p.read)).toEqual(names);
    expect(p.left()).toEqual([]);
    // 150 - 147 = 3 markers for 6 candidates: each copy is tried on the 2 paths of its range.
    expect(new Set(p.lines.filter((l) => l.startsWith('__nexus_consent_path_') && l.includes('=1;'))).size).toBe(3);
    expect(p.lines.filter((l) => l.startsWith('_ga_'))).toHaveLength(147 * 4 * 2 + 147 * 4 * 2);
    expect(p.reads()).toBe(4);
  });

  it('with no room for markers, tries every other path at once: three reads', () => {
    const p = page(URL);
    const names = Array.from({ length: 160 }, (_, i) => `_ga_${i}`);
    for (const name of names) p.set(`${name}=1; path=/one/two/three/page.html`);
    expect(deleteCookies(p.doc, names, p.write, p.read)).toEqual(names);
    expect(p.lines.some((l) => l.startsWith('__nexus_consent_path_'))).toBe(false);
    expect(p.left()).toEqual([]);
    expect(p.reads()).toBe(3);
  });

  it('uses no more markers than the cookies it deleted when the jar is full', () => {
    const p = page(URL);
    const names = Array.from({ length: 160 }, (_, i) => `_ga_${i}`);
    // 3 on /, the rest on one deep path.
    names.forEach((name, i) => p.set(`${name}=1; path=${i < 3 ? '/' : '/one/two/'}`));
    expect(deleteCookies(p.doc, names, p.write, p.read)).toEqual(names);
    expect(new Set(p.lines.filter((l) => l.startsWith('__nexus_consent_path_') && l.includes('=1;'))).size).toBe(3);
    expect(p.left()).toEqual([]);
  });

  it('still deletes everything when the browser lists cookies in another order', () => {
    const p = page(URL);
    const names = ['_ga', '_gid', '_fbp', '_hjid'];
    ['/one', '/one/two/', '/one/two/three/page.html', '/one/two/three'].forEach((path, i) => p.set(`${names[i]}=1; path=${path}`));
    const shuffled = () => p.read().split('; ').reverse().join('; ');
    expect(deleteCookies(p.doc, names, p.write, shuffled)).toEqual(names);
    expect(p.left()).toEqual([]);
  });

  it('does nothing for no names', () => {
    const p = page(URL);
    expect(deleteCookies(p.doc, [], p.write, p.read)).toEqual([]);
    expect(p.lines).toEqual([]);
    expect(p.reads()).toBe(0);
  });

  it('reads document.cookie by default', () => {
    const p = page(URL);
    p.set('_ga=1; path=/');
    expect(deleteCookies(p.doc, ['_ga'], p.write)).toEqual(['_ga']);
  });
});

describe('clearStorageKeys', () => {
  it('removes the held keys of both storages and reports them', () => {
    const p = page('http://www.site.example/');
    const w = p.win as Window;
    w.localStorage.setItem('_hjKey', '1');
    w.localStorage.setItem('theme', 'dark');
    w.sessionStorage.setItem('_hjSession', '1');
    expect(clearStorageKeys(w, (key) => key.startsWith('_hj')).sort()).toEqual(['_hjKey', '_hjSession']);
    expect(w.localStorage.getItem('theme')).toBe('dark');
    expect(w.localStorage.length).toBe(1);
    expect(w.sessionStorage.length).toBe(0);
  });

  it('skips a storage that throws', () => {
    const hostile = {
      get localStorage(): Storage {
        throw new DOMException('denied', 'SecurityError');
      },
      sessionStorage: { length: 0, key: () => null } as unknown as Storage,
    } as unknown as Window;
    expect(clearStorageKeys(hostile, () => true)).toEqual([]);
  });
});
