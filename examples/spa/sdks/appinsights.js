// Azure Application Insights, as https://learn.microsoft.com/azure/azure-monitor/app/javascript-sdk
// sets it up with npm: a connection string, loadAppInsights(), trackPageView().
import { startConsent } from './consent.js';
import { ApplicationInsights } from '@microsoft/applicationinsights-web';

startConsent();

const appInsights = new ApplicationInsights({
  config: {
    connectionString:
      'InstrumentationKey=0c2f1b7e-0000-4000-8000-0123456789ab;IngestionEndpoint=https://westeurope-5.in.applicationinsights.azure.com/;LiveEndpoint=https://westeurope.livediagnostics.monitor.azure.com/',
    enableAutoRouteTracking: true,
  },
});
appInsights.loadAppInsights();
appInsights.trackPageView();
window.track = (name) => appInsights.trackEvent({ name });
// Sends the batch now rather than after 15 s (the tests call it).
window.flush = () => appInsights.flush();
