/**
 * What the receiver accepts: one consent receipt, every field checked (valibot),
 * nothing else. Unknown fields are refused, not dropped: a client that sends
 * them is not ours, and the log must hold only what the SDK means.
 */
import * as v from 'valibot';
import { CATEGORY_ID, NECESSARY, SERVICE_ID } from '../store/consent-record.js';
import {
  LANGUAGE_CODE,
  RECEIPT_LIMITS,
  RECEIPT_METHODS,
  RECEIPT_VERSION,
  RECORD_ID,
  SDK_VERSION,
  TEXTS_HASH,
  type ConsentReceipt,
} from '../consent-log/receipt.js';

/** Names every object already has: as keys they would reach a prototype, so they are refused. */
const INHERITED = new Set(Object.getOwnPropertyNames(Object.prototype));

/** C0 controls, DEL, and a surrogate without its pair. */
const CONTROL_OR_LONE_SURROGATE = /[\u0000-\u001f\u007f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const epochMs = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(8.64e15));
const categories = v.pipe(
  v.array(v.pipe(v.string(), v.maxLength(32), v.regex(CATEGORY_ID, 'a category id'))),
  v.maxLength(RECEIPT_LIMITS.categories),
  v.check((list) => new Set(list).size === list.length, 'no category twice'),
);
const services = v.pipe(
  v.custom<Record<string, unknown>>((input) => typeof input === 'object' && input !== null && !Array.isArray(input), 'an object'),
  v.check((o) => Object.keys(o).length <= RECEIPT_LIMITS.services, `at most ${RECEIPT_LIMITS.services} services`),
  v.check((o) => Object.keys(o).every((id) => SERVICE_ID.test(id) && !INHERITED.has(id)), 'service ids such as "google-analytics"'),
  v.check((o) => Object.values(o).every((allowed) => typeof allowed === 'boolean'), 'true or false for each service'),
);
const pageUrl = v.pipe(
  v.string(),
  v.maxLength(RECEIPT_LIMITS.pageUrl),
  v.check((url) => {
    // The page's address only: a query string or fragment may carry personal data.
    if (url.includes('?') || url.includes('#')) return false;
    // PostgreSQL's text and jsonb hold no NUL and no lone surrogate: refused here (400), not failed there (503, retried for ever).
    if (CONTROL_OR_LONE_SURROGATE.test(url)) return false;
    try {
      const { protocol } = new URL(url);
      return protocol === 'https:' || protocol === 'http:';
    } catch {
      return false;
    }
  }, 'an http(s) URL without query string or fragment'),
);

export const ReceiptSchema = v.pipe(
  v.strictObject({
    v: v.literal(RECEIPT_VERSION),
    recordId: v.pipe(v.string(), v.regex(RECORD_ID, 'a 21-character record id')),
    revision: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(999_999_999)),
    givenAt: epochMs,
    updatedAt: epochMs,
    expiresAt: epochMs,
    method: v.picklist(RECEIPT_METHODS),
    granted: categories,
    denied: categories,
    withdrawn: categories,
    services,
    language: v.pipe(v.string(), v.maxLength(35), v.regex(LANGUAGE_CODE, 'a language code')),
    textsHash: v.pipe(v.string(), v.regex(TEXTS_HASH, 'sha256:<64 hex> or fnv1a64:<16 hex>')),
    pageUrl,
    sdkVersion: v.pipe(v.string(), v.maxLength(48), v.regex(SDK_VERSION, 'a version such as 1.2.3')),
    dropped: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(1_000_000_000))),
  }),
  v.check((r) => r.granted[0] === NECESSARY && !r.denied.includes(NECESSARY), 'granted starts with "necessary", which is never denied'),
  v.check((r) => !r.granted.some((c) => r.denied.includes(c)), 'granted and denied do not overlap'),
  v.check((r) => r.withdrawn.every((c) => r.denied.includes(c)), 'withdrawn categories are denied'),
  v.check((r) => r.givenAt <= r.updatedAt && r.updatedAt <= r.expiresAt, 'givenAt ≤ updatedAt ≤ expiresAt'),
  v.check((r) => r.expiresAt - r.updatedAt <= RECEIPT_LIMITS.maxValidityMs, 'a validity of at most 13 months'),
);

export type ReceiptCheck = { ok: true; receipt: ConsentReceipt } | { ok: false; problem: string };

/**
 * Checks a parsed body; `now` bounds `updatedAt`: a receipt queued offline may
 * be days old, one from the future beyond a day of clock skew is made up.
 */
export function checkReceipt(input: unknown, now: number): ReceiptCheck {
  const result = v.safeParse(ReceiptSchema, input);
  if (!result.success) {
    const issue = result.issues[0]!;
    const path = v.getDotPath(issue) ?? '(body)';
    return { ok: false, problem: `${path}: ${issue.message}` };
  }
  const receipt = result.output as ConsentReceipt;
  if (receipt.updatedAt < now - RECEIPT_LIMITS.maxAgeMs || receipt.updatedAt > now + RECEIPT_LIMITS.maxAheadMs) {
    return { ok: false, problem: 'updatedAt: more than 400 days old or more than a day ahead of the server clock' };
  }
  return { ok: true, receipt };
}
