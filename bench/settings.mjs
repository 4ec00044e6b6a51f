// Training speed on the settings students pick, as a student runs it: a fresh page opened from a
// link (batch 32), every digit in, the panels hidden, Space pressed, the steps counted in the
// page's training worker (one thread) for SECONDS after a 2 s start. The MLP 784-256-10 and the
// LeNet-like net, each on plain SGD 0.05, the presets' own settings (SGD 0.01, momentum 0.9,
// decay 0.9 per epoch), SGD 0.05 with momentum 0.9 (the presets' rate raised fivefold), Adam
// 0.001 and SGD 0.2; each under numerics rule 1 (subnormals kept) and rule 2 (flushed; numerics.h),
// the two rules back to back so that both see the same phase of the machine.
// A run that stops (diverged) is said, not counted as 0.
// Usage: node bench/settings.mjs [SECONDS, default 8] [mlp|lenet: one model]  (make bench-peers; needs the wasm build)
import { launch, openPage } from '../tests/e2e/browser.mjs';

const seconds = +(process.argv[2] || 8);
const allModels = { mlp: ['MLP 784-256-10', 'dense256 relu dense10'], lenet: ['LeNet-like', 'conv5x5x8 relu maxpool2 conv5x5x16 relu maxpool2 dense10'] };
const models = Object.fromEntries(Object.entries(allModels).filter(([k]) => !process.argv[3] || k === process.argv[3]).map(([, v]) => v));
const settings = {
  'plain SGD 0.05': { lr: 0.05, opt: 'sgd', mom: 0, decay: 1 },
  'preset (SGD 0.01, mom 0.9, decay)': { lr: 0.01, opt: 'sgd', mom: 0.9, decay: 0.9, dsteps: 1875 },
  'SGD 0.05, momentum 0.9': { lr: 0.05, opt: 'sgd', mom: 0.9, decay: 1 },
  'Adam 0.001': { lr: 0.001, opt: 'adam', mom: 0, decay: 1 },
  'raised: SGD 0.2': { lr: 0.2, opt: 'sgd', mom: 0, decay: 1 },
};
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const env = await launch();

async function rate(spec, s, numerics) {
  const fields = { data: 'mnist', model: spec, batch: 32, init: 'he', ...s, numerics };
  const hash = '#v1&' + new URLSearchParams(Object.entries(fields).map(([k, v]) => [k, String(v)])).toString();
  const { page } = await openPage(env, { hash });
  try {
    await page.waitForFunction(() => { const st = window.playground.state(); return st.trainIn >= st.trainTotal; }, null, { timeout: 120000 });
    await page.evaluate(() => window.playground.panels([]));
    await page.keyboard.press('Space');
    await sleep(2000);
    const a = await page.evaluate(() => window.playground.state().steps);
    await sleep(seconds * 1000);
    const [b, training] = await page.evaluate(() => [window.playground.state().steps, window.playground.state().training]);
    return training ? ((b - a) * 32) / seconds : NaN;  // NaN: training stopped (diverged)
  } finally {
    await page.close();
  }
}

console.log(`examples/s in the page's training worker, one thread, ${seconds} s each (${new Date().toISOString().slice(0, 10)})`);
console.log('| model | settings | rule 1 | rule 2 | rule 2 / rule 1 |');
console.log('|---|---|---|---|---|');
for (const [model, spec] of Object.entries(models)) {
  const rows = [];
  for (const [name, s] of Object.entries(settings)) {
    const r1 = await rate(spec, s, 1), r2 = await rate(spec, s, 2);
    rows.push([name, r1, r2]);
    const f = (r) => (Number.isNaN(r) ? 'stopped (diverged)' : r.toFixed(0));
    console.log(`| ${model} | ${name} | ${f(r1)} | ${f(r2)} | ${Number.isNaN(r1 + r2) ? '-' : (r2 / r1).toFixed(2)} |`);
  }
  const ran = rows.map((r) => r[2]).filter((r) => !Number.isNaN(r));
  const best = Math.max(...ran), worst = Math.min(...ran);
  console.log(`| ${model} | slowest setting under rule 2 against the fastest | | | ${(worst / best).toFixed(2)} |`);
}
await env.close();
