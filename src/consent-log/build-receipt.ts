/**
 * Pure: one decision → the receipt that records it (or none). No DOM, no clock:
 * the caller gives the states, the page's URL and the texts' fingerprint.
 */
import { NECESSARY, type Category, type ConsentState } from '../store/consent-record.js';
import { RECEIPT_VERSION, type ConsentReceipt, type ReceiptMethod } from './receipt.js';

/** A decision as the core tells it to the consent log. */
export type LoggedDecision =
  | {
      readonly kind: 'change';
      readonly state: ConsentState;
      readonly previous: ConsentState;
      /** The decision came from an embed's placeholder button. */
      readonly placeholder?: boolean;
      /** For `reset`: when it happened, epoch ms. */
      readonly at: number;
    }
  | {
      /** An undecided visitor allowed one service from a placeholder, for this page only. */
      readonly kind: 'page-allowance';
      readonly id: string;
      readonly service: string;
      readonly at: number;
    };

export interface ReceiptContext {
  /** Categories that need consent (never `necessary`). */
  readonly categories: readonly Category[];
  readonly revision: number;
  readonly language: string;
  readonly textsHash: string;
  readonly pageUrl: string;
  readonly sdkVersion: string;
}

const granting = (state: ConsentState, category: Category) => state.status === 'decided' && state.record.granted.includes(category);

export function buildReceipt(decision: LoggedDecision, ctx: ReceiptContext): ConsentReceipt | undefined {
  const common = { v: RECEIPT_VERSION, language: ctx.language, textsHash: ctx.textsHash, pageUrl: ctx.pageUrl, sdkVersion: ctx.sdkVersion };
  if (decision.kind === 'page-allowance') {
    return {
      ...common,
      recordId: decision.id,
      revision: ctx.revision,
      givenAt: decision.at,
      updatedAt: decision.at,
      expiresAt: decision.at,
      method: 'placeholder',
      granted: [NECESSARY],
      denied: [...ctx.categories],
      withdrawn: [],
      services: { [decision.service]: true },
    };
  }
  const { state, previous } = decision;
  const withdrawn = ctx.categories.filter((c) => granting(previous, c) && !granting(state, c));
  if (state.status === 'undecided') {
    // Forgetting a decision that was never made records nothing.
    if (previous.status !== 'decided') return undefined;
    const r = previous.record;
    return {
      ...common,
      recordId: r.id,
      revision: r.revision,
      givenAt: r.givenAt,
      updatedAt: Math.max(decision.at, r.updatedAt),
      expiresAt: Math.max(decision.at, r.updatedAt),
      method: 'reset',
      granted: [NECESSARY],
      denied: [...ctx.categories],
      withdrawn,
      services: {},
    };
  }
  const r = state.record;
  return {
    ...common,
    recordId: r.id,
    revision: r.revision,
    givenAt: r.givenAt,
    updatedAt: r.updatedAt,
    expiresAt: r.expiresAt,
    method: decision.placeholder ? 'placeholder' : customMethod(r.method, state, previous, withdrawn, ctx.categories),
    granted: [...r.granted],
    denied: [...r.denied],
    withdrawn,
    services: { ...r.services },
  };
}

/** What a `custom` record says more precisely: only withdrawals, only service exceptions, or a mix. */
function customMethod(
  method: ReceiptMethod,
  state: ConsentState,
  previous: ConsentState,
  withdrawn: readonly Category[],
  categories: readonly Category[],
): ReceiptMethod {
  if (method !== 'custom' || previous.status !== 'decided' || state.status !== 'decided') return method;
  const newlyGranted = categories.some((c) => granting(state, c) && !granting(previous, c));
  if (withdrawn.length > 0 && !newlyGranted) return 'withdraw';
  if (withdrawn.length === 0 && !newlyGranted) return 'service';
  return 'custom';
}
