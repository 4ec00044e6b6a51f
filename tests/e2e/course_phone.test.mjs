// The two places the playground exists for, walked as a student does: the example course page on
// another origin (its lesson demo: train, draw on the pad, read what the network says, as the page
// asks), at 1280 and 800 px wide; and a phone (390x844, touch), where the prediction of a digit
// drawn with a finger is on screen without scrolling and the menu bar fits; and a teacher who makes
// a class's demo in the Share window and embeds it in a course page of their own; the course page
// on a 320-px phone.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { resolve, join } from 'node:path';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { launch, shot, stroke, frames, settle, click, started } from './browser.mjs';
import { startServer } from '../../scripts/serve.mjs';

let env, course;
before(async () => {
  env = await launch();
  course = await startServer(resolve('examples/course-page'), 0, { isolate: false, csp: false });
});
after(async () => { course?.close(); await env?.close(); });

const inside = (r, box) => r.x >= box.x - 1 && r.y >= box.y - 1 && r.x + r.w <= box.x + box.w + 1 && r.y + r.h <= box.y + box.h + 1;

for (const width of [1280, 800]) {
  test(`the course page's lesson at ${width} px: train, draw on the pad, read the prediction`, { timeout: 240000 }, async () => {
    const page = await env.browser.newPage({ viewport: { width, height: 900 } });
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(`http://127.0.0.1:${course.address().port}/?playground=${encodeURIComponent(env.url)}`);
    await page.waitForFunction(() => window.course && window.course.ready, null, { timeout: 120000, polling: 200 });
    const lesson = () => page.evaluate(() => window.course.demos.lesson.state());
    const frame = page.locator('[data-demo=lesson]');
    await frame.scrollIntoViewIfNeeded();
    // The panels its link names (Train, Draw, Lessons), each within the iframe, none on another.
    let st = await lesson();
    const bb = await frame.boundingBox();
    const box = { x: bb.x, y: bb.y, w: bb.width, h: bb.height };
    const at = (r) => ({ x: box.x + r.x, y: box.y + r.y, w: r.w, h: r.h });
    for (const name of ['train', 'lesson-try']) assert.ok(st.widgets[name], `${name} is on screen`);
    assert.ok(st.padRect && st.padRect.w >= 100, `the pad is shown (${JSON.stringify(st.padRect)})`);
    await shot(page, `course-page-lesson-${width}-open`);
    assert.ok(inside(at(st.padRect), box), `the pad lies within the iframe: ${JSON.stringify(at(st.padRect))} in ${JSON.stringify(box)}`);
    const click = async (name) => {
      const w = (await lesson()).widgets[name];
      await page.mouse.click(box.x + w.x + w.w / 2, box.y + w.y + w.h / 2);
    };
    if (width === 1280) {
      // Train for a while with the demo's own button, then pause.
      await click('train');
      const until = async (ok, what) => {
        for (let i = 0; i < 600; i++) { if (ok(await lesson())) return; await new Promise((r) => setTimeout(r, 200)); }
        throw new Error(`waited 2 min for ${what}`);
      };
      await until((s) => s.steps >= 400, '400 steps');
      await click('train');
      await until((s) => !s.training, 'the pause');
      st = await lesson();
      // A 7, drawn with the mouse on the embedded pad.
      const p = at(st.padRect);
      await stroke(page, [[p.x + p.w * 0.25, p.y + p.h * 0.22], [p.x + p.w * 0.75, p.y + p.h * 0.22], [p.x + p.w * 0.45, p.y + p.h * 0.82]]);
      await page.waitForFunction(() => /The network reads your drawing as 7/.test(document.getElementById('status').textContent), null, { timeout: 10000, polling: 100 });
    } else {
      const p = at(st.padRect);
      await stroke(page, [[p.x + p.w * 0.5, p.y + p.h * 0.15], [p.x + p.w * 0.52, p.y + p.h * 0.85]]);
      await page.waitForFunction(() => /The network reads your drawing as \d/.test(document.getElementById('status').textContent), null, { timeout: 10000, polling: 100 });
    }
    // The answer, beside the pad, is on screen without scrolling the page or the panel.
    st = await lesson();
    assert.ok(st.widgets['readout:prediction'], 'the prediction is shown');
    const pred = at(st.widgets['readout:prediction']);
    assert.ok(inside(pred, box) && pred.y + pred.h <= 900, `the prediction is in view: ${JSON.stringify(pred)}`);
    await shot(page, `course-page-lesson-${width}`);
    assert.deepEqual(errors, []);
    await page.close();
  });
}

