/**
 * The four ways a site runs the markup step — CLI, Vite plugin, Node
 * middleware, web-standard transform — each on a real page, as a site would.
 */
import { mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allChoices, decide, UNDECIDED } from '../store/consent-record.js';
import { encodeRecord } from '../store/record-codec.js';
import { runCli } from './cli.js';
import { expandGlob, globToRegExp } from './glob.js';
import { createMarkupHandler, markupMiddleware } from './index.js';
import { nexusConsent } from './vite.js';
import { GTAG, META_PIXEL, page, YOUTUBE } from './fixtures/vendor-snippets.js';

const PAGE = page(GTAG + META_PIXEL, `<h1>Offres d’emploi — été</h1>\n${YOUTUBE}`);
const analyticsCookie = () =>
  `nexus_consent=${encodeRecord(
    decide({ analytics: true }, 'custom', { categories: ['analytics', 'advertising', 'personalisation'], revision: 1, validityMonths: 6, now: Date.now(), newId: () => 'abcdefghijklmnopqrstu' }, UNDECIDED),
  )}`;

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'nexus-markup-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('glob', () => {
  it('matches ** across folders, * within a name, {a,b}', () => {
    expect(globToRegExp('**/*.html').test('a/b/c.html')).toBe(true);
    expect(globToRegExp('**/*.html').test('c.html')).toBe(true);
    expect(globToRegExp('*.html').test('a/c.html')).toBe(false);
    expect(globToRegExp('*.{html,htm}').test('c.htm')).toBe(true);
    expect(globToRegExp('page?.html').test('page1.html')).toBe(true);
    expect(globToRegExp('a.html').test('aXhtml')).toBe(false);
  });
});

describe('CLI: npx nexus-consent markup', () => {
  const run = async (...argv: string[]) => {
    const lines: string[] = [];
    const code = await runCli(argv, { cwd: dir, out: (l) => lines.push(l), err: (l) => lines.push(l) });
    return { code, text: lines.join('\n') };
  };

  it('--check lists the leaks and fails; a run rewrites in place; then --check passes', async () => {
    await mkdir(join(dir, 'site/dist/offres'), { recursive: true });
    await writeFile(join(dir, 'site/dist/index.html'), PAGE);
    await writeFile(join(dir, 'site/dist/offres/42.html'), page('<img src="/collect?ev=1">'));
    await writeFile(join(dir, 'site/dist/clean.html'), page(''));
    await writeFile(join(dir, 'site/dist/app.js'), 'not html');
    await writeFile(
      join(dir, 'site/consent.config.mjs'),
      `export default { privacyPolicyUrl: '/confidentialite', rules: { urls: [{ path: '/collect', category: 'analytics', service: 'nexus-collect' }] } };\n`,
    );
    const check = await run('markup', 'site/dist/**/*.html', '--config', 'site/consent.config.mjs', '--check');
    expect(check.code).toBe(1);
    expect(check.text).toContain('site/dist/index.html: 4 tags would reach a tracker before consent');
    expect(check.text).toContain('site/dist/index.html:8 <script> https://www.googletagmanager.com/gtag/js?id=G-XXXXXXXXXX — Google google-analytics, analytics');
    expect(check.text).toContain('(noscript) <img> https://www.facebook.com/tr?id=123456789012345&ev=PageView&noscript=1');
    expect(check.text).toContain('site/dist/offres/42.html:7 <img> /collect?ev=1 — nexus-collect nexus-collect, analytics');
    expect(check.text).toContain('2 of 3 page(s) leak');
    expect(await readFile(join(dir, 'site/dist/index.html'), 'utf8')).toBe(PAGE);

    const fix = await run('markup', 'site/dist/**/*.html', '--config=site/consent.config.mjs');
    expect(fix.code).toBe(0);
    expect(fix.text).toContain('2 of 3 page(s) rewritten');
    const rewritten = await readFile(join(dir, 'site/dist/index.html'), 'utf8');
    expect(rewritten).toContain('data-src="https://www.youtube.com/embed/');
    expect(await readFile(join(dir, 'site/dist/clean.html'), 'utf8')).toBe(page(''));

    const again = await run('markup', 'site/dist/**/*.html', '--config', 'site/consent.config.mjs', '--check');
    expect(again.code).toBe(0);
    expect(again.text).toContain('no tag reaches a tracker before consent');
  });

  it('warns about the SDK’s tag; fails clearly on a bad config, an unknown option or no file', async () => {
    await writeFile(join(dir, 'late.html'), `${GTAG}<script async src="/nexus-consent.min.js"></script>`);
    const late = await run('markup', 'late.html', '--check');
    expect(late.text).toContain('late.html: warning: the SDK');
    await writeFile(join(dir, 'bad.json'), JSON.stringify({ rules: { urls: [{ host: 'x.fr', category: 42 }] } }));
    expect(await run('markup', 'late.html', '--config', 'bad.json')).toMatchObject({ code: 2, text: expect.stringContaining('rules.urls[0].category') });
    expect((await run('markup', 'late.html', '--fix')).code).toBe(2);
    expect(await run('markup', 'nothing/**/*.html')).toMatchObject({ code: 2, text: expect.stringContaining('no file matches') });
    expect((await run('serve')).code).toBe(2);
  });

  it('skips node_modules and dot-folders unless named', async () => {
    await mkdir(join(dir, 'g/node_modules/x'), { recursive: true });
    await mkdir(join(dir, 'g/.cache'), { recursive: true });
    await writeFile(join(dir, 'g/node_modules/x/a.html'), '');
    await writeFile(join(dir, 'g/.cache/b.html'), '');
    await writeFile(join(dir, 'g/c.html'), '');
    expect((await expandGlob('g/**/*.html', dir)).map((f) => f.slice(dir.length + 1))).toEqual(['g/c.html']);
  });
});

