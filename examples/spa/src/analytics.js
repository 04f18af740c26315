// Analytics as an app sets it up from each library's documentation, with no consent logic of
// its own: nexus-consent holds their scripts, requests, cookies and storage until the visitor
// grants "analytics", and blocks them again after a withdrawal. The core catalogue files all
// three under analytics: mixpanel.com (Mixpanel), amplitude.com (Amplitude),
// googletagmanager.com/gtag/js and /g/collect (Google Analytics), with their cookies
// (mp_*_mixpanel, AMP_*, _ga, _ga_*).
import * as amplitude from '@amplitude/analytics-browser';
import mixpanel from 'mixpanel-browser';
import ReactGA from 'react-ga4';

// Placeholder identifiers: the browser tests answer the vendors' hosts with stand-ins.
const MIXPANEL_TOKEN = 'openjob-demo-token';
const AMPLITUDE_API_KEY = '0123456789abcdef0123456789abcdef';
const GA_MEASUREMENT_ID = 'G-OPENJOB01';

/**
 * Starts the three libraries, as their docs say, with no consent code: what they insert,
 * send or store before consent (Mixpanel's init writes its per-tab ids to sessionStorage
 * at once) is held by the blocker.
 */
export function startAnalytics() {
  mixpanel.init(MIXPANEL_TOKEN, {
    // Send each event at once rather than in 5-second batches: quicker to watch in the demo.
    batch_requests: false,
  });

  amplitude.init(AMPLITUDE_API_KEY, {
    // Page views are sent by trackPageView, once per route change, like the other two.
    autocapture: false,
    flushIntervalMillis: 200,
  });

  // react-ga4 needs no React: it inserts gtag.js from www.googletagmanager.com and queues
  // commands on window.dataLayer. trackPageView sends the page views, the first one included.
  ReactGA.initialize(GA_MEASUREMENT_ID, { gtagOptions: { send_page_view: false } });
}

/** One page view per library for the route now shown. */
export function trackPageView({ path, title }) {
  mixpanel.track_pageview({ page: path });
  amplitude.track('Page Viewed', { path, title });
  ReactGA.send({ hitType: 'pageview', page: path, title });
}
