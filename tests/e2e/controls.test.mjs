// Controls that do what a person means, with a real mouse at 1280x800: a drag that starts on a
// control never moves its window (the step slider pressed at its very end and dragged away), a
// window dragged by its title bar off the screen comes back within reach, and Panels > Reset
// layout puts every panel back in its place; a lesson's Try it trains with the value its widget shows;
// a tooltip never covers the Train panel's alert; the learning rate's slider moves a notch or two
// for a short drag and stops at round values; no panel covers another after Try it, and the Start
// here box goes when the student opens Lessons from the menu bar.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openPage, click, settle, shot, typeInto, frames, covering } from './browser.mjs';

let env;
before(async () => { env = await launch(); });
after(async () => { await env?.close(); });

const state = (page) => page.evaluate(() => window.playground.state());

test('a drag from a slider\'s end moves no window; a window dragged off the screen stays within reach; Reset layout', { timeout: 120000 }, async () => {
  const { page, errors } = await openPage(env, { width: 1280, height: 800 });
  await page.evaluate(() => window.playground.train(60));
  await settle(page);
  let st = await state(page);
  const slider = st.widgets.rewind, train = st.widgets.train;
  const before = { x: train.win.x, y: train.win.y };
  // Pressed on the slider's last pixel and dragged far to the right and down, as a finger slips.
  await page.mouse.move(slider.x + slider.w - 1, slider.y + slider.h / 2);
  await page.mouse.down();
  await page.mouse.move(slider.x + slider.w + 300, slider.y + 200, { steps: 10 });
  await page.mouse.up();
  await settle(page);
  st = await state(page);
  assert.deepEqual({ x: st.widgets.train.win.x, y: st.widgets.train.win.y }, before, 'the Train window stayed where it was');

  // Its title bar (just above its content) dragged to the far right edge and below the screen: it
  // moves, and comes back within reach.
  const title = { x: before.x + 60, y: before.y - 8 };
  await page.mouse.move(title.x, title.y);
  await frames(page, 3);
  await page.mouse.down();
  await frames(page, 3);
  await page.mouse.move(title.x + 400, title.y + 100, { steps: 5 });
  await page.waitForFunction((x) => window.playground.state().widgets.train.win.x > x + 300, before.x, { timeout: 10000, polling: 'raf' });
  const midway = (await state(page)).widgets.train.win;
  await page.mouse.move(1279, 799, { steps: 10 });
  await page.mouse.up();
  // It ends within reach: a point of its title bar (just above its content) on the screen.
  await page.waitForFunction(() => { const w = window.playground.state().widgets.train.win; return w.x + 30 < 1280 && w.y - 8 < 800 && w.x > 900; },
    null, { timeout: 10000, polling: 'raf' }).catch(() => {});
  await settle(page);
  st = await state(page);
  const moved = st.widgets.train.win;
  assert.ok(moved.x > midway.x, 'dragged on toward the corner');
  const grip = { x: moved.x + 30, y: moved.y - 8 };
  assert.ok(grip.x < 1280 && grip.y < 800, `the window stays within reach: ${JSON.stringify(moved)}`);
  // ...which takes the window back (each change of the pointer seen in a frame of its own).
  await page.mouse.move(grip.x, grip.y);
  await frames(page, 3);
  await page.mouse.down();
  await frames(page, 3);
  await page.mouse.move(600, 300, { steps: 10 });
  await page.mouse.up();
  await page.waitForFunction(() => window.playground.state().widgets.train.win.y < 400, null, { timeout: 10000, polling: 'raf' }).catch(() => {});
  assert.ok((await state(page)).widgets.train.win.y < 400, 'taken back by its title bar');
  await shot(page, 'controls-window-kept-on-screen');
  // Panels > Reset layout.
  await click(page, 'menu-panels');
  await click(page, 'reset-layout');
  await settle(page);
  st = await state(page);
  assert.deepEqual({ x: st.widgets.train.win.x, y: st.widgets.train.win.y }, before, 'Reset layout puts it back');
  assert.deepEqual(errors, []);
  await page.close();
});

