// Loading: time from navigation to the first drawn frame and to "ready to train" on localhost,
// and the size of the code and data the page downloads (raw and gzip).
// Usage: node bench/loading.mjs (needs the wasm build)
import { readFileSync, statSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { launch } from '../tests/e2e/browser.mjs';

const web = 'build/wasm/web';
const size = (f) => { const b = readFileSync(join(web, f)); return [b.length, gzipSync(b, { level: 9 }).length]; };
const kb = (n) => `${(n / 1024).toFixed(0)} KB`;
const code = ['playground.wasm', 'playground.js', 'main.js', 'index.html', 'playground.css'];
const data = ['mnist-train-images.idx', 'mnist-train-labels.idx', 'mnist-test-images.idx', 'mnist-test-labels.idx'].map((f) => `assets/${f}`);
let codeRaw = 0, codeGz = 0, dataRaw = 0, dataGz = 0;
for (const f of code) { const [r, g] = size(f); codeRaw += r; codeGz += g; console.log(`${f}: ${kb(r)} raw, ${kb(g)} gzip`); }
for (const f of data) { const [r, g] = size(f); dataRaw += r; dataGz += g; }
console.log(`code: ${kb(codeRaw)} raw, ${kb(codeGz)} gzip; MNIST data: ${kb(dataRaw)} raw, ${kb(dataGz)} gzip`);

const env = await launch();
const runs = [];
for (let i = 0; i < 7; i++) {
  const page = await env.browser.newPage({ viewport: { width: 1280, height: 720 } });
  await page.goto(env.url);
  runs.push(await page.evaluate(async () => {
    await window.playground.ready;
    await window.playground.train(1);  // ready to train: one step runs
    const mark = (name) => performance.getEntriesByName(name)[0]?.startTime ?? NaN;
    // Times from navigation start, as marked by the page itself (web/main.js, main_web.cpp).
    return { script: mark('main.js'), wasm: mark('dlp:wasm-ready'), first: mark('dlp:first-frame'), data: mark('dlp:data-in'),
      ready: mark('dlp:ready'), stepDone: performance.now() };
  }));
  await page.close();
}
await env.close();
const median = (k) => runs.map((r) => r[k]).sort((a, b) => a - b)[runs.length >> 1];
const ms = (k) => `${median(k).toFixed(0)} ms`;
console.log(`navigation to first drawn frame: ${ms('first')} (median of ${runs.length}); to ready to train (digits in, playground drawn): ${ms('ready')}`);
console.log(`  page's first script ${ms('script')}, wasm compiled ${ms('wasm')}, digits written ${ms('data')}`);
