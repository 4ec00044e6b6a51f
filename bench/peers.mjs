// Training and inference speed of the playground's engine against jax-js 0.1.25 (on the page's
// thread and with its worker pool), TensorFlow.js 4.22 (wasm SIMD backend, and the cpu backend)
// and ConvNetJS 0.3, in one headless-Chromium run, same data and settings. Usage: node bench/peers.mjs (make bench-peers; needs the wasm build).
import { cpSync, mkdirSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { startServer } from '../scripts/serve.mjs';
import { digitsIn } from '../tests/e2e/browser.mjs';
import { copyBenchPage, parseCeiling, parseModels, runBenchPage } from './dlp_bench_page.mjs';

const root = resolve('build/bench-web'), nm = resolve('bench/node_modules');
mkdirSync(join(root, 'tfjs'), { recursive: true });
mkdirSync(join(root, 'convnetjs'), { recursive: true });
cpSync('build/wasm/web', root, { recursive: true, filter: (f) => !/fashion/.test(f) });
cpSync('bench/peers', root, { recursive: true });
// The peers read whole IDX files (the page itself streams its chunks).
for (const f of readdirSync('build/wasm/data').filter((f) => /^mnist-.*\.idx$/.test(f))) cpSync(join('build/wasm/data', f), join(root, 'assets', f));
cpSync(join(nm, '@tensorflow/tfjs/dist/tf.min.js'), join(root, 'tfjs/tf.min.js'));
const wasmDist = join(nm, '@tensorflow/tfjs-backend-wasm/dist');
for (const f of readdirSync(wasmDist).filter((f) => f.endsWith('.wasm') || f === 'tf-backend-wasm.min.js')) cpSync(join(wasmDist, f), join(root, 'tfjs', f));
cpSync(join(nm, 'convnetjs/build/convnet-min.js'), join(root, 'convnetjs/convnet-min.js'));
cpSync(join(nm, '@jax-js/jax/dist'), join(root, 'jaxjs'), { recursive: true, filter: (f) => !/\.(cjs|d\.c?ts)$/.test(f) });
copyBenchPage(join(root, 'dlp-bench'), { models: true });

const server = await startServer(root, 0, { csp: false });
const url = `http://127.0.0.1:${server.address().port}/`;
// The same files without COOP/COEP: no SharedArrayBuffer, so jax-js runs on the page's thread.
const plain = await startServer(root, 0, { csp: false, isolate: false });
const plainUrl = `http://127.0.0.1:${plain.address().port}/`;
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--use-gl=angle', '--use-angle=swiftshader', '--enable-unsafe-swiftshader', '--no-sandbox', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
});
const specs = { mlp: 'dense256 relu dense10', lenet: 'conv5x5x8 relu maxpool2 conv5x5x16 relu maxpool2 dense10' };
// The settings students train with: the presets' own (SGD 0.01 with momentum 0.9 and decay), the
// rate raised fivefold (SGD 0.05 with momentum 0.9), Adam, and plain SGD. Every library runs each
// with the same optimizer. Inference and accuracy do not depend on it: measured on the first.
const SETTINGS = {
  preset: { name: 'preset: SGD 0.01, momentum 0.9', opt: 'sgd', lr: 0.01, mom: 0.9, decay: 0.9, dsteps: 1875 },
  raised: { name: 'raised: SGD 0.05, momentum 0.9', opt: 'sgd', lr: 0.05, mom: 0.9, decay: 1, dsteps: 1000 },
  adam: { name: 'Adam 0.001', opt: 'adam', lr: 0.001, mom: 0, decay: 1, dsteps: 1000 },
  plain: { name: 'plain SGD 0.05', opt: 'sgd', lr: 0.05, mom: 0, decay: 1, dsteps: 1000 },
};

