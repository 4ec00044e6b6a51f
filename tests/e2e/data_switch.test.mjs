// Switch to Fashion-MNIST through the Data panel's combo: the page fetches it, the model
// rebuilds, and training runs on clothes.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openPage, shot, frames } from './browser.mjs';

let env;
before(async () => { env = await launch(); });
after(async () => { await env?.close(); });

test('switch to Fashion-MNIST and train', { timeout: 180000 }, async () => {
  const { page, errors } = await openPage(env);
  const combo = (await page.evaluate(() => window.playground.state())).widgets['data-set'];
  assert.ok(combo, 'the data set combo is on screen');
  await page.mouse.click(combo.x + combo.w / 2, combo.y + combo.h / 2);
  await frames(page, 4);  // a frame or two for the list to open
  await page.mouse.click(combo.x + 30, combo.y + combo.h * 2.5);  // second entry of the open list
  await page.waitForFunction(() => window.playground.state().data === 'fashion', null, { timeout: 60000 });
  await page.evaluate(() => window.playground.train(100));
  const st = await page.evaluate(() => window.playground.state());
  assert.ok(st.loss < 1.5, `loss after 100 steps on Fashion-MNIST: ${st.loss}`);
  await shot(page, 'panel-data-fashion');
  assert.deepEqual(errors, []);
  await page.close();
});
