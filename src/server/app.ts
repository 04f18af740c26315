/**
 * The receiver's HTTP routes, on Hono (web-standard Request/Response: the same
 * app runs on Node through @hono/node-server and on edge runtimes).
 *
 *   POST /v1/receipts              one receipt from the SDK (public, CORS to the site's origins)
 *   GET  /v1/receipts/:recordId    a record's history, oldest first (bearer token)
 *   GET  /v1/export?from&to&format receipts decided in [from, to), NDJSON or CSV (bearer token)
 *   GET  /v1/health                the database answers
 */
import { Hono, type Context } from 'hono';
import { RECEIPT_LIMITS, RECORD_ID, receiptKey } from '../consent-log/receipt.js';
import { createInsertBatcher } from './insert-batcher.js';
import { createRateLimiter } from './rate-limit.js';
import { readWebBody } from './read-body.js';
import { checkReceipt } from './receipt-schema.js';
import type { ReceiptStore, StoredReceipt } from './storage/receipts.js';
import { truncateIp } from './rate-limit.js';

export interface ConsentLogAppOptions {
  readonly store: ReceiptStore;
  /**
   * Origins allowed to post receipts (`https://www.example.fr`); `*` for any.
   * A request without an `Origin` header (a server, curl) or from the
   * receiver's own origin is always allowed. @default [] (same origin only)
   */
  readonly origins?: readonly string[];
  /** Bearer token of the DPO's routes; without one they answer 404. @default none */
  readonly token?: string | undefined;
  /** `none`: the sender's address is not stored; `truncated`: its /24 or /48 only. @default 'none' */
  readonly ip?: 'none' | 'truncated';
  /** Receipts per minute from one address (IPv6: one /64); `0` for no limit. @default 120 */
  readonly ratePerMinute?: number;
  /** The sender's address; the Node server passes the socket's (or X-Forwarded-For's, if trusted). */
  readonly clientAddress?: (c: Context) => string | undefined;
  readonly now?: () => number;
  /** Where unexpected errors (a database down) are told. @default console.error */
  readonly onError?: (error: unknown) => void;
  /** Batches stored at once (group commit): the database's connections. @default 1 */
  readonly parallelInserts?: number;
  /**
   * Reads the body as text, or undefined past `limit` bytes, reading no further. The Node
   * server reads the socket's stream itself (nodeReadBody): no web Request or stream is made
   * for each receipt. @default the web-standard body of `c.req.raw`
   */
  readonly readBody?: (c: Context, limit: number) => Promise<string | undefined>;
}

type Problem = { readonly error: string };

