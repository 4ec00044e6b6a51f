// The page's service worker: cross-origin isolation on any static host, and the playground offline
// after the first visit. Registered by web/main.js from the page's own folder.
//
// Isolation: a static host (GitHub Pages, a university's web space, an LMS's file area) cannot send
// COOP/COEP, so the page never gets shared memory and trains on one thread. Every response this
// worker hands the page gets Cross-Origin-Opener-Policy and Cross-Origin-Embedder-Policy added
// where the host sent none (a host that sends them is left as it is): from the second load on the
// page is cross-origin isolated (main.js reloads once, at the first visit).
//
// Offline: the page's code is kept in a cache named by the build's content hash (CODE), fetched
// whole and checked against its hashes when this worker installs, so old code and new never mix;
// the data chunks a student used are kept in a cache named by the hash of the data (DATA), filled
// as they download, each checked against its hash. A new build's worker waits until no page runs the old code (or the page asks
// it to take over: main.js's "Reload" on its update note); on taking over it deletes the caches
// of other builds.
'use strict';
// Written by scripts/sw_stamp.mjs when the page is built (the build's files and their hashes):
const BUILD = {"version":"unstamped","data":"unstamped","files":{},"chunks":{}};

// Cache names carry the scope's key: two playgrounds on one origin (course1/, course2/) keep their own.
importScripts('bytes.js');  // fnv1a
const PREFIX = `dlp-${fnv1a(self.registration.scope)}-`;
const CODE = PREFIX + 'code-' + BUILD.version;
const DATA = PREFIX + 'data-' + BUILD.data;
// Chunks the page downloaded at its first visit, before this worker ran it (web/offline.js: stash):
// taken from here rather than downloaded again, then this cache goes.
const STAGED = PREFIX + 'staged';
const scope = new URL(self.registration.scope);
const local = (url) => url.origin === scope.origin && url.pathname.startsWith(scope.pathname);
const fileOf = (url) => url.pathname.slice(scope.pathname.length) || 'index.html';
const isChunk = (name) => name in BUILD.chunks;

