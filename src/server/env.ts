/**
 * The receiver's settings from environment variables (README "Consent log"):
 * each one checked, a bad value stops the start with a message naming it.
 */
import type { ConsentLogOptions } from './consent-log-server.js';

export interface ServerSettings extends ConsentLogOptions {
  readonly port: number;
  readonly host: string;
  readonly trustProxy: boolean;
}

export function settingsFromEnv(env: Readonly<Record<string, string | undefined>>): ServerSettings {
  const int = (name: string, fallback: number, min: number, max: number) => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < min || n > max) throw new Error(`${name}=${raw}: an integer from ${min} to ${max} expected`);
    return n;
  };
  const ip = env.CONSENT_LOG_IP ?? 'none';
  if (ip !== 'none' && ip !== 'truncated') throw new Error(`CONSENT_LOG_IP=${ip}: "none" or "truncated" expected`);
  const origins = (env.CONSENT_LOG_ORIGINS ?? '').split(',').map((o) => o.trim()).filter(Boolean);
  for (const origin of origins) {
    if (origin !== '*' && !/^https?:\/\/[^/?#]+$/.test(origin)) throw new Error(`CONSENT_LOG_ORIGINS: "${origin}" is not an origin such as https://www.example.fr`);
  }
  const token = env.CONSENT_LOG_TOKEN || undefined;
  if (token !== undefined && token.length < 16) throw new Error('CONSENT_LOG_TOKEN: at least 16 characters');
  const databaseUrl = env.DATABASE_URL || undefined;
  if (databaseUrl !== undefined && !/^postgres(ql)?:\/\//.test(databaseUrl)) throw new Error('DATABASE_URL: a postgres:// URL expected');
  return {
    port: int('PORT', 8787, 0, 65535),
    host: env.HOST || '127.0.0.1',
    trustProxy: env.CONSENT_LOG_TRUST_PROXY === '1' || env.CONSENT_LOG_TRUST_PROXY === 'true',
    databaseUrl,
    dataDir: env.CONSENT_LOG_DATA_DIR || './consent-log-data',
    poolSize: int('CONSENT_LOG_POOL_SIZE', 10, 1, 200),
    origins,
    token,
    ip,
    ratePerMinute: int('CONSENT_LOG_RATE_LIMIT', 120, 0, 1_000_000),
    retentionMonths: int('CONSENT_LOG_RETENTION_MONTHS', 66, 1, 1200),
  };
}
