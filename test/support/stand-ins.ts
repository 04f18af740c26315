/**
 * Stand-ins for real tracker files, served under the vendors' real URLs by
 * Playwright routing. Each marks itself in `window.__ran` when it runs and sets
 * the first-party cookies the real file sets, so a test can see both.
 */
export interface StandIn {
  readonly id: string;
  readonly category: 'analytics' | 'advertising' | 'personalisation';
  readonly host: string;
  readonly path: string;
  readonly kind: 'script' | 'pixel' | 'frame';
  /** Script body (for scripts). */
  readonly body?: string;
}

const mark = (id: string, cookies: readonly string[] = [], extra = '') =>
  `(window.__ran = window.__ran || []).push(${JSON.stringify(id)});` +
  cookies.map((c) => `document.cookie = ${JSON.stringify(`${c}; path=/; max-age=31536000`)};`).join('') +
  extra;

export const STAND_INS: readonly StandIn[] = [
  {
    id: 'smarttag',
    category: 'analytics',
    host: 'tag.aticdn.net',
    path: '/',
    kind: 'script',
    body: mark(
      'smarttag',
      ['atuserid=%7B%22val%22%3A%22abc%22%7D'],
      'window.ATInternet = { Tracker: { Tag: function () { this.page = { send: function () { window.__ran.push("smarttag-send"); } }; } } };',
    ),
  },
  {
    id: 'gtag',
    category: 'analytics',
    host: 'www.googletagmanager.com',
    path: '/gtag/js',
    kind: 'script',
    body: mark('gtag', ['_ga=GA1.1.123.456', '_ga_NEXUS1=GS1.1.789']),
  },
  {
    id: 'fbevents',
    category: 'advertising',
    host: 'connect.facebook.net',
    path: '/',
    kind: 'script',
    body: mark('fbevents', ['_fbp=fb.1.123.456']),
  },
  { id: 'facebook-pixel', category: 'advertising', host: 'www.facebook.com', path: '/tr', kind: 'pixel' },
  {
    id: 'criteo',
    category: 'advertising',
    host: 'static.criteo.net',
    path: '/js/ld/publishertag.js',
    kind: 'script',
    body: mark('criteo', ['cto_bundle=abc']),
  },
  {
    id: 'abtasty',
    category: 'personalisation',
    host: 'try.abtasty.com',
    path: '/',
    kind: 'script',
    body: mark('abtasty', ['ABTasty=uid%3Dabc']),
  },
  { id: 'youtube', category: 'personalisation', host: 'www.youtube-nocookie.com', path: '/embed/', kind: 'frame' },
];

export function findStandIn(url: URL): StandIn | undefined {
  return STAND_INS.find((s) => url.hostname === s.host && url.pathname.startsWith(s.path));
}

/** A 1×1 transparent GIF, what tracking pixels answer. */
export const PIXEL_GIF = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');
