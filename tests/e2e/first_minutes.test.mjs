// The first five minutes, as a new student or teacher meets them: taps and quick clicks that
// work the first time, failures that stay on screen with a way out, lessons that ask before they
// replace a trained model, a model too slow for a page stopped with a reason, a usable API.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openPage, release, shot, click, frames, typed, openLesson, shotDir, typeInto, started } from './browser.mjs';

let env;
before(async () => { env = await launch(); });
after(async () => { await env?.close(); });

const state = (page) => page.evaluate(() => window.playground.state());

test('every first tap on a tab opens it (touch tablet, 768x1024)', { timeout: 120000 }, async () => {
  const context = await env.browser.newContext({ viewport: { width: 768, height: 1024 }, deviceScaleFactor: 2, hasTouch: true, isMobile: true });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(env.url);
  await started(page);
  // A first visit: the first tap on "Show everything" works too.
  const tapOn = async (name) => {
    await frames(page, 3);
    const w = (await state(page)).widgets[name];
    assert.ok(w, `${name} is on screen`);
    await page.touchscreen.tap(w.x + w.w / 2, w.y + w.h / 2);
  };
  await tapOn('start-all');
  await page.waitForFunction(() => !window.playground.state().startHere, null, { timeout: 5000 })
    .catch(() => assert.fail('the first tap on "Show everything" did nothing'));
  let taps = 0;
  // On a tablet one panel a slot: each panel with tabs is brought in, then each tab tapped once.
  for (const [panel, tabs] of [['Inspect', ['weights', 'gradients', 'activations']], ['Model', ['edit', 'layers']], ['Data', ['own', 'data']]]) {
    await page.evaluate((p) => window.playground.panels(['Draw', p]), panel);
    for (const name of tabs) {
      await tapOn(`tab:${name}`);
      await page.waitForFunction((n) => window.playground.state().widgets[`tabopen:${n}`], name, { timeout: 5000 })
        .catch(() => assert.fail(`the first tap on tab ${name} did not open it`));
      taps++;
    }
  }
  await page.screenshot({ path: `${shotDir}/layout-touch-tabs.png` });
  assert.equal(taps, 7, `tapped ${taps} tabs`);
  assert.deepEqual(errors, []);
  await context.close();
});

test('zero-length clicks on tabs open them every time', { timeout: 120000 }, async () => {
  const { page, errors } = await openPage(env, { width: 1280, height: 800, reuse: true });
  let clicks = 0;
  for (let round = 0; round < 3; round++) {
    for (const name of ['weights', 'gradients', 'activations', 'edit', 'layers', 'own', 'data']) {
      await frames(page, 2);
      const w = (await state(page)).widgets[`tab:${name}`];
      assert.ok(w, `tab ${name} is on screen`);
      // Down and up with no time between, as a quick click or a test driver does.
      await page.mouse.click(w.x + w.w / 2, w.y + w.h / 2, { delay: 0 });
      await page.waitForFunction((n) => window.playground.state().widgets[`tabopen:${n}`], name, { timeout: 5000 })
        .catch(() => assert.fail(`a quick click on tab ${name} (round ${round}) did not open it`));
      clicks++;
    }
  }
  console.log(`first-minutes: ${clicks} zero-length clicks on tabs, all opened`);
  assert.deepEqual(errors, []);
  await release(env, page);
});

