/**
 * One page as bytes: UTF-8 in, rewritten UTF-8 out, for the streams and the
 * middleware. Unless its first bytes declare, in a `<meta>`, another encoding
 * (a legacy windows-1252 site served as plain `text/html`): the rewriter reads
 * UTF-8 only, and decoding such a page would turn each `é` into U+FFFD, so it
 * passes byte for byte, with a warning in its report. The browser's own
 * pre-scan looks for that `<meta>` in the first 1,024 bytes (HTML §13.2.3.2).
 */
import type { MarkupReport } from './report.js';
import type { Rewriter } from './rewriter.js';

export const PRESCAN_BYTES = 1024;
// `<meta charset=…>` and `<meta http-equiv=content-type content="text/html; charset=…">` alike.
const META_CHARSET = /<meta\b[^>]*?\bcharset\s*=\s*["']?\s*([^\s"'/>;]+)/i;
// Labels the Encoding Standard maps to UTF-8; a <meta> naming UTF-16 means UTF-8 too (HTML §13.2.3.3).
const UTF8 = new Set(['utf-8', 'utf8', 'unicode-1-1-utf-8', 'unicode11utf8', 'unicode20utf8', 'x-unicode20utf8', 'utf-16', 'utf-16le', 'utf-16be']);

/** The encoding a page's first bytes declare in a `<meta>`, when it is not UTF-8. */
export function otherDeclaredEncoding(head: Uint8Array): string | undefined {
  let text = '';
  const length = Math.min(head.length, PRESCAN_BYTES);
  for (let i = 0; i < length; i++) text += String.fromCharCode(head[i]!);
  const label = META_CHARSET.exec(text)?.[1]?.toLowerCase();
  return label !== undefined && !UTF8.has(label) ? label : undefined;
}

export interface BytePage {
  /** What to send now: rewritten text, the page's own bytes when it passes untouched, or '' while its first bytes are held. */
  write(bytes: Uint8Array): string | Uint8Array;
  /** The rest, at the end of the page. */
  end(): string | Uint8Array;
  /** Final once `end()` returned. */
  readonly report: MarkupReport;
}

/** `sniff: false` when the response's Content-Type names UTF-8: the browser reads no `<meta>` then, and nothing is held. */
export function bytePage(page: Rewriter, sniff = true): BytePage {
  // ignoreBOM: a byte order mark is a byte of the page like any other, kept (the browser reads it).
  const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
  let head: Uint8Array[] | undefined = sniff ? [] : undefined;
  let held = 0;
  let other: string | undefined;
  const rewrite = (bytes: Uint8Array) => page.write(decoder.decode(bytes, { stream: true }));
  const release = (): string | Uint8Array => {
    const bytes = concat(head!, held);
    head = undefined;
    other = otherDeclaredEncoding(bytes);
    return other === undefined ? rewrite(bytes) : bytes;
  };
  return {
    write(bytes) {
      if (!head) return other === undefined ? rewrite(bytes) : bytes;
      head.push(bytes);
      held += bytes.length;
      return held >= PRESCAN_BYTES ? release() : '';
    },
    end() {
      const out = head ? release() : '';
      if (other !== undefined) return typeof out === 'string' ? new Uint8Array(0) : out;
      const rest = decoder.decode();
      return (out as string) + (rest ? page.write(rest) : '') + page.end();
    },
    get report() {
      if (other === undefined) return page.report;
      const message = `the page declares the encoding ${other} in a <meta>: the markup step reads UTF-8 only, so the page passed untouched (the SDK still holds its trackers in the browser); serve it in UTF-8 to have it marked up`;
      return { rewritten: [], granted: [], warnings: [{ code: 'not-utf-8' as const, message }] };
    },
  };
}

function concat(chunks: readonly Uint8Array[], length: number): Uint8Array {
  if (chunks.length === 1) return chunks[0]!;
  const out = new Uint8Array(length);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}
