import { nexusConsent } from 'nexus-consent/vue';
import { createSSRApp } from 'vue';
import App from './App.vue';
import { consentConfig } from './consent-config.js';

// createSSRApp hydrates the server's HTML; a client-only app calls createApp(App) the same way.
export function createApp() {
  return createSSRApp(App).use(nexusConsent, { config: consentConfig });
}
