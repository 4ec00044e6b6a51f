// A quiet page (src/session/redraw.h): nothing is drawn unless something changed, and everything that
// changes is drawn. playground.frames counts the frames the page drew; a frame repaints only the
// boxes that changed (src/session/repaint.h), and the canvas is then the full picture.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { launch, openPage, shot, shotDir, frames, settle } from './browser.mjs';

let env;
before(async () => { env = await launch(); });
after(async () => { await env?.close(); });

const drawn = (page) => page.evaluate(() => window.playground.frames);  // a page or a frame
// Waits until the page (or frame) has drawn nothing for `quiet` ms (a condition, not a fixed sleep).
async function quietFor(page, quiet = 1000, timeout = 30000) {
  const start = Date.now();
  let last = await drawn(page), since = Date.now();
  while (Date.now() - since < quiet) {
    if (Date.now() - start > timeout) throw new Error(`the page kept drawing for ${timeout} ms`);
    await page.waitForTimeout(100);
    const now = await drawn(page);
    if (now !== last) { last = now; since = Date.now(); }
  }
}
const allIn = () => { const s = window.playground.state(); return s.trainIn >= s.trainTotal && s.testIn >= s.testTotal; };

test('a settled page draws nothing; a hover, a key, the worker, a resize and typing each draw', async () => {
  const { page, errors } = await openPage(env, { width: 1280, height: 800 });
  await page.waitForFunction(allIn, null, { timeout: 120000 });
  await page.mouse.move(1275, 795);
  await quietFor(page);
  const f0 = await drawn(page);
  await page.waitForTimeout(5000);
  assert.equal(await drawn(page), f0, 'no frame over 5 s of a settled, idle page');

  // A hovered control shows its tooltip.
  const train = (await page.evaluate(() => window.playground.state())).widgets.train;
  await page.mouse.move(train.x + train.w / 2, train.y + train.h / 2);
  await page.waitForFunction(() => window.playground.state().tooltip.length > 0, null, { timeout: 5000 });
  assert.ok(await drawn(page) > f0, 'the hover drew');
  await frames(page, 3);
  await shot(page, 'quiet-tooltip');

  // Training in the worker: its updates move the curve, at their own rate.
  await page.mouse.move(1275, 795);
  await quietFor(page);
  const s0 = await page.evaluate(() => window.playground.state().steps);
  const f1 = await drawn(page);
  await page.keyboard.press('Space');
  await page.waitForFunction((s0) => window.playground.state().steps > s0 + 100, s0, { timeout: 60000 });
  const t0 = Date.now(), f2 = await drawn(page);
  await page.waitForTimeout(3000);
  const rate = ((await drawn(page)) - f2) / ((Date.now() - t0) / 1000);
  assert.ok(f2 > f1, 'worker updates drew frames');
  assert.ok(rate >= 2 && rate <= 20, `while training untouched the page draws at the updates' rate (${rate.toFixed(1)}/s)`);
  await shot(page, 'quiet-training');
  await page.keyboard.press('Space');
  await page.waitForFunction(() => !window.playground.state().training, null, { timeout: 10000 });
  await quietFor(page);

  // A resized window lays out again.
  const before = (await page.evaluate(() => window.playground.state())).widgets.train;
  const f3 = await drawn(page);
  await page.setViewportSize({ width: 900, height: 700 });
  await page.waitForFunction((b) => { const w = window.playground.state().widgets.train; return w && (w.x !== b.x || w.y !== b.y || w.w !== b.w); },
    before, { timeout: 10000 });
  assert.ok(await drawn(page) > f3, 'the resize drew');
  await shot(page, 'quiet-resized');
  await page.setViewportSize({ width: 1280, height: 800 });
  await quietFor(page);

  // Typing in a text field: the text and a blinking caret keep drawing while it has focus.
  const spec = (await page.evaluate(() => window.playground.state())).widgets['spec-input'];
  await page.mouse.click(spec.x + spec.w - 10, spec.y + spec.h / 2);
  await page.keyboard.press('End');
  await page.keyboard.type(' ');
  const f4 = await drawn(page);
  await page.waitForTimeout(2000);
  const blinks = (await drawn(page)) - f4;
  assert.ok(blinks >= 3, `the caret blinks while the field has focus (${blinks} frames in 2 s)`);
  await shot(page, 'quiet-typing');
  await page.keyboard.press('Escape');
  await page.mouse.click(1275, 795);
  await quietFor(page);
  assert.deepEqual(errors, []);
  await page.close();
});

