// Time to accuracy, the figure a student feels: a fresh page with the default panels open, Train
// pressed with the keyboard (Space), one worker thread. The page trains as it does for a student
// (the digits stream in while it trains); the wall-clock time of every step is noted. Then the same
// run is replayed in a second page and the whole 10,000-digit test set is read every CHECK steps:
// the first step at which it reads 97%, 98%, 98.5% and 99.0%, and the time the student's page
// reached that step. The replay ends at the first page's last step with the same weights (checked),
// so the accuracies are those of the run the student watched.
// Usage: node bench/time_to_accuracy.mjs [SECONDS (90)] [HASH: a link fragment to train instead of
// the page's default model] [CHECK (250)]    (make bench-peers; needs the wasm build)
import { launch, openPage, shot } from '../tests/e2e/browser.mjs';

const seconds = +(process.argv[2] || 90);
const hash = process.argv[3] || '';
const check = +(process.argv[4] || 250);
const targets = [0.97, 0.98, 0.985, 0.99];
const env = await launch();

// The student's page: Space, then the step count against the clock until `seconds` have passed.
const a = await openPage(env, { hash });
await a.page.waitForFunction(() => window.playground.state().widgets.train, null, { timeout: 60000 });
const times = [[0, await a.page.evaluate(() => window.playground.state().steps)]];
const t0 = await a.page.evaluate(() => performance.now());
await a.page.keyboard.press('Space');
for (;;) {
  await new Promise((r) => setTimeout(r, 100));
  const [t, steps, training] = await a.page.evaluate((t0) => {
    const s = window.playground.state();
    return [(performance.now() - t0) / 1000, s.steps, s.training];
  }, t0);
  times.push([t, steps]);
  if (!training || t > seconds) break;
}
await a.page.keyboard.press('Space');
await a.page.waitForFunction(() => !window.playground.state().training, null, { timeout: 30000 });
const live = await a.page.evaluate(() => ({ steps: window.playground.state().steps, hash: window.playground.weightsHash(), link: window.playground.link() }));
await shot(a.page, 'time-to-accuracy');
await a.page.close();

// The same run, replayed from its start: the test set read every `check` steps.
const b = await openPage(env, { hash: live.link.replace(/^[^#]*#/, '#').replace(/([&#])steps=\d+/, '$1steps=0') });
await b.page.waitForFunction(() => { const s = window.playground.state(); return s.testIn >= s.testTotal && !s.replaying; }, null, { timeout: 120000 });
const reads = [];
for (let step = check; ; step += check) {
  const n = Math.min(step, live.steps);
  const r = await b.page.evaluate(async (n) => {
    const p = window.playground;
    await p.train(n - p.state().steps);
    return { step: p.state().steps, accuracy: await p.evaluate().then((e) => e.accuracy) };
  }, n);
  reads.push(r);
  if (n === live.steps) break;
}
const replayHash = await b.page.evaluate(() => window.playground.weightsHash());
await b.page.close();
await env.close();

// The wall-clock time at which the student's page reached a step (interpolated between polls).
const timeAt = (step) => {
  for (let i = 1; i < times.length; i++)
    if (times[i][1] >= step) {
      const [ta, sa] = times[i - 1], [tb, sb] = times[i];
      return sb === sa ? tb : ta + ((tb - ta) * (step - sa)) / (sb - sa);
    }
  return NaN;
};
const date = new Date().toISOString().slice(0, 10);
console.log(`time to accuracy (${date}), ${hash ? `link ${hash}` : "the page's default model"}: ${live.steps} steps in ${times.at(-1)[0].toFixed(1)} s, ` +
  `the whole test set read every ${check} steps of the same run (replayed: ${replayHash === live.hash ? 'the same weights' : 'OTHER WEIGHTS'})`);
console.log('| test accuracy | first step | seconds after Train |');
console.log('|---|---|---|');
for (const target of targets) {
  const r = reads.find((r) => r.accuracy >= target);
  console.log(`| ${(100 * target).toFixed(1)}% | ${r ? r.step : `not within ${live.steps}`} | ${r ? timeAt(r.step).toFixed(1) : '-'} |`);
}
console.log(`best read: ${(100 * Math.max(...reads.map((r) => r.accuracy))).toFixed(2)}% at step ${reads.reduce((a, r) => (r.accuracy > a.accuracy ? r : a)).step}`);
if (replayHash !== live.hash) process.exitCode = 1;
