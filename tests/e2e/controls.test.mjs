// Controls that do what a person means, with a real mouse at 1280x800: a drag that starts on a
// control never moves its window (the step slider pressed at its very end and dragged away), a
// window dragged by its title bar off the screen comes back within reach, and Panels > Reset
// layout puts every panel back in its place; a lesson's Try it trains with the value its widget shows;
// a tooltip never covers the Train panel's alert.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openPage, click, settle, shot, typeInto, frames } from './browser.mjs';

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
