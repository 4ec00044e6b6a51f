// dlp-bench's kernel tables (GEMM forms against the SIMD128 ceiling, scalar and Eigen; the
// smaller kernels against their scalar references) in headless Chromium, the browser students
// use, rather than node. With --models, dlp-bench's models instead: the SIMD128 ceiling, then each
// model's step breakdown (per layer, and as a share of that ceiling), training and inference.
// With --worker, in a Web Worker (where the playground trains) rather than on the page's thread.
// Usage: node bench/kernels.mjs [--quick] [--models] [--worker] (make bench-engine; needs the wasm build).
import { resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { startServer } from '../scripts/serve.mjs';
import { copyBenchPage, runBenchPage } from './dlp_bench_page.mjs';

const flag = (f) => process.argv.includes(f);
const root = resolve('build/bench-kernels');
copyBenchPage(root, { models: flag('--models') });
const server = await startServer(root, 0, { csp: false });
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
});
const lines = await runBenchPage(browser, `http://127.0.0.1:${server.address().port}/`,
  { quick: flag('--quick'), models: flag('--models'), worker: flag('--worker') });
const version = await browser.version();
console.log(lines.join('\n').replace(/\(wasm, SIMD128, ([^)]*)\)/, `(wasm, SIMD128, $1, headless Chromium ${version}${flag('--worker') ? ', in a Web Worker' : ''})`));
await browser.close();
server.close();
