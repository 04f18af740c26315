// Plausible, as https://plausible.io/docs/npm-package sets up @plausible-analytics/tracker:
// init({ domain }) sends a page view on load and on history changes.
import { startConsent } from './consent.js';
import { init, track } from '@plausible-analytics/tracker';

startConsent();

init({
  domain: 'openjob-demo.fr',
  // The tests serve the page from localhost, which the tracker ignores by default.
  captureOnLocalhost: true,
});
window.track = (name) => track(name, {});
