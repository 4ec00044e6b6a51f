// dlp-bench's kernel tables (GEMM forms against the SIMD128 ceiling, scalar and Eigen; the
// smaller kernels against their scalar references) in headless Chromium, the browser students
// use, rather than node. Usage: node bench/kernels.mjs [--quick] (make bench-engine; needs the wasm build).
import { cpSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { startServer } from '../scripts/serve.mjs';

const root = resolve('build/bench-kernels');
mkdirSync(root, { recursive: true });
cpSync('bench/kernels', root, { recursive: true });
for (const f of ['dlp-bench-web.js', 'dlp-bench-web.wasm']) cpSync(join('build/wasm', f), join(root, f));

const server = await startServer(root, 0, { csp: false });
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
});
const page = await browser.newPage();
page.on('pageerror', (e) => console.error(String(e)));
const quick = process.argv.includes('--quick') ? '?quick' : '';
await page.goto(`http://127.0.0.1:${server.address().port}/${quick}`);
await page.waitForFunction(() => window.benchDone, null, { timeout: 600000, polling: 1000 });
const version = await browser.version();
const lines = await page.evaluate(() => window.benchLines);
console.log(lines.join('\n').replace('(wasm, SIMD128, single thread)', `(wasm, SIMD128, single thread, headless Chromium ${version})`));
await browser.close();
server.close();
