// Divergence stops training with a message and keeps the last good weights; a model over the
// memory budget is refused before anything is allocated; the page is served under a strict CSP
// and talks to no other origin.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openPage, release, shot, frames, settle, started } from './browser.mjs';

let env;
before(async () => { env = await launch(); });
after(async () => { await env?.close(); });

test('divergence: stopped, explained, last good weights kept, reset works', { timeout: 120000 }, async () => {
  const { page, errors } = await openPage(env);
  const requests = [];
  page.on('request', (r) => requests.push(r.url()));
  await page.evaluate(() => window.playground.load({ model: 'dense256 relu dense10', norm: 'raw', lr: 5, init: 'gaussian', sigma: 1 }));
  await page.evaluate(() => window.playground.train(200));
  const st = await page.evaluate(() => window.playground.state());
  assert.equal(st.diverged, true);
  assert.match(st.alert, /Training stopped at step \d+: the loss became .*The learning rate 5 is too high/);
  assert.equal(st.alertKind, 'diverged');
  assert.ok(st.steps < 200, `stopped early (at ${st.steps})`);
  const probs = await page.evaluate(() => window.playground.classify(new Array(784).fill(0)));
  assert.ok(probs.every(Number.isFinite), 'the kept weights are finite');
  await shot(page, 'hardening-diverged');
  await page.evaluate(() => window.playground.load({ model: 'dense256 relu dense10', norm: 'centered', lr: 0.05 }));
  await page.evaluate(() => window.playground.train(20));
  assert.equal((await page.evaluate(() => window.playground.state())).diverged, false, 'a fresh start trains normally');
  assert.deepEqual(requests.filter((u) => !u.startsWith(env.url)), [], 'no request to another origin');
  assert.deepEqual(errors, []);
  await release(env, page);
});

test('memory budget: refused with the figure, nothing allocated', { timeout: 60000 }, async () => {
  const { page, errors } = await openPage(env, { hash: '#v1&model=dense4096+relu+dense4096+relu+dense10&batch=1024', over: true });
  const st = await page.evaluate(() => window.playground.state());
  assert.match(st.linkProblems.join(' ') + ' ' + st.specError, /needs \d+ MB at batch 1024.*limit is 256 MB/);
  // The text stays in the editor (with the error) but no such model was built: the heap did not
  // grow towards the 300+ MB it would need, and the previous model still classifies.
  const { wasmHeap } = await page.evaluate(() => window.playground.memory());
  assert.ok(wasmHeap < 200 * 2 ** 20, `wasm heap ${wasmHeap} bytes`);
  const probs = await page.evaluate(() => window.playground.classify(new Array(784).fill(0)));
  assert.equal(probs.length, 10);
  assert.deepEqual(errors, []);
  await release(env, page);
});

test('a lost WebGL context is restored without losing the model', { timeout: 60000 }, async () => {
  const { page, errors } = await openPage(env, { reuse: true });
  await page.evaluate(() => window.playground.train(30));
  const hash = await page.evaluate(() => window.playground.weightsHash());
  await page.evaluate(() => { window.__lose = document.getElementById('canvas').getContext('webgl2').getExtension('WEBGL_lose_context'); window.__lose.loseContext(); });
  await frames(page, 4);
  await page.evaluate(() => window.__lose.restoreContext());
  await page.waitForFunction(() => window.playground.state().status.includes('restored'), null, { timeout: 10000 });
  const f = await page.evaluate(() => window.playground.frames);
  // Drawn again after the restore, and at rest: the screenshot shows the whole UI.
  await page.waitForFunction((f) => window.playground.frames > f, f);
  await settle(page);
  const png = await shot(page, 'hardening-context-restored');
  const pad = await page.evaluate(() => window.playground.padRect());
  const { pixels } = await import('./browser.mjs');
  const [center, title] = await pixels(page, png, [[pad.x + pad.w / 2, pad.y + pad.h / 2], [60, 36]]);
  assert.deepEqual(center, [0, 0, 0], 'the UI is drawn again');
  assert.notDeepEqual(title, [26, 28, 33]);
  assert.equal(await page.evaluate(() => window.playground.weightsHash()), hash, 'the trained weights survived');
  assert.deepEqual(errors.filter((e) => !/WebGL|context/i.test(e)), []);
  await page.close();
});

test('work is kept across a reload, and Start fresh forgets it', { timeout: 90000 }, async () => {
  const context = await env.browser.newContext({ viewport: { width: 1280, height: 720 } });
  const page = await context.newPage();
  await page.goto(env.url);
  await started(page);
  await page.evaluate(() => window.playground.load({ model: 'conv3x3x4 relu maxpool2 dense10', lr: 0.1 }));
  await page.evaluate(() => window.playground.train(40));
  const before = await page.evaluate(() => { window.__samePage = true; return window.playground.state(); });
  await page.goto(env.url);  // a reload without the fragment: only storage can bring the work back
  await started(page);
  assert.equal(await page.evaluate(() => window.__samePage), undefined, 'a real reload');
  const after = await page.evaluate(() => window.playground.state());
  assert.equal(after.spec, 'conv3x3x4 relu maxpool2 dense10');
  assert.equal(after.steps, 40);
  assert.equal(after.weightsHash, before.weightsHash, 'the trained weights came back');
  assert.match(await page.evaluate(() => window.playground.link()), /lr=0\.1/);
  // The reloaded page continues the run exactly: trained further, its link replays to its weights.
  await page.evaluate(() => window.playground.train(15));
  const continued = await page.evaluate(() => ({ link: window.playground.link(), hash: window.playground.weightsHash() }));
  assert.match(continued.link, /steps=55&/);
  const other = await env.browser.newPage({ viewport: { width: 1280, height: 720 } });
  await other.goto(env.url + continued.link.replace(/^[^#]*/, ''));
  await other.waitForFunction(() => window.playground && window.playground.frames > 2 && window.playground.state().steps === 55 && !window.playground.state().replaying, null, { timeout: 60000 });
  assert.equal(await other.evaluate(() => window.playground.weightsHash()), continued.hash, 'a link made after a reload replays to the same weights');
  await other.close();
  const w = (await page.evaluate(() => window.playground.state())).widgets['start-fresh'];
  await page.mouse.click(w.x + w.w / 2, w.y + w.h / 2);
  await page.waitForFunction(() => window.playground.state().steps === 0);
  await page.goto(env.url);
  await started(page);
  const fresh = await page.evaluate(() => window.playground.state());
  assert.equal(fresh.steps, 0);
  assert.equal(fresh.spec, 'conv5x5x8-valid relu maxpool2 conv5x5x16-valid relu maxpool2 dense64 relu dense10');
  await context.close();
});
