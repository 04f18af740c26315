#!/usr/bin/env node
/**
 * `npx nexus-consent-server [serve|migrate|purge]` — configured by environment
 * variables (README "Consent log"):
 *   serve (default)  run the receiver until SIGINT/SIGTERM
 *   migrate          apply the migrations and exit
 *   purge            delete receipts older than CONSENT_LOG_RETENTION_MONTHS and exit (run it daily, e.g. from cron)
 */
import { createConsentLog } from './consent-log-server.js';
import { settingsFromEnv } from './env.js';
import { listenConsentLog } from './node.js';

const command = process.argv[2] ?? 'serve';
const say = (line: string) => process.stderr.write(`nexus-consent-server: ${line}\n`);

try {
  const settings = settingsFromEnv(process.env);
  const where = settings.databaseUrl ? 'PostgreSQL (DATABASE_URL)' : `PGlite in ${settings.dataDir}`;
  if (command === 'migrate' || command === 'purge') {
    const log = await createConsentLog(settings);
    if (command === 'purge') say(`purged ${await log.purge()} receipts older than ${settings.retentionMonths} months (${where})`);
    else say(`schema up to date (${where})`);
    await log.close();
  } else if (command === 'serve') {
    const server = await listenConsentLog(settings);
    say(`listening on http://${settings.host}:${server.port} — ${where}; POST /v1/receipts`);
    let stopping = false;
    const stop = () => {
      if (stopping) return;
      stopping = true;
      void server.close().then(() => process.exit(0));
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  } else {
    say(`unknown command "${command}": serve, migrate or purge`);
    process.exit(2);
  }
} catch (error) {
  say(error instanceof Error ? error.message : String(error));
  process.exit(1);
}
