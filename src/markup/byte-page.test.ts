import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { otherDeclaredEncoding, PRESCAN_BYTES } from './byte-page.js';
import { createMarkup } from './index.js';

const bytes = (text: string) => new Uint8Array([...text].map((c) => c.charCodeAt(0)));
const TRACKER = '<script async src="https://www.googletagmanager.com/gtag/js?id=G-1"></script>';
/** A windows-1252 page (é is the byte E9) with a tracker: it must pass byte for byte, tracker included. */
const page = (meta: string, padding = 0) => bytes(`<!doctype html><html><head>${' '.repeat(padding)}${meta}<title>\xe9t\xe9</title>${TRACKER}</head><body></body></html>`);

async function viaStream(input: Uint8Array, chunk: number) {
  const markup = createMarkup();
  const stream = markup.stream();
  const parts: Uint8Array[] = [];
  for (let i = 0; i < input.length; i += chunk) parts.push(input.slice(i, i + chunk));
  const out = new Response(new Blob(parts as BlobPart[]).stream().pipeThrough(stream));
  return { out: new Uint8Array(await out.arrayBuffer()), report: await stream.report };
}

async function viaNode(input: Uint8Array, chunk: number) {
  const transform = createMarkup().nodeStream();
  const parts: Buffer[] = [];
  for (let i = 0; i < input.length; i += chunk) parts.push(Buffer.from(input.slice(i, i + chunk)));
  const out: Buffer[] = [];
  await new Promise<void>((done, fail) => Readable.from(parts).pipe(transform).on('data', (b: Buffer) => out.push(b)).on('end', done).on('error', fail));
  return { out: new Uint8Array(Buffer.concat(out)), report: await transform.report };
}

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

describe('a page that declares another encoding than UTF-8', () => {
  it('reads <meta charset> and <meta http-equiv> in the first 1,024 bytes, and nothing after them; a byte order mark says UTF-8', () => {
    expect(otherDeclaredEncoding(bytes('<meta charset="windows-1252">'))).toBe('windows-1252');
    expect(otherDeclaredEncoding(bytes("<META CHARSET='ISO-8859-1'>"))).toBe('iso-8859-1');
    expect(otherDeclaredEncoding(bytes('<meta http-equiv="Content-Type" content="text/html; charset=Shift_JIS">'))).toBe('shift_jis');
    expect(otherDeclaredEncoding(bytes('<meta charset="utf-8">'))).toBeUndefined();
    expect(otherDeclaredEncoding(bytes('<meta charset=UTF8>'))).toBeUndefined();
    // A <meta> that names UTF-16 means UTF-8 to the browser.
    expect(otherDeclaredEncoding(bytes('<meta charset="utf-16le">'))).toBeUndefined();
    expect(otherDeclaredEncoding(bytes('<meta charset="unicode">'))).toBeUndefined();
    expect(otherDeclaredEncoding(bytes('<title>charset=latin1</title>'))).toBeUndefined();
    expect(otherDeclaredEncoding(bytes(`${' '.repeat(PRESCAN_BYTES)}<meta charset="windows-1252">`))).toBeUndefined();
    expect(otherDeclaredEncoding(bytes('\xef\xbb\xbf<meta charset="windows-1252">'))).toBeUndefined();
  });

  for (const [name, run] of [['stream()', viaStream], ['nodeStream()', viaNode]] as const) {
    for (const chunk of [1, 7, 4096]) {
      it(`${name}, chunks of ${chunk} bytes: a windows-1252 page keeps every byte but the tracker's tag, which is marked up`, async () => {
        const input = page('<meta charset="windows-1252">');
        const { out, report } = await run(input, chunk);
        const marked = bytes(new TextDecoder('latin1').decode(input).replace(TRACKER, '<script async src="https://www.googletagmanager.com/gtag/js?id=G-1" data-consent="analytics" data-consent-service="google-analytics" type="text/plain"></script>'));
        expect(report.rewritten.map((t) => t.service)).toEqual(['google-analytics']);
        expect(hex(out)).toBe(hex(marked));
      });
      it(`${name}, chunks of ${chunk} bytes: an ISO-2022-JP page passes untouched, with a warning`, async () => {
        const input = page('<meta charset="iso-2022-jp">');
        const { out, report } = await run(input, chunk);
        expect(hex(out)).toBe(hex(input));
        expect(report.rewritten).toEqual([]);
        expect(report.warnings.map((w) => w.code)).toEqual(['not-utf-8']);
        expect(report.warnings[0]!.message).toContain('iso-2022-jp');
      });
    }
    it(`${name}: a UTF-8 page, or one whose <meta> comes after the first 1,024 bytes, is marked up`, async () => {
      for (const input of [page('<meta charset="utf-8">'), page('<meta charset="windows-1252">', PRESCAN_BYTES)]) {
        const { report } = await run(input, 100);
        expect(report.rewritten.map((t) => t.service)).toEqual(['google-analytics']);
        expect(report.warnings.map((w) => w.code)).not.toContain('not-utf-8');
      }
    });
  }

  it('holds a copy of the first bytes: a caller that reuses its buffer changes nothing', async () => {
    const input = page('<meta charset="windows-1252">');
    const stream = createMarkup().stream();
    const writer = stream.writable.getWriter();
    const out = new Response(stream.readable).arrayBuffer();
    const buffer = new Uint8Array(64);
    for (let i = 0; i < input.length; i += 64) {
      const part = input.subarray(i, i + 64);
      buffer.set(part);
      await writer.write(buffer.subarray(0, part.length));
      buffer.fill(0x3c); // reused: a server's read buffer
    }
    await writer.close();
    expect(new TextDecoder('latin1').decode(await out)).toContain('<title>\xe9t\xe9</title>');
  });
});
