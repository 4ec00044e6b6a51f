// The layout from a 1280x720 laptop down to a portrait tablet, and at devicePixelRatio 2.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openPage, shot, pixels, frames } from './browser.mjs';

let env;
before(async () => { env = await launch(); });
after(async () => { await env?.close(); });

for (const [w, h, scale] of [[768, 1024, 2], [1024, 768, 1], [1280, 720, 2]]) {
  test(`layout at ${w}x${h}, devicePixelRatio ${scale}`, { timeout: 90000 }, async () => {
    const { page, errors } = await openPage(env, { width: w, height: h, scale });
    // The canvas backing store follows the window at the device pixel ratio (crisp text).
    const size = await page.evaluate(() => { const c = document.getElementById('canvas'); return [c.width, c.height, c.clientWidth, c.clientHeight]; });
    assert.deepEqual(size, [w * scale, h * scale, w, h]);
    const st = await page.evaluate(() => window.playground.state());
    const pad = st.padRect, train = st.widgets.train;
    assert.ok(pad.w >= 120 && pad.x >= 0 && pad.x + pad.w <= w && pad.y + pad.h <= h, `pad on screen: ${JSON.stringify(pad)}`);
    assert.ok(train && train.x + train.w <= w && train.y + train.h <= h, 'Train button on screen');
    const png = await shot(page, `layout-${w}x${h}@${scale}x`);
    const [center] = await pixels(page, png, [[(pad.x + pad.w / 2) * scale, (pad.y + pad.h / 2) * scale]]);
    assert.deepEqual(center, [0, 0, 0], 'the pad is where the app says it is');
    assert.deepEqual(errors, []);
    await page.close();
  });
}

test('drawing with a finger on a touch screen', { timeout: 90000 }, async () => {
  const context = await env.browser.newContext({ viewport: { width: 768, height: 1024 }, deviceScaleFactor: 2, hasTouch: true, isMobile: true });
  const page = await context.newPage();
  await page.goto(env.url);
  await page.waitForFunction(() => window.playground && window.playground.frames > 2, null, { timeout: 60000 });
  const pad = await page.evaluate(() => window.playground.padRect());
  const cdp = await context.newCDPSession(page);
  const touch = (type, x, y) => cdp.send('Input.dispatchTouchEvent', { type, touchPoints: type === 'touchEnd' ? [] : [{ x, y }] });
  const x = pad.x + pad.w * 0.5;
  await touch('touchStart', x, pad.y + pad.h * 0.15);
  for (let k = 1; k <= 12; k++) {
    await touch('touchMove', x + k * 0.3, pad.y + pad.h * (0.15 + 0.7 * k / 12));
    await page.waitForTimeout(20);
  }
  await touch('touchEnd');
  await frames(page, 4);
  const d = await page.evaluate(() => window.playground.drawn());
  assert.equal(d.blank, false, 'the finger stroke reached the pad');
  const ink = d.pixels.reduce((a, v) => a + (v > 64), 0);
  assert.ok(ink > 20, `a stroke, not a dot (${ink} inked pixels)`);
  await shot(page, 'layout-touch-drawing');
  await context.close();
});
