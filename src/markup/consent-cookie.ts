/**
 * The visitor's decision, read from the request's `Cookie` header with the
 * browser store's own rules: the same codec (record-codec.ts) and the same
 * test of a current record (consent-record.ts `isCurrent`: this revision,
 * these categories, not expired). Anything else — no header, no cookie, a
 * corrupt, stale or foreign value — is "undecided": nothing granted.
 *
 * Several cookies of the same name (copies on other paths or parent domains
 * all arrive in one header, RFC 6265 §5.4) resolve to the least permissive:
 * a category or service counts as granted only if every current copy grants
 * it, so a stale "accept all" beside a refusal grants nothing.
 */
import { isCurrent, isGranted, type Category, type ConsentRecord, type DecisionContext } from '../store/consent-record.js';
import { decodeRecord } from '../store/record-codec.js';

export type GrantCheck = (category: Category, service?: string) => boolean;

/** The value of every cookie named `name` in a `Cookie` header, in header order. */
export function cookieValues(header: string, name: string): string[] {
  const values: string[] = [];
  for (const pair of header.split(';')) {
    const eq = pair.indexOf('=');
    if (eq < 0 || pair.slice(0, eq).trim() !== name) continue;
    let value = pair.slice(eq + 1).trim();
    // RFC 6265 §4.1.1 allows a quoted value; js-cookie percent-encodes what is not a cookie-octet.
    if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) value = value.slice(1, -1);
    if (value.includes('%')) {
      try {
        value = decodeURIComponent(value);
      } catch {
        // Bad percent-encoding: left as is, it will not decode to a record.
      }
    }
    values.push(value);
  }
  return values;
}

/** Current records among the header's copies of the consent cookie. */
export function currentRecords(
  header: string | null | undefined,
  name: string,
  ctx: Pick<DecisionContext, 'categories' | 'revision' | 'now'>,
): ConsentRecord[] {
  if (typeof header !== 'string' || header === '') return [];
  const records: ConsentRecord[] = [];
  for (const value of cookieValues(header, name)) {
    const record = decodeRecord(value);
    if (record && isCurrent(record, ctx)) records.push(record);
  }
  return records;
}

/** What the visitor granted: the copies' intersection; nothing without a current copy. */
export function grantsOf(records: readonly ConsentRecord[]): GrantCheck {
  const states = records.map((record) => ({ status: 'decided', record }) as const);
  return (category, service) => (states.length === 0 ? category === 'necessary' : states.every((state) => isGranted(state, category, service)));
}
