// Share links: a second page opening the first page's link replays its steps to bit-identical
// weights and the same loss; the address bar follows the state; bad links are reported as text
// and never break the page; window.playground.load takes plain objects.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openPage, release, shot } from './browser.mjs';

let env;
before(async () => { env = await launch(); });
after(async () => { await env?.close(); });

const settled = (page) => page.waitForFunction(() => !window.playground.state().replaying, null, { timeout: 120000, polling: 100 });

test('two pages, one link, the same weights', { timeout: 240000 }, async () => {
  const a = await openPage(env);
  await a.page.evaluate(() => window.playground.load({ model: 'conv3x3x8 relu maxpool2 dropout0.25 dense32 relu dense10', lr: 0.02, optimizer: 'adam', seed: '3.4.5', batch: 16 }));
  await a.page.evaluate(() => window.playground.train(60));
  const sender = await a.page.evaluate(() => ({ link: window.playground.link(), state: window.playground.state() }));
  // The full URL, as Copy link copies it: a course page can paste it as it is.
  assert.match(sender.link, /^http:\/\/127\.0\.0\.1:\d+\/#v1&/);
  assert.match(sender.link, /steps=60/);
  assert.match(sender.link, /seed=3\.4\.5/);
  assert.match(sender.link, /lr=0\.02&/, 'numbers in their shortest form');
  // The address bar follows (replaceState, polled twice a second).
  await a.page.waitForFunction((l) => location.href === l, sender.link, { timeout: 5000 });

  const b = await openPage(env, { hash: sender.link.replace(/^.*#/, '#') });
  await b.page.waitForFunction(() => window.playground.state().steps === 60 && !window.playground.state().replaying, null, { timeout: 120000 });
  const receiver = await b.page.evaluate(() => window.playground.state());
  assert.equal(receiver.weightsHash, sender.state.weightsHash, 'bit-identical weights');
  assert.equal(receiver.loss, sender.state.loss, 'the same last loss');
  assert.equal(receiver.spec, sender.state.spec);
  await shot(b.page, 'share-link-replayed');
  assert.deepEqual([...a.errors, ...b.errors], []);
  await a.page.close();
  await release(env, b.page);
});

test('a bad link is reported, what is safe is applied, the page keeps working', { timeout: 120000 }, async () => {
  const hostile = '#v1&lr=0.3&batch=99999999&model=dense1000000000+dense10&steps=1e12&opt=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E&x=%ZZ';
  const { page, errors } = await openPage(env, { hash: hostile, over: true });
  await settled(page);
  const st = await page.evaluate(() => window.playground.state());
  assert.ok(st.linkProblems.length >= 4, JSON.stringify(st.linkProblems));
  assert.equal(st.spec, 'conv5x5x8 relu maxpool2 conv5x5x16 relu maxpool2 dense10', 'the absurd model was refused');
  assert.match(await page.evaluate(() => window.playground.link()), /lr=0\.3/, 'the valid field applied');
  assert.equal(await page.evaluate(() => document.querySelectorAll('img').length), 0, 'nothing from the link reached the DOM');
  await page.evaluate(() => window.playground.train(3));
  assert.ok((await page.evaluate(() => window.playground.state())).steps >= 3);
  await page.evaluate(() => { location.hash = '#v7&lr=1'; });
  await page.waitForFunction(() => window.playground.state().linkProblems.some((p) => p.includes('version 1')), null, { timeout: 10000 });
  await shot(page, 'share-link-bad');
  assert.deepEqual(errors, []);
  await release(env, page);
});

test('classify and hidden controls', { timeout: 120000 }, async () => {
  const { page, errors } = await openPage(env, { hash: '#v1&model=logistic&steps=200&lr=0.05&hide=lr.batch.presets&lock=1&panels=7', over: true });
  await settled(page);
  const st = await page.evaluate(() => window.playground.state());
  assert.equal(st.spec, 'dense10');
  assert.equal(st.steps, 200);
  assert.equal(st.widgets['preset:lenet'], undefined, 'presets hidden');
  assert.equal(st.widgets.apply, undefined, 'spec locked');
  // A "1" from the test images style: a vertical bar.
  const one = new Array(784).fill(0);
  for (let y = 4; y < 24; y++) { one[y * 28 + 13] = 255; one[y * 28 + 14] = 255; }
  const probs = await page.evaluate((px) => window.playground.classify(px), one);
  assert.equal(probs.length, 10);
  assert.ok(Math.abs(probs.reduce((a, b) => a + b, 0) - 1) < 1e-4);
  assert.equal(probs.indexOf(Math.max(...probs)), 1, `a vertical bar reads as 1: ${probs.map((p) => p.toFixed(2))}`);
  await shot(page, 'share-link-lesson-view');
  assert.deepEqual(errors, []);
  await release(env, page);
});

test('postMessage from an embedding page', { timeout: 120000 }, async () => {
  const { page, errors } = await openPage(env, { reuse: true });
  // The page messages itself, as a parent frame would: same protocol, same checks.
  const answer = await page.evaluate(() => new Promise((done) => {
    window.addEventListener('message', (e) => { if (e.data && e.data.id === 7 && !e.data.method) done(e.data); });
    window.postMessage({ id: 7, method: 'load', args: [{ model: 'logistic', steps: 20 }] }, '*');
  }));
  assert.equal(answer.error, undefined, answer.error);
  assert.equal(answer.result.spec, 'dense10');
  assert.equal(answer.result.steps, 20);
  const refused = await page.evaluate(() => new Promise((done) => {
    window.addEventListener('message', (e) => { if (e.data && e.data.id === 8 && !e.data.method) done(e.data); });
    window.postMessage({ id: 8, method: 'constructor', args: [] }, '*');
  }));
  assert.match(refused.error, /unknown method/);
  assert.deepEqual(errors, []);
  await page.close();
});
