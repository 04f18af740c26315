import { JSDOM } from 'jsdom';
import Cookies from 'js-cookie';
import { describe, expect, it } from 'vitest';
import { createCookieJar } from './cookie-jar.js';
import { patch } from '../blocker/interceptors/patches.js';

/** A page at `url` with its own cookie store (jsdom implements RFC 6265 domains and paths). */
function page(url: string) {
  const dom = new JSDOM('', { url });
  const win = dom.window as unknown as Window & typeof globalThis;
  const cookies = () => dom.cookieJar.getCookiesSync(url).map((c) => ({ name: c.key, value: c.value, path: c.path, domain: c.hostOnly ? 'host-only' : c.domain }));
  return { win, doc: win.document, cookies, set: (line: string) => (win.document.cookie = line) };
}

const NAME = 'nexus_consent';
const IN_A_YEAR = Date.now() + 365 * 86_400_000;

describe('cookie jar (jsdom)', () => {
  it('reads every copy of the cookie visible here, and only those', () => {
    const p = page('http://www.site.example/shop/cart');
    p.set(`${NAME}=root; path=/`);
    p.set(`${NAME}=shop; path=/shop`);
    p.set(`${NAME}=parent; path=/; domain=site.example`);
    p.set(`${NAME}_other=x; path=/`);
    p.set('other=1; path=/');
    const jar = createCookieJar(p.win, { name: NAME, secure: false });
    expect(jar.readAll().sort()).toEqual(['parent', 'root', 'shop']);
  });

  it('writes one canonical copy (host-only, Path=/, SameSite=Lax) and deletes every other one script can reach', () => {
    const p = page('http://www.site.example/shop/cart/item');
    p.set(`${NAME}=old-root; path=/`);
    p.set(`${NAME}=old-shop; path=/shop`);
    p.set(`${NAME}=old-shop-slash; path=/shop/`);
    p.set(`${NAME}=old-cart; path=/shop/cart`);
    p.set(`${NAME}=old-parent; path=/; domain=site.example`);
    p.set(`${NAME}=old-parent-shop; path=/shop; domain=site.example`);
    p.set(`${NAME}=old-host-domain; path=/; domain=www.site.example`);
    p.set('unrelated=1; path=/shop');
    createCookieJar(p.win, { name: NAME, secure: false }).write('new', IN_A_YEAR);
    expect(p.cookies()).toEqual([
      { name: 'unrelated', value: '1', path: '/shop', domain: 'host-only' },
      { name: NAME, value: 'new', path: '/', domain: 'host-only' },
    ]);
  });

  it('with cookie.domain: the canonical copy is on that domain, and the old host-only copy goes', () => {
    const p = page('http://www.site.example/');
    p.set(`${NAME}=host-only; path=/`);
    createCookieJar(p.win, { name: NAME, domain: '.Site.Example', secure: false }).write('new', IN_A_YEAR);
    expect(p.cookies()).toEqual([{ name: NAME, value: 'new', path: '/', domain: 'site.example' }]);
  });

  it('without cookie.domain (removed from the config): the old parent-domain copy goes', () => {
    const p = page('http://www.site.example/');
    p.set(`${NAME}=shared; path=/; domain=site.example`);
    createCookieJar(p.win, { name: NAME, secure: false }).write('new', IN_A_YEAR);
    expect(p.cookies()).toEqual([{ name: NAME, value: 'new', path: '/', domain: 'host-only' }]);
  });

  it('sets the attributes a consent cookie needs', () => {
    const dom = new JSDOM('', { url: 'https://www.site.example/a' });
    const expires = Date.UTC(2027, 4, 25, 10, 0, 0);
    createCookieJar(dom.window as unknown as Window & typeof globalThis, { name: NAME, secure: true }).write('v', expires);
    const [cookie] = dom.cookieJar.getCookiesSync('https://www.site.example/');
    expect(cookie).toMatchObject({ key: NAME, value: 'v', path: '/', secure: true, sameSite: 'lax', httpOnly: false, hostOnly: true });
    expect(cookie!.expires).toEqual(new Date(expires));
  });

  it('removes every copy', () => {
    const p = page('http://www.site.example/shop/');
    p.set(`${NAME}=a; path=/`);
    p.set(`${NAME}=b; path=/shop`);
    p.set(`${NAME}=c; path=/; domain=site.example`);
    p.set('kept=1; path=/');
    createCookieJar(p.win, { name: NAME, domain: 'site.example', secure: false }).remove();
    expect(p.cookies().map((c) => c.name)).toEqual(['kept']);
  });

  it('encodes and decodes the value with js-cookie; an undecodable value is read as it is', () => {
    const p = page('http://www.site.example/');
    const jar = createCookieJar(p.win, { name: NAME, secure: false });
    jar.write('a b;c,é', IN_A_YEAR);
    expect(p.doc.cookie).toBe(`${NAME}=a%20b%3Bc%2C%C3%A9`);
    expect(jar.readAll()).toEqual(['a b;c,é']);
    p.set(`${NAME}=%E0%A4%A; path=/`);
    expect(jar.readAll()).toEqual(['%E0%A4%A']);
  });

  it('encodes and decodes exactly as js-cookie 3 does (its converter, copied to spare the build the rest)', () => {
    const p = page('http://www.site.example/');
    const jar = createCookieJar(p.win, { name: NAME, secure: false });
    const converter = Cookies.converter as { read(value: string, name: string): string; write(value: string, name: string): string };
    const all = Array.from({ length: 0x250 }, (_, i) => String.fromCharCode(i)).join('');
    for (const value of [all, 'v1.a~b!c*d(e)f\'g', '{"a":[1,2]}', 'é€😀', '%41%', '"quoted"']) {
      jar.write(value, IN_A_YEAR);
      expect(p.doc.cookie).toBe(`${NAME}=${converter.write(value, NAME)}`);
      expect(jar.readAll()).toEqual([converter.read(converter.write(value, NAME), NAME)]);
    }
    for (const raw of ['"a%20b"', '%E2%82%AC%20x', 'a%2', '%zz']) {
      p.set(`${NAME}=${raw}; path=/`);
      let expected: string;
      try {
        expected = converter.read(raw, NAME);
      } catch {
        expected = raw;
      }
      expect(jar.readAll()).toEqual([expected]);
    }
  });

  it('accepts any RFC 6265 token as the name', () => {
    const p = page('http://www.site.example/');
    const name = "c!#$%&'*+-.^_`|~";
    createCookieJar(p.win, { name, secure: false }).write('v', IN_A_YEAR);
    expect(createCookieJar(p.win, { name, secure: false }).readAll()).toEqual(['v']);
    expect(p.doc.cookie).toBe(`${name}=v`);
  });

  it('writes through the native setter, past a guard that drops the cookie (the blocker, nexus-consent/auto)', () => {
    const p = page('http://www.site.example/');
    const proto = p.win.Document.prototype;
    // What storage-writes.ts does: a guard through the patch registry (here one that drops every write).
    const undo = patch([proto], 'cookie', 'set', () => function () {});
    const jar = createCookieJar(p.win, { name: '_pk_consent', secure: false });
    jar.write('v', IN_A_YEAR);
    expect(jar.readAll()).toEqual(['v']);
    jar.remove();
    expect(jar.readAll()).toEqual([]);
    // The page itself is still guarded.
    p.set('_pk_consent=page; path=/');
    expect(p.cookies()).toEqual([]);
    undo();
  });

  it('writes through the browser’s accessor under two guards (two instances), and the page learns nothing of it', () => {
    const p = page('http://www.site.example/');
    const undo = [1, 2].map(() => patch([p.win.Document.prototype], 'cookie', 'set', () => function () {}));
    createCookieJar(p.win, { name: NAME, secure: false }).write('v', IN_A_YEAR);
    expect(p.doc.cookie).toBe(`${NAME}=v`);
    // Nothing on the window hands the original accessor to page scripts.
    expect(Object.getOwnPropertySymbols(p.win).map(String).filter((k) => k.includes('nexus'))).toEqual([]);
    undo.forEach((u) => u());
  });
});

