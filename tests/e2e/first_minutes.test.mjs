// The first five minutes, as a new student or teacher meets them: taps and quick clicks that
// work the first time, failures that stay on screen with a way out, lessons that ask before they
// replace a trained model, a model too slow for a page stopped with a reason, a usable API.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openPage, shot, click, frames } from './browser.mjs';

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
  await page.waitForFunction(() => window.playground && window.playground.frames > 2, null, { timeout: 60000 });
  let taps = 0;
  for (const name of ['weights', 'gradients', 'activations', 'edit', 'layers', 'own', 'data']) {
    await frames(page, 3);
    const w = (await state(page)).widgets[`tab:${name}`];
    if (!w) continue;  // a panel below the fold on this layout
    await page.touchscreen.tap(w.x + w.w / 2, w.y + w.h / 2);
    await page.waitForFunction((n) => window.playground.state().widgets[`tabopen:${n}`], name, { timeout: 5000 })
      .catch(() => assert.fail(`the first tap on tab ${name} did not open it`));
    taps++;
  }
  assert.ok(taps >= 5, `tapped ${taps} tabs`);
  assert.deepEqual(errors, []);
  await context.close();
});

test('zero-length clicks on tabs open them every time', { timeout: 120000 }, async () => {
  const { page, errors } = await openPage(env, { width: 1280, height: 800 });
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
  await page.close();
});
