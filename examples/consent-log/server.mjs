#!/usr/bin/env node
// The consent-log demo: a small site whose decisions are recorded by the receiver mounted in
// the same Node server (same origin: no CORS to set up), and a page that shows the visitor
// their own stored history.
//   npm run build && node examples/consent-log/server.mjs [--port 8790] [--data ./consent-log-data]
// Without --data the receipts live in memory (PGlite) until the server stops.
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createNodeConsentLog } from '../../dist/server.mjs';

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const port = Number(arg('port', 8790));
const here = fileURLToPath(new URL('.', import.meta.url));
const dist = fileURLToPath(new URL('../../dist/', import.meta.url));
const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8' };

const consentLog = await createNodeConsentLog({ dataDir: arg('data', 'memory://') });

/** The visitor's record id, from their consent cookie (`2.<id>.…`): the one history they may see. */
function recordIdOf(cookieHeader = '') {
  for (const part of cookieHeader.split(';')) {
    const [name, ...rest] = part.trim().split('=');
    if (name !== 'nexus_consent') continue;
    const id = decodeURIComponent(rest.join('=')).split('.')[1] ?? '';
    if (/^[A-Za-z0-9_-]{21}$/.test(id)) return id;
  }
  return undefined;
}

async function serveFile(res, root, path) {
  const file = normalize(join(root, path));
  if (!file.startsWith(root)) return res.writeHead(403).end();
  try {
    const body = await readFile(file);
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' }).end(body);
  } catch {
    res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
  }
}

const server = createServer(async (req, res) => {
  const url = new URL(req.url ?? '/', 'http://localhost');
  if (url.pathname.startsWith('/consent-log/')) {
    // The receiver, mounted: it sees /v1/receipts…
    req.url = req.url.slice('/consent-log'.length);
    return consentLog.listener(req, res);
  }
  if (url.pathname === '/mon-historique.json') {
    const id = recordIdOf(req.headers.cookie);
    const receipts = id ? await consentLog.store.history(id) : [];
    return res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' }).end(JSON.stringify({ recordId: id ?? null, receipts }));
  }
  if (url.pathname.startsWith('/dist/')) return serveFile(res, dist, url.pathname.slice('/dist/'.length));
  return serveFile(res, here, url.pathname === '/' ? 'index.html' : url.pathname.slice(1));
});
server.listen(port, '127.0.0.1', () => console.log(`consent-log demo: http://localhost:${port}/ (history: /historique.html)`));
const stop = () => server.close(() => void consentLog.close().then(() => process.exit(0)));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
