// RudderStack, as https://www.rudderstack.com/docs/sources/event-streams/sdks/rudderstack-javascript-sdk/installation/
// sets it up with npm. The `bundled` entry carries its plugins (the default entry fetches them
// from cdn.rudderlabs.com at run time, which an offline test could not serve).
import { startConsent } from './consent.js';
import { RudderAnalytics } from '@rudderstack/analytics-js/bundled';

startConsent();

const analytics = new RudderAnalytics();
// A hosted data plane: a customer-specific sub-domain of dataplane.rudderstack.com.
analytics.load('2OpenJobDemoWriteKey0000000', 'https://openjobdemo.dataplane.rudderstack.com');
analytics.page();
window.track = (name) => analytics.track(name);
