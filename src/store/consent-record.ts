/**
 * The consent record: what a visitor decided, when, and for which policy revision.
 * Pure data and pure functions; persistence lives in cookie-jar.ts / create-store.ts.
 */

/** The four categories every site has. Sites may add their own (see config). */
export type BuiltInCategory = 'necessary' | 'analytics' | 'advertising' | 'personalisation';
/** A built-in category or one the site declared in its config. */
export type Category = BuiltInCategory | (string & {});

export const NECESSARY = 'necessary' satisfies BuiltInCategory;
/** What a category id may look like: it travels in the consent cookie, so no separators. */
export const CATEGORY_ID = /^[a-z][a-z0-9-]{0,31}$/;
/** Built-in categories that need consent, in display order. */
export const OPTIONAL_BUILT_IN_CATEGORIES = ['analytics', 'advertising', 'personalisation'] as const;

/**
 * How the decision was given: a record says which button (or signal) produced
 * it. `gpc`: "accept all" while the browser sent Global Privacy Control, so
 * advertising was refused by the signal and everything else granted.
 */
export type ConsentMethod = 'accept-all' | 'reject-all' | 'custom' | 'gpc';
/** The category Global Privacy Control refuses. */
export const GPC_CATEGORY = 'advertising' satisfies BuiltInCategory;

export interface ConsentRecord {
  /** Random id (nanoid), kept across updates so a decision can be traced. */
  readonly id: string;
  /** The policy revision this decision answers. */
  readonly revision: number;
  /** First decision, epoch milliseconds (second precision once stored). */
  readonly givenAt: number;
  /** Last change, epoch milliseconds. */
  readonly updatedAt: number;
  /** After this instant the visitor is asked again, epoch milliseconds. */
  readonly expiresAt: number;
  readonly method: ConsentMethod;
  /** Granted categories; always starts with `necessary`. */
  readonly granted: readonly Category[];
  /** Denied categories; never overlaps `granted`. */
  readonly denied: readonly Category[];
  /**
   * Per-service exceptions to their category (EDPB 05/2020 §3.1.3, granular
   * consent): `{ 'google-analytics': true }` with `analytics` denied allows
   * Google Analytics alone. Services without an entry follow their category.
   */
  readonly services: ServiceChoices;
}

/**
 * Service id → allowed; what a visitor chose service by service. Always a
 * null-prototype object (see serviceChoices): `constructor` or `toString` are
 * service ids like any other, and a page that sets
 * `Object.prototype['meta-pixel'] = true` must not grant the Meta pixel.
 */
export type ServiceChoices = Readonly<Record<string, boolean>>;

/** A frozen null-prototype ServiceChoices from id/allowed pairs. */
export function serviceChoices(entries: Iterable<readonly [string, boolean]>): ServiceChoices {
  const choices: Record<string, boolean> = Object.create(null);
  for (const [id, allowed] of entries) choices[id] = allowed;
  return Object.freeze(choices);
}

/** The visitor's own choice for `service`, if any: an own property, never an inherited one. */
export function serviceChoice(services: ServiceChoices, service: string): boolean | undefined {
  return Object.prototype.hasOwnProperty.call(services, service) ? services[service] === true : undefined;
}
/** What a service id may look like: it travels in the consent cookie. */
export const SERVICE_ID = /^[a-z0-9][a-z0-9_-]{0,63}$/;

/** Either no (valid) decision exists, or one does. There is no third state. */
export type ConsentState =
  | { readonly status: 'undecided' }
  | { readonly status: 'decided'; readonly record: ConsentRecord };

export const UNDECIDED: ConsentState = Object.freeze({ status: 'undecided' });

/** Choices for the categories that need consent; missing ones count as denied. `C`: the site's category ids. */
export type Choices<C extends string = Category> = Readonly<Partial<Record<C, boolean>>>;

export interface DecisionContext {
  /** Categories that need consent, in display order (never `necessary`). */
  readonly categories: readonly Category[];
  readonly revision: number;
  readonly validityMonths: number;
  readonly now: number;
  /** Fresh id for a first decision. */
  readonly newId: () => string;
}

/** Whether a category (or one service of it, when `service` is given) is granted. */
export function isGranted(state: ConsentState, category: Category, service?: string): boolean {
  if (category === NECESSARY) return true;
  if (state.status !== 'decided') return false;
  const exception = typeof service === 'string' ? serviceChoice(state.record.services, service) : undefined;
  return exception ?? state.record.granted.includes(category);
}

/**
 * Build the record for a decision. An update keeps the id and first date of the
 * previous record; every decision restarts the validity period. Service
 * exceptions that agree with their category are dropped: they say nothing.
 */