describe('Vite plugin: nexus-consent/vite', () => {
  it('rewrites index.html at build', async () => {
    const { build } = await import('vite');
    const root = join(dir, 'vite-app');
    await mkdir(root, { recursive: true });
    await writeFile(join(root, 'index.html'), page(GTAG, YOUTUBE));
    const reports: string[] = [];
    await build({
      root,
      logLevel: 'silent',
      configFile: false,
      build: { outDir: 'dist' },
      plugins: [nexusConsent({ onReport: (r, path) => reports.push(`${path}:${r.rewritten.length}`) })],
    });
    const built = await readFile(join(root, 'dist/index.html'), 'utf8');
    expect(built).toContain('src="https://www.googletagmanager.com/gtag/js?id=G-XXXXXXXXXX" data-consent="analytics" data-consent-service="google-analytics" type="text/plain"');
    expect(built).toContain('data-src="https://www.youtube.com/embed/dQw4w9WgXcQ?si=AbCdEf"');
    expect(reports).toEqual(['/index.html:2']);
  });

  it('and in the dev server', async () => {
    const { createServer: createViteServer } = await import('vite');
    const server = await createViteServer({ root: dir, configFile: false, logLevel: 'silent', server: { middlewareMode: true }, plugins: [nexusConsent({ sdkScript: false, onReport() {} })] });
    try {
      const html = await server.transformIndexHtml('/index.html', page(GTAG));
      expect(html).toContain('type="text/plain"');
      expect(html).toContain('/@vite/client');
    } finally {
      await server.close();
    }
  });

  it('stops the build on a bad option', () => {
    expect(() => nexusConsent({ rules: { urls: [{ path: 'collect', category: 'analytics' }] } })).toThrow(/rules\.urls\[0\]\.path/);
  });
});

