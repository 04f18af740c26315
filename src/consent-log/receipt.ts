/**
 * The consent receipt: what the SDK sends to the site's consent log for each
 * decision, and what the receiver (nexus-consent/server) validates and stores.
 * GDPR art. 7(1): the controller must be able to demonstrate consent; the
 * visitor's cookie cannot, since the visitor or any script can edit it.
 * Pure data: shared by the browser client and the server.
 */
import type { Category } from '../store/consent-record.js';

/** The receipt format; the receiver refuses any other. */
export const RECEIPT_VERSION = 1 as const;

/**
 * How the decision came:
 * - `accept-all`, `reject-all`, `gpc` (accept all under Global Privacy Control): the banner's buttons or the API;
 * - `custom`: categories chosen one by one (the preference centre, `update()`);
 * - `withdraw`: a custom decision that only took back categories granted before (GDPR art. 7(3));
 * - `service`: a custom decision that changed per-service exceptions only;
 * - `placeholder`: one service allowed from an embed's placeholder (for an undecided
 *   visitor, for that page only: the receipt then has its own record id and expires at once);
 * - `reset`: the decision was cleared (`reset()`): nothing granted until the visitor decides again.
 * Which categories a decision withdrew is in `withdrawn`, whatever the method.
 */
export type ReceiptMethod = 'accept-all' | 'reject-all' | 'gpc' | 'custom' | 'withdraw' | 'service' | 'placeholder' | 'reset';
export const RECEIPT_METHODS = ['accept-all', 'reject-all', 'gpc', 'custom', 'withdraw', 'service', 'placeholder', 'reset'] as const satisfies readonly ReceiptMethod[];

export interface ConsentReceipt {
  readonly v: typeof RECEIPT_VERSION;
  /** The consent record's id (21 characters, nanoid), kept across a visitor's decisions. */
  readonly recordId: string;
  /** The policy revision the decision answers. */
  readonly revision: number;
  /** First decision of this record, epoch milliseconds. */
  readonly givenAt: number;
  /** This decision, epoch milliseconds; with `recordId`, the receipt's identity (the receiver stores it once). */
  readonly updatedAt: number;
  /** When the visitor will be asked again, epoch milliseconds (`updatedAt` for `reset` and a page-only `placeholder`). */
  readonly expiresAt: number;
  readonly method: ReceiptMethod;
  /** Granted categories, `necessary` first. */
  readonly granted: readonly Category[];
  readonly denied: readonly Category[];
  /** Categories granted before this decision and denied by it (a withdrawal, GDPR art. 7(3)). */
  readonly withdrawn: readonly Category[];
  /** Per-service exceptions to their category: service id → allowed. */
  readonly services: Readonly<Record<string, boolean>>;
  /** The language of the texts the visitor was shown. */
  readonly language: string;
  /**
   * What the visitor was shown: `sha256:<hex>` of the canonical JSON of the
   * texts, category and service names and descriptions (texts-hash.ts), or
   * `fnv1a64:<hex>` where `crypto.subtle` is unavailable (a page on plain http).
   */
  readonly textsHash: string;
  /** The page's URL without query string or fragment (they may carry personal data). */
  readonly pageUrl: string;
  /** The SDK's version. */
  readonly sdkVersion: string;
  /** Receipts this browser had to drop from its full queue before this one was sent. */
  readonly dropped?: number;
}

/** Limits the receiver holds every receipt to (the client never makes larger ones). */
export const RECEIPT_LIMITS = {
  /** Bytes of JSON in one request body. */
  bodyBytes: 4096,
  categories: 32,
  services: 64,
  pageUrl: 2048,
  /** Epoch ms: how old a receipt may be when it arrives (queued offline for a while), and how far ahead. */
  maxAgeMs: 400 * 24 * 3600 * 1000,
  maxAheadMs: 24 * 3600 * 1000,
  /** A record's validity is at most 13 months (config `validityMonths`). */
  maxValidityMs: 14 * 31 * 24 * 3600 * 1000,
} as const;

export const RECORD_ID = /^[A-Za-z0-9_-]{21}$/;
export const LANGUAGE_CODE = /^[a-z]{2,3}(-[a-z0-9]{2,8}){0,3}$/i;
export const TEXTS_HASH = /^(sha256:[0-9a-f]{64}|fnv1a64:[0-9a-f]{16})$/;
export const SDK_VERSION = /^\d{1,4}\.\d{1,4}\.\d{1,4}(-[0-9A-Za-z.-]{1,32})?$/;
/** The receipt's identity: the receiver stores one receipt per key. */
export const receiptKey = (r: Pick<ConsentReceipt, 'recordId' | 'updatedAt'>): string => `${r.recordId}@${r.updatedAt}`;
