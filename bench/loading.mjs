// Loading on localhost: time from navigation to the first drawn frame, to ready to train (the
// playground drawn, the first chunk of training digits in and one step done), and to the whole
// MNIST training set in; and the bytes the page downloads for code and data, as the browser
// counted them (Resource Timing transferSize: headers and compressed bodies).
// Usage: node bench/loading.mjs (needs the wasm build)
import { launch } from '../tests/e2e/browser.mjs';

const env = await launch();
const runs = [];
for (let i = 0; i < 7; i++) {
  const page = await env.browser.newPage({ viewport: { width: 1280, height: 720 } });
  await page.goto(env.url);
  runs.push(await page.evaluate(async () => {
    await window.playground.ready;
    await window.playground.train(1);  // ready to train: one step has run on the digits in
    const stepDone = performance.now();
    while (window.playground.state().trainIn < window.playground.state().trainTotal) await new Promise((r) => setTimeout(r, 10));
    await new Promise((r) => setTimeout(r, 50));  // the last resource entries
    const mark = (name) => performance.getEntriesByName(name)[0]?.startTime ?? NaN;
    const bytes = { code: 0, data: 0, files: 0 };
    for (const e of performance.getEntriesByType('resource')) {
      const data = /\/assets\//.test(e.name);
      bytes[data ? 'data' : 'code'] += e.transferSize;
      bytes.files++;
    }
    // Times from navigation start, as marked by the page itself (web/main.js, main_web.cpp).
    return { script: mark('main.js'), wasm: mark('dlp:wasm-ready'), first: mark('dlp:first-frame'), ready: mark('dlp:ready'),
      chunk: mark('dlp:mnist:first-train-chunk'), stepDone, allIn: mark('dlp:mnist:all-in'), ...bytes };
  }));
  await page.close();
}
await env.close();
const median = (k) => runs.map((r) => r[k]).sort((a, b) => a - b)[runs.length >> 1];
const ms = (k) => `${median(k).toFixed(0)} ms`;
const mb = (k) => `${(median(k) / 1e6).toFixed(2)} MB`;
console.log(`median of ${runs.length} loads on localhost:`);
console.log(`  first drawn frame ${ms('first')}; ready to train (one step done) ${ms('stepDone')}; all 60,000 training digits in ${ms('allIn')}`);
console.log(`  page's first script ${ms('script')}, wasm compiled ${ms('wasm')}, playground drawn ${ms('ready')}, first training chunk in ${ms('chunk')}`);
console.log(`  bytes sent: code ${mb('code')}, data ${mb('data')} (MNIST: catalog, 12 training and 2 test chunks)`);