// This engine, in the playground page itself: its API trains in the page's training worker, as
// the Train button does (one engine thread, then two: the page is cross-origin isolated here).
// node bench/peers.mjs [engine] [jax] [tfjs-wasm] ... [--rounds N]: only these rows (all without
// arguments); N rounds (3 unless said). A shared machine's speed drifts by a fifth within minutes,
// so the rows the issue's goals compare (the engine on one thread, jax-js on the page's thread,
// TF.js-wasm on one thread) run once in each round, back to back, and each ratio is taken within a
// round; the table shows each row's median. The other rows (slow, or not compared) run in the first round only.
// --settings preset,adam: only these settings (all four unless said).
const args = process.argv.slice(2);
const valueOf = (flag) => { const i = args.indexOf(flag); return i >= 0 ? args[i + 1] : undefined; };
const rounds = valueOf('--rounds') ? Math.max(1, +valueOf('--rounds') || 1) : 3;
const settingKeys = valueOf('--settings') ? valueOf('--settings').split(',') : Object.keys(SETTINGS);
for (const k of settingKeys) if (!SETTINGS[k]) throw new Error(`unknown setting ${k} (${Object.keys(SETTINGS).join(', ')})`);
const only = args.filter((a, i) => !a.startsWith('--') && !['--rounds', '--settings'].includes(args[i - 1]));
const engineRows = !only.length || only.includes('engine');
const repeated = (lib, model) => lib === 'tfjs-wasm' || (lib === 'jax' && model === 'mlp');
// The SIMD128 ceiling in this browser, and the same models trained by dlp-bench in a Web Worker (the
// engine alone, no page around it), just before the page's rows: what the page's figures are shares of.
const bench = engineRows ? parseModels(await runBenchPage(browser, `${url}dlp-bench/`, { models: true, worker: true })) : null;
const benchName = { mlp: 'MLP 784-256-10', lenet: 'LeNet-like' };
// The ceiling again around each engine page (before it opens, after it closes): a row is judged
// against the mean of the two.
const ceiling = async () => parseCeiling(await runBenchPage(browser, `${url}dlp-bench/`, { ceiling: true, worker: true }));
async function enginePage(threads, round) {
  const before = await ceiling();
  const page = await browser.newPage();
  page.on('pageerror', (e) => console.error(String(e)));
  await page.goto(`${url}?threads=${threads}`);
  await page.waitForFunction(() => window.playground && window.playground.frames > 2, null, { timeout: 60000 });
  // All the digits in first: a step whose digits are still on their way waits for them.
  await page.waitForFunction(digitsIn, null, { timeout: 60000 });
  const out = [];
  for (const model of ['mlp', 'lenet']) for (const [k, setting] of settingKeys.map((k) => [k, SETTINGS[k]])) {
    const full = k === settingKeys[0];  // inference and accuracy once per model
    const r = await page.evaluate(async ({ spec, setting, full }) => {
      const p = window.playground;
      const run = { model: spec, data: 'mnist', batch: 32, lr: setting.lr, opt: setting.opt, mom: setting.mom, decay: setting.decay,
        dsteps: setting.dsteps, init: 'he', seed: 1 };
      await p.load(run);
      // No UI work competing: a load shows the run's panels (a link's layout), so they are hidden after it.
      p.panels([]);
      // Two seconds of steps first: V8 compiles the hot code in the background (its optimizing
      // tier) while the first steps run on the baseline tier.
      let t0 = performance.now();
      while (performance.now() - t0 < 2000) await p.train(50);
      t0 = performance.now();
      await p.train(20);
      // About four seconds of steps in one call (a start and a stop of the worker, not many).
      const n = Math.max(50, Math.round((20 * 4000) / (performance.now() - t0)));
      const w0 = p.state().workerMs;
      t0 = performance.now();
      await p.train(n);
      const wall = performance.now() - t0, w1 = p.state().workerMs;
      const trainRate = (n * 32) / (wall / 1000);
      // Where the worker's time went over those steps (WorkerTimes, worker_channel.h), as shares of the wall time.
      const d = (k) => (w1[k] - w0[k]) / wall;
      const split = { engine: d('engine'), tests: d('tests'), watch: d('slices') - d('engine') - d('tests'), updates: d('updates'),
        between: 1 - d('slices') - d('updates') };
      if (!full) return { trainRate, split, steps: p.state().steps, threads: p.state().workerThreads };
      await p.load(run);
      p.panels([]);
      await p.train(250);
      // Inference runs on the page's own engine, whose code has not run yet (training ran in the
      // worker's): half a second of short bursts at each batch size first, as the peers get (peers.js).
      for (const [b, reps] of [[1, 20], [256, 1]]) { const t = performance.now(); while (performance.now() - t < 500) p.benchInference(b, reps); }
      const batch1Ms = 1000 * p.benchInference(1, 200);
      const batchRate = 256 / p.benchInference(256, 5);
      const { accuracy } = await p.evaluate();
      return { trainRate, split, batch1Ms, batchRate, accuracy, steps: p.state().steps, threads: p.state().workerThreads };
    }, { spec: specs[model], setting, full }).catch((e) => ({ error: String(e) }));
    out.push({ lib: `this engine (wasm SIMD128, training worker, ${threads} thread${threads > 1 ? 's' : ''})`, model, setting: k, round, ...r });
  }
  await page.close();
  const after = await ceiling();
  for (const r of out.filter((r) => r.split)) r.ceilings = [before, after];  // (the shares: the first setting's rows)
  return out;
}