test('the dropout lesson\'s Try it trains with the rate its widget shows', { timeout: 120000 }, async () => {
  const { page, errors } = await openPage(env, { width: 1280, height: 800, hash: '#v1&panels=32&lesson=dropout' });
  await typeInto(page, 'lesson-drop-rate', 0.77);
  await click(page, 'lesson-try');
  await page.waitForFunction(() => { const s = window.playground.state(); return !s.replaying && /dropout0\.77/.test(s.spec); }, null, { timeout: 60000, polling: 100 });
  assert.match((await state(page)).spec, /dense256 relu dropout0\.77 dense10/);
  assert.deepEqual(errors, []);
  await page.close();
});

test('a tooltip never covers the alert: hovering Train over a diverged run opens its tip above the button', { timeout: 120000 }, async () => {
  const { page, errors } = await openPage(env, { width: 1280, height: 800 });
  await page.evaluate(() => window.playground.load({ model: 'dense32 relu dense10', lr: 10, mom: 0.99 }));
  await page.evaluate(() => window.playground.train(200).catch(() => {}));
  await page.waitForFunction(() => window.playground.state().alertKind !== '', null, { timeout: 60000, polling: 100 });
  await settle(page);
  const w = (await state(page)).widgets.train;
  await page.mouse.move(w.x + w.w / 2, w.y + w.h / 2);
  await page.waitForFunction(() => window.playground.state().tooltipRect.h > 0, null, { timeout: 10000, polling: 'raf' });
  await settle(page);
  const st = await state(page);
  const t = st.tooltipRect, a = st.alertRect;
  assert.ok(a.h > 0, 'the alert is shown');
  const overlap = t.x < a.x + a.w && a.x < t.x + t.w && t.y < a.y + a.h && a.y < t.y + t.h;
  assert.ok(!overlap, `the tooltip ${JSON.stringify(t)} keeps clear of the alert ${JSON.stringify(a)}`);
  await shot(page, 'controls-tooltip-clear-of-alert');
  assert.deepEqual(errors, []);
  await page.close();
});

test('the learning rate moves a notch or two for a 30-px drag and stops at round values', { timeout: 120000 }, async () => {
  const { page, errors } = await openPage(env, { width: 1280, height: 800, hash: '#v1&opt=sgd&lr=0.01&mom=0.9' });
  const lr = async () => Number((await page.evaluate(() => window.playground.link())).match(/&lr=([^&]+)/)[1]);
  const grid = [];
  for (let e = -4; e <= 1; e++) for (const m of [1, 2, 3, 5]) if (m * 10 ** e <= 10) grid.push(Number(`${m}e${e}`));
  const notch = (v) => grid.findIndex((g) => Math.abs(g - v) <= g * 1e-6);
  assert.equal(await lr(), 0.01);
  const w = (await state(page)).widgets.lr;
  assert.ok(w.w > 380, `the slider spans the Train panel (${w.w} px with its label)`);
  // A press where the slider shows about 0.01 (a log scale from 1e-4 to 10 over the slider, the
  // label to its right), then the same press dragged 30 px to the right, as in a hurried drag.
  const frame = w.w - 100, x0 = w.x + 2 + 5 + (frame - 14) * (Math.log10(0.01 / 1e-4) / 5), y = w.y + w.h / 2;
  await page.mouse.click(x0, y);
  await frames(page, 4);
  const v1 = await lr();
  assert.ok(notch(v1) >= 0, `a press gives a round value: ${v1}`);
  await page.mouse.move(x0, y);
  await page.mouse.down();
  await frames(page, 2);
  await page.mouse.move(x0 + 30, y, { steps: 6 });
  await frames(page, 2);
  await page.mouse.up();
  await frames(page, 4);
  const v2 = await lr();
  assert.ok(notch(v2) >= 0, `a drag ends on a round value: ${v2}`);
  assert.ok(notch(v2) > notch(v1) && notch(v2) - notch(v1) <= 3 && v2 / v1 <= 3.5, `a 30-px drag moves ${v1} -> ${v2}: a notch or two, not tenfold`);
  await shot(page, 'controls-lr-slider');
  assert.deepEqual(errors, []);
  await page.close();
});

