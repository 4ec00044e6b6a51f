// Drawn digits read right: the default preset trained for 1,500 steps with its own settings
// (augmentation on), then 60 of the 210 digits of tests/fixtures/drawn_digits.json (all ten digits,
// each of their styles twice) drawn through the real pad with the mouse and with a finger
// (tests/e2e/drawn.mjs). bench/drawn_digits.mjs draws all 210 and prints the confusion matrix.
// Then 20 real MNIST test digits (2 of each), thinned and redrawn through the pad
// (tests/fixtures/mnist_redrawn.json): the pad's inputs are close to the original images and read as
// they do (bench/drawn_digits.mjs: all 200).
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openPage, shot, digitsIn } from './browser.mjs';
import { drawnDigits, mnistRedrawn, drawAll, confusion, originalReads, agreement } from './drawn.mjs';

let env;
before(async () => { env = await launch(); });
after(async () => { await env?.close(); });

test('drawn digits through the pad, mouse and finger, after the default preset\'s 1,500 steps', { timeout: 600000 }, async () => {
  const { page, errors } = await openPage(env, { width: 560, height: 520 });
  await page.evaluate(() => window.playground.panels(['Draw']));
  await page.waitForFunction(digitsIn, null, { timeout: 120000 });
  assert.match((await page.evaluate(() => window.playground.state())).spec, /conv5x5x8-valid/, 'the default preset');
  await page.evaluate(() => window.playground.train(1500));
  // 6 of each digit's 21, 60 in all: the fixture holds ten digits a block, a digit's style going round
  // its two or three with the block, so blocks 0-2 and 7-9 draw every style of each twice.
  const results = await drawAll(page, drawnDigits.filter((d, i) => Math.floor(i / 10) % 7 < 3 && i < 140));
  await shot(page, 'drawn-digits-last');
  assert.deepEqual(results.filter((r) => r.blank).map((r) => r.digit.label), [], 'every digit reached the pad');
  const c = confusion(results);
  console.log(c.text);
  assert.ok(c.share >= 0.9, c.text);

  const list = mnistRedrawn.filter((d, i) => i % 20 < 2), inputs = [];
  const redrawn = await drawAll(page, list, inputs);
  assert.deepEqual(redrawn.filter((r) => r.blank).map((r) => r.digit.index), [], 'every redrawn digit reached the pad');
  const a = agreement(redrawn, await originalReads(page, list), inputs);
  console.log(a.text);
  assert.ok(a.correlation >= 0.7, a.text);  // 0.83 for these 20 (a framing one pixel off: about 0.08 less)
  assert.ok(a.same >= 0.85, a.text);  // 19 of these 20; 97% of all 200
  assert.deepEqual(errors, []);
});