describe('Node middleware: Connect / Express', () => {
  let server: Server;
  let base: string;
  beforeAll(async () => {
    const middleware = markupMiddleware({ onReport() {} });
    server = createServer((req, res) => {
      middleware(req, res, () => {
        if (req.url === '/chunks') {
          // Content-Length and ETag as a static server sends them; the body in odd chunks, cut inside tags and characters.
          const bytes = Buffer.from(PAGE);
          res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Content-Length': String(bytes.length), ETag: '"abc"', Vary: 'Accept-Encoding' });
          for (let i = 0; i < bytes.length; i += 97) res.write(bytes.subarray(i, i + 97));
          res.end();
        } else if (req.url === '/send') {
          res.setHeader('content-type', 'text/html');
          res.end(PAGE);
        } else if (req.url === '/json') {
          res.setHeader('content-type', 'application/json');
          res.end(JSON.stringify({ html: PAGE }));
        } else if (req.url === '/latin1') {
          res.setHeader('content-type', 'text/html; charset=iso-8859-1');
          res.end(Buffer.from('<img src="https://www.facebook.com/tr?id=1">', 'latin1'));
        } else {
          res.statusCode = 304;
          res.end();
        }
      });
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((done) => server.close(() => done())));

  it('streams HTML through the rewriter: body rewritten, Content-Length and ETag dropped, Vary: Cookie added', async () => {
    const response = await fetch(`${base}/chunks`);
    const body = await response.text();
    expect(body).toBe((await import('./index.js')).markUpTrackers(PAGE, { cookieHeader: null }).html);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-length')).toBeNull();
    expect(response.headers.get('etag')).toBeNull();
    expect(response.headers.get('vary')).toBe('Accept-Encoding, Cookie');
    expect((await (await fetch(`${base}/send`)).text())).toContain('data-src="https://www.youtube.com');
  });

  it('reads the request’s consent cookie: granted analytics stay live', async () => {
    const body = await (await fetch(`${base}/chunks`, { headers: { cookie: analyticsCookie() } })).text();
    expect(body).toContain(GTAG);
    expect(body).toContain('data-src="https://www.youtube.com');
  });

  it('leaves other responses alone: JSON, another charset, 304', async () => {
    expect(await (await fetch(`${base}/json`)).json()).toEqual({ html: PAGE });
    expect((await fetch(`${base}/json`)).headers.get('content-security-policy')).toBeNull();
    expect(await (await fetch(`${base}/latin1`)).text()).toBe('<img src="https://www.facebook.com/tr?id=1">');
    expect((await fetch(`${base}/nothing`)).status).toBe(304);
  });
});

describe('the csp option: a Content-Security-Policy that allows only the granted trackers', () => {
  const csp = { sources: { 'script-src': ["'unsafe-inline'"] } } as const;
  const NONE = "script-src 'self' 'unsafe-inline'; img-src 'self'; connect-src 'self'; frame-src 'self'";

  it('the middleware adds it to HTML responses, beside the site’s own policy, from the request’s consent cookie', async () => {
    const middleware = markupMiddleware({ csp });
    const server = createServer((req, res) =>
      middleware(req, res, () => {
        if (req.url === '/own') res.setHeader('Content-Security-Policy', "default-src 'self'");
        res.setHeader('content-type', req.url === '/json' ? 'application/json' : 'text/html');
        res.end(PAGE);
      }),
    );
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      expect((await fetch(`${base}/`)).headers.get('content-security-policy')).toBe(NONE);
      const granted = (await fetch(`${base}/`, { headers: { cookie: analyticsCookie() } })).headers.get('content-security-policy')!;
      expect(granted).toContain(' *.google-analytics.com');
      expect(granted).not.toContain('facebook');
      // Two policies, both enforced: fetch joins the two header lines with a comma.
      expect((await fetch(`${base}/own`)).headers.get('content-security-policy')).toBe(`default-src 'self', ${NONE}`);
      expect((await fetch(`${base}/json`)).headers.get('content-security-policy')).toBeNull();
    } finally {
      await new Promise<void>((done) => server.close(() => done()));
    }
  });

  it('the web handler appends it the same way', () => {
    const handler = createMarkupHandler({ csp });
    const html = { 'content-type': 'text/html', 'content-security-policy': "default-src 'self'" };
    expect(handler(new Request('https://x.fr/'), new Response(PAGE, { headers: html })).headers.get('content-security-policy')).toBe(`default-src 'self', ${NONE}`);
    const granted = handler(new Request('https://x.fr/', { headers: { cookie: analyticsCookie() } }), new Response(PAGE, { headers: { 'content-type': 'text/html' } }));
    expect(granted.headers.get('content-security-policy')).toContain(' *.google-analytics.com');
    expect(createMarkupHandler({ csp: true })(new Request('https://x.fr/'), new Response(PAGE, { headers: { 'content-type': 'text/html' } })).headers.get('content-security-policy')).toBe(
      "script-src 'self'; img-src 'self'; connect-src 'self'; frame-src 'self'",
    );
  });

  it('fails at start-up on a bad source, or with one page for everyone (the policy follows the cookie)', () => {
    expect(() => markupMiddleware({ csp: { sources: { 'script-src': ['https:'] } } })).toThrow('csp');
    expect(() => markupMiddleware({ csp: true, readConsentCookie: false })).toThrow('readConsentCookie');
    expect(() => createMarkupHandler({ csp: { nonce: 'x' } as never })).toThrow('csp.nonce');
  });
});

describe('web-standard transform: (Request, Response) => Response', () => {
  const markup = createMarkupHandler();
  /** A body in byte chunks of 5, cut inside UTF-8 sequences. */
  const streamed = (text: string) => {
    const bytes = new TextEncoder().encode(text);
    return new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < bytes.length; i += 5) controller.enqueue(bytes.slice(i, i + 5));
        controller.close();
      },
    });
  };

  it('streams the body through, keeps the status and type, drops length and validator, varies on Cookie', async () => {
    const response = markup(
      new Request('https://www.nexus-tech.fr/'),
      new Response(streamed(PAGE), { status: 200, headers: { 'content-type': 'text/html;charset=UTF-8', 'content-length': '1', etag: 'W/"x"', 'x-site': 'nexus' } }),
    );
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html;charset=UTF-8');
    expect(response.headers.get('content-length')).toBeNull();
    expect(response.headers.get('etag')).toBeNull();
    expect(response.headers.get('x-site')).toBe('nexus');
    expect(response.headers.get('vary')).toBe('Cookie');
    const body = await response.text();
    expect(body).toContain('<h1>Offres d’emploi — été</h1>');
    expect(body).toContain('data-src="https://www.youtube.com/embed/dQw4w9WgXcQ?si=AbCdEf"');
    // No Cookie header (Headers.get gives null): a first visit, so the banner's file is preloaded.
    expect(body).toContain('<link rel="modulepreload" href="/dist/nexus-consent.ui.min.js"><script src="/dist/nexus-consent.min.js">');
  });

  it('with the visitor’s consent cookie, granted tags are left live', async () => {
    const response = markup(new Request('https://www.nexus-tech.fr/', { headers: { cookie: analyticsCookie() } }), new Response(PAGE, { headers: { 'content-type': 'text/html' } }));
    const body = await response.text();
    expect(body).not.toContain('modulepreload');
    expect(body).toContain(GTAG);
    expect(body).not.toContain(YOUTUBE);
  });

  it('returns anything else as it came', () => {
    const request = new Request('https://www.nexus-tech.fr/');
    for (const response of [
      new Response('{}', { headers: { 'content-type': 'application/json' } }),
      new Response(PAGE, { headers: { 'content-type': 'text/html', 'content-encoding': 'gzip' } }),
      new Response(null, { status: 204 }),
    ]) {
      expect(markup(request, response)).toBe(response);
    }
    const head = new Response(PAGE, { headers: { 'content-type': 'text/html' } });
    expect(markup(new Request('https://www.nexus-tech.fr/', { method: 'HEAD' }), head)).toBe(head);
  });

  it('reports each page once it has passed through', async () => {
    const reports: number[] = [];
    const handler = createMarkupHandler({ onReport: (r) => reports.push(r.rewritten.length) });
    await handler(new Request('https://x.fr/'), new Response(PAGE, { headers: { 'content-type': 'text/html' } })).text();
    await expect.poll(() => reports).toEqual([4]);
  });
});
