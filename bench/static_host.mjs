// The playground from a static host (make dist served by Python's http.server: no COOP/COEP), with
// its service worker (web/sw.js) and without (a browser context that blocks service workers):
// - training examples/s of the default preset (LeNet-like, Adam) and the MLP 784-256-10 with the
//   same settings, batch 32, in the training worker: with the worker on 1 and 2 engine threads
//   (the page cross-origin isolated), without it on 1 (not isolated: the only choice there);
// - a second visit's time to the first drawn frame and to ready to train (one step done on the
//   digits in), with the network on and with the server stopped (the worker's copy), against a
//   second visit without the worker (the browser's HTTP cache only).
// Usage: node bench/static_host.mjs [SECONDS per measurement, default 10]  (make bench-peers; needs the wasm build)
import { execFileSync, spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { digitsIn, launch, webDir } from '../tests/e2e/browser.mjs';

const seconds = +(process.argv[2] || 10);
const dist = resolve('build/dist-bench');
execFileSync('scripts/dist.sh', [webDir, dist], { stdio: 'pipe' });
let server = null, port = 0;
async function serve() {
  server = spawn('/usr/bin/python3', ['-u', '-m', 'http.server', String(port), '--bind', '127.0.0.1', '--directory', dist], { stdio: ['ignore', 'pipe', 'ignore'] });
  port = await new Promise((ok) => { let out = ''; server.stdout.on('data', (d) => { out += d; const m = /port (\d+)/.exec(out); if (m) ok(+m[1]); }); });
}
const stop = async () => { const s = server; server = null; s.kill(); await new Promise((r) => s.once('exit', r)); };
await serve();
const url = `http://127.0.0.1:${port}/`;
const env = await launch({ url });
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const ready = (page) => page.waitForFunction(() => window.playground && window.playground.frames > 2, null, { timeout: 120000 });
const allIn = async (page) => {
  await page.waitForFunction(digitsIn, null, { timeout: 120000 });
  await page.waitForFunction(() => window.playground.state().workerThreads > 0, null, { timeout: 120000 });
};

// Steps over `seconds` of training (Space pressed, as a student does), after 2 s to warm up.
async function rate(page) {
  await page.evaluate(() => window.playground.panels([]));
  await page.focus('#canvas');
  await page.keyboard.press('Space');
  await page.waitForFunction(() => window.playground.state().training, null, { timeout: 10000 });
  await sleep(2000);
  const a = await page.evaluate(() => ({ steps: window.playground.state().steps, t: performance.now() }));
  await sleep(seconds * 1000);
  const b = await page.evaluate(() => ({ steps: window.playground.state().steps, t: performance.now(), threads: window.playground.state().workerThreads }));
  await page.keyboard.press('Space');
  return { perSecond: ((b.steps - a.steps) * 32) / ((b.t - a.t) / 1000), threads: b.threads };
}

const models = { 'LeNet-like (the default preset)': '', 'MLP 784-256-10': '#v1&model=dense256+relu+dense10' };
const rows = [];
// With the service worker: the first visit reloads once into isolation; then 1 and 2 threads.
const shim = await env.browser.newContext({ viewport: { width: 1280, height: 720 } });
{
  const page = await shim.newPage();
  await page.goto(url);
  await ready(page);
  if (!(await page.evaluate(() => window.crossOriginIsolated))) throw new Error('the service worker did not isolate the page');
  await allIn(page);
  await page.close();
}
for (const [name, hash] of Object.entries(models)) {
  const row = { name };
  for (const threads of [1, 2]) {
    const page = await shim.newPage();
    await page.goto(`${url}?threads=${threads}${hash}`);
    await ready(page);
    await allIn(page);
    const r = await rate(page);
    if (r.threads !== threads) throw new Error(`asked for ${threads} threads, the worker has ${r.threads}`);
    row[`shim${threads}`] = r.perSecond;
    await page.close();
  }
  const plain = await env.browser.newContext({ viewport: { width: 1280, height: 720 }, serviceWorkers: 'block' });
  const page = await plain.newPage();
  await page.goto(`${url}?threads=2${hash}`);
  await ready(page);
  await allIn(page);
  const r = await rate(page);
  row.plain = r.perSecond;
  row.plainThreads = r.threads;
  await plain.close();
  rows.push(row);
}

// A second visit: a new tab in the same browser profile, its marks (web/main.js, main_web.cpp) from
// navigation start; ready to train = one step done on the digits in.
async function visit(context, address) {
  const page = await context.newPage();
  await page.goto(address);
  const t = await page.evaluate(async () => {
    await window.playground.ready;
    await window.playground.train(1);
    const done = performance.now();
    return { first: performance.getEntriesByName('dlp:first-frame')[0]?.startTime ?? NaN, step: done };
  });
  await page.close();
  return t;
}
const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
async function visits(context, n = 5) {
  const v = [];
  for (let i = 0; i < n; i++) v.push(await visit(context, url));
  return { first: median(v.map((x) => x.first)), step: median(v.map((x) => x.step)) };
}
const plain = await env.browser.newContext({ viewport: { width: 1280, height: 720 }, serviceWorkers: 'block' });
await visit(plain, url);  // the first visit fills the HTTP cache
const second = { plain: await visits(plain), shim: await visits(shim) };
await stop();
second.offline = await visits(shim);
await plain.close();
await shim.close();
await env.close();

const eps = (v) => Math.round(v).toLocaleString('en-US');
console.log(`static host (python3 -m http.server, make dist), ${seconds} s per figure, batch 32, Adam 0.002 (the default preset's settings):`);
console.log('| model | with the service worker, 1 thread | with it, 2 threads | without it (not isolated) |');
console.log('|---|---|---|---|');
for (const r of rows) console.log(`| ${r.name} | ${eps(r.shim1)} | ${eps(r.shim2)} | ${eps(r.plain)} (${r.plainThreads} thread) |`);
console.log('');
console.log('second visit, median of 5 (ms from navigation start):');
console.log('| visit | first drawn frame | ready to train (one step done) |');
console.log('|---|---|---|');
const ms = (v) => `${Math.round(v)} ms`;
console.log(`| without the service worker (HTTP cache), network on | ${ms(second.plain.first)} | ${ms(second.plain.step)} |`);
console.log(`| with it, network on | ${ms(second.shim.first)} | ${ms(second.shim.step)} |`);
console.log(`| with it, server stopped | ${ms(second.offline.first)} | ${ms(second.offline.step)} |`);
