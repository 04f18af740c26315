// Segment, as https://segment.com/docs/connections/sources/catalog/libraries/website/javascript/quickstart/
// sets it up with npm: AnalyticsBrowser.load({ writeKey }), then analytics.page().
import { startConsent } from './consent.js';
import { AnalyticsBrowser } from '@segment/analytics-next';

startConsent();

const analytics = AnalyticsBrowser.load({ writeKey: 'OpenJobDemoWriteKey0123456789ab' });
analytics.page();
window.track = (name) => analytics.track(name);
