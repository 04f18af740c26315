/**
 * The two body readers, each behind a real HTTP server (@hono/node-server), on the same
 * inputs: the same text, the same limit, and reading that stops at the limit.
 */
import { serve } from '@hono/node-server';
import { Hono, type Context } from 'hono';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nodeReadBody, readWebBody } from './read-body.js';

const LIMIT = 16;
const readers = {
  'Node stream': (c: Context) => nodeReadBody(c, LIMIT),
  'web stream': (c: Context) => readWebBody(c.req.raw, LIMIT),
};

/** Sends `chunks` as a chunked body (no Content-Length), a pause between them; resolves to the answer. */
function send(port: number, chunks: readonly Uint8Array[], { end = true } = {}) {
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const request = http.request({ port, host: '127.0.0.1', method: 'POST', path: '/', agent: false }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (d: string) => (body += d));
      response.on('end', () => {
        resolve({ status: response.statusCode ?? 0, body });
        request.destroy();
      });
    });
    request.on('error', reject);
    void (async () => {
      for (const chunk of chunks) {
        request.write(chunk);
        await new Promise((r) => setTimeout(r, 5));
      }
      if (end) request.end();
    })();
  });
}

describe.each(Object.entries(readers))('reading a body from the %s', (_, read) => {
  let port: number;
  let server: ReturnType<typeof serve>;
  const failures: unknown[] = [];
  beforeAll(async () => {
    const app = new Hono();
    app.post('/', async (c) => {
      try {
        const text = await read(c);
        return text === undefined ? c.json({ over: true }, 413) : c.json({ text });
      } catch (error) {
        failures.push(error);
        return c.json({ failed: true }, 400);
      }
    });
    await new Promise<void>((resolve) => {
      server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info: AddressInfo) => {
        port = info.port;
        resolve();
      });
    });
  });
  afterAll(() => new Promise<void>((done) => server.close(() => done())));
  const bytes = (text: string) => new TextEncoder().encode(text);

  it('joins a body that comes in several chunks', async () => {
    const answer = await send(port, [bytes('{"a":'), bytes('"é"'), bytes('}')]);
    expect(JSON.parse(answer.body)).toEqual({ text: '{"a":"é"}' });
  });

  it('takes exactly the limit, refuses one byte more', async () => {
    expect(JSON.parse((await send(port, [bytes('x'.repeat(LIMIT - 4)), bytes('yyyy')])).body)).toEqual({ text: 'x'.repeat(LIMIT - 4) + 'yyyy' });
    expect((await send(port, [bytes('x'.repeat(LIMIT - 4)), bytes('yyyyy')])).status).toBe(413);
  });

  it('answers past the limit without waiting for the rest of the body', async () => {
    // The body never ends: only a reader that stops at the limit can answer.
    const answer = await send(port, [bytes('x'.repeat(LIMIT + 1)), bytes('more')], { end: false });
    expect(answer.status).toBe(413);
  });

  it('decodes UTF-8 the same way: a leading BOM skipped, a broken sequence as U+FFFD', async () => {
    const answer = await send(port, [new Uint8Array([0xef, 0xbb, 0xbf, 0x61, 0xc3]), new Uint8Array([0x28, 0x62])]);
    expect(JSON.parse(answer.body)).toEqual({ text: 'a\uFFFD(b' });
  });

  it('an empty body is an empty string', async () => {
    expect(JSON.parse((await send(port, [])).body)).toEqual({ text: '' });
  });

  it('fails a body cut off by the client, and stays up', async () => {
    await new Promise<void>((resolve) => {
      const request = http.request({ port, host: '127.0.0.1', method: 'POST', path: '/', agent: false });
      request.on('error', () => resolve());
      request.write(bytes('{"half":'));
      setTimeout(() => {
        request.destroy();
        resolve();
      }, 20);
    });
    await expect.poll(() => failures.length).toBeGreaterThan(0);
    expect(JSON.parse((await send(port, [bytes('{}')])).body)).toEqual({ text: '{}' });
  });
});
