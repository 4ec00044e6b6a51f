// The page loads, ImGui really draws, input draws frames, a click changes visible state, no console errors.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openPage, shot, pixels } from './browser.mjs';

let env;
before(async () => { env = await launch(); });
after(async () => { await env?.close(); });

test('ImGui draws the playground and reacts to a click', async () => {
  const { page, errors } = await openPage(env);
  // The page draws when something changes (src/session/redraw.h): the pointer moving over it draws
  // frames. Counted, not timed: a loaded CI machine may draw only a few frames a second.
  const f0 = await page.evaluate(() => window.playground.frames);
  for (let i = 0; i < 8; i++) await page.mouse.move(600 + 20 * i, 400);
  await page.waitForFunction((f0) => window.playground.frames > f0 + 5, f0, { timeout: 15000 });

  const png = await shot(page, 'base-1280x720');
  // The clear colour is (26, 28, 33); window title bars, text and the black drawing pad differ from it.
  const pad = await page.evaluate(() => window.playground.padRect());
  assert.ok(pad.w > 100, `the drawing pad is laid out (${JSON.stringify(pad)})`);
  const [clear, padCenter, modelTitle] = await pixels(page, png, [[1275, 715], [pad.x + pad.w / 2, pad.y + pad.h / 2], [60, 36]]);
  assert.deepEqual(clear, [26, 28, 33], 'background is the clear colour');
  assert.deepEqual(padCenter, [0, 0, 0], 'the pad is drawn black');
  assert.notDeepEqual(modelTitle, clear, 'the Model window title bar is drawn');

  // Clicking "Train" (first button of the Train window) starts training: steps and the label change.
  const before = await page.evaluate(() => window.playground.state());
  assert.equal(before.steps, 0);
  const train = before.widgets.train;
  assert.ok(train && train.w > 20, 'the Train button is laid out');
  await page.mouse.click(train.x + train.w / 2, train.y + train.h / 2);
  await page.waitForFunction(() => window.playground.state().steps > 20, null, { timeout: 30000 });
  const running = await page.evaluate(() => window.playground.state());
  assert.equal(running.training, true);
  assert.equal(running.clicks, 1, 'the click reached the ImGui button');
  await shot(page, 'base-training');
  // What a course page reads leaves out the fields only tests read, which a page driven by
  // automation gets by default.
  const [plain, full] = await page.evaluate(() => [window.playground.state({ test: false }), window.playground.state({ test: true })]);
  for (const k of ['widgets', 'windows', 'padRect', 'drawn', 'clicks', 'uiMs']) {
    assert.ok(!(k in plain), `${k} is not in state({test: false})`);
    assert.ok(k in full, `${k} is in state({test: true})`);
  }
  assert.equal(plain.steps > 0 && plain.weightsHash.length, 16, 'the run is in both');
  // The same button now reads "Pause": its pixels changed. Space toggles back.
  await page.keyboard.press('Space');
  await page.waitForFunction(() => !window.playground.state().training, null, { timeout: 10000 });
  assert.deepEqual(errors, [], 'no console errors');
  await page.close();
});
