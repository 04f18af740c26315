// Datadog RUM with Session Replay, as https://docs.datadoghq.com/real_user_monitoring/browser/setup/client
// sets it up with npm (EU site).
import { startConsent } from './consent.js';
import { datadogRum } from '@datadog/browser-rum';

startConsent();

datadogRum.init({
  applicationId: '0c2f1b7e-0000-4000-8000-0123456789ab',
  clientToken: 'pub0123456789abcdef0123456789abcdef',
  site: 'datadoghq.eu',
  service: 'openjob',
  env: 'prod',
  sessionSampleRate: 100,
  sessionReplaySampleRate: 100,
  trackUserInteractions: true,
  trackResources: true,
  defaultPrivacyLevel: 'mask-user-input',
});
window.track = (name) => datadogRum.addAction(name);
