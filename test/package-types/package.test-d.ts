/**
 * The typed categories survive bundling: the same checks as src/api.test-d.ts,
 * against the published `nexus-consent` declarations (dist/index.d.ts).
 */
import { createConsent, type ConsentApi } from 'nexus-consent';
import { expectTypeOf } from 'vitest';

const api = createConsent({ privacyPolicyUrl: '/confidentialite', categories: { newsletter: {} } });
expectTypeOf(api).toEqualTypeOf<ConsentApi<'necessary' | 'analytics' | 'advertising' | 'personalisation' | 'newsletter'>>();
api.isGranted('newsletter');
api.on('granted:newsletter', (event) => event.category);
// @ts-expect-error -- a typo
api.isGranted('newsleter');
// @ts-expect-error -- a typo in an event name
api.on('granted:analytic', () => {});
// @ts-expect-error -- update takes the site's categories only
api.update({ analytic: true });
const stored: ConsentApi = api;
stored.isGranted('anything');
