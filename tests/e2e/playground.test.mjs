// A student's path through the UI: pick the convnet preset, train with the Train button to 95%
// test accuracy, then draw a "1" and a "0" with real mouse events and read the predictions.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openPage, shot, stroke, click, frames } from './browser.mjs';

let env;
before(async () => { env = await launch(); });
after(async () => { await env?.close(); });


test('train the convnet through the UI, then classify drawn digits', { timeout: 600000 }, async () => {
  const { page, errors } = await openPage(env);
  // Choose "logistic" then "lenet" with clicks: the table and spec follow.
  await click(page, 'preset:logistic');
  await page.waitForFunction(() => window.playground.state().spec === 'dense10');
  await click(page, 'preset:lenet');
  await page.waitForFunction(() => window.playground.state().spec.startsWith('conv5x5x8'));
  await shot(page, 'panel-model-lenet');

  // Train with the button; frame times are sampled while it runs (the UI must stay smooth).
  await click(page, 'train');
  const frameTimes = await page.evaluate(() => new Promise((done) => {
    const times = []; let last = performance.now();
    const tick = (t) => { times.push(t - last); last = t; if (times.length < 300) requestAnimationFrame(tick); else done(times); };
    requestAnimationFrame(tick);
  }));
  frameTimes.sort((a, b) => a - b);
  const q = (p) => frameTimes[Math.floor(p * (frameTimes.length - 1))].toFixed(1);
  console.log(`frame time while the convnet trains: p50 ${q(0.5)} ms, p95 ${q(0.95)} ms`);

  await page.waitForFunction(() => window.playground.state().steps >= 750, null, { timeout: 300000, polling: 500 });
  await click(page, 'train');  // pause
  await page.waitForFunction(() => !window.playground.state().training);
  const { accuracy } = await page.evaluate(() => window.playground.evaluate());
  const st = await page.evaluate(() => window.playground.state());
  console.log(`after ${st.steps} steps through the UI: test accuracy ${(100 * accuracy).toFixed(2)}%, ${st.examplesPerSecond.toFixed(0)} examples/s`);
  assert.ok(accuracy >= 0.95, `test accuracy ${accuracy} >= 0.95`);
  await shot(page, 'panel-train-trained');

  const pad = await page.evaluate(() => window.playground.padRect());
  const at = (fx, fy) => [pad.x + fx * pad.w, pad.y + fy * pad.h];
  const predicted = async () => {
    const d = await page.evaluate(() => window.playground.drawn());
    assert.equal(d.blank, false);
    return d.probabilities.indexOf(Math.max(...d.probabilities));
  };

  await stroke(page, [at(0.5, 0.15), at(0.51, 0.85)], 12);  // a vertical stroke
  await frames(page, 4);
  await shot(page, 'panel-draw-one');
  assert.equal(await predicted(), 1, 'a vertical stroke reads as 1');

  await page.evaluate(() => window.playground.clearPad());
  const loop = [];
  for (let k = 0; k <= 24; k++) {
    const t = (k / 24) * 2 * Math.PI;
    loop.push(at(0.5 + 0.22 * Math.sin(t), 0.5 - 0.33 * Math.cos(t)));
  }
  await stroke(page, loop, 3);  // a loop
  await frames(page, 4);
  await shot(page, 'panel-draw-zero');
  assert.equal(await predicted(), 0, 'a loop reads as 0');

  // Changing the architecture now asks first; "Keep training" keeps the weights.
  const trainedHash = await page.evaluate(() => window.playground.weightsHash());
  await click(page, 'preset:logistic');
  await frames(page, 4);
  await shot(page, 'panel-model-confirm');
  assert.equal((await page.evaluate(() => window.playground.state())).spec.startsWith('conv5x5x8'), true, 'nothing changed before answering');
  await click(page, 'discard');
  await page.waitForFunction(() => window.playground.state().spec === 'dense10');
  assert.notEqual(await page.evaluate(() => window.playground.weightsHash()), trainedHash);
  assert.deepEqual(errors, []);
  await page.close();
});
