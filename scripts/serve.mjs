#!/usr/bin/env node
// A dependency-free static server for the demo and the browser tests.
//   node scripts/serve.mjs <root> [--port 8080] [--spa]
// Serves <root> at "/" and the built SDK (dist/) at "/dist/". Paths are confined
// to those folders. Port 0 picks a free port; the URL is printed on start.
// For the benchmarks, an HTML page requested with `?nexus-consent=off` comes
// without the SDK's <script> tag: the same page, served the same way, minus the SDK.
// With --spa (a single-page app, examples/spa), a path with no file extension that
// matches no file is answered with <root>/index.html, so client-side routes such as
// /offres survive a reload or a deep link.
// With --markup, every HTML page passes through the markup step's middleware
// (dist/markup.mjs, so build first): tracker tags are marked up before the browser
// sees them, in the light of the request's consent cookie. --markup-config <file>
// gives it the site's consent config (an ES module's default export).
import { createReadStream, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.gif': 'image/gif',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
};

export async function startServer({ root, port = 0, host = '127.0.0.1', headers = {}, spa = false, markup = false }) {
  const through = markup ? await markupStep(markup === true ? {} : markup) : (req, res, next) => next();
  const repo = resolve(fileURLToPath(import.meta.url), '../..');
  const mounts = [
    ['/dist/', resolve(repo, 'dist')],
    ['/', resolve(root)],
  ];
  const server = createServer((req, res) => through(req, res, () => serve(req, res)));
  function serve(req, res) {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const [prefix, dir] = mounts.find(([p]) => url.pathname.startsWith(p));
    let path = normalize(join(dir, decodeURIComponent(url.pathname.slice(prefix.length))));
    if (path !== dir && !path.startsWith(dir + sep)) return send(res, 403, 'forbidden');
    try {
      if (statSync(path).isDirectory()) path = join(path, 'index.html');
      statSync(path);
    } catch {
      const fallback = spa && prefix === '/' && extname(url.pathname) === '' ? join(dir, 'index.html') : undefined;
      if (!fallback || !statSync(fallback, { throwIfNoEntry: false })) return send(res, 404, 'not found');
      path = fallback;
    }
    res.writeHead(200, {
      'content-type': TYPES[extname(path)] ?? 'application/octet-stream',
      'cache-control': 'no-store',
      ...headers,
    });
    if (extname(path) === '.html' && url.searchParams.get('nexus-consent') === 'off') {
      res.end(readFileSync(path, 'utf8').replace(/<script src="\/dist\/nexus-consent\.min\.js"[^>]*><\/script>/, ''));
      return;
    }
    createReadStream(path).pipe(res);
  }
  return new Promise((done) => server.listen(port, host, () => done(server)));
}

async function markupStep(config) {
  const { markupMiddleware } = await import('../dist/markup.mjs');
  return markupMiddleware(config);
}

function send(res, status, text) {
  res.writeHead(status, { 'content-type': 'text/plain' });
  res.end(text);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const root = args.find((a, i) => !a.startsWith('--') && args[i - 1] !== '--markup-config' && args[i - 1] !== '--port') ?? '.';
  const portIndex = args.indexOf('--port');
  const port = portIndex >= 0 ? Number(args[portIndex + 1]) : Number(process.env.PORT ?? 8080);
  const configIndex = args.indexOf('--markup-config');
  const config = configIndex >= 0 ? (await import(pathToFileURL(resolve(args[configIndex + 1])).href)).default : undefined;
  const markup = config ?? args.includes('--markup');
  const server = await startServer({ root, port, spa: args.includes('--spa'), markup });
  const { port: actual } = server.address();
  console.log(`nexus-consent: serving ${root}${markup ? ' through the markup step' : ''} at http://localhost:${actual}/ (Ctrl+C to stop)`);
}
