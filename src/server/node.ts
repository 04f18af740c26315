/**
 * The receiver on Node: an http server (or a listener to mount in an existing
 * app), the sender's address from the socket, or from X-Forwarded-For behind
 * a trusted proxy.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getRequestListener, serve } from '@hono/node-server';
import type { Context } from 'hono';
import { createConsentLog, type ConsentLog, type ConsentLogOptions } from './consent-log-server.js';
import { nodeReadBody } from './read-body.js';

export interface NodeConsentLogOptions extends ConsentLogOptions {
  /** Read the sender's address from the last X-Forwarded-For hop (behind a proxy you run). @default false */
  readonly trustProxy?: boolean;
}

/** The sender's address: the socket's, or the proxy's X-Forwarded-For when trusted. */
export function nodeClientAddress(trustProxy: boolean) {
  return (c: Context): string | undefined => {
    if (trustProxy) {
      const forwarded = c.req.header('x-forwarded-for')?.split(',').pop()?.trim();
      if (forwarded) return forwarded;
    }
    const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
    return incoming?.socket.remoteAddress;
  };
}

export interface NodeConsentLog extends ConsentLog {
  /** `(req, res)` for `http.createServer` or `app.use('/consent-log', listener)` in Express. */
  readonly listener: (req: IncomingMessage, res: ServerResponse) => Promise<void>;
}

export async function createNodeConsentLog(options: NodeConsentLogOptions = {}): Promise<NodeConsentLog> {
  const log = await createConsentLog({ clientAddress: nodeClientAddress(options.trustProxy ?? false), readBody: nodeReadBody, ...options });
  return { ...log, listener: getRequestListener(log.app.fetch) as NodeConsentLog['listener'] };
}

/** Starts an http server; resolves once it listens. `close()` stops both server and database. */
export async function listenConsentLog(
  options: NodeConsentLogOptions & { readonly port?: number; readonly host?: string },
): Promise<NodeConsentLog & { readonly port: number }> {
  const log = await createNodeConsentLog(options);
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: log.app.fetch, port: options.port ?? 8787, hostname: options.host ?? '127.0.0.1' }, (info: AddressInfo) =>
      resolve({
        ...log,
        port: info.port,
        async close() {
          await new Promise<void>((done) => {
            server.close(() => done());
            (server as { closeAllConnections?: () => void }).closeAllConnections?.();
          });
          await log.close();
        },
      }),
    );
    server.on('error', (error) => {
      void log.close();
      reject(error);
    });
  });
}