test('a run ruined by a huge learning rate says so until the student acts, and one click recovers it', { timeout: 180000 }, async () => {
  const { page, errors } = await openPage(env, { width: 1280, height: 800, reuse: true });
  await typeInto(page, 'lr', 100);
  assert.equal((await state(page)).lr, 10, 'typed values are clamped to what a link carries');
  await click(page, 'train');
  // At 10 the convnet either blows up (NaN) or dies (every ReLU off): both are said.
  await page.waitForFunction(() => window.playground.state().alertKind !== '', null, { timeout: 60000, polling: 50 });
  await frames(page, 20);
  const st = await state(page);
  assert.match(st.alertKind, /^(diverged|dead)$/, 'the message is still there 20 frames later');
  assert.match(st.alert, /learning rate.*10|\(10\)/);
  assert.ok(st.widgets['alert-retry'] && st.widgets['alert-reset'], 'the ways out are buttons');
  await shot(page, 'alert-diverged');
  await click(page, 'alert-retry');
  await page.waitForFunction(() => window.playground.state().steps >= 40, null, { timeout: 60000, polling: 50 });
  const after = await state(page);
  assert.equal(after.alertKind, '');
  assert.equal(after.lr, 0.002, 'a tenth of 10, no more than the presets\' rate with Adam (the first view trains with Adam)');
  assert.ok(after.loss < 2, `it learns again: loss ${after.loss}`);
  await page.keyboard.press('Space');
  assert.deepEqual(errors, []);
  await release(env, page);
});

test('a dead network is detected and explained', { timeout: 180000 }, async () => {
  // 150 healthy steps (a checkpoint at step 100), then learning rate 5 kills every ReLU.
  // Plain SGD at 0.05 (with momentum, rate 5 blows the weights up instead of killing the ReLUs).
  const { page, errors } = await openPage(env, { width: 1280, height: 800, hash: '#v1&model=relu&batch=32&lr=0.05&mom=0&steps=150', reuse: true });
  await page.waitForFunction(() => window.playground.state().steps === 150 && !window.playground.state().replaying, null, { timeout: 60000 });
  await typeInto(page, 'lr', 5);
  await page.keyboard.press('Space');
  await page.waitForFunction(() => window.playground.state().alertKind === 'dead', null, { timeout: 60000, polling: 50 });
  const st = await state(page);
  assert.match(st.alert, /every ReLU outputs 0/);
  assert.equal(st.training, false);
  await shot(page, 'alert-dead');
  // A click on Train meant as Pause, and the space bar, do not train the dead network on: the
  // button says what to do first.
  const steps = st.steps;
  await click(page, 'train');
  await page.keyboard.press('Space');
  await frames(page, 6);
  const held = await state(page);
  assert.equal(held.training, false, 'Train waits for a choice');
  assert.equal(held.steps, steps);
  const w = held.widgets.train;
  await page.mouse.move(w.x + w.w / 2, w.y + w.h / 2);
  await page.waitForFunction(() => /network broke: retry with a lower rate, reset the weights, or dismiss/.test(window.playground.state().tooltip), null, { timeout: 5000 });
  await click(page, 'alert-retry');
  await page.waitForFunction(() => window.playground.state().steps >= 200 && window.playground.state().loss < 1, null, { timeout: 60000, polling: 50 });
  await page.keyboard.press('Space');
  assert.deepEqual(errors, []);
  await release(env, page);
});

test('Try it asks before replacing a trained model; a locked demo keeps its model; lesson links keep the Lessons window as the teacher left it', { timeout: 180000 }, async () => {
  const { page, errors } = await openPage(env, { width: 1280, height: 800, reuse: true });
  await page.evaluate(() => window.playground.train(30));
  await click(page, 'menu-lessons');
  await openLesson(page, 14);
  await click(page, 'lesson-try');
  assert.ok((await state(page)).widgets['try-keep'], 'it asks');
  await shot(page, 'lesson-try-asks');
  await click(page, 'try-keep');
  let st = await state(page);
  assert.equal(st.steps, 30, 'the trained model is kept');
  await openLesson(page, 17);
  await click(page, 'lesson-try');
  await click(page, 'try-replace');
  await page.waitForFunction(() => !window.playground.state().replaying && window.playground.state().steps === 150, null, { timeout: 120000 });
  st = await state(page);
  assert.match(st.spec, /inception/, 'lesson 17 trains a small inception net');
  await release(env, page);

  const locked = await openPage(env, { width: 1280, height: 800, hash: '#v1&model=relu&lock=1&panels=63&lesson=14', over: true });
  await click(locked.page, 'lesson-try');
  await frames(locked.page, 4);
  st = await state(locked.page);
  assert.equal(st.spec, 'dense256 relu dense10', 'Try it is off in a locked demo');
  assert.equal(st.widgets['try-keep'], undefined);
  await release(env, locked.page);

  const closed = await openPage(env, { width: 1280, height: 800, hash: '#v1&model=relu&panels=31&lesson=17', over: true });
  await frames(closed.page, 4);
  assert.equal((await state(closed.page)).widgets['lesson-try'], undefined, 'the Lessons window stays closed');
  await release(env, closed.page);
  assert.deepEqual([...errors, ...locked.errors, ...closed.errors], []);
});

