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
  readonly kind: 'script' | 'pixel' | 'api' | 'frame';
  /** Script body (for scripts). */
  readonly body?: string;
}

const mark = (id: string, cookies: readonly string[] = [], extra = '') =>
  `(window.__ran = window.__ran || []).push(${JSON.stringify(id)});` +
  cookies.map((c) => `document.cookie = ${JSON.stringify(`${c}; path=/; max-age=31536000`)};`).join('') +
  extra;

const script = (id: string, category: StandIn['category'], host: string, path: string, body: string): StandIn => ({
  id, category, host, path, kind: 'script', body,
});
const pixel = (id: string, category: StandIn['category'], host: string, path: string): StandIn => ({ id, category, host, path, kind: 'pixel' });
const api = (id: string, category: StandIn['category'], host: string, path: string): StandIn => ({ id, category, host, path, kind: 'api' });
const frame = (id: string, category: StandIn['category'], host: string, path: string): StandIn => ({ id, category, host, path, kind: 'frame' });

/** Real vendor URLs (host + path prefix) answered with stand-ins. Categories as the catalogue files them. */
export const STAND_INS: readonly StandIn[] = [
  script(
    'smarttag', 'analytics', 'tag.aticdn.net', '/',
    mark('smarttag', ['atuserid=%7B%22val%22%3A%22abc%22%7D'],
      'window.ATInternet = { Tracker: { Tag: function () { this.page = { send: function () { window.__ran.push("smarttag-send"); } }; } } };'),
  ),
  script('gtag', 'analytics', 'www.googletagmanager.com', '/gtag/js', mark('gtag', ['_ga=GA1.1.123.456', '_ga_NEXUS1=GS1.1.789'])),
  // Google Tag Manager's loader is not a tracker itself; what it loads is (vector 7, chains).
  script(
    'gtm', 'analytics', 'www.googletagmanager.com', '/gtm.js',
    mark('gtm', [], 'for (const src of ["https://www.google-analytics.com/analytics.js", "https://www.googleadservices.com/pagead/conversion_async.js"]) {' +
      ' const s = document.createElement("script"); s.async = true; s.src = src; document.head.appendChild(s); }'),
  ),
  script('analytics.js', 'analytics', 'www.google-analytics.com', '/analytics.js', mark('analytics.js', ['_gid=GA1.1.5.6'])),
  script('fbevents', 'advertising', 'connect.facebook.net', '/', mark('fbevents', ['_fbp=fb.1.123.456'])),
  script('criteo', 'advertising', 'static.criteo.net', '/js/ld/publishertag.js', mark('criteo', ['cto_bundle=abc'])),
  script('abtasty', 'analytics', 'try.abtasty.com', '/', mark('abtasty', ['ABTasty=uid%3Dabc'])),
  script('hotjar', 'analytics', 'static.hotjar.com', '/c/', mark('hotjar', ['_hjSessionUser_3456789=eyJ'], 'localStorage.setItem("_hjid", "abc");')),
  script('matomo', 'analytics', 'cdn.matomo.cloud', '/', mark('matomo', ['_pk_id.1.abc=1234.5678'])),
  script('linkedin-insight', 'advertising', 'snap.licdn.com', '/', mark('linkedin-insight', ['li_fat_id=abc'])),
  script('clarity', 'analytics', 'www.clarity.ms', '/tag/', mark('clarity', ['_clck=abc'])),
  script('tiktok', 'advertising', 'analytics.tiktok.com', '/', mark('tiktok', ['_ttp=abc'])),
  script('contentsquare', 'analytics', 't.contentsquare.net', '/uxa/', mark('contentsquare', ['_cs_id=abc.123'])),
  script('google-ads', 'advertising', 'www.googleadservices.com', '/pagead/', mark('google-ads')),
  // Issue #15's core additions (core-additions.html): each sends its own hit, as the real file does.
  script('hubspot', 'advertising', 'js-eu1.hs-scripts.com', '/', mark('hubspot', ['__hstc=1234567.abc.1.1.1.1', 'hubspotutk=abc'], 'new Image().src = "https://track-eu1.hubspot.com/__ptq.gif?a=1234567&k=1";')),
  script('klaviyo', 'advertising', 'static.klaviyo.com', '/onsite/js/', mark('klaviyo', ['__kla_id=eyJjaWQiOiJhYmMifQ'])),
  script('reddit-pixel', 'advertising', 'www.redditstatic.com', '/ads/', mark('reddit-pixel', ['_rdt_uuid=1733130000000.abc'], 'new Image().src = "https://alb.reddit.com/rp.gif?ts=1&id=a2_nexus&event=PageVisit";')),
  pixel('hubspot-track', 'advertising', 'track-eu1.hubspot.com', '/__ptq.gif'),
  pixel('reddit-alb', 'advertising', 'alb.reddit.com', '/rp.gif'),
  pixel('facebook-pixel', 'advertising', 'www.facebook.com', '/tr'),
  pixel('doubleclick', 'advertising', 'googleads.g.doubleclick.net', '/pagead/'),
  pixel('bing-uet', 'advertising', 'bat.bing.com', '/action/'),
  pixel('linkedin-pixel', 'advertising', 'px.ads.linkedin.com', '/collect'),
  pixel('pinterest', 'advertising', 'ct.pinterest.com', '/v3/'),
  pixel('x-pixel', 'advertising', 't.co', '/i/adsct'),
  api('ga4-collect', 'analytics', 'region1.google-analytics.com', '/g/collect'),
  api('mixpanel', 'analytics', 'api.mixpanel.com', '/track'),
  api('amplitude', 'analytics', 'api2.amplitude.com', '/2/httpapi'),
  frame('youtube-nocookie', 'personalisation', 'www.youtube-nocookie.com', '/embed/'),
  frame('youtube', 'advertising', 'www.youtube.com', '/embed/'),
  frame('vimeo', 'personalisation', 'player.vimeo.com', '/video/'),
];

export function findStandIn(url: URL): StandIn | undefined {
  return STAND_INS.find((s) => url.hostname === s.host && url.pathname.startsWith(s.path));
}

/** A 1×1 transparent GIF, what tracking pixels answer. */
export const PIXEL_GIF = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');
