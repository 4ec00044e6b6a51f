// A long session: the convnet trains through the UI for DLP_LONG_RUN_SECONDS (45 in make test,
// 1800 in make bench-long); the wasm heap and the JS heap must stay flat across the keyframes'
// thinning. A run shorter than 10 minutes gives rewind a 2 MB budget instead of 32 MB, so its
// keyframes are thinned (every other one dropped, the interval doubled) several times within it.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openPage, shot } from './browser.mjs';

const seconds = +(process.env.DLP_LONG_RUN_SECONDS || 45);
const budget = seconds < 600 ? 2 << 20 : 0;
let env;
before(async () => { env = await launch(); });
after(async () => { await env?.close(); });

test(`long session: ${seconds} s of training, memory flat`, { timeout: (seconds + 180) * 1000 }, async () => {
  const { page, errors } = await openPage(env);
  await page.evaluate((b) => window.playground.rewindBudget(b), budget);
  const w = (await page.evaluate(() => window.playground.state())).widgets.train;
  await page.mouse.click(w.x + w.w / 2, w.y + w.h / 2);
  // Warm-up: every buffer planned, plots filling.
  await page.waitForFunction(() => window.playground.state().steps >= 200, null, { timeout: 120000, polling: 500 });
  // Rewind's keyframes (src/session/rewind.h) fill their budget, then every other one goes and the
  // interval doubles: from the first thinning on, the heap holds as much of them as it ever will.
  await page.waitForFunction(() => window.playground.state().rewind.interval > 10, null, { timeout: 240000, polling: 1000 });
  // The JS heap after a full collection, from the DevTools protocol: performance.memory is only
  // refreshed now and then, and a page left alone while the worker trains draws (and refreshes it)
  // a few times a second, so right after gc() it could still show the garbage (40 MB read, 3.3 MB
  // a minute later, in one try).
  const cdp = await page.context().newCDPSession(page);
  const jsHeap = async () => {
    await cdp.send('HeapProfiler.collectGarbage');
    return (await cdp.send('Runtime.getHeapUsage')).usedSize;
  };
  const sample = () => page.evaluate(() => {
    const s = window.playground.state();
    return { ...window.playground.memory(), steps: s.steps, acc: s.testAccuracy, interval: s.rewind.interval, t: performance.now() };
  });
  const start = await sample();
  start.jsHeap = await jsHeap();
  // The measured span: the rest of the run, and at least two more thinnings (the interval x4).
  const until = start.t + Math.max(20, seconds - 30) * 1000;
  await page.waitForFunction(({ until, interval }) => performance.now() >= until && window.playground.state().rewind.interval >= 4 * interval,
    { until, interval: start.interval }, { timeout: (seconds + 120) * 1000, polling: 1000 });
  const end = await sample();
  end.jsHeap = await jsHeap();
  const mb = (b) => (b / 1048576).toFixed(1);
  const rate = (end.steps - start.steps) / ((end.t - start.t) / 1000);
  console.log(`long run ${seconds} s, steps ${start.steps} -> ${end.steps} (${rate.toFixed(0)} steps/s), keyframe interval ${start.interval} -> ${end.interval}, ` +
    `test accuracy ${(100 * end.acc).toFixed(2)}%: ` +
    `wasm heap ${mb(start.wasmHeap)} -> ${mb(end.wasmHeap)} MB, JS heap ${mb(start.jsHeap)} -> ${mb(end.jsHeap)} MB`);
  await shot(page, 'long-run-end');
  assert.ok(end.steps > start.steps, 'training went on');
  assert.equal(end.wasmHeap, start.wasmHeap, 'the wasm heap did not grow');
  assert.ok(end.jsHeap < start.jsHeap * 1.5 + 8 * 1048576, 'the JS heap stayed flat');
  assert.deepEqual(errors, []);
  await page.close();
});