export function createConsentLogApp(options: ConsentLogAppOptions): Hono {
  const { store } = options;
  const origins = new Set(options.origins ?? []);
  const limiter = createRateLimiter(options.ratePerMinute ?? 120);
  const batcher = createInsertBatcher(store, options.parallelInserts ?? 1);
  const readBody = options.readBody ?? ((c: Context, limit: number) => readWebBody(c.req.raw, limit));
  const now = options.now ?? Date.now;
  const onError = options.onError ?? ((error: unknown) => console.error('[nexus-consent/server]', error));
  const app = new Hono();

  const allowedOrigin = (c: Context): string | undefined | false => {
    const origin = c.req.header('origin');
    if (origin === undefined) return undefined;
    if (origins.has('*') || origins.has(origin) || origin === new URL(c.req.url).origin) return origin;
    return false;
  };
  const cors = (c: Context, origin: string | undefined) => {
    if (origin === undefined) return;
    c.header('Access-Control-Allow-Origin', origin);
    c.header('Vary', 'Origin');
  };
  const problem = (c: Context, status: 400 | 401 | 403 | 404 | 413 | 415 | 429 | 503, error: string) =>
    c.json<Problem>({ error }, status);

  app.options('/v1/receipts', (c) => {
    const origin = allowedOrigin(c);
    if (origin === false) return problem(c, 403, 'origin not allowed');
    cors(c, origin);
    c.header('Access-Control-Allow-Methods', 'POST');
    c.header('Access-Control-Allow-Headers', 'Content-Type');
    c.header('Access-Control-Max-Age', '86400');
    return c.body(null, 204);
  });

  app.post('/v1/receipts', async (c) => {
    const origin = allowedOrigin(c);
    if (origin === false) return problem(c, 403, 'origin not allowed');
    cors(c, origin);
    const address = options.clientAddress?.(c) ?? 'unknown';
    const wait = limiter.take(address, now());
    if (wait > 0) {
      c.header('Retry-After', String(wait));
      return problem(c, 429, 'too many receipts from this address');
    }
    // JSON from fetch, text/plain from sendBeacon (a string body): both are the receipt's JSON.
    const type = (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
    if (type !== 'application/json' && type !== 'text/plain') return problem(c, 415, 'Content-Type: application/json expected');
    // The rest of an oversized body is never read: the connection closes after the answer.
    const tooLarge = () => (c.header('Connection', 'close'), problem(c, 413, `at most ${RECEIPT_LIMITS.bodyBytes} bytes`));
    const length = Number(c.req.header('content-length') ?? '0');
    if (length > RECEIPT_LIMITS.bodyBytes) return tooLarge();
    const body = await readBody(c, RECEIPT_LIMITS.bodyBytes);
    if (body === undefined) return tooLarge();
    let parsed: unknown;
    try {
      parsed = JSON.parse(body);
    } catch {
      return problem(c, 400, 'the body is not JSON');
    }
    const check = checkReceipt(parsed, now());
    if (!check.ok) return problem(c, 400, check.problem);
    const ip = options.ip === 'truncated' && address !== 'unknown' ? truncateIp(address) : null;
    try {
      const stored = await batcher.insert(check.receipt, ip);
      // 201: stored now; 200: the receiver already had it (a retry). Either way the client may forget it.
      return c.json({ id: receiptKey(check.receipt), stored }, stored ? 201 : 200);
    } catch (error) {
      onError(error);
      c.header('Retry-After', '5');
      return problem(c, 503, 'the consent log cannot store receipts right now; retry later');
    }
  });

  /** Constant-time comparison of SHA-256 digests: the token's length or prefix never shows in timing. */
  const authorised = async (c: Context): Promise<boolean> => {
    const header = c.req.header('authorization') ?? '';
    const given = header.startsWith('Bearer ') ? header.slice(7) : '';
    const [a, b] = await Promise.all([digest(given), digest(options.token ?? '')]);
    let diff = 0;
    for (let i = 0; i < a.length; i++) diff |= a[i]! ^ b[i]!;
    return diff === 0 && given !== '';
  };
  const dpo = (handler: (c: Context) => Promise<Response> | Response) => async (c: Context) => {
    if (!options.token) return problem(c, 404, 'the DPO routes are off: set CONSENT_LOG_TOKEN');
    if (!(await authorised(c))) {
      c.header('WWW-Authenticate', 'Bearer');
      return problem(c, 401, 'a bearer token is required');
    }
    c.header('Cache-Control', 'no-store');
    try {
      return await handler(c);
    } catch (error) {
      onError(error);
      return problem(c, 503, 'the consent log cannot be read right now');
    }
  };

  app.get(
    '/v1/receipts/:recordId',
    dpo(async (c) => {
      const recordId = c.req.param('recordId') ?? '';
      if (!RECORD_ID.test(recordId)) return problem(c, 400, 'recordId: a 21-character record id');
      const receipts = await store.history(recordId);
      return c.json({ recordId, receipts });
    }),
  );

  app.get(
    '/v1/export',
    dpo((c) => {
      const from = day(c.req.query('from'));
      const to = day(c.req.query('to'), 1);
      const format = c.req.query('format') ?? 'ndjson';
      if (!from || !to || from >= to) return problem(c, 400, 'from and to: dates such as 2026-01-31, from before to (to is included)');
      if (format !== 'ndjson' && format !== 'csv') return problem(c, 400, 'format: ndjson or csv');
      const encoder = new TextEncoder();
      const rows = store.range(from, to)[Symbol.asyncIterator]();
      let header = format === 'csv';
      const stream = new ReadableStream<Uint8Array>({
        async pull(controller) {
          if (header) {
            header = false;
            controller.enqueue(encoder.encode(CSV_COLUMNS.join(',') + '\r\n'));
            return;
          }
          try {
            const next = await rows.next();
            if (next.done) controller.close();
            else controller.enqueue(encoder.encode(format === 'csv' ? csvLine(next.value) : JSON.stringify(next.value) + '\n'));
          } catch (error) {
            onError(error);
            controller.error(error);
          }
        },
      });
      const name = `consent-receipts-${c.req.query('from')}-${c.req.query('to')}.${format}`;
      return new Response(stream, {
        headers: {
          'Content-Type': format === 'csv' ? 'text/csv; charset=utf-8' : 'application/x-ndjson',
          'Content-Disposition': `attachment; filename="${name}"`,
          'Cache-Control': 'no-store',
        },
      });
    }),
  );

  app.get('/v1/health', async (c) => {
    try {
      await store.count();
      return c.json({ ok: true });
    } catch {
      return problem(c, 503, 'the database does not answer');
    }
  });

  app.notFound((c) => problem(c, 404, 'not found'));
  app.onError((error, c) => {
    onError(error);
    return c.json<Problem>({ error: 'internal error' }, 500);
  });
  return app;
}

async function digest(text: string): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)));
}

/** `2026-03-31` as the start of that UTC day (+ `plusDays`), else undefined. */
function day(input: string | undefined, plusDays = 0): Date | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(input ?? '');
  if (!m) return undefined;
  const [year, month, date] = [Number(m[1]), Number(m[2]) - 1, Number(m[3])];
  // Date.UTC rolls 2026-02-30 over to 2 March: a day that does not exist is refused, not moved.
  const exact = new Date(Date.UTC(year, month, date));
  if (exact.getUTCFullYear() !== year || exact.getUTCMonth() !== month || exact.getUTCDate() !== date) return undefined;
  return new Date(Date.UTC(year, month, date + plusDays));
}

const CSV_COLUMNS = [
  'recordId', 'updatedAt', 'givenAt', 'expiresAt', 'receivedAt', 'revision', 'method', 'granted', 'denied',
  'withdrawn', 'services', 'language', 'textsHash', 'pageUrl', 'sdkVersion', 'dropped', 'ip',
] as const;

/** RFC 4180: every field quoted, quotes doubled; a leading = + - @ is prefixed with ' so a spreadsheet never runs it. */
function csvLine(r: StoredReceipt): string {
  const iso = (t: number) => new Date(t).toISOString();
  const cells: unknown[] = [
    r.recordId, iso(r.updatedAt), iso(r.givenAt), iso(r.expiresAt), iso(r.receivedAt), r.revision, r.method,
    r.granted.join(' '), r.denied.join(' '), r.withdrawn.join(' '), JSON.stringify(r.services), r.language,
    r.textsHash, r.pageUrl, r.sdkVersion, r.dropped, r.ip ?? '',
  ];
  return cells.map((v) => `"${String(v).replace(/^[=+\-@]/, "'$&").replace(/"/g, '""')}"`).join(',') + '\r\n';
}