describe('cookie jar — what it writes', () => {
  function recorded(url: string, options: { name?: string; domain?: string; secure?: boolean } = {}) {
    const p = page(url);
    const lines: string[] = [];
    const native = Object.getOwnPropertyDescriptor(p.win.Document.prototype, 'cookie')!;
    // A recording accessor in place of the browser's (not a registry patch: the jar writes through it).
    Object.defineProperty(p.win.Document.prototype, 'cookie', { ...native, set(this: Document, line: string) { lines.push(line); native.set!.call(this, line); } });
    const jar = createCookieJar(p.win, { name: options.name ?? NAME, domain: options.domain, secure: options.secure ?? false });
    return { p, jar, lines };
  }

  it('deletes every other variant, never the canonical one, then writes it once', () => {
    const { jar, lines } = recorded('http://www.site.example/shop/');
    jar.write('v', IN_A_YEAR);
    const deletions = lines.filter((l) => l.includes('max-age=0'));
    // Host-only, www.site.example, site.example × /, /shop, /shop/ — less the canonical (host-only, /).
    expect(deletions).toHaveLength(3 * 3 - 1);
    expect(deletions).not.toContain(`${NAME}=; expires=Thu, 01 Jan 1970 00:00:00 GMT; max-age=0; path=/`);
    expect(lines.at(-1)).toBe(`${NAME}=v; path=/; expires=${new Date(IN_A_YEAR).toUTCString()}; samesite=Lax`);
  });

  it('with cookie.domain (any case, leading dot): that domain is canonical, the host-only copy is deleted', () => {
    const { jar, lines } = recorded('http://www.site.example/', { domain: '.SITE.example', secure: true });
    jar.write('v', IN_A_YEAR);
    expect(lines).toContain(`${NAME}=; expires=Thu, 01 Jan 1970 00:00:00 GMT; max-age=0; path=/`);
    expect(lines).not.toContain(`${NAME}=; expires=Thu, 01 Jan 1970 00:00:00 GMT; max-age=0; path=/; domain=site.example`);
    expect(lines.at(-1)).toBe(`${NAME}=v; path=/; expires=${new Date(IN_A_YEAR).toUTCString()}; domain=site.example; samesite=Lax; secure`);
  });

  it('tries a configured domain that is not a parent of the host too', () => {
    const { jar, lines } = recorded('http://www.site.example/', { domain: 'other.example' });
    jar.remove();
    expect(lines).toContain(`${NAME}=; expires=Thu, 01 Jan 1970 00:00:00 GMT; max-age=0; path=/; domain=other.example`);
    expect(lines).toHaveLength(4);
  });

  it('removes every variant, the canonical one included', () => {
    const { jar, lines } = recorded('http://www.site.example/shop/');
    jar.remove();
    expect(lines).toHaveLength(3 * 3);
    expect(lines).toContain(`${NAME}=; expires=Thu, 01 Jan 1970 00:00:00 GMT; max-age=0; path=/`);
  });
});
