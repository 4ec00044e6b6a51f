// Every lesson opens, its widget draws, "Try it" loads its demo; progress is kept across a
// reload and travels in the link.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { launch, shot, click, openLesson, tryIt, keptText, started } from './browser.mjs';

let env;
before(async () => { env = await launch(); });
after(async () => { await env?.close(); });

const state = (page) => page.evaluate(() => window.playground.state());

test('all lessons: open, widget, Try it, progress', { timeout: 400000 }, async () => {
  const context = await env.browser.newContext({ viewport: { width: 1280, height: 720 } });
  const page = await context.newPage();
  const errors = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(env.url);
  await started(page);
  // A first visit: "Start here" leads into the first lesson.
  assert.equal((await state(page)).startHere, true);
  await click(page, 'start-lesson');
  assert.equal((await state(page)).lessonNumber, 1);
  assert.equal((await state(page)).lesson, 'softmax');
  for (let i = 1; i <= 17; i++) {
    await openLesson(page, i);
    assert.equal((await state(page)).lessonNumber, i);
    // A lesson's training runs a slice per frame: the page keeps drawing (a progress bar and Stop
    // in place of the button) until it is done, though nothing else asks for frames (redraw.h).
    for (const button of { 5: ['lesson5-train'], 6: ['lesson6-train'], 8: ['lesson8-train'], 10: ['lesson10-train'] }[i] || []) {
      const before = await page.evaluate(() => window.playground.frames);
      await click(page, button);
      // Stop shows while it trains (every frame is looked at; a quick job on a quiet machine may
      // be done within a frame or two, the frames it drew still count below).
      await page.waitForFunction(({ b, before }) => {
        const w = window.playground.state().widgets;
        return w[`${b}-stop`] || (w[b] && window.playground.frames - before > 3);
      }, { b: button, before }, { timeout: 30000, polling: 'raf' });
      await page.waitForFunction((b) => { const w = window.playground.state().widgets; return w[b] && !w[`${b}-stop`]; }, button,
        { timeout: 120000, polling: 100 });
      // The click draws three frames by itself; the job's slices draw the rest (Stop, then done).
      const drawn = (await page.evaluate(() => window.playground.frames)) - before;
      assert.ok(drawn > 3, `lesson ${i}: ${drawn} frames drawn while its widget trained`);
    }
    await shot(page, `lesson-${String(i).padStart(2, '0')}`);
    await tryIt(page);
    await page.waitForFunction(() => !window.playground.state().replaying && window.playground.state().pinQueue === 0, null, { timeout: 120000 });
    const st = await state(page);
    // The lessons that compare two ways to train open with one of them pinned, trained (compare.h).
    if ([5, 6, 7, 10, 11, 12].includes(i)) {
      assert.deepEqual(st.pinned.map((p) => p.name), ['A'], `lesson ${i} pins its other run`);
      assert.ok(st.pinned[0].steps >= 300, `lesson ${i}: its pinned run is trained`);
      assert.equal(st.compareDiffers.length, 2, `lesson ${i}: the compare table is shown`);
    } else {
      assert.deepEqual(st.pinned, [], `lesson ${i} pins nothing`);
    }
    assert.equal(st.lessonNumber, i, `Try it keeps lesson ${i} open`);
    // Links name the lesson by its id, which inserting a lesson never changes.
    assert.match(st.lesson, /^[a-z][a-z0-9-]*$/);
    assert.match(await page.evaluate(() => window.playground.link()), new RegExp(`lesson=${st.lesson}(&|$)`));
    if (i === 3) assert.equal(st.spec, 'dense10');
    if (i === 17) assert.match(st.spec, /inception\(8,8\/16,4\/8,8\)/);
    await click(page, 'lesson-done');
  }
  const done = (await state(page)).lessonsDone;
  assert.equal(done.length, 17, 'all 17 marked done');
  assert.match(await page.evaluate(() => window.playground.link()), new RegExp(`done=${done.join('\\.')}(&|$)`));
  await page.reload();
  await started(page);
  assert.deepEqual((await state(page)).lessonsDone, done, 'progress kept across the reload');
  assert.deepEqual(errors, []);
  await context.close();
});

// A browser that kept progress as the old 32-bit mask of lesson numbers (lessons 1, 2 and 5
// done) and an old link that numbers its lesson: both open the same lessons by id.
test('old progress and old lesson numbers still mean the same lessons', { timeout: 120000 }, async () => {
  const context = await env.browser.newContext({ viewport: { width: 1280, height: 720 } });
  const page = await context.newPage();
  await page.goto(env.url);
  // The old save is written once the page has started (its storage read): the reload below is
  // the visit that finds it, and moves it. (Written while the first visit was still reading its
  // storage, it was moved by that visit, whose removal of the old copy a quick reload could cut.)
  await started(page);
  await page.evaluate(() => localStorage.setItem('dlp.lessons.v1', btoa(String.fromCharCode(0x13, 0, 0, 0))));
  await page.goto(`${env.url}#v1&model=logistic&panels=32&lesson=14`);
  await page.reload();
  await started(page);
  // One look at all of it, so that a failure says everything the page shows and keeps.
  const seen = async () => {
    const st = await state(page);
    return {
      done: st.lessonsDone, lesson: st.lesson, number: st.lessonNumber, keepNote: st.keepNote,
      v2: await keptText(page, 'dlp.lessons.v2'),
      v1: await page.evaluate(() => localStorage.getItem('dlp.lessons.v1')),  // the old save was moved, once
    };
  };
  const moved = { done: ['cross-entropy', 'normalization', 'softmax'], lesson: 'convnets', number: 14, keepNote: '',
    v2: 'cross-entropy\nnormalization\nsoftmax\n', v1: null };
  assert.deepEqual(await seen(), moved);
  // A visit left after it moved the old save but before it removed the old copy: the next visit
  // finds the copy beside the moved save and removes it; the progress is the same.
  await page.evaluate(() => localStorage.setItem('dlp.lessons.v1', btoa(String.fromCharCode(0x13, 0, 0, 0))));
  await page.reload();
  await started(page);
  assert.deepEqual(await seen(), moved);
  await context.close();
});
