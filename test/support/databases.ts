/**
 * The two databases the consent-log receiver runs on, for its tests: PGlite
 * in memory, and a PostgreSQL server from DATABASE_URL (each test file in its
 * own schema, dropped at the end, so files can run side by side).
 *
 * Without DATABASE_URL the PostgreSQL tests fail with the way to get one,
 * unless CONSENT_LOG_SKIP_POSTGRES=1 says to skip them (.ci/run always sets
 * DATABASE_URL: there they run).
 */
import { randomBytes } from 'node:crypto';

export interface TestDatabase {
  readonly name: 'PGlite' | 'PostgreSQL';
  /** Options for openDatabase / createConsentLog. */
  options(): Promise<{ databaseUrl?: string; dataDir?: string }>;
  /** Drops what `options()` made. */
  cleanup(): Promise<void>;
}

export const POSTGRES_NEEDED =
  'These tests need a PostgreSQL server: set DATABASE_URL=postgres://user:password@host:port/database ' +
  '(on Debian/Ubuntu, `apt-get install postgresql` then `eval "export $(scripts/postgres-test-server.sh start)"` starts a throwaway one on port 5433; ' +
  '`scripts/postgres-test-server.sh stop` stops it). .ci/run does this itself. ' +
  'To run without PostgreSQL, set CONSENT_LOG_SKIP_POSTGRES=1 (then only PGlite is tested).';

export const skipPostgres = !process.env.DATABASE_URL && process.env.CONSENT_LOG_SKIP_POSTGRES === '1';

export function testDatabases(): TestDatabase[] {
  const pglite: TestDatabase = { name: 'PGlite', options: async () => ({ dataDir: 'memory://' }), cleanup: async () => {} };
  if (skipPostgres) return [pglite];
  let schema: string | undefined;
  const url = process.env.DATABASE_URL;
  const admin = async <T>(run: (q: (sql: string) => Promise<unknown>) => Promise<T>): Promise<T> => {
    const pg = (await import('pg')).default;
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      return await run((sql) => client.query(sql));
    } finally {
      await client.end();
    }
  };
  const postgres: TestDatabase = {
    name: 'PostgreSQL',
    async options() {
      if (!url) throw new Error(POSTGRES_NEEDED);
      schema = `test_${randomBytes(6).toString('hex')}`;
      await admin((q) => q(`CREATE SCHEMA ${schema}`));
      const withSchema = new URL(url);
      withSchema.searchParams.set('options', `-c search_path=${schema}`);
      return { databaseUrl: withSchema.href };
    },
    async cleanup() {
      if (url && schema) await admin((q) => q(`DROP SCHEMA ${schema} CASCADE`));
    },
  };
  return [pglite, postgres];
}
