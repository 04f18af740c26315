// The app's entry. ES modules run in import order: the blocker of `nexus-consent/auto` is
// installed before any other module of the app or of its dependencies runs, so whatever they
// do on import — insert a script, send a request, write a cookie — waits for consent.
import 'nexus-consent/auto';
import { createConsent } from 'nexus-consent';
import { startAnalytics, trackPageView } from './analytics.js';
import { startRouter } from './router.js';
import { routes } from './routes.js';
import './style.css';

const consent = createConsent({
  privacyPolicyUrl: '/confidentialite',
  language: 'fr',
  // The footer's "Gérer les cookies" link reopens the preferences.
  floatingButton: false,
  categories: {
    analytics: {
      services: [
        { id: 'mixpanel', name: 'Mixpanel', vendor: 'Mixpanel', policyUrl: 'https://mixpanel.com/legal/privacy-policy/' },
        { id: 'amplitude', name: 'Amplitude', vendor: 'Amplitude', policyUrl: 'https://amplitude.com/privacy' },
        { id: 'google-analytics', name: 'Google Analytics', vendor: 'Google', policyUrl: 'https://policies.google.com/privacy' },
      ],
    },
  },
});
// For the console and the browser tests (blocked(), getState()…).
window.NexusConsent = consent;

startAnalytics();

// Every route change — the first render included — is a page view for each library. Whether
// it reaches Mixpanel, Amplitude or Google is the blocker's business, not the router's.
startRouter({
  routes,
  outlet: document.getElementById('view'),
  onChange: (route) => trackPageView(route),
});
