/**
 * nexus-consent/catalogue-details — what the preference centre shows of the
 * core catalogue's services when the site's config does not describe them:
 * the vendor's privacy page, and each cookie's purpose and lifetime (Open
 * Cookie Database, English). Opt-in, because it weighs more than the rules:
 *
 *   import { serviceDetails } from 'nexus-consent/catalogue-details';
 *   createConsent({ …, serviceDetails });
 *
 * The script-tag build fetches the same data as JSON: `serviceDetails: '/path/to/nexus-consent.details.json'`.
 */
export { serviceDetails } from './generated/service-details.js';
export type { ServiceDetails } from './service-details.js';