test('the course page on a 320-px phone: the lesson demo laid out for its iframe, nothing cut off, a finger-drawn digit read', { timeout: 180000 }, async () => {
  const context = await env.browser.newContext({ viewport: { width: 320, height: 640 }, deviceScaleFactor: 2, hasTouch: true, isMobile: true });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(`http://127.0.0.1:${course.address().port}/?playground=${encodeURIComponent(env.url)}`);
  await page.waitForFunction(() => window.course && window.course.ready, null, { timeout: 120000, polling: 200 });
  const frame = page.locator('[data-demo=lesson]');
  await frame.scrollIntoViewIfNeeded();
  const bb = await frame.boundingBox();
  const box = { x: bb.x, y: bb.y, w: bb.width, h: bb.height };
  assert.ok(box.w <= 320 && box.w >= 280, `the iframe fits the phone: ${JSON.stringify(box)}`);
  const lesson = () => page.evaluate(() => window.course.demos.lesson.state());
  let st = await lesson();
  const own = { x: 0, y: 0, w: box.w, h: box.h };  // the demo's own coordinates
  await shot(page, 'course-page-320');
  // Nothing wider than its window, but a lesson's diagram, which scrolls sideways under text that
  // wraps at the window's edge; no control cut off by its window or the iframe.
  const fits = (st, where) => {
    assert.deepEqual(st.overflow.filter((o) => !/^Lessons\/lesson_\w+ \(\d+ > \d+, scrolls sideways\)$/.test(o)), [], `${where}: nothing wider than its window`);
    const text = st.widgets['readout:lesson-text'];
    if (text) assert.ok(text.x + text.w <= text.win.x + text.win.w + 1, `${where}: the lesson's text wraps within its window: ${JSON.stringify(text)}`);
    for (const [name, r] of Object.entries(st.widgets)) {
      if (name === 'readout:lesson-widget') continue;
      if (r.y + r.h < r.win.y || r.y > r.win.y + r.win.h) continue;  // scrolled out of its window
      assert.ok(r.x >= r.win.x - 1 && r.x + r.w <= r.win.x + r.win.w + 1, `${where}: ${name} (${r.x}..${r.x + r.w}) is cut off by its window`);
      assert.ok(r.x >= -1 && r.x + r.w <= box.w + 1, `${where}: ${name} lies within the iframe's width`);
    }
  };
  fits(st, 'the lesson demo');
  for (const name of ['menu-lessons', 'menu-more']) assert.ok(st.widgets[name] && inside(st.widgets[name], own), `${name} in the iframe`);
  assert.ok(st.padRect && st.padRect.w >= 100 && inside(st.padRect, own), `the pad in the iframe: ${JSON.stringify(st.padRect)}`);
  await shot(page, 'course-page-320');
  // A 1 drawn with a finger on the embedded pad: the course page says what the network reads.
  const cdp = await context.newCDPSession(page);
  const touch = (type, x, y) => cdp.send('Input.dispatchTouchEvent', { type, touchPoints: type === 'touchEnd' ? [] : [{ x, y }] });
  const p = { x: box.x + st.padRect.x, y: box.y + st.padRect.y, w: st.padRect.w, h: st.padRect.h };
  await touch('touchStart', p.x + p.w * 0.5, p.y + p.h * 0.15);
  for (let k = 1; k <= 10; k++) { await touch('touchMove', p.x + p.w * 0.5, p.y + p.h * (0.15 + 0.7 * k / 10)); await new Promise((r) => setTimeout(r, 30)); }
  await touch('touchEnd');
  await page.waitForFunction(() => /The network reads your drawing as \d/.test(document.getElementById('status').textContent), null, { timeout: 10000, polling: 100 });
  st = await lesson();
  assert.ok(st.widgets['readout:prediction'] && inside(st.widgets['readout:prediction'], own), 'the answer is in the iframe');
  await shot(page, 'course-page-320-drawn');
  // The link names Train too: it waits for the slot Lessons holds, one tap away on the bar.
  const tab = st.widgets['menu-panel:Train'];
  assert.ok(tab && inside(tab, own), 'the bar offers the Train panel');
  await page.touchscreen.tap(box.x + tab.x + tab.w / 2, box.y + tab.y + tab.h / 2);
  // (until the Train panel is in and laid out: ImGui sizes a window from the frames before, so
  // its first frame may be wider than it will be; a lasting overflow still fails below)
  const laidOut = (s) => s.widgets.train && !s.widgets['lesson-try'] && s.overflow.filter((o) => o.startsWith('Train')).length === 0;
  for (let i = 0; i < 50 && !laidOut(st); i++) { await new Promise((r) => setTimeout(r, 100)); st = await lesson(); }
  await shot(page, 'course-page-320-train');
  assert.ok(inside(st.widgets.train, own), 'its Train button in the iframe');
  fits(st, 'the Train panel');
  assert.ok(st.widgets['menu-lessons'] && inside(st.widgets['menu-lessons'], own), 'and the lesson one tap back');
  await shot(page, 'course-page-320-train');
  assert.deepEqual(errors, []);
  await context.close();
});

