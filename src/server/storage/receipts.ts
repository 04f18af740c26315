/**
 * The receipts table: store one receipt (once), read a record's history,
 * export a date range, purge what retention no longer allows. Every value
 * goes through a query parameter: no string from a receipt is ever SQL.
 */
import type { ConsentReceipt } from '../../consent-log/receipt.js';
import type { Database } from './database.js';

/** A stored receipt, as the DPO's routes return it. */
export interface StoredReceipt extends Omit<ConsentReceipt, 'dropped'> {
  readonly dropped: number;
  /** When the receiver stored it, epoch milliseconds. */
  readonly receivedAt: number;
  /** The sender's address truncated to its /24 (IPv4) or /48 (IPv6), when the receiver keeps that; else null. */
  readonly ip: string | null;
}

export interface ReceiptStore {
  /** Stores the receipt; `false` when one with the same record id and `updatedAt` is already there. */
  insert(receipt: ConsentReceipt, ip: string | null): Promise<boolean>;
  /**
   * Stores several receipts in one statement (one commit: what makes the receiver fast);
   * for each, whether it was stored now (`false`: already there, or an earlier one of this batch).
   */
  insertMany(receipts: readonly { readonly receipt: ConsentReceipt; readonly ip: string | null }[]): Promise<boolean[]>;
  /** Every receipt of one record, oldest decision first. */
  history(recordId: string): Promise<StoredReceipt[]>;
  /** Receipts decided in [from, to), by decision time, in pages of `batch`. */
  range(from: Date, to: Date, batch?: number): AsyncIterable<StoredReceipt>;
  /** Deletes receipts decided before `before` (whole months by dropping their partition); returns how many. */
  purge(before: Date): Promise<number>;
  /** Creates the monthly partitions from `from` to `to` (inclusive months) that do not exist yet. */
  ensurePartitions(from: Date, to: Date): Promise<void>;
  count(): Promise<number>;
}

const COLUMNS =
  'record_id, updated_at, given_at, expires_at, received_at, revision, method, granted, denied, withdrawn, services, language, texts_hash, page_url, sdk_version, dropped, ip';

interface Row {
  record_id: string;
  updated_at: Date | string;
  given_at: Date | string;
  expires_at: Date | string;
  received_at: Date | string;
  revision: number;
  method: ConsentReceipt['method'];
  granted: string[] | string;
  denied: string[] | string;
  withdrawn: string[] | string;
  services: Record<string, boolean> | string;
  language: string;
  texts_hash: string;
  page_url: string;
  sdk_version: string;
  dropped: number;
  ip: string | null;
}

const ms = (value: Date | string) => (value instanceof Date ? value.getTime() : Date.parse(value));
const json = <T>(value: T | string): T => (typeof value === 'string' ? (JSON.parse(value) as T) : value);

function fromRow(row: Row): StoredReceipt {
  return {
    v: 1,
    recordId: row.record_id,
    revision: Number(row.revision),
    givenAt: ms(row.given_at),
    updatedAt: ms(row.updated_at),
    expiresAt: ms(row.expires_at),
    method: row.method,
    granted: json(row.granted),
    denied: json(row.denied),
    withdrawn: json(row.withdrawn),
    services: json(row.services),
    language: row.language,
    textsHash: row.texts_hash,
    pageUrl: row.page_url,
    sdkVersion: row.sdk_version,
    dropped: Number(row.dropped),
    receivedAt: ms(row.received_at),
    ip: row.ip,
  };
}

/** `consent_receipts_y2026m03` for March 2026 (UTC). */
const partitionName = (year: number, month: number) => `consent_receipts_y${year}m${String(month + 1).padStart(2, '0')}`;
const monthStart = (year: number, month: number) => new Date(Date.UTC(year, month, 1));

