/**
 * Type tests of the public API (checked by `npm run typecheck`, not run):
 * category ids flow from the config into every method that takes one, so a
 * typo is a compile error. Each `@ts-expect-error` fails the typecheck the
 * day the line it sits on compiles, and each `expectTypeOf` the day a type
 * drifts.
 */
import { expectTypeOf } from 'vitest';
import type { ConsentApi, ConsentEventName, ConsentEvents } from './api.js';
import { createConsent } from './create-consent.js';
import type { BuiltInCategory, Category, ConsentState } from './store/consent-record.js';
import type { ConsentConfig } from './config/types.js';

declare const env: Parameters<typeof createConsent>[1];
const api = createConsent({ privacyPolicyUrl: '/confidentialite', categories: { newsletter: { label: 'Newsletter' } } }, env);

type Site = 'necessary' | 'analytics' | 'advertising' | 'personalisation' | 'newsletter';

// The union is inferred from the config's `categories` keys, plus the built-in ones.
expectTypeOf(api).toEqualTypeOf<ConsentApi<Site>>();
expectTypeOf(api.isGranted).parameter(0).toEqualTypeOf<Site | { readonly service: string; readonly category?: Site }>();
expectTypeOf(api.whenGranted).parameter(0).toEqualTypeOf<Site>();
expectTypeOf(api.update).parameter(0).toEqualTypeOf<Readonly<Partial<Record<Site, boolean>>>>();
expectTypeOf(api.get()).toEqualTypeOf<ConsentState>();

api.isGranted('newsletter');
api.isGranted('necessary');
api.isGranted({ service: 'google-analytics' });
api.isGranted({ service: 'brevo', category: 'newsletter' });
void api.whenGranted('analytics');
api.update({ newsletter: true, advertising: false });
api.update({}, { 'google-analytics': true });

// @ts-expect-error -- 'analytic' is no category of this site
api.isGranted('analytic');
// @ts-expect-error -- nor in a service's category
api.isGranted({ service: 'brevo', category: 'newsleter' });
// @ts-expect-error -- whenGranted would never settle
void api.whenGranted('newsleter');
// @ts-expect-error -- update() takes the site's categories only
api.update({ analytic: true });

// Event names are pinned: the three plain ones, then granted:/denied: per category.
expectTypeOf<ConsentEventName<Site>>().toEqualTypeOf<
  'change' | 'show' | 'withdraw' | `granted:${Site}` | `denied:${Site}`
>();
api.on('granted:newsletter', (event) => {
  expectTypeOf(event.category).toEqualTypeOf<Site>();
  expectTypeOf(event.state).toEqualTypeOf<ConsentState>();
});
api.on('denied:advertising', (event) => expectTypeOf(event.category).toEqualTypeOf<Site>());
api.on('change', (event) => {
  expectTypeOf(event.state).toEqualTypeOf<ConsentState>();
  expectTypeOf(event.previous).toEqualTypeOf<ConsentState>();
});
api.on('show', (event) => expectTypeOf(event.view).toEqualTypeOf<'banner' | 'preferences'>());
api.on('withdraw', (event) => expectTypeOf(event.deletedCookies).toEqualTypeOf<readonly string[]>());
expectTypeOf(api.on('change', () => {})).toEqualTypeOf<() => void>();
api.off('granted:analytics', () => {});

// @ts-expect-error -- would never fire
api.on('granted:analytic', () => {});
// @ts-expect-error -- nor would this
api.off('denied:newsleter', () => {});
// @ts-expect-error -- no such event
api.on('chnage', () => {});
// @ts-expect-error -- a change payload has no category
api.on('change', (event) => event.category);

// Without site categories: the built-in ones only.
const plain = createConsent({ privacyPolicyUrl: '/confidentialite' }, env);
expectTypeOf(plain).toEqualTypeOf<ConsentApi<BuiltInCategory>>();
// @ts-expect-error -- this site has no newsletter category
plain.isGranted('newsletter');

// A config typed as plain `ConsentConfig` (e.g. read from JSON) cannot know its ids: any string goes.
declare const loose: ConsentConfig;
const untyped = createConsent(loose, env);
expectTypeOf(untyped).toEqualTypeOf<ConsentApi<Category>>();
untyped.isGranted('anything');
untyped.on('granted:anything', (event) => expectTypeOf(event.category).toEqualTypeOf<Category>());
// @ts-expect-error -- still no such event
untyped.on('chnage', () => {});

// `ConsentApi` without arguments is what it always was, and a typed instance fits in it.
const stored: ConsentApi = api;
stored.isGranted('any-category');
expectTypeOf<ConsentEvents['granted:whatever']>().toEqualTypeOf<ConsentEvents<Category>['granted:x']>();
