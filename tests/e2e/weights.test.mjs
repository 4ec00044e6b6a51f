// Weights in and out: a .safetensors file written by the native CLI, dropped on the page, gives
// the same probabilities as the CLI; a file for another model is refused with a clear message.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, mkdtempSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { tmpdir } from 'node:os';
import { launch, openPage, release, shot, click } from './browser.mjs';

const cli = resolve(process.env.DLP_NATIVE_DIR || 'build/native', 'dlp-train');
const assets = resolve(process.env.DLP_NATIVE_DIR || 'build/native', 'data');
let env;
before(async () => { env = await launch(); });
after(async () => { await env?.close(); });

const softmax = (z) => { const m = Math.max(...z); const e = z.map((v) => Math.exp(v - m)); const s = e.reduce((a, b) => a + b); return e.map((v) => v / s); };

test('a CLI-trained .safetensors classifies the same in the page', { timeout: 180000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'dlp-'));
  const spec = 'conv5x5x4 relu maxpool2 dense32 relu dense10';
  execFileSync(cli, ['--model', spec, '--steps', '60', '--seed', '2', '--save', join(dir, 'm.safetensors'), '--data-dir', assets, '--json']);
  execFileSync(cli, ['--model', spec, '--load', join(dir, 'm.safetensors'), '--epochs', '0', '--dump', join(dir, 'dump.json'), '--data-dir', assets]);
  const dump = JSON.parse(readFileSync(join(dir, 'dump.json'), 'utf8'));
  const idx = readFileSync(join(assets, 'mnist-train-images.idx'));
  const images = [0, 1, 2, 3].map((i) => Array.from(idx.subarray(16 + i * 784, 16 + (i + 1) * 784)));
  const bytes = Array.from(readFileSync(join(dir, 'm.safetensors')));

  const { page, errors } = await openPage(env, { hash: '#v1&model=' + spec.replace(/ /g, '+') });
  await page.waitForFunction((s) => window.playground.state().spec === s, spec);
  // Drop the file on the page, as a user would drag it from their file manager.
  await page.evaluate((b) => {
    const dt = new DataTransfer();
    dt.items.add(new File([new Uint8Array(b)], 'm.safetensors'));
    window.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
  }, bytes);
  await page.waitForFunction(() => window.playground.state().status.startsWith('Loaded weights'), null, { timeout: 10000 });
  for (let i = 0; i < 4; i++) {
    const page_p = await page.evaluate((px) => window.playground.classify(px), images[i]);
    const cli_p = softmax(dump.logits.slice(i * 10, i * 10 + 10));
    page_p.forEach((p, c) => assert.ok(Math.abs(p - cli_p[c]) < 1e-6, `example ${i} class ${c}: page ${p} vs CLI ${cli_p[c]}`));
  }
  await shot(page, 'weights-loaded');

  // The same file on a different model: refused, weights unchanged, the reason shown.
  await page.evaluate(() => window.playground.load({ model: 'dense10' }));
  const before = await page.evaluate(() => window.playground.weightsHash());
  const ok = await page.evaluate((b) => window.playground.loadWeights(new File([new Uint8Array(b)], 'm.safetensors')), bytes);
  assert.equal(ok, false);
  const st = await page.evaluate(() => window.playground.state());
  assert.match(st.status, /Weights not loaded: safetensors: file has \d+ tensors, the model 2/);
  assert.equal(st.weightsHash, before);
  assert.deepEqual(errors, []);
  await release(env, page);
});

// A student opens the page and presses Train: the run is the one `make bench-accuracy` measures
// (the LeNet-5-like preset with its settings, seed 1, He init), step for step. Pause after some
// steps and the CLI, run to the same step, has the same weights.
test('pressing Train on a fresh page trains the benchmark run, bit for bit', { timeout: 240000 }, async () => {
  const { page, errors } = await openPage(env, { reuse: true });
  await page.waitForFunction(() => window.playground.state().trainIn === 60000, null, { timeout: 60000 });
  await click(page, 'train');
  await page.waitForFunction(() => window.playground.state().steps >= 200, null, { timeout: 120000 });
  await click(page, 'train');  // Pause
  await page.waitForFunction(() => !window.playground.state().training);
  const st = await page.evaluate(() => window.playground.state());
  const out = JSON.parse(execFileSync(cli, ['--model', 'lenet5', '--steps', String(st.steps), '--init', 'he', '--seed', '1', '--data-dir', assets, '--json']));
  assert.equal(out.steps, st.steps);
  assert.equal(st.weightsHash, out.weights_hash, `after ${st.steps} steps`);
  assert.deepEqual(errors, []);
  await page.close();
});
