// Imported first by every SDK page: the blocker of `nexus-consent/auto` is installed before the
// vendor's package (the page's next import) is evaluated, as in an app whose main.js imports it
// first. No site rule, no service list: the core catalogue alone has to know the SDK.
//
// A function, called by the page, rather than code that runs on import: this folder belongs to
// the repository's package, whose `sideEffects` list does not name it, so a bundler drops an
// import kept only for its side effects.
import 'nexus-consent/auto';
import { createConsent } from 'nexus-consent';

export function startConsent() {
  // For the console and the browser tests (blocked(), acceptAll()…).
  window.NexusConsent = createConsent({ privacyPolicyUrl: '/confidentialite', language: 'fr', floatingButton: false });
}
