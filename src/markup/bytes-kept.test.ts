/**
 * Issue #13: the rewriter keeps "every byte of the document it does not change".
 * Through the web transform and the Node middleware, as bytes: a UTF-8 byte
 * order mark (with `text/html` and no charset it is what tells the browser the
 * page is UTF-8), and a page whose only charset is its <meta> (windows-1252).
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { createMarkupHandler, markupMiddleware } from './index.js';

const utf8 = (text: string) => new TextEncoder().encode(text);
const BOM_PAGE = new Uint8Array([0xef, 0xbb, 0xbf, ...utf8('<!doctype html><html><head><title>Offres d’emploi — été</title></head><body><p>café</p></body></html>')]);
/** "été" and "café" in windows-1252, declared only by the page's <meta>: what a legacy site serves as plain `text/html`. */
const LATIN1_PAGE = new Uint8Array([
  ...utf8('<!doctype html><html><head><meta charset="windows-1252"><title>'),
  0xe9, 0x74, 0xe9,
  ...utf8('</title></head><body><p>caf'),
  0xe9,
  ...utf8('</p></body></html>'),
]);

const viaWeb = async (bytes: Uint8Array, type: string) =>
  new Uint8Array(await createMarkupHandler()(new Request('https://www.nexus-tech.fr/'), new Response(bytes.buffer as ArrayBuffer, { headers: { 'content-type': type } })).arrayBuffer());

async function viaMiddleware(bytes: Uint8Array, type: string): Promise<Uint8Array> {
  const middleware = markupMiddleware();
  const server = createServer((req, res) =>
    middleware(req, res, () => {
      res.setHeader('content-type', type);
      res.end(Buffer.from(bytes));
    }),
  );
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  try {
    const response = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
    return new Uint8Array(await response.arrayBuffer());
  } finally {
    await new Promise<void>((done) => server.close(() => done()));
  }
}

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');

describe('bytes the markup step does not change are kept', () => {
  for (const type of ['text/html', 'text/html; charset=utf-8']) {
    it(`a UTF-8 byte order mark, ${type}: web transform`, async () => expect(hex(await viaWeb(BOM_PAGE, type))).toBe(hex(BOM_PAGE)));
    it(`a UTF-8 byte order mark, ${type}: middleware`, async () => expect(hex(await viaMiddleware(BOM_PAGE, type))).toBe(hex(BOM_PAGE)));
  }
  it('a windows-1252 page declared by its <meta>, served as text/html: web transform', async () => expect(hex(await viaWeb(LATIN1_PAGE, 'text/html'))).toBe(hex(LATIN1_PAGE)));
  it('a windows-1252 page declared by its <meta>, served as text/html: middleware', async () => expect(hex(await viaMiddleware(LATIN1_PAGE, 'text/html'))).toBe(hex(LATIN1_PAGE)));
  // The header's charset wins over a <meta> in the browser: such a page is UTF-8 (and rewritten as UTF-8).
  for (const via of [viaWeb, viaMiddleware]) {
    it(`a <meta> of another encoding under a Content-Type that says UTF-8 is read as UTF-8 (${via === viaWeb ? 'web transform' : 'middleware'})`, async () => {
      const out = new TextDecoder().decode(await via(LATIN1_PAGE, 'text/html; charset=utf-8'));
      expect(out).toContain('<title>\ufffdt\ufffd</title>');
    });
  }
});

describe('CLI: a page that is not UTF-8', () => {
  it('is left byte for byte as it was, and the run fails (rewrite and --check)', async () => {
    const { mkdtemp, readFile, rm, writeFile } = await import('node:fs/promises');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { runCli } = await import('./cli.js');
    const dir = await mkdtemp(join(tmpdir(), 'nexus-latin1-'));
    try {
      const page = new Uint8Array([...LATIN1_PAGE.slice(0, -14), ...utf8('<img src="https://www.facebook.com/tr?id=1"></body></html>')]);
      await writeFile(join(dir, 'a.html'), page);
      await writeFile(join(dir, 'b.html'), BOM_PAGE);
      const lines: string[] = [];
      const io = { cwd: dir, out: (l: string) => lines.push(l), err: (l: string) => lines.push(l) };
      expect(await runCli(['markup', '*.html', '--check'], io)).toBe(1);
      expect(await runCli(['markup', '*.html'], io)).toBe(1);
      expect(hex(new Uint8Array(await readFile(join(dir, 'a.html'))))).toBe(hex(page));
      expect(hex(new Uint8Array(await readFile(join(dir, 'b.html'))))).toBe(hex(BOM_PAGE));
      expect(lines.join('\n')).toMatch(/a\.html: not UTF-8/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
