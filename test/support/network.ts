/**
 * Test network: localhost goes to the fixture server; every other host is
 * answered here — stand-ins under their real URLs, anything else aborted — and
 * recorded (WebSocket connections too), so a test can assert exactly which
 * third-party requests went out.
 * No test ever reaches the internet.
 */
import type { BrowserContext } from 'playwright/test';
import { findStandIn, PIXEL_GIF, type StandIn } from './stand-ins.js';

export interface ThirdPartyRequest {
  readonly url: string;
  readonly standIn: StandIn | undefined;
}

export interface Network {
  /** Every non-localhost request, in order. */
  readonly requests: ThirdPartyRequest[];
  /** URLs of requests to stand-in trackers. */
  trackerUrls(): string[];
  clear(): void;
  /**
   * Holds the responses to URLs containing `part` until the returned function
   * is called: a slow tracker script, without a timing guess (the test decides
   * when it arrives). Requests made after the release are answered at once.
   */
  hold(part: string): () => void;
}

export async function interceptNetwork(context: BrowserContext): Promise<Network> {
  const requests: ThirdPartyRequest[] = [];
  const gates = new Map<string, Promise<void>>();
  const thirdParty = (url: URL) => url.hostname !== 'localhost' && url.hostname !== '127.0.0.1';
  // WebSockets are not routed with requests: answered here too, by a mock server that accepts
  // the connection and says nothing (a tracker's socket, connected, never the real host).
  await context.routeWebSocket(thirdParty, (ws) => {
    const url = new URL(ws.url());
    requests.push({ url: url.href, standIn: findStandIn(url) });
  });
  await context.route(
    thirdParty,
    async (route) => {
      const url = new URL(route.request().url());
      const standIn = findStandIn(url);
      requests.push({ url: url.href, standIn });
      for (const [part, gate] of gates) if (url.href.includes(part)) await gate;
      if (!standIn) return route.abort('blockedbyclient');
      if (standIn.kind === 'script') {
        return route.fulfill({ status: 200, contentType: 'text/javascript', body: standIn.body ?? '' });
      }
      if (standIn.kind === 'pixel') return route.fulfill({ status: 200, contentType: 'image/gif', body: PIXEL_GIF });
      if (standIn.kind === 'api') {
        return route.fulfill({ status: 200, contentType: 'text/plain', headers: { 'access-control-allow-origin': '*' }, body: '1' });
      }
      return route.fulfill({ status: 200, contentType: 'text/html', body: `<!doctype html><title>${standIn.id}</title><p>${standIn.id}</p>` });
    },
  );
  return {
    requests,
    trackerUrls: () => requests.filter((r) => r.standIn).map((r) => r.url),
    clear: () => void requests.splice(0),
    hold(part) {
      let open = () => {};
      gates.set(part, new Promise<void>((resolve) => (open = resolve)));
      return () => {
        gates.delete(part);
        open();
      };
    },
  };
}