// What a kept response carries: its type, and the isolation headers, so it is handed to the page as
// kept (the browser then keeps the compiled code of a kept .wasm and .js between visits, which it
// does not for a response made anew at each fetch).
// (X-Bytes: its size, read by kept() without reading the body.)
const ISOLATION = { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' };
const keptHeaders = (type, bytes) => ({ 'Content-Type': type, ...ISOLATION, 'X-Bytes': String(bytes.byteLength) });
// This folder's caches go, but those named (the build's own).
const dropCaches = async (keep = []) => {
  for (const name of await caches.keys()) if (name.startsWith(PREFIX) && !keep.includes(name)) await caches.delete(name);
};
const hex = (buf) => [...new Uint8Array(buf)].map((b) => b.toString(16).padStart(2, '0')).join('');
const sha256 = async (bytes) => hex(await crypto.subtle.digest('SHA-256', bytes));
// A data chunk's bytes as this build has them, kept (others are not: another build's data).
async function keepChunk(cache, name, bytes) {
  if ((await sha256(bytes)) !== BUILD.chunks[name]) return false;
  await cache.put(new URL(name, scope).href, new Response(bytes, { headers: keptHeaders('application/gzip', bytes) }));
  return true;
}
// Fetches every file of this build, checks its bytes against the build's hash, and keeps them: all
// or none (a host that already serves a newer build fails the check, and that build's worker
// installs instead).
async function keepCode() {
  const cache = await caches.open(CODE);
  const got = await Promise.all(Object.entries(BUILD.files).map(async ([name, sha]) => {
    const r = await fetch(new Request(new URL(name, scope), { cache: 'no-cache' }));
    if (!r.ok) throw new Error(`${name}: HTTP ${r.status}`);
    const bytes = await r.arrayBuffer();
    if ((await sha256(bytes)) !== sha) throw new Error(`${name} is not this build's (another build is on the server)`);
    return [name, bytes, r.headers.get('Content-Type') || 'application/octet-stream'];
  }));
  await Promise.all(got.map(([name, bytes, type]) =>
    cache.put(new URL(name, scope).href, new Response(bytes, { headers: keptHeaders(type, bytes) }))));
}

self.addEventListener('install', (e) => { e.waitUntil(keepCode()); });
let removed = false;  // the student removed the offline copy (the Data panel): pass everything through

// Caches of other builds go once this one runs the pages (not while it waits: pages of the old build
// may still ask theirs for a file).
self.addEventListener('activate', (e) => {
  e.waitUntil((async () => {
    await dropCaches([CODE, DATA, STAGED]);
    await self.clients.claim();  // the page of a first visit uses it from now on (its data chunks are kept)
  })());
});

// What the page may ask: take over now (the student chose to reload into the new build), keep a
// data set's chunks (those that downloaded before this worker ran the page), say what is kept, or
// remove it all.
self.addEventListener('message', (e) => {
  const m = e.data || {};
  const answer = (body) => e.ports[0] && e.ports[0].postMessage(body);
  if (m.type === 'take-over') self.skipWaiting();
  else if (m.type === 'keep-data' && Array.isArray(m.files)) e.waitUntil(keepData(m.files).then(answer, (err) => answer({ error: String(err) })));
  else if (m.type === 'kept') e.waitUntil(kept().then(answer));
  else if (m.type === 'remove') {
    removed = true;  // this worker still runs the page until it is left: it keeps nothing more
    e.waitUntil((async () => {
      await dropCaches();
      answer({ removed: true });
    })());
  }
});

async function keepData(files) {
  const cache = await caches.open(DATA);
  for (const f of files) {
    const name = 'assets/' + f, href = new URL(name, scope).href;
    if (!isChunk(name) || await cache.match(href)) continue;
    const staged = await caches.match(href, { cacheName: STAGED });
    if (staged && await keepChunk(cache, name, await staged.arrayBuffer())) continue;
    const r = await fetch(href);
    if (r.ok) await keepChunk(cache, name, await r.arrayBuffer());
  }
  await caches.delete(STAGED);
  return kept();
}

// What is kept, in bytes: this build's code, and the data chunks by data set (the name before the
// chunk's split: mnist-train-03.gz is MNIST's).
async function kept() {
  const out = { code: 0, data: {} };
  for (const [which, name] of [['code', CODE], ['data', DATA]]) {
    if (!(await caches.has(name))) continue;
    const cache = await caches.open(name);
    for (const req of await cache.keys()) {
      const size = +(await cache.match(req)).headers.get('X-Bytes') || 0;  // the headers only, not the body
      if (which === 'code') out.code += size;
      else {
        const set = fileOf(new URL(req.url)).slice('assets/'.length).replace(/-(train|test)-\d+\.gz$/, '');
        out.data[set] = (out.data[set] || 0) + size;
      }
    }
  }
  return out;
}

// The response the page gets: the host's headers, with COOP/COEP where the host sent none. (A body
// the network unpacked on the way has no Content-Encoding any more.)
function isolated(r) {
  if (r.type === 'opaque' || r.type === 'opaqueredirect' || r.status === 0) return r;
  const h = new Headers(r.headers);
  if (Object.keys(ISOLATION).every((k) => h.has(k))) return r;
  for (const [k, v] of Object.entries(ISOLATION)) h.set(k, v);
  h.delete('Content-Encoding');
  h.delete('Content-Length');
  return new Response(r.body, { status: r.status, statusText: r.statusText, headers: h });
}

async function respond(req, e) {
  const url = new URL(req.url);
  const name = fileOf(url);
  // The code: this build's, from its cache (then from the network if the cache lost it).
  if (name in BUILD.files) {
    const hit = await caches.match(new URL(name, scope).href, { cacheName: CODE });
    if (hit) return hit;  // kept with its headers
    return isolated(await fetch(req));
  }
  // A data chunk: from the cache, else downloaded and kept.
  if (isChunk(name)) {
    const cache = await caches.open(DATA);
    const hit = await cache.match(url.href);
    if (hit) return hit;
    const r = await fetch(req);
    // Kept while the page reads it (storage full: served all the same, and not kept).
    if (r.ok && r.status === 200) e.waitUntil(r.clone().arrayBuffer().then((bytes) => keepChunk(cache, name, bytes)).catch(() => {}));
    return isolated(r);
  }
  return isolated(await fetch(req));
}

// Only the playground's own files and chunks (and its page's navigations): other pages of the site
// go the browser's own way, without the isolation headers they may not want.
self.addEventListener('fetch', (e) => {
  const url = new URL(e.request.url);
  if (e.request.method !== 'GET' || !local(url)) return;
  const name = fileOf(url);
  if (!(name in BUILD.files) && !isChunk(name)) return;
  if (removed) { e.respondWith(fetch(e.request).then(isolated)); return; }
  e.respondWith(respond(e.request, e));
});
