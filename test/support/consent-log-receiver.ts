/**
 * The consent-log receiver for browser tests and the bench: the published
 * command (`node dist/consent-server.mjs`) in a child process, on PGlite in a
 * directory (kept across restarts) or on DATABASE_URL, stopped and restarted
 * at will.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const RECEIVER_TOKEN = 'browser-test-token-0123456789';
const BIN = fileURLToPath(new URL('../../dist/consent-server.mjs', import.meta.url));

export interface Receiver {
  readonly url: string;
  start(): Promise<void>;
  /** SIGKILL: the receiver dies as a crash would kill it. */
  kill(): Promise<void>;
  stop(): Promise<void>;
  history(recordId: string): Promise<{ method: string; updatedAt: number; pageUrl: string; [key: string]: unknown }[]>;
}

export function receiver(options: { port: number; dataDir?: string; databaseUrl?: string; origins?: string; env?: Record<string, string> }): Receiver {
  const url = `http://127.0.0.1:${options.port}`;
  let child: ChildProcess | undefined;
  let output = '';
  const exited = () =>
    new Promise<void>((resolve) => {
      if (!child || child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
    });
  return {
    url,
    async start() {
      output = '';
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
      child.stderr!.on('data', (chunk) => (output += String(chunk)));
      const deadline = Date.now() + 90_000;
      for (;;) {
        if (child.exitCode !== null) throw new Error(`the receiver exited: ${output}`);
        try {
          if ((await fetch(`${url}/v1/health`)).ok) return;
        } catch {
          // Not listening yet.
        }
        if (Date.now() > deadline) throw new Error(`the receiver did not start in 90 s: ${output}`);
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