test('a phone: a digit drawn with a finger, its prediction in view without scrolling', { timeout: 120000 }, async () => {
  const context = await env.browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, hasTouch: true, isMobile: true });
  await context.addInitScript(() => { if (!localStorage.getItem('dlp.started.v1')) localStorage.setItem('dlp.started.v1', 'MQ=='); });
  const page = await context.newPage();
  await page.goto(env.url);
  await started(page);
  await page.evaluate(() => window.playground.train(150));
  await settle(page);
  const pad = await page.evaluate(() => window.playground.padRect());
  const cdp = await context.newCDPSession(page);
  const touch = (type, x, y) => cdp.send('Input.dispatchTouchEvent', { type, touchPoints: type === 'touchEnd' ? [] : [{ x, y }] });
  // A 7 with a finger.
  const pts = [[0.25, 0.22], [0.75, 0.22], [0.45, 0.82]];
  await touch('touchStart', pad.x + pad.w * pts[0][0], pad.y + pad.h * pts[0][1]);
  for (let s = 1; s < pts.length; s++)
    for (let k = 1; k <= 8; k++) {
      const [ax, ay] = pts[s - 1], [bx, by] = pts[s];
      await touch('touchMove', pad.x + pad.w * (ax + (bx - ax) * k / 8), pad.y + pad.h * (ay + (by - ay) * k / 8));
      await frames(page, 1);
    }
  await touch('touchEnd');
  await settle(page);
  const st = await page.evaluate(() => window.playground.state());
  assert.equal(st.drawnBlank, false, 'the finger drew on the pad');
  const pred = st.widgets['readout:prediction'];
  assert.ok(pred, 'the prediction is shown');
  assert.ok(inside(pred, { x: 0, y: 0, w: 390, h: 844 }), `the prediction is in view: ${JSON.stringify(pred)}`);
  await shot(page, 'phone-prediction');
  // The menu bar fits the screen: the rest of it folds into Menu, whose items are a finger tall.
  const screen = { x: 0, y: 0, w: 390, h: 844 };
  for (const name of ['menu-lessons', 'menu-more']) assert.ok(st.widgets[name] && inside(st.widgets[name], screen), `${name} on screen`);
  const more = st.widgets['menu-more'];
  await page.touchscreen.tap(more.x + more.w / 2, more.y + more.h / 2);
  await settle(page);
  const menu = (await page.evaluate(() => window.playground.state())).widgets;
  for (const name of ['menu-weights', 'copy-link', 'start-fresh']) {
    assert.ok(menu[name] && inside(menu[name], screen), `${name} on screen`);
    assert.ok(menu[name].h >= 40, `${name} is ${menu[name].h} px tall`);
  }
  await shot(page, 'phone-menu');
  // A combo's options are a finger tall too: the Data panel's normalization.
  await page.touchscreen.tap(more.x + more.w / 2, more.y + more.h / 2);  // the menu closes
  await page.evaluate(() => window.playground.panels(['Data']));
  await settle(page);
  const norm = (await page.evaluate(() => window.playground.state())).widgets.normalization;
  await page.touchscreen.tap(norm.x + norm.w * 0.3, norm.y + norm.h / 2);
  await settle(page);
  const options = Object.entries((await page.evaluate(() => window.playground.state())).widgets).filter(([n]) => n.startsWith('option:normalization:'));
  assert.equal(options.length, 3, 'the combo opened with its three options');
  for (const [name, r] of options) assert.ok(r.h >= 40 - 0.5 && inside(r, screen), `${name} is ${r.h} px tall, on screen`);
  await shot(page, 'phone-combo');
  await context.close();
});

