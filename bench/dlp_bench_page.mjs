// dlp-bench in a browser page (bench/kernels/: run.js, worker.js): the files copied into a
// directory a server serves, and one run of it in an open browser. Used by bench/kernels.mjs
// (the tables) and bench/peers.mjs (the ceiling and the models beside the page's own figures).
import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const MNIST = ['mnist-train-images.idx', 'mnist-train-labels.idx', 'mnist-test-images.idx', 'mnist-test-labels.idx'];

// Copies the page and the wasm build's dlp-bench-web into dir (with the MNIST files for models).
export function copyBenchPage(dir, { models = false } = {}) {
  mkdirSync(dir, { recursive: true });
  cpSync('bench/kernels', dir, { recursive: true });
  for (const f of ['dlp-bench-web.js', 'dlp-bench-web.wasm']) cpSync(join('build/wasm', f), join(dir, f));
  if (!models) return;
  mkdirSync(join(dir, 'data'), { recursive: true });
  for (const f of MNIST) cpSync(join('build/wasm/data', f), join(dir, 'data', f));
  // What run.js fetches into the wasm file system.
  writeFileSync(join(dir, 'data', 'files.json'), JSON.stringify(MNIST));
}

// Runs it at url (the copied directory, served) in a new page of browser; its output lines.
// quick: shorter timings; models: the models rather than the kernel tables; ceiling: only the
// SIMD128 ceiling; worker: in a Web Worker.
export async function runBenchPage(browser, url, { quick = false, models = false, ceiling = false, worker = false } = {}) {
  const page = await browser.newPage();
  page.on('pageerror', (e) => console.error(String(e)));
  const query = new URLSearchParams();
  if (quick) query.set('quick', '');
  if (models) query.set('models', '');
  if (ceiling) query.set('ceiling', '');
  if (worker) query.set('worker', '');
  await page.goto(`${url}?${query}`);
  await page.waitForFunction(() => window.benchDone, null, { timeout: 600000, polling: 1000 });
  const lines = await page.evaluate(() => window.benchLines);
  await page.close();
  return lines;
}

// From --ceiling-only output: the ceiling in GFLOP/s.
export function parseCeiling(lines) {
  for (const l of lines) {
    const m = l.match(/^SIMD128 ceiling for GEMM .*: ([\d.]+) GFLOP\/s/);
    if (m) return +m[1];
  }
  return NaN;
}

// From --models output: the ceiling measured before the models, and each model's training rate
// and FLOPs per example from its step breakdown line.
export function parseModels(lines) {
  const out = { ceiling: NaN, models: {} };
  for (const l of lines) {
    let m = l.match(/^SIMD128 ceiling, measured just before the models: ([\d.]+) GFLOP\/s/);
    if (m) out.ceiling = +m[1];
    m = l.match(/^(.+?): [\d.]+ ms per step of 32 \((\d+) examples\/s\), ([\d.]+) MFLOP per example/);
    if (m) out.models[m[1]] = { rate: +m[2], flopsPerExample: +m[3] * 1e6 };
  }
  return out;
}
