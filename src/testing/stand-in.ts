/**
 * What `stubTrackers` answers a tracker request with, by Playwright's resource
 * type: a script that does nothing, a 1×1 GIF, an empty stylesheet or page,
 * and `204 No Content` for everything else (fetch, XHR, beacons, event
 * streams, fonts, media). Requests from a page carry an `Origin`: the answer
 * allows it, credentials included, so a `fetch(…, { credentials: 'include' })`
 * from a tracker succeeds as it would online instead of failing on CORS. Pure.
 */

/** The smallest valid GIF: 1×1, transparent. */
export const PIXEL_GIF = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');

export interface StandIn {
  readonly status: number;
  readonly contentType?: string;
  readonly headers: { readonly [name: string]: string };
  readonly body?: string | Buffer;
}

export function standIn(resourceType: string, method: string, origin: string | null): StandIn {
  const headers: Record<string, string> = { 'cache-control': 'no-store' };
  if (origin) {
    headers['access-control-allow-origin'] = origin;
    headers['access-control-allow-credentials'] = 'true';
    headers.vary = 'Origin';
  }
  const empty = method === 'HEAD';
  switch (resourceType) {
    case 'script':
      return { status: 200, contentType: 'text/javascript', headers, ...(empty ? {} : { body: '/* nexus-consent/testing: a tracker stand-in that does nothing */\n' }) };
    case 'image':
      return { status: 200, contentType: 'image/gif', headers, ...(empty ? {} : { body: PIXEL_GIF }) };
    case 'stylesheet':
      return { status: 200, contentType: 'text/css', headers, ...(empty ? {} : { body: '' }) };
    case 'document':
      return { status: 200, contentType: 'text/html', headers, ...(empty ? {} : { body: '<!doctype html><title>stand-in</title>' }) };
    default:
      return { status: 204, headers };
  }
}
