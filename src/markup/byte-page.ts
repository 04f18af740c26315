/**
 * One page as bytes, for the streams and the middleware. A UTF-8 page is
 * decoded, rewritten and sent as UTF-8. A page whose first bytes declare
 * another encoding in a `<meta>` (a legacy windows-1252 or Shift_JIS site
 * served as plain `text/html`) must not be decoded as UTF-8 (each `é` would
 * become U+FFFD): it is read one byte per character and written back the same
 * way, so every byte the rewriter does not change is kept, and its trackers are
 * still marked up (tags, attributes and URLs are ASCII in every such encoding,
 * and so is what the rewriter writes). Only encodings whose bytes can hide `<`
 * inside a character (ISO-2022-*, HZ) pass untouched, with a warning. The
 * browser's own pre-scan looks for that `<meta>` in the first 1,024 bytes
 * (HTML §13.2.3.2), and a byte order mark wins over it: so does this.
 */
import type { MarkupReport } from './report.js';
import type { Rewriter } from './rewriter.js';

export const PRESCAN_BYTES = 1024;
// `<meta charset=…>` and `<meta http-equiv=content-type content="text/html; charset=…">` alike.
const META_CHARSET = /<meta\b[^>]*?\bcharset\s*=\s*["']?\s*([^\s"'/>;]+)/i;
// Labels the Encoding Standard maps to UTF-8; a <meta> naming UTF-16 means UTF-8 too (HTML §13.2.3.3).
const UTF8 = new Set(['utf-8', 'utf8', 'unicode-1-1-utf-8', 'unicode11utf8', 'unicode20utf8', 'x-unicode20utf8', 'utf-16', 'utf-16le', 'utf-16be', 'unicode', 'ucs-2', 'csunicode', 'iso-10646-ucs-2', 'unicodefeff', 'unicodefffe']);
/** Stateful encodings: inside a character a byte can be `<` or `"`, so no ASCII reading is safe. */
const STATEFUL = /^(?:iso-2022-|csiso2022|hz-gb-2312)/;

/** The encoding a page's first bytes declare in a `<meta>`, when it is not UTF-8 (a byte order mark says UTF-8). */
export function otherDeclaredEncoding(head: Uint8Array): string | undefined {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return undefined;
  const label = META_CHARSET.exec(bytesAsText(head.subarray(0, PRESCAN_BYTES)))?.[1]?.toLowerCase();
  return label !== undefined && !UTF8.has(label) ? label : undefined;
}

export interface BytePage {
  /** What to send now: text to send as UTF-8, or bytes to send as they are ('' while the page's first bytes are held). */
  write(bytes: Uint8Array): string | Uint8Array;
  /** The rest, at the end of the page. */
  end(): string | Uint8Array;
  /** Final once `end()` returned. */
  readonly report: MarkupReport;
}

/** `sniff: false` when the response's Content-Type names a charset: the browser reads no `<meta>` then, and nothing is held. */
export function bytePage(page: Rewriter, sniff = true): BytePage {
  // ignoreBOM: a byte order mark is a byte of the page like any other, kept (the browser reads it).
  const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
  let head: Uint8Array[] | undefined = sniff ? [] : undefined;
  let held = 0;
  let mode: 'utf-8' | 'bytes' | 'untouched' = 'utf-8';
  let other: string | undefined;
  const rewrite = (bytes: Uint8Array): string | Uint8Array =>
    mode === 'utf-8' ? page.write(decoder.decode(bytes, { stream: true })) : mode === 'bytes' ? textAsBytes(page.write(bytesAsText(bytes))) : bytes;
  const release = () => {
    const bytes = concat(head!, held);
    head = undefined;
    other = otherDeclaredEncoding(bytes);
    if (other !== undefined) mode = STATEFUL.test(other) ? 'untouched' : 'bytes';
    return rewrite(bytes);
  };
  return {
    write(bytes) {
      if (!head) return rewrite(bytes);
      // A copy: the caller may reuse its buffer once told the chunk was taken.
      head.push(new Uint8Array(bytes));
      held += bytes.length;
      return held >= PRESCAN_BYTES ? release() : '';
    },
    end() {
      const out = head ? release() : new Uint8Array(0);
      if (mode === 'untouched') return out;
      if (mode === 'bytes') return concat([out as Uint8Array, textAsBytes(page.end())]);
      const rest = decoder.decode();
      return (typeof out === 'string' ? out : '') + (rest ? page.write(rest) : '') + page.end();
    },
    get report() {
      if (mode !== 'untouched') return page.report;
      const message = `the page declares the encoding ${other} in a <meta>, which the markup step cannot read safely: it passed untouched, its trackers not marked up (the preload scanner may fetch them before the SDK runs); serve it in UTF-8`;
      return { rewritten: [], granted: [], warnings: [{ code: 'not-utf-8' as const, message }] };
    },
  };
}

/** One character per byte (code points 0–255), and back: a lossless round trip whatever the encoding. */
function bytesAsText(bytes: Uint8Array): string {
  let text = '';
  for (let i = 0; i < bytes.length; i += 8192) text += String.fromCharCode(...bytes.subarray(i, i + 8192));
  return text;
}
function textAsBytes(text: string): Uint8Array {
  const bytes = new Uint8Array(text.length);
  // The rewriter writes ASCII; anything above 255 could only come from it, never from the page.
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i) > 255 ? 63 : text.charCodeAt(i);
  return bytes;
}

function concat(chunks: readonly Uint8Array[], length = chunks.reduce((n, c) => n + c.length, 0)): Uint8Array {
  if (chunks.length === 1) return chunks[0]!;
  const out = new Uint8Array(length);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}
