/**
 * The receiver's schema, as numbered migrations: the same SQL on PGlite and
 * on a PostgreSQL server. They run at start, in one transaction under an
 * advisory lock, so several receivers starting at once against one database
 * apply each migration once. Never edit a migration that shipped: add one.
 */
import type { Database } from './database.js';

export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

/** pg_advisory_xact_lock key for schema changes (any constant shared by every receiver). */
export const SCHEMA_LOCK = 7_316_001;

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'consent_receipts, partitioned by month of the decision',
    sql: `
      -- One row per decision. The key is the receipt's identity (record id +
      -- the decision's instant): a receipt sent twice is stored once.
      -- Partitioned by month of updated_at: an export of a date range reads
      -- only its months; the retention purge drops whole months.
      CREATE TABLE consent_receipts (
        record_id   text        NOT NULL,
        updated_at  timestamptz NOT NULL,
        given_at    timestamptz NOT NULL,
        expires_at  timestamptz NOT NULL,
        received_at timestamptz NOT NULL DEFAULT now(),
        revision    integer     NOT NULL,
        method      text        NOT NULL,
        granted     jsonb       NOT NULL,
        denied      jsonb       NOT NULL,
        withdrawn   jsonb       NOT NULL,
        services    jsonb       NOT NULL,
        language    text        NOT NULL,
        texts_hash  text        NOT NULL,
        page_url    text        NOT NULL,
        sdk_version text        NOT NULL,
        dropped     integer     NOT NULL DEFAULT 0,
        -- NULL unless CONSENT_LOG_IP=truncated (then /24 or /48 only).
        ip          text,
        PRIMARY KEY (record_id, updated_at)
      ) PARTITION BY RANGE (updated_at);
      -- Export by date range: a B-tree per month, appended at its right edge.
      -- (The primary key serves a record's history: record_id first.)
      CREATE INDEX consent_receipts_updated_at ON consent_receipts (updated_at, record_id);
      -- Receipts whose month has no partition yet (ensurePartitions creates
      -- months ahead, so this stays empty unless the receiver sat idle).
      CREATE TABLE consent_receipts_default PARTITION OF consent_receipts DEFAULT;
    `,
  },
];

/** Applies the migrations this database lacks; returns the versions applied. */
export async function migrate(db: Database, migrations: readonly Migration[] = MIGRATIONS): Promise<number[]> {
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [SCHEMA_LOCK]);
    await tx.exec(`CREATE TABLE IF NOT EXISTS consent_log_migrations (
      version    integer PRIMARY KEY,
      name       text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
    const { rows } = await tx.query<{ version: number }>('SELECT version FROM consent_log_migrations');
    const done = new Set(rows.map((r) => Number(r.version)));
    const applied: number[] = [];
    for (const m of [...migrations].sort((a, b) => a.version - b.version)) {
      if (done.has(m.version)) continue;
      await tx.exec(m.sql);
      await tx.query('INSERT INTO consent_log_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
      applied.push(m.version);
    }
    return applied;
  });
}