export function createReceiptStore(db: Database): ReceiptStore {
  const known = new Set<string>();

  const ensurePartitions = async (from: Date, to: Date) => {
    let year = from.getUTCFullYear();
    let month = from.getUTCMonth();
    while (monthStart(year, month) <= to) {
      const name = partitionName(year, month);
      if (!known.has(name)) {
        const start = monthStart(year, month).toISOString();
        const end = monthStart(year, month + 1).toISOString();
        // Under the schema lock: receivers starting together create each month once.
        await db.transaction(async (tx) => {
          await tx.query('SELECT pg_advisory_xact_lock(7316002)');
          // to_regclass follows search_path: one database may hold several schemas (tests do).
          const { rows } = await tx.query<{ found: boolean }>('SELECT to_regclass($1) IS NOT NULL AS found', [name]);
          if (rows[0]?.found !== true) {
            // Rows of that month that went to the default partition move into their own.
            await tx.exec(`CREATE TABLE ${name} (LIKE consent_receipts INCLUDING DEFAULTS INCLUDING CONSTRAINTS)`);
            await tx.query(
              `WITH moved AS (DELETE FROM consent_receipts_default WHERE updated_at >= $1 AND updated_at < $2 RETURNING *)
               INSERT INTO ${name} SELECT * FROM moved`,
              [start, end],
            );
            await tx.exec(`ALTER TABLE consent_receipts ATTACH PARTITION ${name} FOR VALUES FROM ('${start}') TO ('${end}')`);
          }
        });
        known.add(name);
      }
      month += 1;
      if (month === 12) {
        month = 0;
        year += 1;
      }
    }
  };

  const insertMany: ReceiptStore['insertMany'] = async (batch) => {
    const rows = batch.map(({ receipt: r, ip }) => ({
      record_id: r.recordId,
      updated_at: r.updatedAt,
      given_at: r.givenAt,
      expires_at: r.expiresAt,
      revision: r.revision,
      method: r.method,
      granted: r.granted,
      denied: r.denied,
      withdrawn: r.withdrawn,
      services: r.services,
      language: r.language,
      texts_hash: r.textsHash,
      page_url: r.pageUrl,
      sdk_version: r.sdkVersion,
      dropped: r.dropped ?? 0,
      ip,
    }));
    // The batch travels as one JSON parameter: values, never SQL text.
    const { rows: stored } = await db.query<{ record_id: string; updated_ms: string | number }>(
      `INSERT INTO consent_receipts (${COLUMNS})
       SELECT x.record_id, to_timestamp(x.updated_at / 1000), to_timestamp(x.given_at / 1000), to_timestamp(x.expires_at / 1000), now(),
              x.revision, x.method, x.granted, x.denied, x.withdrawn, x.services, x.language, x.texts_hash, x.page_url, x.sdk_version, x.dropped, x.ip
       FROM jsonb_to_recordset($1::jsonb) AS x(record_id text, updated_at float8, given_at float8, expires_at float8, revision integer,
            method text, granted jsonb, denied jsonb, withdrawn jsonb, services jsonb, language text, texts_hash text, page_url text,
            sdk_version text, dropped integer, ip text)
       ON CONFLICT (record_id, updated_at) DO NOTHING
       RETURNING record_id, round(extract(epoch FROM updated_at) * 1000)::bigint AS updated_ms`,
      [JSON.stringify(rows)],
    );
    const fresh = new Set(stored.map((row) => `${row.record_id}@${Number(row.updated_ms)}`));
    // A receipt twice in one batch: the first is the one stored.
    return batch.map(({ receipt }) => fresh.delete(`${receipt.recordId}@${receipt.updatedAt}`));
  };

  return {
    ensurePartitions,
    insertMany,
    async insert(r, ip) {
      const { rowCount } = await db.query(
        `INSERT INTO consent_receipts (${COLUMNS})
         VALUES ($1, to_timestamp($2::double precision / 1000), to_timestamp($3::double precision / 1000), to_timestamp($4::double precision / 1000), now(),
                 $5, $6, $7::jsonb, $8::jsonb, $9::jsonb, $10::jsonb, $11, $12, $13, $14, $15, $16)
         ON CONFLICT (record_id, updated_at) DO NOTHING`,
        [
          r.recordId,
          r.updatedAt,
          r.givenAt,
          r.expiresAt,
          r.revision,
          r.method,
          JSON.stringify(r.granted),
          JSON.stringify(r.denied),
          JSON.stringify(r.withdrawn),
          JSON.stringify(r.services),
          r.language,
          r.textsHash,
          r.pageUrl,
          r.sdkVersion,
          r.dropped ?? 0,
          ip,
        ],
      );
      return rowCount === 1;
    },
    async history(recordId) {
      const { rows } = await db.query<Row>(`SELECT ${COLUMNS} FROM consent_receipts WHERE record_id = $1 ORDER BY updated_at, received_at`, [recordId]);
      return rows.map(fromRow);
    },
    async *range(from, to, batch = 1000) {
      // Keyset pagination: each page starts after the last row of the one before, whatever the table's size.
      let after: [string, string] | undefined;
      for (;;) {
        const { rows } = after
          ? await db.query<Row>(
              `SELECT ${COLUMNS} FROM consent_receipts
               WHERE updated_at >= $1 AND updated_at < $2 AND (updated_at, record_id) > ($3::timestamptz, $4)
               ORDER BY updated_at, record_id LIMIT $5`,
              [from.toISOString(), to.toISOString(), after[0], after[1], batch],
            )
          : await db.query<Row>(
              `SELECT ${COLUMNS} FROM consent_receipts WHERE updated_at >= $1 AND updated_at < $2 ORDER BY updated_at, record_id LIMIT $3`,
              [from.toISOString(), to.toISOString(), batch],
            );
        for (const row of rows) yield fromRow(row);
        if (rows.length < batch) return;
        const last = rows[rows.length - 1]!;
        // Decision times are whole milliseconds (to_timestamp of ms / 1000): a Date holds them exactly.
        after = [new Date(ms(last.updated_at)).toISOString(), last.record_id];
      }
    },
    async purge(before) {
      let purged = 0;
      // Whole months before the cut: drop their partition (no row-by-row delete, no bloat).
      const { rows } = await db.query<{ name: string; bound: string }>(
        `SELECT c.relname AS name, pg_get_expr(c.relpartbound, c.oid) AS bound
         FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
         WHERE i.inhparent = 'consent_receipts'::regclass AND c.relname LIKE 'consent\\_receipts\\_y%'`,
      );
      for (const { name, bound } of rows) {
        const m = /TO \('([^']+)'\)/.exec(bound);
        if (!m || new Date(m[1]!).getTime() > before.getTime()) continue;
        await db.transaction(async (tx) => {
          const { rows: c } = await tx.query<{ n: string | number }>(`SELECT count(*) AS n FROM ${name}`);
          purged += Number(c[0]?.n ?? 0);
          await tx.exec(`DROP TABLE ${name}`);
        });
        known.delete(name);
      }
      // The month the cut falls in, and the default partition: row by row.
      const { rowCount } = await db.query('DELETE FROM consent_receipts WHERE updated_at < $1', [before.toISOString()]);
      return purged + rowCount;
    },
    async count() {
      const { rows } = await db.query<{ n: string | number }>('SELECT count(*) AS n FROM consent_receipts');
      return Number(rows[0]?.n ?? 0);
    },
  };
}
