// Serves the built page (static files only) on 127.0.0.1. Sends COOP/COEP so the page is
// cross-origin isolated, and a strict Content-Security-Policy.
// Usage: node scripts/serve.mjs [DIR] [PORT]   (defaults: build/wasm/web 8080)
import { createServer } from 'node:http';
import { gzipSync } from 'node:zlib';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';

const root = resolve(process.argv[2] || 'build/wasm/web');
const port = Number(process.argv[3] || process.env.PORT || 8080);
const types = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.wasm': 'application/wasm', '.json': 'application/json', '.webmanifest': 'application/manifest+json', '.png': 'image/png',
  '.gz': 'application/gzip', '.txt': 'text/plain; charset=utf-8', '.glsl': 'text/plain; charset=utf-8', '.md': 'text/plain; charset=utf-8',
};

// The code compresses 3-5x; compressed once per file version, then from memory. The digits come
// compressed already (.gz chunks, unpacked by the page), as any static host would serve them.
const compressible = new Set(['.wasm', '.js', '.html', '.css', '.md', '.json', '.webmanifest', '.txt']);
const gzipCache = new Map();
function gzipped(file, body, mtimeMs) {
  const hit = gzipCache.get(file);
  if (hit && hit.mtimeMs === mtimeMs) return hit.gz;
  const gz = gzipSync(body, { level: 6 });
  gzipCache.set(file, { mtimeMs, gz });
  return gz;
}

// options.csp = false serves without the Content-Security-Policy (benchmark pages that load peers);
// options.isolate = false without COOP/COEP, as a plain static host or an LMS iframe has it (the
// page then trains on one thread); options.log(path) hears each request (tests).
export function startServer(dir = root, listenPort = port, options = {}) {
  const server = createServer(async (req, res) => {
    try {
      const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
      if (options.log) options.log(path);
      let file = normalize(join(dir, path));
      if (!file.startsWith(dir)) { res.writeHead(403).end('forbidden'); return; }
      let info = await stat(file).catch(() => null);
      if (info?.isDirectory()) { file = join(file, 'index.html'); info = await stat(file); }
      let body = await readFile(file);
      const headers = {
        'Content-Type': types[extname(file)] || 'application/octet-stream',
        'Cross-Origin-Opener-Policy': 'same-origin',
        'Cross-Origin-Embedder-Policy': 'require-corp',
        'Content-Security-Policy': "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data: blob:; connect-src 'self'",
        'Cache-Control': 'no-cache',
      };
      if (options.csp === false) delete headers['Content-Security-Policy'];
      if (options.isolate === false) { delete headers['Cross-Origin-Opener-Policy']; delete headers['Cross-Origin-Embedder-Policy']; }
      if (compressible.has(extname(file)) && /\bgzip\b/.test(req.headers['accept-encoding'] || '')) {
        body = gzipped(file, body, info.mtimeMs);
        headers['Content-Encoding'] = 'gzip';
        headers.Vary = 'Accept-Encoding';
      }
      res.writeHead(200, headers);
      res.end(body);
    } catch {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
    }
  });
  return new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(listenPort, '127.0.0.1', () => ok(server));
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  startServer().then((s) => {
    console.log(`Playground: http://127.0.0.1:${s.address().port}/   (serving ${root}; Ctrl-C stops)`);
  }, (e) => { console.error(`serve: ${e.message}`); process.exit(1); });
}
