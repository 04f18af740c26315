/**
 * Issue #13: "It must stream: a response is rewritten as it passes." The web
 * transform gives out the start of the page while the rest has not arrived.
 */
import { describe, expect, it } from 'vitest';
import { createMarkupHandler } from './index.js';

describe('the web transform streams', () => {
  it('the first part of the page comes out before the rest arrives, and the tracker after it is marked up', async () => {
    const encoder = new TextEncoder();
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const body = new ReadableStream<Uint8Array>({
      async start(controller) {
        controller.enqueue(encoder.encode(`<!doctype html><html><head><script src="/dist/nexus-consent.min.js"></script></head><body><h1>first part</h1>${'<p>filler</p>'.repeat(2000)}`));
        await gate;
        controller.enqueue(encoder.encode('<img src="https://www.facebook.com/tr?id=1"></body></html>'));
        controller.close();
      },
    });
    const response = createMarkupHandler()(new Request('https://www.nexus-tech.fr/'), new Response(body, { headers: { 'content-type': 'text/html' } }));
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    const first = await Promise.race([reader.read(), new Promise<'waited'>((resolve) => setTimeout(() => resolve('waited'), 2000))]);
    release();
    expect(first).not.toBe('waited');
    const head = decoder.decode((first as ReadableStreamReadResult<Uint8Array>).value, { stream: true });
    expect(head).toContain('<h1>first part</h1>');
    let rest = '';
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) rest += decoder.decode(chunk.value, { stream: true });
    expect(rest).toContain('<img data-src="https://www.facebook.com/tr?id=1" data-consent="advertising" data-consent-service="meta-pixel">');
  });

  it('with a charset in the Content-Type, a head shorter than 1,024 bytes comes out at once (no <meta> to look for)', async () => {
    const encoder = new TextEncoder();
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const body = new ReadableStream<Uint8Array>({
      async start(controller) {
        controller.enqueue(encoder.encode('<!doctype html><html><head><title>t</title>'));
        await gate;
        controller.enqueue(encoder.encode('</head><body></body></html>'));
        controller.close();
      },
    });
    const reader = createMarkupHandler()(new Request('https://www.nexus-tech.fr/'), new Response(body, { headers: { 'content-type': 'text/html; charset=utf-8' } })).body!.getReader();
    const first = await Promise.race([reader.read(), new Promise<'waited'>((resolve) => setTimeout(() => resolve('waited'), 2000))]);
    release();
    expect(first).not.toBe('waited');
    expect(new TextDecoder().decode((first as ReadableStreamReadResult<Uint8Array>).value)).toContain('<title>t</title>');
  });
});