test('a model too slow for a page is estimated, and training does not start a step that would hold the page; ways out', { timeout: 240000 }, async () => {
  const { page, errors } = await openPage(env, { width: 1280, height: 800, hash: '#v1&model=conv5x5x128+relu+conv5x5x128+relu+dense10', reuse: true });
  await frames(page, 4);
  let st = await state(page);
  assert.ok(st.estimatedStepMs > 1000, `estimated ${st.estimatedStepMs} ms a step`);
  await shot(page, 'slow-model-estimate');
  await page.keyboard.press('Space');
  await page.waitForFunction(() => window.playground.state().alertKind === 'slow', null, { timeout: 120000, polling: 100 });
  st = await state(page);
  assert.equal(st.training, false);
  assert.equal(st.steps, 0, 'no step that would hold the page for seconds was started');
  // The page is not held: the pointer moving over it is drawn.
  const f0 = await page.evaluate(() => window.playground.frames);
  for (let i = 0; i < 8; i++) await page.mouse.move(600 + 20 * i, 700);
  await page.waitForFunction((f) => window.playground.frames > f + 5, f0, { timeout: 10000 });
  await click(page, 'alert-batch');
  st = await state(page);
  assert.ok(st.batch < 8, `batch lowered to ${st.batch}`);
  await page.waitForFunction(() => window.playground.state().steps >= 3, null, { timeout: 60000, polling: 100 });
  await page.keyboard.press('Space');
  await page.waitForFunction(() => !window.playground.state().training, null, { timeout: 20000 });
  assert.deepEqual(errors, []);
  await release(env, page);
});

test('an invalid spec never asks; a valid one always does; a model too big says so without a caret', { timeout: 180000 }, async () => {
  const { page, errors } = await openPage(env, { width: 1280, height: 800, reuse: true });
  await page.evaluate(() => window.playground.train(30));
  const typeSpec = async (text) => {
    await click(page, 'spec-input');
    await page.keyboard.press('Control+A');
    await page.keyboard.type(text);
    await page.keyboard.press('Enter');
    // Every key taken (one change of a key a frame) and the question, if any, laid out: at rest.
    await typed(page);
  };
  await typeSpec('conv5x5x8 relu donse10');
  let st = await state(page);
  assert.equal(st.widgets.discard, undefined, 'nothing to rebuild: no question');
  assert.match(st.specError, /donse10/);
  assert.equal(st.steps, 30, 'the trained model stays');
  await typeSpec('dense64 relu dense10');
  st = await state(page);
  assert.ok(st.widgets.discard, 'a valid spec asks before discarding 30 trained steps');
  await click(page, 'keep-training');
  assert.equal((await state(page)).steps, 30);
  await typeSpec('dense10000 relu dense2000 relu dense10');
  st = await state(page);
  assert.match(st.specError, /needs \d+ MB/);
  assert.doesNotMatch(st.specError, /^at \d/, 'no caret position for the model as a whole');
  assert.equal(st.widgets.discard, undefined);
  assert.deepEqual(errors, []);
  await release(env, page);
});

