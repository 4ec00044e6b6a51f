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
const times = [];
for (let i = 0; i < 5; i++) {
  const page = await env.browser.newPage({ viewport: { width: 1280, height: 720 } });
  await page.goto(env.url);
  const t = await page.evaluate(async () => {
    await window.playground.ready;  // resolves on the first drawn frame, after data and model are in
    const first = performance.now();
    await window.playground.train(1);  // ready to train: one step runs
    const script = performance.getEntriesByName('main.js')[0].startTime;  // the page's first own script
    return [first, performance.now(), script];
  });
  times.push(t);
  await page.close();
}
await env.close();
times.sort((a, b) => a[0] - b[0]);
const [first, trained, script] = times[2];
console.log(`navigation to first frame: ${first.toFixed(0)} ms (median of 5); to the first training step done: ${trained.toFixed(0)} ms`);
console.log(`  of which before the page's first script runs (browser start-up of the page): ${script.toFixed(0)} ms;` +
  ` from the first script to the first frame: ${(first - script).toFixed(0)} ms`);
