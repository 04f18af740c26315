/**
 * nexus-consent/server — the consent-log receiver (README "Consent log").
 * Node and edge runtimes; its dependencies (hono, valibot, @electric-sql/pglite
 * or pg, @hono/node-server on Node) are optional peers, installed by sites that run it.
 */
export { createConsentLogApp } from './app.js';
export type { ConsentLogAppOptions } from './app.js';
export { createConsentLog, retentionCut, DEFAULT_RETENTION_MONTHS } from './consent-log-server.js';
export type { ConsentLog, ConsentLogOptions } from './consent-log-server.js';
export { createNodeConsentLog, listenConsentLog, nodeClientAddress } from './node.js';
export { nodeReadBody } from './read-body.js';
export type { NodeConsentLog, NodeConsentLogOptions } from './node.js';
export { settingsFromEnv } from './env.js';
export type { ServerSettings } from './env.js';
export { checkReceipt, ReceiptSchema } from './receipt-schema.js';
export { truncateIp } from './rate-limit.js';
export { openDatabase } from './storage/database.js';
export type { Database, DatabaseOptions } from './storage/database.js';
export { migrate, MIGRATIONS } from './storage/migrations.js';
export { createReceiptStore } from './storage/receipts.js';
export type { ReceiptStore, StoredReceipt } from './storage/receipts.js';
export type { ConsentReceipt, ReceiptMethod } from '../consent-log/receipt.js';