test('numbers say what they are; the API says what is wrong and keeps the page drawing', { timeout: 120000 }, async () => {
  const { page, errors } = await openPage(env, { width: 1280, height: 800, reuse: true });
  let st = await state(page);
  assert.doesNotMatch(st.status, /0\.0%/, 'no accuracy before anything was measured');
  const f0 = await page.evaluate(() => window.playground.frames);
  await page.evaluate(() => window.playground.train(300));
  const f1 = await page.evaluate(() => window.playground.frames);
  assert.ok(f1 > f0 + 2, `the page drew ${f1 - f0} frames while train(300) ran`);
  await page.keyboard.press('Space');
  await page.waitForFunction(() => window.playground.state().examplesPerSecond > 0, null, { timeout: 30000 });
  await page.keyboard.press('Space');
  await page.waitForFunction(() => !window.playground.state().training, null, { timeout: 20000 });
  await frames(page, 3);
  assert.equal((await state(page)).examplesPerSecond, 0, 'no stale examples/s after Pause');
  await page.evaluate(() => window.playground.panels(['train', 'DRAW']));
  await frames(page, 3);
  st = await state(page);
  assert.ok(st.widgets.train && !st.widgets['preset:lenet'], 'panel names in any case');
  const err = await page.evaluate(() => { try { window.playground.panels(['Train', 'Bogus']); return null; } catch (e) { return e.message; } });
  assert.match(err, /unknown panel "Bogus".*Model, Train, Draw, Data, Inspect, Lessons/);
  assert.ok((await state(page)).widgets.train, 'nothing changed on an unknown name');
  assert.deepEqual(errors, []);
  await release(env, page);
});

test('a first visit: Start here over a calm view, the live region and the keyboard work, and it is not shown again', { timeout: 180000 }, async () => {
  for (const [w, h] of [[1280, 800], [768, 1024]]) {
    const { page, errors } = await openPage(env, { width: w, height: h, firstVisit: true });
    await frames(page, 4);
    let st = await state(page);
    assert.equal(st.startHere, true);
    assert.ok(st.widgets['start-train'] && st.widgets['start-lesson'] && st.widgets['start-all']);
    assert.equal(st.widgets['preset:lenet'], undefined, 'no Model panel in the first view');
    assert.ok(st.widgets.train && st.padRect.w > 100, 'Train and Draw are there');
    await shot(page, `first-view-${w}x${h}`);
    if (w === 768) { await page.close(); continue; }
    // The keyboard and the live region work with Start here open.
    await page.keyboard.press('Space');
    await page.waitForFunction(() => document.getElementById('live').textContent.startsWith('Training'), null, { timeout: 10000 });
    await page.keyboard.press('Space');
    await page.waitForFunction(() => !window.playground.state().training, null, { timeout: 10000 });
    await click(page, 'start-train');
    st = await state(page);
    assert.equal(st.startHere, false);
    assert.equal(st.training, true, '"Train, then draw a digit" starts training');
    await page.keyboard.press('Space');
    await page.reload();
    await started(page);
    assert.equal((await state(page)).startHere, false, 'not shown again');
    assert.deepEqual(errors, []);
    await page.close();
  }
});

test('lessons say what they show: scores x10 scales the scores, the plot caption matches its axis, overflow reads NaN', { timeout: 120000 }, async () => {
  const { page, errors } = await openPage(env, { width: 1280, height: 800, hash: '#v1&model=logistic&panels=34&lesson=1', over: true });
  await frames(page, 4);
  let st = await state(page);
  assert.deepEqual(st.lessonReadout, ['scores 3 1 0.2', 'x axis: score a from -5 to 5 (b and c as set)']);
  await click(page, 'lesson1-x10');
  st = await state(page);
  assert.equal(st.lessonReadout[0], 'scores 30 10 2', '"scores x10" multiplies the scores');
  assert.match(st.lessonReadout[1], /from -30 to 30/, 'the sweep covers the scores and the caption says so');
  await shot(page, 'lesson-01-x10');
  await openLesson(page, 4);
  st = await state(page);
  assert.match(st.lessonReadout[0], /naive exp\(s\)\/sum: +NaN NaN NaN/);
  assert.doesNotMatch(st.lessonReadout[0], /-nan/);
  assert.deepEqual(errors, []);
  await release(env, page);
});
