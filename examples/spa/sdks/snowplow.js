// Snowplow, as https://docs.snowplow.io/docs/sources/trackers/javascript-trackers/ sets up its
// browser tracker from npm: newTracker(namespace, collector), trackPageView(). The collector is
// the customer's own host.
import { startConsent } from './consent.js';
import { newTracker, trackPageView, trackSelfDescribingEvent } from '@snowplow/browser-tracker';

startConsent();

newTracker('sp', 'https://collector.openjob-demo.fr', { appId: 'openjob', cookieSameSite: 'Lax' });
trackPageView();
window.track = (name) =>
  trackSelfDescribingEvent({ event: { schema: 'iglu:fr.openjob/click/jsonschema/1-0-0', data: { name } } });
