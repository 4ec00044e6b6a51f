// Opening a unit: a student trains a little, then clicks a cell of a feature map in
// Inspect and reads that unit's arithmetic: its receptive field, the weighted sum with the real
// numbers, the ReLU, and backward the chain rule for a weight they pick. Every number the view
// shows is checked against the engine's own value (the page reports both); the arithmetic itself
// is tested natively in tests/session/unit_view_test.cpp.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openPage, shot, click, frames } from './browser.mjs';

let env;
before(async () => { env = await launch(); });
after(async () => { await env?.close(); });

const state = (page) => page.evaluate(() => window.playground.state());

// Clicks cell (row, col) of a named map of rows x cols cells with the real mouse, scrolling the
// maps with the wheel first, as a student does, until that cell is in view.
async function clickCell(page, name, rows, cols, row, col) {
  for (let i = 0; i < 40; i++) {
    await frames(page);
    const w = (await state(page)).widgets[name];
    assert.ok(w, `map ${name} is drawn`);
    const x = w.x + (col + 0.5) * (w.w / cols), y = w.y + (row + 0.5) * (w.h / rows);
    if (y >= w.win.y + 2 && y <= w.win.y + w.win.h - 2) {
      await page.mouse.click(x, y);
      await frames(page, 4);
      return;
    }
    await page.mouse.move(w.win.x + w.win.w / 2, w.win.y + w.win.h / 2);
    await page.mouse.wheel(0, y < w.win.y ? -40 : 40);
  }
  assert.fail(`could not scroll ${name} into view: ${JSON.stringify((await state(page)).widgets[name])}`);
}

const sameNumber = (a, b, what) => assert.ok(a === b || (Number.isNaN(a) && Number.isNaN(b)), `${what}: view ${a}, engine ${b}`);

test('a student opens a unit of the trained LeNet and follows a weight backward', { timeout: 240000 }, async () => {
  // The LeNet-like preset (SAME convolutions: the geometry below), opened by its link.
  const { page, errors } = await openPage(env, { hash: '#v1&model=lenet' });
  await page.waitForFunction(() => window.playground.state().trainIn > 0, null, { timeout: 60000 });
  // Train about a hundred steps with the button, then pause with it.
  await click(page, 'train');
  await page.waitForFunction(() => window.playground.state().steps >= 100, null, { timeout: 120000 });
  await click(page, 'train');
  await page.waitForFunction(() => !window.playground.state().training, null, { timeout: 20000 });

  // Nothing open yet; the panel says what a click does.
  await click(page, 'tab:activations');
  let st = await state(page);
  assert.equal(st.unit, undefined);

  // conv2 (layer 3: 14 x 14 x 16), channel 0, row 4, column 6.
  await clickCell(page, 'map:3:0', 14, 14, 4, 6);
  st = await state(page);
  assert.ok(st.unit, 'the unit view opened');
  let u = st.unit;
  assert.deepEqual([u.layer, u.act, u.y, u.x, u.c, u.terms, u.positions], [3, 4, 4, 6, 0, 200, 196]);
  assert.equal(u.error, '');
  // conv2 reads rows 2-6, columns 4-8 of pool1; pool1 rows 4-13, columns 8-17 of conv1; conv1
  // rows 2-15, columns 6-19 of the input.
  assert.deepEqual(u.field, [2, 15, 6, 19]);
  sameNumber(u.z, u.engineZ, 'z');
  sameNumber(u.a, u.engineA, 'a');
  sameNumber(u.dw, u.engineDw, 'dL/dw');
  sameNumber(u.db, u.engineDb, 'dL/db');
  assert.equal(u.a, Math.max(0, u.z));
  await shot(page, 'inspect-unit');

  // Pick another weight from the contributions: the chain rule follows it.
  const first = u.term;
  await click(page, 'unit-term:2');
  u = (await state(page)).unit;
  assert.notEqual(u.term, first);
  sameNumber(u.dw, u.engineDw, 'dL/dw of the picked weight');

  // A pooling map has no unit of its own: the view says so; Close shuts it.
  await click(page, 'unit-close');
  assert.equal((await state(page)).unit, undefined);
  await clickCell(page, 'map:2:0', 14, 14, 0, 0);
  u = (await state(page)).unit;
  assert.match(u.error, /maxpool2 layer has no weights of its own/);
  await click(page, 'unit-close');

  // A ReLU's map opens the convolution before it (conv1: 28 x 28 x 8), at a corner whose window
  // hangs over the padding.
  await clickCell(page, 'map:1:1', 28, 28, 0, 27);
  u = (await state(page)).unit;
  assert.deepEqual([u.layer, u.act, u.y, u.x, u.c, u.terms], [0, 1, 0, 27, 1, 25]);
  assert.deepEqual(u.field, [0, 2, 25, 27]);
  sameNumber(u.z, u.engineZ, 'conv1 z');
  sameNumber(u.dw, u.engineDw, 'conv1 dL/dw');
  await click(page, 'unit-close');

  // The dense layer (layer 6: ten units in a row): unit 3, one position.
  await clickCell(page, 'acts-node:6', 1, 1, 0, 0);  // open the layer's node (scrolled to it)
  await clickCell(page, 'map:6:0', 1, 10, 0, 3);
  u = (await state(page)).unit;
  assert.deepEqual([u.layer, u.act, u.c, u.terms, u.positions], [6, -1, 3, 784, 1]);
  assert.deepEqual(u.field, [0, 27, 0, 27]);
  sameNumber(u.z, u.engineZ, 'dense z');
  sameNumber(u.dw, u.engineDw, 'dense dL/dw');
  sameNumber(u.db, u.engineDb, 'dense dL/db');
  await shot(page, 'inspect-unit-dense');
  assert.deepEqual(errors, []);
  await page.close();
});