export function decide(
  choices: Choices,
  method: ConsentMethod,
  ctx: DecisionContext,
  previous: ConsentState,
  services: Readonly<Record<string, { readonly category: Category; readonly allowed: boolean }>> = {},
): ConsentRecord {
  const granted: Category[] = [NECESSARY];
  const denied: Category[] = [];
  for (const category of ctx.categories) {
    (choices[category] === true ? granted : denied).push(category);
  }
  const kept = previous.status === 'decided' ? previous.record : undefined;
  return Object.freeze({
    id: kept?.id ?? ctx.newId(),
    revision: ctx.revision,
    givenAt: kept?.givenAt ?? ctx.now,
    updatedAt: ctx.now,
    expiresAt: addMonths(ctx.now, ctx.validityMonths),
    method,
    granted: Object.freeze(granted),
    denied: Object.freeze(denied),
    services: serviceChoices(
      Object.entries(services)
        .filter(([id, s]) => SERVICE_ID.test(id) && s.category !== NECESSARY && s.allowed !== granted.includes(s.category))
        .map(([id, s]) => [id, s.allowed === true] as const),
    ),
  });
}

/** Choices that grant (or deny) every category that needs consent. */
export function allChoices(categories: readonly Category[], value: boolean): Choices {
  return Object.fromEntries(categories.map((c) => [c, value]));
}

/** How far in the future a stored date may be before it means a wrong clock or a forged record. */
export const CLOCK_SKEW_MS = 24 * 3600 * 1000;

/**
 * A stored record only counts if it answers the current revision (neither an
 * older nor a newer one), has not expired, was not given or updated in the
 * future (beyond a day of clock skew: such a record was made up, or by a
 * broken clock, and proves no decision), and covers exactly the categories the
 * site asks about today: a new purpose means a new question (CNIL: ask again
 * when the purposes change).
 */
export function isCurrent(
  record: ConsentRecord,
  ctx: Pick<DecisionContext, 'categories' | 'revision' | 'now'>,
): boolean {
  if (record.revision !== ctx.revision || ctx.now >= record.expiresAt) return false;
  if (record.givenAt > ctx.now + CLOCK_SKEW_MS || record.updatedAt > ctx.now + CLOCK_SKEW_MS) return false;
  const covered = [...record.granted, ...record.denied].filter((c) => c !== NECESSARY);
  return covered.length === ctx.categories.length && ctx.categories.every((c) => covered.includes(c));
}

/**
 * One record from several copies that disagree (the consent cookie on other
 * paths or domains): the least permissive, which grants a category or a
 * service only where every copy grants it.
 * - Categories: those granted by every copy are granted; the rest denied.
 * - Service exceptions: denied if any copy denies the service; allowed if
 *   every copy allows it; otherwise none (the service follows its category,
 *   which is then already granted by every copy or denied).
 * When one copy grants exactly that, it is the answer (its method, id and
 * dates kept; of several, the one that expires first); otherwise the answer
 * is a `custom` record with the id and dates of the copy that expires first.
 * Give current records of one revision and one set of categories.
 */
export function leastPermissive(records: readonly ConsentRecord[]): ConsentRecord | undefined {
  const byExpiry = [...records].sort((a, b) => a.expiresAt - b.expiresAt);
  const first = byExpiry[0];
  if (!first || byExpiry.length === 1) return first;
  const everyGrants = (c: Category) => records.every((r) => r.granted.includes(c));
  const granted = first.granted.filter(everyGrants);
  const denied = [...first.denied, ...first.granted.filter((c) => !everyGrants(c))];
  const ids = new Set(records.flatMap((r) => Object.keys(r.services)));
  const services = serviceChoices(
    [...ids].flatMap((id): [string, boolean][] => {
      const choices = records.map((r) => serviceChoice(r.services, id));
      if (choices.includes(false)) return [[id, false]];
      return choices.every((c) => c === true) ? [[id, true]] : [];
    }),
  );
  const sameAnswer = (r: ConsentRecord) =>
    r.granted.length === granted.length &&
    granted.every((c) => r.granted.includes(c)) &&
    Object.keys(r.services).length === Object.keys(services).length &&
    Object.keys(services).every((id) => serviceChoice(r.services, id) === services[id]);
  return (
    byExpiry.find(sameAnswer) ??
    Object.freeze({ ...first, method: 'custom' as const, granted: Object.freeze(granted), denied: Object.freeze(denied), services })
  );
}

/** Calendar months in UTC; the 31st of a short month clamps to its last day. */
export function addMonths(epochMs: number, months: number): number {
  const d = new Date(epochMs);
  const day = d.getUTCDate();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() + months);
  const lastDay = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
  d.setUTCDate(Math.min(day, lastDay));
  return d.getTime();
}
