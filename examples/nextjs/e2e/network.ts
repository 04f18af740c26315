/**
 * The example's network in the tests: localhost is the Next.js server; every other host is
 * answered here — the vendors' files by stand-ins under their real URLs, anything else
 * aborted — and recorded, so a test can say exactly what reached a third party.
 */
import type { BrowserContext } from 'playwright/test';

/**
 * gtag.js, as far as the tests need it: it marks itself, sets the _ga cookie the real file
 * sets, and sends one page view per `gtag('config', id)` found in the dataLayer, as the real
 * file does with the commands queued before it loaded.
 */
const GTAG = `(window.__ran = window.__ran || []).push('gtag');
document.cookie = '_ga=GA1.1.123.456; path=/; max-age=31536000';
for (const command of window.dataLayer || []) {
  if (command && command[0] === 'config') {
    navigator.sendBeacon('https://region1.google-analytics.com/g/collect?v=2&en=page_view&tid=' + encodeURIComponent(command[1]));
  }
}`;

export interface Network {
  /** Every request to a host other than localhost, in order. */
  readonly urls: string[];
}

export async function interceptNetwork(context: BrowserContext): Promise<Network> {
  const urls: string[] = [];
  await context.route(
    (url) => url.hostname !== 'localhost',
    (route) => {
      const url = new URL(route.request().url());
      urls.push(url.href);
      if (url.hostname === 'www.googletagmanager.com' && url.pathname === '/gtag/js') {
        return route.fulfill({ status: 200, contentType: 'text/javascript', body: GTAG });
      }
      if (url.hostname === 'region1.google-analytics.com' && url.pathname === '/g/collect') {
        return route.fulfill({ status: 204 });
      }
      if (url.hostname === 'www.youtube-nocookie.com' && url.pathname.startsWith('/embed/')) {
        return route.fulfill({ status: 200, contentType: 'text/html', body: '<!doctype html><title>YouTube</title><p>Lecteur YouTube</p>' });
      }
      return route.abort('blockedbyclient');
    },
  );
  return { urls };
}
