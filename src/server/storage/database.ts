/**
 * One small SQL interface over the two databases the receiver runs on:
 * PGlite (PostgreSQL compiled to WebAssembly, in a directory: no setup) and a
 * PostgreSQL server through `pg` (node-postgres). Both speak PostgreSQL's SQL,
 * so one schema and one set of migrations serve both.
 * The drivers are optional peer dependencies, imported only when chosen.
 */
export interface QueryResult<Row> {
  readonly rows: Row[];
  readonly rowCount: number;
}

export interface Sql {
  /** One statement with `$1`-style parameters. */
  query<Row = Record<string, unknown>>(text: string, params?: readonly unknown[]): Promise<QueryResult<Row>>;
  /** Statements without parameters, separated by `;` (migrations). */
  exec(text: string): Promise<void>;
}

export interface Database extends Sql {
  readonly kind: 'pglite' | 'postgres';
  /** Runs `fn` in one transaction on one connection: committed if it resolves, rolled back if it throws. */
  transaction<T>(fn: (tx: Sql) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** `postgres://…` for a PostgreSQL server; otherwise PGlite in `dataDir`. */
  readonly databaseUrl?: string | undefined;
  /** PGlite's directory (created if absent). `memory://` keeps it in memory (tests). */
  readonly dataDir?: string | undefined;
  /** Connections to a PostgreSQL server. @default 10 */
  readonly poolSize?: number | undefined;
}

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  return options.databaseUrl ? openPostgres(options.databaseUrl, options.poolSize ?? 10) : openPglite(options.dataDir ?? './consent-log-data');
}

async function peer<T>(name: string, load: () => Promise<T>): Promise<T> {
  try {
    return await load();
  } catch (error) {
    throw new Error(
      `nexus-consent/server: the optional dependency "${name}" is missing. Install the receiver's dependencies: ` +
        'npm install hono @hono/node-server valibot @electric-sql/pglite pg',
      { cause: error },
    );
  }
}

async function openPglite(dataDir: string): Promise<Database> {
  const { PGlite } = await peer('@electric-sql/pglite', () => import('@electric-sql/pglite'));
  const db = await PGlite.create(dataDir);
  const wrap = (q: Pick<typeof db, 'query' | 'exec'>): Sql => ({
    async query<Row>(text: string, params: readonly unknown[] = []) {
      const result = await q.query<Row>(text, params as unknown[]);
      return { rows: result.rows, rowCount: result.affectedRows ?? result.rows.length };
    },
    async exec(text: string) {
      await q.exec(text);
    },
  });
  return {
    kind: 'pglite',
    ...wrap(db),
    transaction: (fn) => db.transaction((tx) => fn(wrap(tx))),
    close: () => db.close(),
  };
}

async function openPostgres(url: string, max: number): Promise<Database> {
  const pg = await peer('pg', () => import('pg'));
  const Pool = pg.default?.Pool ?? (pg as unknown as typeof pg.default).Pool;
  // A connection the server drops (a restart) must not crash the process: the pool replaces it.
  const pool = new Pool({ connectionString: url, max, connectionTimeoutMillis: 5000 });
  pool.on('error', () => {});
  const wrap = (q: { query: (text: string, params?: unknown[]) => Promise<{ rows: unknown[]; rowCount: number | null }> }): Sql => ({
    async query<Row>(text: string, params: readonly unknown[] = []) {
      const result = await q.query(text, params as unknown[]);
      return { rows: result.rows as Row[], rowCount: result.rowCount ?? result.rows.length };
    },
    async exec(text: string) {
      await q.query(text);
    },
  });
  return {
    kind: 'postgres',
    ...wrap(pool),
    async transaction(fn) {
      const client = await pool.connect();
      let broken: unknown;
      try {
        await client.query('BEGIN');
        const value = await fn(wrap(client));
        await client.query('COMMIT');
        return value;
      } catch (error) {
        broken = error;
        await client.query('ROLLBACK').catch(() => {});
        throw error;
      } finally {
        // A connection that failed mid-transaction may be dead: do not give it back.
        client.release(broken instanceof Error && !('code' in broken) ? broken : undefined);
      }
    },
    close: () => pool.end(),
  };
}
