// Types for scripts/serve.mjs, which browser tests import to start a server of their own.
import type { Server } from 'node:http';

export function startServer(options: {
  root: string;
  port?: number;
  host?: string;
  headers?: Record<string, string>;
  spa?: boolean;
  /** true, or the markup middleware's options (dist/markup.mjs). */
  markup?: boolean | Record<string, unknown>;
}): Promise<Server>;
