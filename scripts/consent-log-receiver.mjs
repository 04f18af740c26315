// The consent-log receiver as a child process, for the browser tests and the bench: the
// published command (`node dist/consent-server.mjs`), on PGlite in a directory (kept across
// restarts) or on a PostgreSQL URL, killed, stopped and restarted at will.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const RECEIVER_TOKEN = 'receiver-test-token-0123456789';
const BIN = fileURLToPath(new URL('../dist/consent-server.mjs', import.meta.url));

export function receiver(options) {
  const url = `http://127.0.0.1:${options.port}`;
  let child;
  let output = '';
  const exited = () =>
    new Promise((resolve) => {
      if (!child || child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
    });
  return {
    url,
    token: RECEIVER_TOKEN,
    get pid() {
      return child?.pid;
    },
    async start() {
      output = '';
      // Another process on the port would answer the health check in our child's place.
      const taken = await fetch(`${url}/v1/health`).then(() => true, () => false);
      if (taken) throw new Error(`port ${options.port} is already taken: stop what listens there`);
      child = spawn(process.execPath, [BIN], {
        env: {
          ...process.env,
          PORT: String(options.port),
          HOST: '127.0.0.1',
          CONSENT_LOG_DATA_DIR: options.dataDir ?? '',
          DATABASE_URL: options.databaseUrl ?? '',
          CONSENT_LOG_ORIGINS: options.origins ?? '*',
          CONSENT_LOG_TOKEN: RECEIVER_TOKEN,
          CONSENT_LOG_RATE_LIMIT: '0',
          ...options.env,
        },
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      child.stderr.on('data', (chunk) => (output += String(chunk)));
      // Never outlive the process that started it (a crashed bench or test run).
      const own = child;
      process.once('exit', () => own.kill('SIGKILL'));
      const deadline = Date.now() + 120_000;
      for (;;) {
        if (child.exitCode !== null) throw new Error(`the receiver exited: ${output}`);
        try {
          if ((await fetch(`${url}/v1/health`)).ok) return;
        } catch {
          // Not listening yet.
        }
        if (Date.now() > deadline) throw new Error(`the receiver did not start in 120 s: ${output}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    },
    async kill() {
      child?.kill('SIGKILL');
      await exited();
    },
    async stop() {
      child?.kill('SIGTERM');
      await exited();
    },
    async history(recordId) {
      const response = await fetch(`${url}/v1/receipts/${recordId}`, { headers: { authorization: `Bearer ${RECEIVER_TOKEN}` } });
      if (!response.ok) throw new Error(`history: ${response.status}`);
      return (await response.json()).receipts;
    },
  };
}
