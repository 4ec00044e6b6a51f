// Rewind, as a student does it: train, pause, click the loss curve to go back, type a
// step into the step slider, see the model as it was (Inspect, the drawing pad, the test set on
// request), come back to now, and branch a new run from a past step. A teacher's check: the
// model shown at step k is the one a fresh page replays from the run's link cut at k.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openPage, release, shot, click, typeInto, stroke, frames } from './browser.mjs';

let env;
before(async () => { env = await launch(); });
after(async () => { await env?.close(); });

const state = (page) => page.evaluate(() => window.playground.state());

test('a student goes back to a past step, looks at it, comes back and branches from it', { timeout: 400000 }, async () => {
  const { page, errors } = await openPage(env, { width: 1280, height: 800 });
  await page.waitForFunction(() => window.playground.state().trainIn > 0, null, { timeout: 60000 });
  let st = await state(page);
  assert.equal(st.widgets.rewind, undefined, 'no step slider before the first step');

  await click(page, 'train');
  await page.waitForFunction(() => window.playground.state().steps >= 160, null, { timeout: 120000 });
  await click(page, 'train');
  await page.waitForFunction(() => !window.playground.state().training, null, { timeout: 20000 });
  const now = await state(page);
  assert.ok(now.rewind.keyframes >= 3, `keyframes kept while the worker trained: ${now.rewind.keyframes}`);
  assert.equal(now.rewind.shown, -1);

  // A digit on the pad: its prediction now.
  const pad = now.padRect;
  await stroke(page, [[pad.x + pad.w * 0.5, pad.y + pad.h * 0.2], [pad.x + pad.w * 0.5, pad.y + pad.h * 0.8]]);
  await frames(page, 4);
  const probsNow = (await state(page)).probs;

  // A click in the middle of the loss curve goes back to about that step.
  const plot = now.widgets['plot-loss'];
  await page.mouse.click(plot.x + plot.w * 0.55, plot.y + plot.h * 0.5);
  await page.waitForFunction(() => { const r = window.playground.state().rewind; return r.shown >= 0 && r.shown === r.target; }, null, { timeout: 20000 });
  st = await state(page);
  assert.ok(st.rewind.shown > 10 && st.rewind.shown < now.steps - 10, `clicked the middle of the curve: step ${st.rewind.shown} of ${now.steps}`);
  assert.equal(st.steps, now.steps, 'the run itself stays where it was');
  assert.equal(st.weightsHash, now.weightsHash);
  assert.notEqual(st.rewind.weightsHash, now.weightsHash, 'the model shown is the earlier one');

  // Step 5 typed into the slider: the pad's prediction is the early model's.
  await typeInto(page, 'rewind', 5);
  await page.waitForFunction(() => window.playground.state().rewind.shown === 5, null, { timeout: 20000 });
  st = await state(page);
  const early = st.rewind.weightsHash;
  assert.notDeepEqual(st.probs, probsNow, 'the drawing pad shows the step-5 model\'s prediction');
  assert.ok(st.widgets['rewind-now'] && st.widgets['rewind-branch'], 'back to now and continue from here are offered');
  await click(page, 'tab:weights');
  await shot(page, 'rewind-step-5');
  await click(page, 'tab:activations');
  // The test set on request, measured on the shown model.
  await click(page, 'evaluate');
  await page.waitForFunction(() => window.playground.state().rewind.evaluatedAt === 5, null, { timeout: 30000 });

  // A teacher's check: a fresh page replays the run's link cut at step 5 to the same weights.
  const link = await page.evaluate(() => window.playground.link());
  assert.doesNotMatch(link, /[&#]log=/, 'the student changed no setting: the link has no log to cut');
  const other = await openPage(env, { width: 1024, height: 700 });
  await other.page.waitForFunction(() => window.playground.state().trainIn > 0, null, { timeout: 60000 });
  const replayed = await other.page.evaluate((l) => window.playground.load(l), link.replace(/([#&])steps=\d+/, '$1steps=5'));
  assert.equal(replayed.steps, 5);
  assert.equal(replayed.weightsHash, early, 'the seek to step 5 gives the weights a fresh replay to step 5 gives');
  await release(env, other.page);

  // Back to now: the run's own model again.
  await click(page, 'rewind-now');
  st = await state(page);
  assert.equal(st.rewind.shown, -1);
  assert.deepEqual(st.probs, probsNow);

  // Space while rewound: training goes on from the last step, not from the step shown.
  await typeInto(page, 'rewind', 40);
  await page.waitForFunction(() => window.playground.state().rewind.shown === 40, null, { timeout: 20000 });
  await page.keyboard.press('Space');
  await page.waitForFunction((n) => window.playground.state().steps > n + 5, now.steps, { timeout: 60000 });
  await page.keyboard.press('Space');
  await page.waitForFunction(() => !window.playground.state().training, null, { timeout: 20000 });
  st = await state(page);
  assert.equal(st.rewind.shown, -1, 'training came back to now');
  const before = st;

  // Continue from step 80: the run as it was is pinned as A, and this run goes on from step 80.
  await typeInto(page, 'rewind', 80);
  await page.waitForFunction(() => window.playground.state().rewind.shown === 80, null, { timeout: 20000 });
  const at80 = (await state(page)).rewind.weightsHash;
  await click(page, 'rewind-branch');
  st = await state(page);
  assert.equal(st.rewind.shown, -1);
  assert.equal(st.steps, 80);
  assert.equal(st.weightsHash, at80);
  assert.equal(st.pinned.length, 1);
  assert.equal(st.pinned[0].steps, before.steps);
  assert.equal(st.pinned[0].weightsHash, before.weightsHash);
  assert.match(st.status, /goes on from step 80/);
  // A new learning rate for the branch, trained on: two runs in the table.
  await typeInto(page, 'lr', 0.001);
  await click(page, 'train');
  await page.waitForFunction(() => window.playground.state().steps >= 140, null, { timeout: 120000 });
  await click(page, 'train');
  await page.waitForFunction(() => !window.playground.state().training, null, { timeout: 20000 });
  st = await state(page);
  assert.match(st.compareDiffers[1], /lr 0.001 at step 80/);
  await shot(page, 'rewind-branch');
  assert.deepEqual(errors, []);
});

// Seeking needs no frame to pass: the page's API does it at once and says how long it took.
test('seek() from the page\'s API, and its refusal with nothing to go back to', { timeout: 200000 }, async () => {
  const { page } = await openPage(env, { width: 1024, height: 700, reuse: true });
  await page.waitForFunction(() => window.playground.state().trainIn > 0, null, { timeout: 60000 });
  const refused = await page.evaluate(() => { try { window.playground.seek(3); return ''; } catch (e) { return e.message; } });
  assert.equal(refused, '');  // a model with no steps: seeking to 3 is "now" (nothing shown)
  await page.evaluate(() => window.playground.train(60));
  const r = await page.evaluate(() => window.playground.seek(17));
  assert.equal(r.step, 17);
  assert.ok(r.ms >= 0);
  const back = await page.evaluate(() => window.playground.seek(1e9));
  assert.equal(back.step, -1, 'at or past the last step is now');
});