const names = {
  'tfjs-wasm': 'TF.js 4.22 wasm (SIMD, 1 thread)', 'tfjs-wasm-threads': 'TF.js 4.22 wasm (SIMD, threads)',
  'tfjs-cpu': 'TF.js 4.22 cpu', convnetjs: 'ConvNetJS 0.3',
  jax: 'jax-js 0.1.25 wasm (page thread, not isolated)', 'jax-pool': 'jax-js 0.1.25 wasm (worker pool, isolated page)',
};
async function peer(lib, model, round, k) {
  const p = await browser.newPage();
  const base = lib === 'jax' ? plainUrl : url;
  const { opt, lr, mom } = SETTINGS[k];
  await p.goto(`${base}peers.html?lib=${lib === 'jax-pool' ? 'jax' : lib}&model=${model}&opt=${opt}&lr=${lr}&mom=${mom}&full=${k === settingKeys[0] ? 1 : 0}`);
  const r = await p.evaluate(() => window.result, null).catch((e) => ({ error: String(e) }));
  if (lib === 'tfjs-wasm-threads' && r.threads) r.note = `${r.threads} threads, page ${r.isolated ? '' : 'not '}cross-origin isolated`;
  await p.close();
  return { lib: names[lib], model, setting: k, round, ...r };
}
const peerLibs = ['jax', 'jax-pool', 'tfjs-wasm', 'tfjs-wasm-threads', 'tfjs-cpu', 'convnetjs'].filter((l) => !only.length || only.includes(l));
// Each row is printed as it is measured too (a long run that stops keeps what it measured).
const rows = [];
const pushRows = (...rs) => {
  for (const r of rs) console.log(`row: ${JSON.stringify({ ...r, split: undefined, ceilings: undefined })}`);
  rows.push(...rs);
};
for (let round = 1; round <= rounds; ++round) {
  if (engineRows) pushRows(...await enginePage(1, round));
  for (const lib of peerLibs)
    for (const model of ['mlp', 'lenet'])
      for (const k of settingKeys)
        if (round === 1 || repeated(lib, model)) pushRows(await peer(lib, model, round, k));
  if (engineRows && round === 1) pushRows(...await enginePage(2, round));
}
await browser.close();
server.close();
plain.close();