test('no panel covers another: the first view, Start here then Lessons, Try it, everything shown', { timeout: 180000 }, async () => {
  const { page, errors } = await openPage(env, { width: 1280, height: 800, firstVisit: true });
  let st = await state(page);
  assert.equal(st.startHere, true);
  // The student opens Lessons from the menu bar rather than a Start here button: the box goes.
  await click(page, 'menu-lessons');
  await settle(page);
  st = await state(page);
  assert.equal(st.startHere, false, 'Start here is gone once a panel is opened');
  assert.deepEqual(covering(st), [], 'the first view with Lessons');
  assert.ok(st.windows.some((w) => w.title === 'Lessons'));
  // Try it in a lesson: its link shows the busy panels beside the lesson.
  await click(page, 'lesson-list');
  await click(page, 'lesson:11');
  await click(page, 'lesson-try');
  if ((await state(page)).widgets['try-replace']) await click(page, 'try-replace');
  await page.waitForFunction(() => { const s = window.playground.state(); return !s.replaying && s.pinQueue === 0 && s.pinned.length === 1 && s.windows.some((w) => w.title === 'Model'); },
    null, { timeout: 90000, polling: 100 });
  await settle(page, 4);
  st = await state(page);
  assert.deepEqual(covering(st), [], `after Try it: ${JSON.stringify(st.windows)}`);
  const lesson = st.windows.find((w) => w.title === 'Lessons');
  assert.ok(lesson && lesson.w >= 600, 'the lesson keeps its width');
  assert.deepEqual(st.overflow, [], 'the lesson text wraps: nothing wider than its window');
  await shot(page, 'controls-after-try-it');
  // A panel the lesson names opened beside it takes the slot it shares, never the lesson's place.
  await page.evaluate(() => window.playground.panels(['Model', 'Train', 'Draw', 'Data', 'Inspect', 'Lessons']));
  await settle(page, 4);
  st = await state(page);
  assert.deepEqual(covering(st), [], `every panel asked for: ${JSON.stringify(st.windows)}`);
  assert.ok(st.windows.some((w) => w.title === 'Lessons'), 'the lesson stays');
  for (const [w, h] of [[1024, 768], [768, 1024]]) {
    await page.setViewportSize({ width: w, height: h });
    await settle(page, 4);
    st = await state(page);
    assert.deepEqual(covering(st), [], `at ${w}x${h}: ${JSON.stringify(st.windows)}`);
  }
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.evaluate(() => window.playground.panels(['Model', 'Train', 'Draw', 'Data', 'Inspect']));
  await settle(page, 4);
  assert.deepEqual(covering(await state(page)), [], 'everything shown, no lesson');
  // Everything shown, then Lessons from the bar: Data and Inspect wait; Data opened from the Panels
  // menu takes the slot under the lesson, not its old place; closing the lesson brings all back.
  await click(page, 'menu-lessons');
  await settle(page, 4);
  st = await state(page);
  assert.deepEqual(covering(st), [], `Lessons over everything: ${JSON.stringify(st.windows)}`);
  await click(page, 'menu-panels');
  await click(page, 'panels-menu:Data');
  await settle(page, 4);
  st = await state(page);
  assert.ok(st.windows.some((w) => w.title === 'Data'), 'Data is shown');
  assert.deepEqual(covering(st), [], `Data opened beside the lesson: ${JSON.stringify(st.windows)}`);
  await click(page, 'menu-lessons');
  await settle(page, 4);
  st = await state(page);
  assert.deepEqual(st.windows.filter((w) => w.title !== 'Lessons').map((w) => w.title).sort(), ['Data', 'Draw', 'Inspect', 'Model', 'Train'],
    'the lesson closed: every panel that waited for its slot is back');
  assert.deepEqual(covering(st), [], 'and none covers another');
  assert.deepEqual(errors, []);
  await page.close();
});
