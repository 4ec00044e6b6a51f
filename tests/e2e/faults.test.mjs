// The faults a student's browser meets, met the way they happen: the training worker closes itself,
// its script throws, or it hangs in a loop, in the middle of train(n) on a fresh page. The page's
// watchdog (web/main.js) replaces it once and then trains in its own frames; train(n) resolves with
// every step, the Train panel says what happened in one line, and the run's link replays to the
// same weights on another page.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openPage, shot } from './browser.mjs';

let env;
before(async () => { env = await launch(); });
after(async () => { await env?.close(); });

const state = (page) => page.evaluate(() => window.playground.state());
const trainingWorker = (page) => page.workers().find((w) => w.url().endsWith('/train_worker.js'));

// Breaks the training worker from inside once the run is past `step`, and waits for the page to
// have a new one (or none: a second loss).
async function breakWorker(page, step, how) {
  await page.waitForFunction((n) => window.playground.state().steps >= n, step, { timeout: 60000, polling: 50 });
  const w = trainingWorker(page);
  assert.ok(w, 'a training worker runs');
  await w.evaluate(how).catch(() => {});  // a worker that closes during the call rejects it
}

const faults = {
  closes: () => { self.close(); },
  throws: () => { self.onmessage = () => { throw new Error('the worker broke'); }; },
  hangs: () => { setTimeout(() => { for (;;) { /* a loop that never yields */ } }, 0); },
};

test('a training worker that closes itself, then one that hangs: train(n) goes on from the page\'s run, nothing lost', { timeout: 240000 }, async () => {
  const { page, errors } = await openPage(env, { width: 1280, height: 800 });
  await page.waitForFunction(() => window.playground.state().workerThreads > 0, null, { timeout: 60000 });
  const done = page.evaluate(() => window.playground.train(900).then((r) => ({ ok: true, r }), (e) => ({ ok: false, error: String(e) })));
  await breakWorker(page, 100, faults.closes);
  await page.waitForFunction(() => /training worker stopped \(it stopped answering for \d+ s\)\. Training went on in a new one from step \d+; nothing was lost\./
    .test(window.playground.state().workerNote), null, { timeout: 20000, polling: 100 });
  // The new worker trains (its threads are said again once it is ready), then hangs.
  await page.waitForFunction(() => window.playground.state().workerThreads > 0, null, { timeout: 30000 });
  const moved = (await state(page)).steps;
  await breakWorker(page, moved + 100, faults.hangs);
  await page.waitForFunction(() => /Training went on in this page/.test(window.playground.state().workerNote), null, { timeout: 20000, polling: 100 });
  await shot(page, 'faults-worker-lost');
  const result = await done;
  assert.ok(result.ok, `train(900) resolved: ${result.error}`);
  const st = await state(page);
  assert.equal(st.steps, 900, 'every step taken, none twice');
  assert.equal(st.workerThreads, 0, 'after a second loss the page trains in its own frames');
  assert.match(st.aria, /training worker stopped/, 'the live region says it too');

  // The run is the run: its link replays to the same weights in a fresh page.
  const link = await page.evaluate(() => window.playground.link());
  const other = await openPage(env, { hash: link.replace(/^[^#]*/, '') });
  await other.page.waitForFunction(() => { const s = window.playground.state(); return s.steps === 900 && !s.replaying; }, null, { timeout: 120000 });
  assert.equal((await state(other.page)).weightsHash, st.weightsHash);
  assert.deepEqual(errors, []);
  assert.deepEqual(other.errors, []);
  await other.page.close();
  await page.close();
});

test('a training worker whose script throws on its next message is replaced at once', { timeout: 180000 }, async () => {
  const { page, errors } = await openPage(env, { width: 1280, height: 800 });
  await page.waitForFunction(() => window.playground.state().workerThreads > 0, null, { timeout: 60000 });
  const done = page.evaluate(() => window.playground.train(500).then((r) => ({ ok: true, r }), (e) => ({ ok: false, error: String(e) })));
  await breakWorker(page, 80, faults.throws);
  // The page's next message to it (a spare buffer after an update) makes it throw: an error event.
  await page.waitForFunction(() => /training worker stopped \(.*the worker broke.*\)\. Training went on in a new one/
    .test(window.playground.state().workerNote), null, { timeout: 10000, polling: 100 });
  const result = await done;
  assert.ok(result.ok, `train(500) resolved: ${result.error}`);
  const st = await state(page);
  assert.equal(st.steps, 500);
  // The new worker is ready (until it is, the page took the steps in its frames) and trains on.
  await page.waitForFunction(() => window.playground.state().workerThreads > 0, null, { timeout: 30000 });
  await page.evaluate(() => window.playground.train(100));
  assert.equal((await state(page)).steps, 600);
  assert.equal((await state(page)).workerThreads > 0, true, 'trained by the new worker');
  assert.deepEqual(errors, []);
  await page.close();
});