const fmt = (v, d = 0) => (typeof v === 'number' ? v.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d }) : '-');
const median = (a) => { const v = [...a].sort((x, y) => x - y), h = v.length >> 1; return v.length % 2 ? v[h] : (v[h - 1] + v[h]) / 2; };
const plural = (n, what) => `${n} ${what}${n > 1 ? 's' : ''}`;
// Training: one line per library and model, one column per setting, each the median of its
// rounds (and their range); the engine's lines end with its slowest setting against its fastest.
const groups = [];
for (const r of rows) {
  const g = groups.find((g) => g.lib === r.lib && g.model === r.model);
  if (g) g.rows.push(r); else groups.push({ lib: r.lib, model: r.model, rows: [r] });
}
const rangeOf = (ok, k, d) => (ok.length > 1 ? ` (${fmt(Math.min(...ok.map((r) => r[k])), d)}-${fmt(Math.max(...ok.map((r) => r[k])), d)})` : '');
console.log(`Training examples/s (batch 32), measured ${new Date().toISOString().slice(0, 10)}:\n`);
console.log(`| library | model | ${settingKeys.map((k) => SETTINGS[k].name).join(' | ')} | slowest / fastest |`);
console.log(`|---|---|${settingKeys.map(() => '---|').join('')}---|`);
for (const { lib, model, rows: rs } of groups) {
  const note = rs.find((r) => r.note)?.note;
  const cells = [], rates = [];
  for (const k of settingKeys) {
    const ok = rs.filter((r) => r.setting === k && !r.error), bad = rs.find((r) => r.setting === k && r.error);
    if (!ok.length) { cells.push(bad ? `error: ${bad.error}` : '-'); continue; }
    const m = median(ok.map((r) => r.trainRate));
    rates.push(m);
    cells.push(`${fmt(m)}${rangeOf(ok, 'trainRate', 0)}${bad ? ' (a round failed)' : ''}`);
  }
  const spread = rates.length > 1 ? fmt(Math.min(...rates) / Math.max(...rates), 2) : '-';
  console.log(`| ${lib}${note ? ` (${note})` : ''} | ${model} | ${cells.join(' | ')} | ${spread} |`);
}
if (rounds > 1) console.log(`(median of each row's rounds, the range in brackets; ${plural(rounds, 'round')}, each: the engine on one thread${peerLibs.some((l) => repeated(l, 'mlp')) ? ', then ' + peerLibs.filter((l) => repeated(l, 'mlp')).map((l) => names[l] + (repeated(l, 'lenet') ? '' : ' for the MLP')).join(', ') : ''})`);
// Inference and accuracy (after 250 steps of the first setting).
console.log(`\nInference, and test accuracy after 250 steps of ${SETTINGS[settingKeys[0]].name}:\n`);
console.log(`| library | model | batch-1 inference ms | batch-256 inference examples/s | test accuracy after 250 steps |`);
console.log('|---|---|---|---|---|');
for (const { lib, model, rows: rs } of groups) {
  const ok = rs.filter((r) => r.setting === settingKeys[0] && !r.error && r.batch1Ms !== undefined);
  if (!ok.length) continue;
  const m = (k) => median(ok.map((r) => r[k]));
  console.log(`| ${lib} | ${model} | ${fmt(m('batch1Ms'), 4)}${rangeOf(ok, 'batch1Ms', 4)} | ${fmt(m('batchRate'))}${rangeOf(ok, 'batchRate', 0)} | ${fmt(100 * m('accuracy'), 2)}% |`);
}
// The engine's rows: where the training worker's time went during the timed steps.
for (const r of rows.filter((r) => r.split)) {
  const pc = (v) => `${(100 * v).toFixed(1)}%`;
  console.log(`${r.model}, ${SETTINGS[r.setting].name}, ${plural(r.threads, 'engine thread')}, round ${r.round}: of the wall time, the engine's steps ${pc(r.split.engine)}, ` +
    `test estimates ${pc(r.split.tests)}, the playground's watch around the steps ${pc(r.split.watch)}, writing updates ${pc(r.split.updates)}, ` +
    `between slices (messages, the worker idle) ${pc(r.split.between)}`);
}
// Each model's training as a share of the ceiling: FLOPs per example as dlp-bench counts them
// (forward, weight and input gradients but the first layer's input gradient), times examples/s.
if (bench) {
  console.log(`\nShares of the SIMD128 ceiling in this browser (dlp-bench's 4x8 loop alone, in a Web Worker): dlp-bench's own models against ` +
    `the ceiling it measured just before them (${bench.ceiling.toFixed(1)} GFLOP/s); each engine page's rows against the mean of the ceilings ` +
    `measured before the page opened and after it closed (${rows.filter((r) => r.ceilings && r.model === 'mlp' && r.setting === settingKeys[0]).map((r) => `round ${r.round}, ${plural(r.threads, 'thread')}: ` +
      r.ceilings.map((c) => c.toFixed(1)).join(' and ')).join('; ')} GFLOP/s)`);
  const top = Math.max(bench.ceiling, ...rows.filter((r) => r.ceilings).flatMap((r) => r.ceilings));
  for (const m of ['mlp', 'lenet']) {
    const b = bench.models[benchName[m]];
    if (!b) continue;
    const share = (r) => (100 * r.trainRate * b.flopsPerExample) / 1e9 / ((r.ceilings[0] + r.ceilings[1]) / 2);
    const page = rows.filter((r) => r.model === m && r.ceilings && r.setting === settingKeys[0]);
    const one = page.filter((r) => r.threads === 1).map(share), oneRate = median(page.filter((r) => r.threads === 1).map((r) => r.trainRate));
    console.log(`${m} (${(b.flopsPerExample / 1e6).toFixed(2)} MFLOP per example): dlp-bench in a worker ${fmt(b.rate)} examples/s = ` +
      `${((100 * b.rate * b.flopsPerExample) / 1e9 / bench.ceiling).toFixed(0)}%; the page's training worker: ` +
      page.map((r) => `round ${r.round}, ${plural(r.threads, 'thread')} ${fmt(r.trainRate)} examples/s = ${share(r).toFixed(0)}%`).join(', ') +
      (one.length > 1 ? `; one thread's median ${median(one).toFixed(0)}%` : '') +
      // A ceiling measured in a slow moment flatters the rows around it: against the fastest one
      // measured in the run, too.
      `; against the run's highest ceiling (${top.toFixed(1)} GFLOP/s): one thread's ${one.length > 1 ? 'median ' : ''}` +
      `${fmt(oneRate)} examples/s = ${((100 * oneRate * b.flopsPerExample) / 1e9 / top).toFixed(0)}%`);
  }
}
// Ratios against each peer, each taken within one round and one setting (the engine's one-thread
// row of that round and setting); batch-1 and batch-256 inference on the first setting's rows.
const ours = (m, round, k) => rows.find((r) => r.model === m && r.lib.startsWith('this') && r.threads === 1 && r.round === round && r.setting === k && !r.error);
console.log('');
for (const m of ['mlp', 'lenet'])
  for (const { lib, rows: rs } of groups.filter((g) => g.model === m && !g.lib.startsWith('this'))) {
    const parts = [];
    for (const k of settingKeys) {
      const pairs = rs.filter((r) => r.setting === k && !r.error && ours(m, r.round, k)).map((r) => [ours(m, r.round, k), r]);
      if (!pairs.length) continue;
      const ratio = (f) => { const v = pairs.map(f); return `${fmt(median(v), 2)}x${v.length > 1 ? ` (${v.map((x) => fmt(x, 2)).join(', ')})` : ''}`; };
      parts.push(`${SETTINGS[k].name} ${ratio(([o, r]) => o.trainRate / r.trainRate)}`);
      if (k === settingKeys[0] && pairs[0][1].batch1Ms !== undefined)
        parts.push(`batch-1 latency ${ratio(([o, r]) => r.batch1Ms / o.batch1Ms)} lower, batch-256 ${ratio(([o, r]) => o.batchRate / r.batchRate)}`);
    }
    if (parts.length) console.log(`${m}: against ${lib}${rounds > 1 && repeated(Object.keys(names).find((l) => names[l] === lib), m) ? ` (median of the rounds)` : ''}: training ${parts.join('; ')}`);
  }