// The canvas after frames that repainted boxes (a hover, training, a click, a tooltip) is the
// picture a full repaint gives, pixel for pixel; at devicePixelRatio 1 and 1.5 (boxes in device
// pixels from fractional coordinates). And those frames repainted a small share of the canvas.
for (const scale of [1, 1.5]) {
  test(`frames repaint only what changed, and the canvas is the full picture (devicePixelRatio ${scale})`, async () => {
    const { page, errors } = await openPage(env, { width: 1280, height: 720, scale });
    await page.waitForFunction(allIn, null, { timeout: 120000 });
    const canvasPixels = 1280 * 720 * scale * scale;
    const same = async (name) => {
      await page.mouse.move(1275, 715);
      await settle(page);
      const painted = await page.screenshot();
      const before = await page.evaluate(() => window.playground.painted.pixels);
      await page.evaluate(() => window.playground.repaintAll());
      await frames(page, 2);
      await settle(page);
      const full = await page.screenshot();
      const repainted = (await page.evaluate(() => window.playground.painted.pixels)) - before;
      assert.ok(repainted >= canvasPixels, `${name}: repaintAll painted the whole canvas (${repainted} pixels)`);
      if (!painted.equals(full)) {
        writeFileSync(join(shotDir, `repaint-${name}-boxes.png`), painted);
        writeFileSync(join(shotDir, `repaint-${name}-full.png`), full);
      }
      assert.ok(painted.equals(full), `${name}: the repainted canvas is the full picture (both in build/screenshots)`);
    };
    await page.mouse.move(1275, 715);
    await quietFor(page);
    let p0 = await page.evaluate(() => window.playground.painted);
    const train = (await page.evaluate(() => window.playground.state())).widgets.train;
    await page.mouse.move(train.x + train.w / 2, train.y + train.h / 2);
    await page.waitForFunction(() => window.playground.state().tooltip.length > 0, null, { timeout: 5000 });
    await settle(page);
    let p1 = await page.evaluate(() => window.playground.painted);
    const hover = (p1.pixels - p0.pixels) / Math.max(1, p1.frames - p0.frames) / canvasPixels;
    assert.ok(p1.frames > p0.frames && hover < 0.25, `a hover and its tooltip repaint boxes (${(100 * hover).toFixed(1)}% of the canvas a frame)`);
    await same(`hover-${scale}`);

    const s0 = await page.evaluate(() => window.playground.state().steps);
    await page.keyboard.press('Space');
    await page.waitForFunction((s0) => window.playground.state().steps > s0 + 50, s0, { timeout: 60000 });
    p0 = await page.evaluate(() => window.playground.painted);
    await page.waitForFunction((f) => window.playground.painted.frames > f + 8, p0.frames, { timeout: 60000 });
    p1 = await page.evaluate(() => window.playground.painted);
    const training = (p1.pixels - p0.pixels) / (p1.frames - p0.frames) / canvasPixels;
    assert.ok(training < 0.25, `training repaints the curve, the figures and the heatmaps (${(100 * training).toFixed(1)}% of the canvas a frame)`);
    await page.keyboard.press('Space');
    await page.waitForFunction(() => !window.playground.state().training, null, { timeout: 10000 });
    await same(`training-${scale}`);
    await shot(page, `repaint-${scale}`);
    assert.deepEqual(errors, []);
  });
}

test('an arriving data chunk draws the data bar moving', async () => {
  // Hold back every training chunk but the first until asked, so the page sits idle between them.
  let release;
  const gate = new Promise((r) => { release = r; });
  const page = await env.browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.addInitScript(() => { if (!localStorage.getItem('dlp.started.v1')) localStorage.setItem('dlp.started.v1', 'MQ=='); });
  await page.route(/mnist-train-0[1-9]\.gz$/, async (route) => { await gate; await route.continue(); });
  await page.goto(env.url);
  // Started, the first training chunk and the test set in, the training worker ready: then the
  // page has nothing left to show until the next chunk.
  await page.waitForFunction(() => {
    if (!window.playground || window.playground.frames <= 2) return false;
    const s = window.playground.state();
    return s.trainIn > 0 && s.testIn >= s.testTotal && s.workerThreads > 0;
  },
    null, { timeout: 60000 });
  await quietFor(page);
  const s0 = await page.evaluate(() => window.playground.state().trainIn);
  const f0 = await drawn(page);
  await page.waitForTimeout(1500);
  assert.equal(await drawn(page), f0, 'waiting for data draws nothing');
  release();
  await page.waitForFunction((s0) => window.playground.state().trainIn > s0, s0, { timeout: 60000 });
  // A chunk past a split's first is drawn within a quarter second (at most four frames a second
  // while the digits stream in).
  await page.waitForFunction((f0) => window.playground.frames > f0, f0, { timeout: 5000, polling: 20 });
  assert.ok(await drawn(page) > f0, 'the chunk drew');
  await shot(page, 'quiet-chunk');
  await page.close();
});

test('an embedded demo scrolled out of view draws nothing and catches up when scrolled back', async () => {
  const page = await env.browser.newPage({ viewport: { width: 1280, height: 800 } });
  const course = env.url + 'quiet-course-page.html';
  await page.route(course, (r) => r.fulfill({
    contentType: 'text/html',
    body: `<!doctype html><h1>Lesson</h1><iframe id=demo src="${env.url}" width=900 height=640></iframe>` +
      '<div style="height:4000px"></div><p id=end>end</p>',
  }));
  await page.goto(course);
  await page.waitForFunction(() => document.getElementById('demo').contentWindow.playground?.frames > 2, null, { timeout: 60000 });
  const demo = page.frames().find((f) => f !== page.mainFrame());
  await demo.waitForFunction(() => { const s = window.playground.state(); return s.trainIn >= s.trainTotal; }, null, { timeout: 120000 });
  await page.evaluate(() => document.getElementById('end').scrollIntoView());
  await quietFor(demo, 500);  // the observer has said so and the last frames are drawn
  const f0 = await demo.evaluate(() => window.playground.frames);
  await demo.evaluate(() => window.playground.train(150));
  assert.equal(await demo.evaluate(() => window.playground.frames), f0, 'nothing drawn out of view, while the worker trained');
  const steps = await demo.evaluate(() => window.playground.state().steps);
  assert.ok(steps >= 150, `the worker trained out of view (${steps} steps)`);
  await page.evaluate(() => document.getElementById('demo').scrollIntoView());
  await demo.waitForFunction((f0) => window.playground.frames > f0, f0, { timeout: 10000 });
  await shot(page, 'quiet-embedded-back');
  await page.close();
});
