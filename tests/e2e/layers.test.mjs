// The two layers added with the layer records (batch norm and residual blocks), on the path a
// student takes: the Model panel's Edit tab, "+ add layer", a residual block fitted to the depth
// where it goes, then batch norm; Train and Pause with the button; the link replays on a second
// page to the same weights. Then the residual-net preset trains from a click.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openPage, release, shot, click } from './browser.mjs';

let env;
before(async () => { env = await launch(); });
after(async () => { await env?.close(); });

const state = (page) => page.evaluate(() => window.playground.state());

test('add a residual block and batch norm in the editor, train, and replay the link', { timeout: 300000 }, async () => {
  // The LeNet-like preset, opened by its link (the first view's lenet5 has a hidden dense64 before
  // its output, where a residual block of convolutions cannot go).
  const { page, errors } = await openPage(env, { hash: '#v1&model=lenet' });
  assert.match((await state(page)).spec, /^conv5x5x8 relu maxpool2 conv5x5x16 relu maxpool2 dense10$/);
  await click(page, 'tab:edit');
  await click(page, 'add-layer');
  await shot(page, 'layers-add-menu');
  await click(page, 'add-layer:residual');
  // Inserted before the output layer, where the input is 7x7x16: its convolutions keep depth 16.
  await page.waitForFunction(() => window.playground.state().spec.includes('residual('));
  assert.equal((await state(page)).spec, 'conv5x5x8 relu maxpool2 conv5x5x16 relu maxpool2 residual(conv3x3x16 relu conv3x3x16) dense10');
  await click(page, 'add-layer');
  await click(page, 'add-layer:batchnorm');
  await page.waitForFunction(() => window.playground.state().spec.includes('batchnorm'));
  const st = await state(page);
  assert.equal(st.spec, 'conv5x5x8 relu maxpool2 conv5x5x16 relu maxpool2 residual(conv3x3x16 relu conv3x3x16) batchnorm dense10');
  assert.equal(st.specError ?? '', '', 'the edited model is valid');
  await shot(page, 'layers-edited');

  await click(page, 'train');
  await page.waitForFunction(() => window.playground.state().steps >= 40, null, { timeout: 120000, polling: 50 });
  await click(page, 'train');
  await page.waitForFunction(() => !window.playground.state().training);
  const trained = await state(page);
  assert.ok(Number.isFinite(trained.loss) && trained.loss < 1.5, `the edited net learns (loss ${trained.loss} after ${trained.steps} steps)`);
  await click(page, 'tab:layers');
  await shot(page, 'layers-table-residual');

  const link = await page.evaluate(() => window.playground.link());
  const b = await openPage(env, { hash: link.replace(/^[^#]*#/, '#') });
  await b.page.waitForFunction((n) => { const s = window.playground.state(); return s.steps === n && !s.replaying; }, trained.steps,
    { timeout: 180000, polling: 100 });
  const replayed = await state(b.page);
  assert.equal(replayed.spec, trained.spec);
  assert.equal(replayed.weightsHash, trained.weightsHash, 'the link replays batch norm and the residual block bit for bit');
  assert.deepEqual(errors, []);
  assert.deepEqual(b.errors, []);
  await page.close();
  await release(env, b.page);
});

test('the residual-net preset trains from a click', { timeout: 300000 }, async () => {
  const { page, errors } = await openPage(env, { reuse: true });
  await click(page, 'preset:resnet');
  await page.waitForFunction(() => window.playground.state().spec.startsWith('conv3x3x16 batchnorm'));
  await click(page, 'train');
  await page.waitForFunction(() => window.playground.state().steps >= 60, null, { timeout: 120000, polling: 50 });
  await click(page, 'train');
  await page.waitForFunction(() => !window.playground.state().training);
  const { accuracy } = await page.evaluate(() => window.playground.evaluate());
  console.log(`resnet preset after ${(await state(page)).steps} steps: test accuracy ${(100 * accuracy).toFixed(1)}%`);
  assert.ok(accuracy > 0.8, `test accuracy ${accuracy} > 0.8 after 60 steps`);
  await shot(page, 'layers-resnet-trained');
  assert.deepEqual(errors, []);
});
