// One truth for each number, as a teacher and a student meet them at 1280x800: one test figure per
// run and step, saying on how many digits, wherever it appears (the Train panel's line, the
// Compare table's rows, the Data panel after Evaluate); Compare says when runs are at different
// steps and its button brings them to one; a student who opens the teacher's link sees the
// teacher's figures.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openPage, click, settle, shot, frames } from './browser.mjs';

let env;
before(async () => { env = await launch(); });
after(async () => { await env?.close(); });

const state = (page) => page.evaluate(() => window.playground.state());
const fragment = (url) => url.replace(/^[^#]*#/, '#');

// Train with the Train button, pause with Space, as a student does; then the run's figure at the
// step it stopped at.
async function trainFor(page, n) {
  const from = (await state(page)).steps;
  await click(page, 'train');
  await page.waitForFunction((k) => window.playground.state().steps >= k, from + n, { timeout: 90000, polling: 50 });
  await page.keyboard.press('Space');
  await page.waitForFunction(() => { const s = window.playground.state(); return !s.training && s.testStep === s.steps; }, null, { timeout: 30000, polling: 50 });
  await settle(page);
  return state(page);
}

test('the numbers agree: the Train line, Compare, Evaluate, and the student\'s replay of the link', { timeout: 300000 }, async () => {
  const a = await openPage(env, { width: 1280, height: 800 });
  await a.page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: env.url.replace(/\/$/, '') });
  let st = await trainFor(a.page, 120);
  const s1 = st.steps;
  assert.equal(st.testCount, 500, 'where training stopped, the quick estimate on 500 test digits');
  assert.ok(st.testAccuracy > 0.5, `learned something: ${st.testAccuracy}`);
  // Pinned at this step: the same figure.
  await click(a.page, 'pin');
  st = await state(a.page);
  assert.equal(st.pinned.length, 1);
  assert.equal(st.pinned[0].steps, s1);
  assert.equal(st.pinned[0].testAcc, st.testAccuracy, 'the pinned run at this step shows the Train line\'s figure');
  assert.equal(st.compareNote, '', 'both runs at one step');

  // Trained on: the runs are now at different steps, and Compare says so and offers the fix.
  st = await trainFor(a.page, 80);
  const s2 = st.steps;
  assert.ok(s2 > s1);
  assert.match(st.compareNote, new RegExp(`different steps \\(A ${s1}, now ${s2}\\)`));
  assert.equal(st.trainAllTo, s2, 'Train all offers the furthest run\'s step');
  await shot(a.page, 'numbers-different-steps');
  await click(a.page, 'train-all');
  await a.page.waitForFunction((n) => { const s = window.playground.state(); return s.pinQueue === 0 && !s.replaying && s.pinned[0].steps === n && s.testStep === n; },
    s2, { timeout: 120000, polling: 100 });
  await settle(a.page);
  st = await state(a.page);
  assert.equal(st.steps, s2, 'the current run came back as it was');
  assert.equal(st.compareNote, '', 'at one step, nothing to warn about');
  assert.equal(st.pinned[0].weightsHash, st.weightsHash, 'run A trained on to this step is the current run (same settings)');
  assert.equal(st.pinned[0].testAcc, st.testAccuracy, 'and shows the same figure');
  const teacher = st;

  // The student opens the teacher's link: the same run, the same figures.
  await click(a.page, 'copy-link');
  const link = await a.page.evaluate(() => navigator.clipboard.readText());
  await click(a.page, 'link-close');
  const b = await openPage(env, { width: 1280, height: 800, hash: fragment(link) });
  await b.page.waitForFunction((n) => { const s = window.playground.state(); return s.steps === n && !s.replaying && s.pinQueue === 0 && s.testStep === n && s.pinned.length === 1; },
    s2, { timeout: 180000, polling: 100 });
  await settle(b.page);
  const student = await state(b.page);
  assert.equal(student.weightsHash, teacher.weightsHash);
  assert.equal(student.testAccuracy, teacher.testAccuracy, 'the student sees the teacher\'s test figure');
  assert.equal(student.testCount, teacher.testCount, 'on as many digits');
  assert.equal(student.pinned[0].testAcc, teacher.pinned[0].testAcc, 'and the same figure for the pinned run');
  await shot(b.page, 'numbers-student');

  // Evaluate (the Data panel): the whole test set, and every place shows that figure for the step.
  await click(a.page, 'evaluate');
  await a.page.waitForFunction((n) => window.playground.state().fullTest.step === n, s2, { timeout: 30000 });
  await frames(a.page, 3);
  st = await state(a.page);
  assert.equal(st.fullTest.count, 10000);
  assert.equal(st.testCount, 10000, 'the Train line now says all 10,000 digits');
  assert.equal(st.testAccuracy, st.fullTest.accuracy, 'one figure for the step: the Data panel\'s');
  assert.equal(st.pinned[0].testAcc, st.fullTest.accuracy, 'and Compare\'s for run A, the same model at the same step');
  await shot(a.page, 'numbers-evaluated');
  assert.deepEqual([...a.errors, ...b.errors], []);
  await a.page.close();
  await b.page.close();
});