// On a touch tablet, with a digit drawn by finger: the maps are large enough to tap, the unit
// opens for the drawing, and every control of its window takes a finger (40 px) and fits.
test('on a touch tablet, a unit opens for a finger-drawn digit', { timeout: 240000 }, async () => {
  const context = await env.browser.newContext({ viewport: { width: 768, height: 1024 }, deviceScaleFactor: 2, hasTouch: true, isMobile: true });
  await context.addInitScript(() => localStorage.setItem('dlp.started.v1', 'MQ=='));
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(env.url);
  await page.waitForFunction(() => window.playground && window.playground.frames > 2 && window.playground.state().trainIn > 0, null, { timeout: 60000 });
  const tapOn = async (name, fx = 0.5, fy = 0.5) => {
    await frames(page, 3);
    const w = (await state(page)).widgets[name];
    assert.ok(w, `${name} is on screen`);
    await page.touchscreen.tap(w.x + w.w * fx, w.y + w.h * fy);
    await frames(page, 4);
  };
  await tapOn('train');
  await page.waitForFunction(() => window.playground.state().steps >= 60, null, { timeout: 120000 });
  await tapOn('train');
  await page.waitForFunction(() => !window.playground.state().training, null, { timeout: 20000 });

  // A 7 drawn with a finger.
  const pad = await page.evaluate(() => window.playground.padRect());
  const cdp = await context.newCDPSession(page);
  const touch = (type, x, y) => cdp.send('Input.dispatchTouchEvent', { type, touchPoints: type === 'touchEnd' ? [] : [{ x, y }] });
  const path = [[0.3, 0.2], [0.7, 0.2], [0.62, 0.4], [0.5, 0.6], [0.42, 0.85]];
  await touch('touchStart', pad.x + pad.w * path[0][0], pad.y + pad.h * path[0][1]);
  for (let k = 1; k < path.length; k++) {
    for (let s = 1; s <= 4; s++) {
      const [x0, y0] = path[k - 1], [x1, y1] = path[k];
      await touch('touchMove', pad.x + pad.w * (x0 + (x1 - x0) * s / 4), pad.y + pad.h * (y0 + (y1 - y0) * s / 4));
      await page.waitForTimeout(15);
    }
  }
  await touch('touchEnd');
  await frames(page, 4);
  assert.equal((await state(page)).drawnBlank, false, 'the finger drew');

  // Inspect in the lower slot (the Panels menu's choice), its Activations tab, a tap on conv1's
  // first map.
  await page.evaluate(() => window.playground.panels(['Draw', 'Inspect']));
  await tapOn('tab:activations');
  await tapOn('map:0:0', 0.5, 0.5);
  let u = (await state(page)).unit;
  assert.ok(u, 'the tap opened a unit');
  assert.equal(u.layer, 0);
  assert.equal(u.act, 1);
  assert.equal(u.terms, 25);
  assert.ok(u.y >= 12 && u.y <= 15 && u.x >= 12 && u.x <= 15, `the tapped cell (${u.y}, ${u.x}) is the middle one`);
  sameNumber(u.z, u.engineZ, 'z for the drawing');
  sameNumber(u.dw, u.engineDw, 'dL/dw for the drawing');

  const st = await state(page);
  for (const [name, r] of Object.entries(st.widgets).filter(([n]) => n.startsWith('unit-'))) {
    assert.ok(r.h >= 40, `${name} is ${r.h} px tall, too small for a finger`);
    assert.ok(r.x >= r.win.x - 1 && r.x + r.w <= r.win.x + r.win.w + 1, `${name} is cut off by its window`);
  }
  const before = u.term;
  await tapOn('unit-term:1');
  u = (await state(page)).unit;
  assert.notEqual(u.term, before, 'a tap picks another weight');
  await shot(page, 'inspect-unit-touch');
  await tapOn('unit-close');
  assert.equal((await state(page)).unit, undefined);
  assert.deepEqual(errors, []);
  await context.close();
});
