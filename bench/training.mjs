// Training as a student sees it: the page opened on the LeNet-like net (then the MLP
// 784-256-10), batch 32, SGD, the digits all in, Space pressed (a real key), the steps counted for
// a while. With the five panels open and with them hidden; the frame times of the same page idle
// and while training; the training worker with 1, 2 and 4 engine threads; and training in the
// page's own frames (?worker=0, how it was before the worker) for comparison. As a control for the
// frame times, the idle page is measured again while another process keeps one core busy: on
// this 2-core machine without a GPU the page's software GL competes with training for cores.
// Usage: node bench/training.mjs [SECONDS per measurement, default 12]  (make bench-peers; needs the wasm build)
import { spawn } from 'node:child_process';
import { digitsIn, launch, openPage } from '../tests/e2e/browser.mjs';

const seconds = +(process.argv[2] || 12);
const models = { lenet: 'conv5x5x8 relu maxpool2 conv5x5x16 relu maxpool2 dense10', mlp: 'dense256 relu dense10' };
const link = (spec) => '#' + new URLSearchParams({ model: spec, data: 'mnist', batch: 32, lr: 0.05, opt: 'sgd', mom: 0, decay: 1, init: 'he' })
  .toString().replace(/^/, 'v1&');
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const env = await launch();

// Frame intervals over n animation frames: [p50, p95] in ms, and the UI's own CPU time per frame
// (ImGui and the app, training excluded when it runs in the worker; read every 10th frame).
const frameTimes = (page, n = 150) => page.evaluate((n) => new Promise((done) => {
  const t = [], ui = []; let last = 0;
  const tick = (now) => {
    if (last) t.push(now - last);
    last = now;
    if (t.length % 10 === 0) { const s = window.playground.state(); ui.push(s.uiMs + s.renderMs); }
    if (t.length < n) requestAnimationFrame(tick);
    else {
      t.sort((a, b) => a - b);
      done([t[Math.floor(n / 2)], t[Math.floor(n * 0.95)], ui.reduce((a, b) => a + b, 0) / ui.length]);
    }
  };
  requestAnimationFrame(tick);
}), n);
async function framesWithBusyCore(page) {
  const burner = spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' });
  await sleep(500);
  try { return await framesWithPointerMoving(page); } finally { burner.kill(); }
}

// Frame times are measured with the pointer moving over the page, as a student
// looking around does: left alone, the page draws only when the worker reports (main_web.cpp),
// and animation-frame intervals would then time frames that draw nothing.
async function framesWithPointerMoving(page) {
  let moving = true;
  const mover = (async () => { for (let k = 0; moving; ++k) { await page.mouse.move(200 + (k % 50) * 4, 300 + (k % 9) * 5); await sleep(15); } })();
  try { return await frameTimes(page); } finally { moving = false; await mover; }
}

async function run(model, { panels, query = '', frames = false }) {
  const { page, errors } = await openPage(env, { hash: query + link(models[model]) });
  await page.evaluate(() => window.playground.ready);
  await page.waitForFunction(digitsIn, null, { timeout: 120000 });
  if (!panels) await page.evaluate(() => window.playground.panels([]));
  const out = { workerThreads: (await page.evaluate(() => window.playground.state())).workerThreads };
  if (frames) { out.idle = await framesWithPointerMoving(page); out.busy = await framesWithBusyCore(page); }
  await page.keyboard.press('Space');
  await sleep(3000);  // the first steps (and the rate window) settle
  // The frames while training, with the pointer moving, before the steps are counted: a student
  // who moves the pointer makes the page draw every frame, which the rate left alone need not pay.
  if (frames) { out.training = await framesWithPointerMoving(page); await sleep(1500); }
  const a = await page.evaluate(() => ({ steps: window.playground.state().steps, t: performance.now() }));
  await sleep(seconds * 1000);
  const b = await page.evaluate(() => { const s = window.playground.state(); return { steps: s.steps, t: performance.now(), shown: s.examplesPerSecond, training: s.training }; });
  out.rate = ((b.steps - a.steps) * 32) / ((b.t - a.t) / 1000);
  out.shown = b.shown;
  if (!b.training || errors.length) out.problem = errors.join('; ') || 'training stopped';
  await page.close();
  return out;
}

const f0 = (v) => v.toLocaleString('en-US', { maximumFractionDigits: 0 });
const f1 = (v) => v.toFixed(1);
const results = {};
for (const model of ['lenet', 'mlp']) {
  const r = (results[model] = {});
  r.hidden = await run(model, { panels: false });
  r.open = await run(model, { panels: true, frames: true });
  for (const n of [1, 2, 4]) r['t' + n] = await run(model, { panels: false, query: `?threads=${n}` });
  r.inPage = await run(model, { panels: true, query: '?worker=0', frames: true });
  console.log(`\n## ${model} (${models[model]}), batch 32, SGD; ${seconds} s per figure`);
  console.log('| how | engine threads | examples/s counted | shown in the Train panel | frames p50 / p95 (UI CPU ms) idle | idle, a core busy elsewhere | while training |');
  console.log('|---|---|---|---|---|---|---|');
  const ft = (v) => (v ? `${f1(v[0])} / ${f1(v[1])} (${v[2].toFixed(2)})` : '');
  const row = (name, x) => console.log(`| ${name} | ${x.workerThreads || '(page)'} | ${f0(x.rate)} | ${f0(x.shown)} | ${ft(x.idle)} | ${ft(x.busy)} | ${ft(x.training)} |${x.problem ? ' ' + x.problem : ''}`);
  row('worker, panels hidden', r.hidden);
  row('worker, five panels open', r.open);
  for (const n of [1, 2, 4]) row(`worker, ${n} thread${n > 1 ? 's' : ''}, panels hidden`, r['t' + n]);
  row('in the page\'s frames (?worker=0), five panels open', r.inPage);
  console.log(`${model}: five panels open / hidden: ${f1(100 * r.open.rate / r.hidden.rate)}% (goal >= 90%)`);
  console.log(`${model}: frame time while training / idle (five panels): p50 ${f1(100 * r.open.training[0] / r.open.idle[0])}%, p95 ${f1(100 * r.open.training[1] / r.open.idle[1])}% (goal <= 115%); ` +
    `against idle with a core busy elsewhere: p50 ${f1(100 * r.open.training[0] / r.open.busy[0])}%, p95 ${f1(100 * r.open.training[1] / r.open.busy[1])}%`);
  console.log(`${model}: 2 threads / 1 thread: ${(r.t2.rate / r.t1.rate).toFixed(2)}x, 4 threads: ${(r.t4.rate / r.t1.rate).toFixed(2)}x (goal >= 1.6x with 2)`);
  console.log(`${model}: the worker with five panels open / training in the page's frames: ${(r.open.rate / r.inPage.rate).toFixed(1)}x`);
}
await env.close();
