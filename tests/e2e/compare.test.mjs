// Compare runs, as a student does it: train, pin the run, change the learning rate,
// Reset (the same seeds: the same start), train again, and read both runs side by side: curves
// overlaid, a table naming only the setting that differs. Then unpin.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openPage, shot, click, typeInto } from './browser.mjs';

let env;
before(async () => { env = await launch(); });
after(async () => { await env?.close(); });

const state = (page) => page.evaluate(() => window.playground.state());

async function trainAbout(page, steps) {
  await click(page, 'train');
  await page.waitForFunction((n) => window.playground.state().steps >= n, steps, { timeout: 120000 });
  await click(page, 'train');
  await page.waitForFunction(() => !window.playground.state().training, null, { timeout: 20000 });
}

test('a student pins a run, changes the learning rate, trains again and compares', { timeout: 300000 }, async () => {
  const { page, errors } = await openPage(env, { width: 1280, height: 800 });
  await page.waitForFunction(() => window.playground.state().trainIn > 0, null, { timeout: 60000 });
  const start = (await state(page)).weightsHash;
  let st = await state(page);
  assert.deepEqual(st.pinned, []);

  await trainAbout(page, 120);
  const first = await state(page);
  await click(page, 'pin');
  st = await state(page);
  assert.equal(st.pinned.length, 1);
  assert.equal(st.pinned[0].name, 'A');
  assert.equal(st.pinned[0].steps, first.steps);
  assert.equal(st.pinned[0].weightsHash, first.weightsHash);
  assert.ok(st.pinned[0].points >= first.steps, 'the pinned run keeps its loss curve');
  assert.match(st.status, /Pinned this run as A/);

  // Another learning rate, Reset: the same weights as the first run started from.
  await typeInto(page, 'lr', 0.001);
  await click(page, 'reset');
  st = await state(page);
  assert.equal(st.steps, 0);
  assert.equal(st.weightsHash, start, 'Reset starts from the same weights (the same seeds)');
  await trainAbout(page, 120);
  st = await state(page);
  assert.deepEqual(st.compareDiffers, ['lr 0.002', 'lr 0.001'], 'the table names the one setting that differs');
  assert.equal(st.pinned.length, 1);
  await shot(page, 'compare-runs');

  // Train all to a step past both runs (Pause lands a slice after the 120th step, 100-250 steps
  // in): the pinned run is replayed and trained on, then the current run.
  const target = Math.ceil((Math.max(st.steps, first.steps) + 80) / 10) * 10;
  await typeInto(page, 'train-all-to', target);
  await click(page, 'train-all');
  await page.waitForFunction(() => { const s = window.playground.state(); return s.pinQueue === 0 && !s.training && !s.replaying; },
    null, { timeout: 180000, polling: 200 });
  st = await state(page);
  assert.equal(st.steps, target);
  assert.equal(st.pinned[0].steps, target);
  assert.deepEqual(st.compareDiffers, ['lr 0.002', 'lr 0.001']);
  assert.deepEqual(st.notes, []);
  // The Train panel says the current run's test accuracy, as the table does (quick estimates on
  // the way: the replay measured them as the run did).
  assert.ok(st.testAccuracy > 0.5, `the current run's test accuracy after Train all: ${st.testAccuracy}`);
  await shot(page, 'compare-runs-train-all');
  await click(page, 'tab:gradients');  // the gradient norms of both runs, overlaid
  await shot(page, 'compare-runs-gradients');
  await click(page, 'tab:activations');

  // The address bar's link carries both runs: a second page replays the pinned run, pins it,
  // then replays the current run, to the same weights, curves and table.
  const sender = await page.evaluate(() => ({ link: window.playground.link(), state: window.playground.state() }));
  assert.match(sender.link, /&pinA=v1/);
  await page.waitForFunction((l) => location.href === l, sender.link, { timeout: 5000 });
  const other = await openPage(env, { width: 1280, height: 800, hash: sender.link.replace(/^.*#/, '#') });
  await other.page.waitForFunction(() => { const s = window.playground.state(); return s.pinQueue === 0 && !s.replaying && s.pinned.length === 1; },
    null, { timeout: 180000, polling: 200 });
  const receiver = await other.page.evaluate(() => window.playground.state());
  assert.deepEqual(receiver.pinned, sender.state.pinned, 'the pinned run replays to the same weights, loss and test accuracy');
  assert.equal(receiver.weightsHash, sender.state.weightsHash, 'the current run replays to the same weights');
  assert.equal(receiver.steps, sender.state.steps);
  assert.deepEqual(receiver.compareDiffers, sender.state.compareDiffers);
  assert.deepEqual(receiver.notes, []);
  await shot(other.page, 'compare-runs-from-link');
  assert.deepEqual(other.errors, []);
  await other.page.close();

  // Train all further, then Stop at once: the current run comes back as it was, A stays pinned.
  // (2,000 steps more: A takes seconds to get there, so the Stop lands while it trains, however
  // fast the machine.)
  const beforeStop = await state(page);
  await typeInto(page, 'train-all-to', target + 2000);
  await click(page, 'train-all');
  assert.ok((await state(page)).pinQueue > 0, 'the runs are being brought back');
  await click(page, 'runs-stop');
  await page.waitForFunction(() => { const s = window.playground.state(); return s.pinQueue === 0 && !s.training && !s.replaying; },
    null, { timeout: 120000, polling: 200 });
  st = await state(page);
  assert.equal(st.weightsHash, beforeStop.weightsHash, 'the current run is back as it was');
  assert.equal(st.steps, beforeStop.steps);
  assert.deepEqual(st.pinned, beforeStop.pinned);
  assert.match(st.status, /Replayed|Stopped/);
  // ... and Stop late, while the current run itself trains past its step (A done): the current run
  // comes back as it was all the same (A keeps its new steps).
  await typeInto(page, 'train-all-to', target + 300);
  await click(page, 'train-all');
  await page.waitForFunction((n) => { const s = window.playground.state(); return s.pinQueue === 1 && s.training && !s.replaying && s.steps > n; },
    beforeStop.steps, { timeout: 120000, polling: 'raf' });
  const stop = (await state(page)).widgets['runs-stop'];  // at once: the run trains on meanwhile
  await page.mouse.click(stop.x + stop.w / 2, stop.y + stop.h / 2);
  await page.waitForFunction(() => { const s = window.playground.state(); return s.pinQueue === 0 && !s.training && !s.replaying; },
    null, { timeout: 120000, polling: 200 });
  st = await state(page);
  assert.equal(st.weightsHash, beforeStop.weightsHash, 'stopped late, the current run is back as it was');
  assert.equal(st.steps, beforeStop.steps);
  assert.equal(st.pinned[0].steps, target + 300, 'A was brought to the step asked');

  // Pin the second run too (B), then unpin A: B stays, alone.
  await click(page, 'pin');
  st = await state(page);
  assert.deepEqual(st.pinned.map((p) => p.name), ['A', 'B']);
  await click(page, 'unpin:A');
  st = await state(page);
  assert.deepEqual(st.pinned.map((p) => p.name), ['B']);
  assert.deepEqual(errors, []);
  await page.close();
});