test('a phone opened on a teacher\'s lesson link with Draw and Lessons: the lesson offers the Train panel it talks about', { timeout: 120000 }, async () => {
  const context = await env.browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, hasTouch: true, isMobile: true });
  const page = await context.newPage();
  await page.goto(env.url + '#v1&model=logistic&panels=36&lesson=normalization');
  await started(page);
  await settle(page);
  let st = await page.evaluate(() => window.playground.state());
  assert.equal(st.widgets.train, undefined, 'the link shows no Train panel');
  const open = st.widgets['open-panel:Train'];
  assert.ok(open && inside(open, { x: 0, y: 0, w: 390, h: 844 }), 'the lesson offers it');
  await page.touchscreen.tap(open.x + open.w / 2, open.y + open.h / 2);
  await settle(page);
  st = await page.evaluate(() => window.playground.state());
  assert.ok(st.widgets.train, 'the Train panel shows');
  await shot(page, 'phone-lesson-opens-train');
  await context.close();
});

test('a teacher makes a locked demo with two controls hidden in the Share window, copies the embed code, and a course page built from it shows that demo', { timeout: 240000 }, async () => {
  const context = await env.browser.newContext({ viewport: { width: 1280, height: 800 } });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(env.url).origin });
  await context.addInitScript(() => { if (!localStorage.getItem('dlp.started.v1')) localStorage.setItem('dlp.started.v1', 'MQ=='); });
  const page = await context.newPage();
  await page.goto(env.url);
  await started(page);
  await page.evaluate(() => window.playground.load({ model: 'lenet' }));
  await page.evaluate(() => window.playground.train(50));
  const sent = await page.evaluate(() => window.playground.state());
  await click(page, 'copy-link');
  for (const name of ['share-lock', 'share-hide:lr', 'share-hide:batch', 'share-panel:Model', 'share-panel:Data', 'share-panel:Inspect'])
    await click(page, name);
  await click(page, 'share-lesson');
  await click(page, 'share-lesson:convnets');
  await shot(page, 'share-window');
  await click(page, 'share-copy-embed');
  const code = await page.evaluate(() => navigator.clipboard.readText());
  assert.equal(code, (await page.evaluate(() => window.playground.state())).shareCopied, 'the clipboard holds the embed code');
  assert.match(code, /<script src="http:\/\/127\.0\.0\.1:\d+\/embed\.js"><\/script>/);

  // A course page on another site, made of nothing but that code.
  const dir = mkdtempSync(join(tmpdir(), 'dlp-course-'));
  writeFileSync(join(dir, 'index.html'), `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>My course</title></head><body><h1>My course</h1>\n${code}\n</body></html>`);
  const site = await startServer(dir, 0, { isolate: false, csp: false });
  try {
    const student = await env.browser.newPage({ viewport: { width: 1280, height: 900 } });
    await student.goto(`http://127.0.0.1:${site.address().port}/`);
    await student.waitForSelector('iframe');
    const st = await student.evaluate(async () => {
      const demo = await window.DLPlayground.attach(document.querySelector('iframe')).ready;
      for (let i = 0; i < 600; i++) {
        const s = await demo.state();
        if (s.steps === 50 && !s.replaying) return { ...s, link: await demo.link() };
        await new Promise((r) => setTimeout(r, 200));
      }
      throw new Error('the demo did not replay its 50 steps');
    });
    assert.equal(st.weightsHash, sent.weightsHash, 'the teacher\'s run, down to the weights');
    assert.equal(st.lesson, 'convnets');
    assert.equal(st.widgets.lr, undefined, 'the learning rate is hidden');
    assert.equal(st.widgets.batch, undefined, 'the batch is hidden');
    assert.equal(st.widgets['spec-input'], undefined, 'no Model panel');
    assert.ok(st.widgets.train && st.widgets['lesson-try'], 'Train and the lesson are shown');
    assert.match(st.link, /&lock=1/, 'the model is locked');
    await student.locator('iframe').scrollIntoViewIfNeeded();
    await shot(student, 'share-embedded-course-page');
    await student.close();
  } finally {
    site.close();
  }
  await context.close();
});
