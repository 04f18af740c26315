// PostHog, as https://posthog.com/docs/libraries/js sets it up: init with the project key and the
// EU cloud host; `defaults` turns on automatic page views on load and on history changes.
import { startConsent } from './consent.js';
import posthog from 'posthog-js';

startConsent();

posthog.init('phc_OpenJobDemo0123456789abcdefghijklmnopqrstu', {
  api_host: 'https://eu.i.posthog.com',
  defaults: '2025-05-24',
  // Send at once rather than in 3-second batches: quicker to watch.
  request_batching: false,
  opt_out_useragent_filter: true,
});
window.track = (name) => posthog.capture(name);
