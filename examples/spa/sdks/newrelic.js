// New Relic browser monitoring, as https://www.npmjs.com/package/@newrelic/browser-agent sets it
// up: a BrowserAgent with the app's settings from the New Relic UI (EU data centre).
import { startConsent } from './consent.js';
import { BrowserAgent } from '@newrelic/browser-agent/loaders/browser-agent';

startConsent();

const info = { beacon: 'bam.eu01.nr-data.net', errorBeacon: 'bam.eu01.nr-data.net', licenseKey: 'NRJS-0123456789abcdef012', applicationID: '601234567', sa: 1 };
const agent = new BrowserAgent({
  init: { privacy: { cookies_enabled: true }, ajax: { deny_list: ['bam.eu01.nr-data.net'] } },
  info,
  loader_config: { accountID: '1234567', trustKey: '1234567', agentID: '601234567', licenseKey: info.licenseKey, applicationID: info.applicationID },
});
window.track = (name) => agent.addPageAction(name);
