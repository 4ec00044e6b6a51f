// Switch to Fashion-MNIST through the Data panel's combo: the page streams it in chunks, the model
// rebuilds, training runs on clothes (augmentation, the default preset's for digits, turned off),
// and a link to it replays on a fresh page.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openPage, release, shot, frames } from './browser.mjs';

let env;
before(async () => { env = await launch(); });
after(async () => { await env?.close(); });

test('switch to Fashion-MNIST and train', { timeout: 180000 }, async () => {
  const { page, errors } = await openPage(env);
  assert.match(await page.evaluate(() => window.playground.link()), /&aug=1/, 'the default preset augments digits');
  const combo = (await page.evaluate(() => window.playground.state())).widgets['data-set'];
  assert.ok(combo, 'the data set combo is on screen');
  await page.mouse.click(combo.x + combo.w / 2, combo.y + combo.h / 2);
  await frames(page, 4);  // a frame or two for the list to open
  await page.mouse.click(combo.x + 30, combo.y + combo.h * 2.5);  // second entry of the open list
  await page.waitForFunction(() => window.playground.state().data === 'fashion', null, { timeout: 60000 });
  // Streamed like MNIST: 60,000 images in chunks; training starts before they are all in.
  let st = await page.evaluate(() => window.playground.state());
  assert.equal(st.trainTotal, 60000);
  assert.equal(st.testTotal, 10000);
  await page.evaluate(() => window.playground.train(100));
  st = await page.evaluate(() => window.playground.state());
  assert.ok(st.loss < 1.5, `loss after 100 steps on Fashion-MNIST: ${st.loss}`);
  await shot(page, 'panel-data-fashion');
  const link = await page.evaluate(() => window.playground.link());
  assert.match(link, /data=fashion/);
  assert.doesNotMatch(link, /aug=1/, 'clothes are not augmented');
  await page.waitForFunction(() => window.playground.state().trainIn === 60000, null, { timeout: 120000 });
  const chunks = await page.evaluate(() => performance.getEntriesByType('resource').filter((e) => /fashion-train-\d+\.gz$/.test(e.name)).length);
  assert.equal(chunks, 12);
  assert.deepEqual(errors, []);
  await release(env, page);

  // A link made on Fashion-MNIST opens on a fresh page (MNIST first, then Fashion streams in) and
  // replays to the same weights.
  const b = await openPage(env, { hash: '#' + link.split('#')[1], reuse: true });
  await b.page.waitForFunction(() => !window.playground.state().replaying && window.playground.state().steps === 100, null, { timeout: 120000 });
  const sb = await b.page.evaluate(() => window.playground.state());
  assert.equal(sb.data, 'fashion');
  assert.equal(sb.weightsHash, st.weightsHash);
  assert.deepEqual(b.errors, []);
  await b.page.close();
});
