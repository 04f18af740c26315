/**
 * A receipt's body as text, read only up to the size limit: past it reading stops, so a
 * huge body costs the receiver nothing. Two readers with the same result: the web-standard
 * body (any runtime), and Node's request stream under @hono/node-server.
 */
import type { IncomingMessage } from 'node:http';
import type { Context } from 'hono';

/** UTF-8, a leading BOM skipped, invalid bytes as U+FFFD: one decoder for the process (decode() keeps no state). */
export const utf8 = new TextDecoder('utf-8', { fatal: false });

/** The body as text, or undefined past `limit` bytes (read no further: a huge body costs nothing). */
export async function readWebBody(request: Request, limit: number): Promise<string | undefined> {
  if (!request.body) return '';
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => {});
      return undefined;
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.byteLength;
  }
  return utf8.decode(bytes);
}

/**
 * The body straight from Node's request stream, or undefined past `limit` bytes: reading
 * stops there (the stream is paused; the 413 closes the connection). No web Request, stream
 * or abort signal is built per receipt, which is most of a receipt's cost through the
 * adapter. Outside @hono/node-server (no `incoming`), the web-standard body.
 */
export function nodeReadBody(c: Context, limit: number): Promise<string | undefined> {
  const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
  if (!incoming || typeof incoming.on !== 'function' || incoming.readableDidRead) return readWebBody(c.req.raw, limit);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const cleanup = () => {
      incoming.off('data', onData);
      incoming.off('end', onEnd);
      incoming.off('error', onError);
      incoming.off('close', onClose);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        cleanup();
        incoming.pause();
        resolve(undefined);
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => {
      cleanup();
      resolve(utf8.decode(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size)));
    };
    const onError = (error: Error) => {
      cleanup();
      reject(error);
    };
    // Closed before its end: the client went away mid-body.
    const onClose = () => onError(new Error('the request closed before its body ended'));
    incoming.on('data', onData);
    incoming.on('end', onEnd);
    incoming.on('error', onError);
    incoming.on('close', onClose);
  });
}

