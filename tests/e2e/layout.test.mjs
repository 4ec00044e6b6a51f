// The layout from a 1280x720 laptop down to a portrait tablet, and at devicePixelRatio 2.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openPage, release, shot, pixels, frames, settle, click, shotDir, covering, started } from './browser.mjs';

let env;
before(async () => { env = await launch(); });
after(async () => { await env?.close(); });

for (const [w, h, scale] of [[768, 1024, 2], [1280, 720, 2], [1024, 768, 1]]) {
  test(`layout at ${w}x${h}, devicePixelRatio ${scale}`, { timeout: 90000 }, async () => {
    const { page, errors } = await openPage(env, { width: w, height: h, scale, reuse: true });
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
    await release(env, page);
  });
}

test('drawing with a finger on a touch screen', { timeout: 90000 }, async () => {
  const context = await env.browser.newContext({ viewport: { width: 768, height: 1024 }, deviceScaleFactor: 2, hasTouch: true, isMobile: true });
  const page = await context.newPage();
  await page.goto(env.url);
  await started(page);
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

// Nothing cut off, everything reachable, big enough for a finger: at 1280x800, 1024x768, on a
// 768x1024 touch tablet and at 200% browser zoom of a 1280x800 window (640x400 CSS pixels at a
// device pixel ratio of 2), for every panel (each tab) and every lesson. At 200% a lesson's
// diagram wider than the panel scrolls sideways (reachable, as WCAG's reflow allows a diagram);
// everywhere else nothing may be wider than its window. "Overflow" lists any window
// whose content was wider than its visible area; each named control must lie within its window's
// visible width, and (on the tablet) be at least 40 CSS pixels tall.
for (const [w, h, touch, zoom] of [[1280, 800, false, false], [1024, 768, false, false], [768, 1024, true, false], [640, 400, false, true]]) {
  test(`nothing clipped at ${w}x${h}${touch ? ' (touch)' : ''}${zoom ? ' (200% zoom)' : ''}: every panel, tab and lesson`, { timeout: 300000 }, async () => {
    const context = await env.browser.newContext({ viewport: { width: w, height: h }, hasTouch: touch, isMobile: touch, deviceScaleFactor: touch || zoom ? 2 : 1 });
    await context.addInitScript(() => localStorage.setItem('dlp.started.v1', 'MQ=='));
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(env.url);
    await started(page);
    await page.evaluate(() => window.playground.train(20));
    await page.waitForFunction(() => !window.playground.state().training, null, { timeout: 60000 });
    // A pinned run: the Train panel's Compare table and its controls are checked too.
    const pin = (await page.evaluate(() => window.playground.state())).widgets.pin;
    if (touch) await page.touchscreen.tap(pin.x + pin.w / 2, pin.y + pin.h / 2);
    else await page.mouse.click(pin.x + pin.w / 2, pin.y + pin.h / 2);
    await page.waitForFunction(() => window.playground.state().pinned.length === 1, null, { timeout: 10000 });
    const checked = new Set();
    const check = async (where) => {
      await settle(page, 3);
      const st = await page.evaluate(() => window.playground.state());
      const sideways = zoom && where.startsWith('lesson') ? st.overflow.filter((o) => /^Lessons\/lesson_\w+ \(\d+ > \d+, scrolls sideways\)$/.test(o)) : [];
      assert.deepEqual(st.overflow.filter((o) => !sideways.includes(o)), [], `${where}: content wider than its window`);
      assert.deepEqual(covering(st), [], `${where}: a panel covers another`);
      for (const [name, r] of Object.entries(st.widgets)) {
        if (name.startsWith('tabopen:') || (sideways.length && name === 'readout:lesson-widget')) continue;
        if (r.y + r.h < r.win.y || r.y > r.win.y + r.win.h) {
          assert.ok(r.scrolls, `${where}: ${name} is below its window, which does not scroll`);
          continue;
        }
        assert.ok(r.x >= r.win.x - 1 && r.x + r.w <= r.win.x + r.win.w + 1,
          `${where}: ${name} (${r.x}..${r.x + r.w}) is cut off by its window (${r.win.x}..${r.win.x + r.win.w})`);
        if (touch && !name.startsWith('readout:')) assert.ok(r.h >= 40, `${where}: ${name} is ${r.h} px tall, too small for a finger`);
        checked.add(name);
      }
    };
    await check('default layout');
    for (const [panel, tabs] of [['Model', ['layers', 'edit']], ['Train', []], ['Draw', []], ['Data', ['data', 'own']], ['Inspect', ['activations', 'weights', 'gradients']]]) {
      await page.evaluate((p) => window.playground.panels([p]), panel);
      await check(panel);
      for (const t of tabs) { await click(page, `tab:${t}`); await check(`${panel} / ${t}`); }
    }
    await page.evaluate(() => window.playground.panels(['Lessons']));
    for (let k = 1; k <= 17; k++) {
      await click(page, 'lesson-list');
      await click(page, `lesson:${k}`);
      await check(`lesson ${k}`);
    }
    await page.screenshot({ path: `${shotDir}/layout-lesson17-${w}x${h}.png` });
    assert.ok(checked.size >= 40, `checked ${checked.size} named controls`);
    assert.deepEqual(errors, []);
    await context.close();
  });
}

test('every hyperparameter and drawing control explains itself in a sentence', { timeout: 90000 }, async () => {
  // SGD with momentum (the first view trains with Adam, which has no momentum control).
  const { page, errors } = await openPage(env, { width: 1280, height: 800, hash: '#v1&opt=sgd&mom=0.9', reuse: true });
  for (const name of ['train', 'step', 'reset', 'lr', 'batch', 'optimizer', 'momentum', 'l2', 'decay', 'init', 'seeds', 'clear', 'undo', 'stroke', 'temperature', 'normalization', 'evaluate']) {
    await frames(page, 2);
    const r = (await page.evaluate(() => window.playground.state())).widgets[name];
    assert.ok(r, `${name} is on screen`);
    await page.mouse.move(r.x + r.w / 2, r.y + r.h / 2);
    await page.waitForFunction(() => window.playground.state().tooltip.length > 20, null, { timeout: 5000 })
      .catch(() => assert.fail(`hovering ${name} explains nothing`));
  }
  await shot(page, 'tooltip-l2');
  assert.deepEqual(errors, []);
  await page.close();
});
