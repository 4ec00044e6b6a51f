// Start-up and the data stream: the playground opens and trains as soon as the first chunk of
// training digits is in, the rest arrives behind a progress bar, a step that needs digits still on
// their way waits for them (so a link replays to the same weights however slow the network), a
// failed download is said and retried, and a page with no catalog says so.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openPage, shot, click, frames } from './browser.mjs';

let env;
before(async () => { env = await launch(); });
after(async () => { await env?.close(); });

const state = (page) => page.evaluate(() => window.playground.state());
const laterTrainChunks = /\/assets\/mnist-train-(0[1-9]|1\d)\.gz$/;

// Holds every training chunk after the first until release(); counts requests.
async function holdTrainingChunks(page) {
  let release;
  const held = new Promise((r) => { release = r; });
  await page.route(laterTrainChunks, async (route) => { await held; await route.continue(); });
  return release;
}

test('a student opens the page: it trains from the first chunk and the rest streams in', { timeout: 180000 }, async () => {
  const page = await env.browser.newPage({ viewport: { width: 1280, height: 720 } });
  await page.addInitScript(() => localStorage.setItem('dlp.started.v1', 'MQ=='));
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  const release = await holdTrainingChunks(page);
  await page.goto(env.url);
  await page.waitForFunction(() => window.playground && window.playground.frames > 2 && window.playground.state().trainIn > 0, null, { timeout: 60000 });
  let st = await state(page);
  assert.equal(st.data, 'mnist');
  assert.equal(st.trainTotal, 60000);
  assert.equal(st.trainIn, 5000, 'only the first chunk is in');
  await page.waitForFunction(() => window.playground.state().testIn === 10000, null, { timeout: 30000 });
  assert.ok(st.widgets['data-progress:training'], 'the Train panel shows the download');
  // Train with the button, as a student does: the first 156 steps of 32 use the first chunk, then
  // training waits for the next one.
  await click(page, 'train');
  await page.waitForFunction(() => window.playground.state().waitingForData, null, { timeout: 120000 });
  st = await state(page);
  assert.equal(st.steps, 156);
  assert.equal(st.training, true, 'still training: it goes on when the digits arrive');
  await frames(page, 3);
  await shot(page, 'data-waiting-for-digits');
  const before = st.widgets;
  assert.ok(before['data-progress:training'], 'the bar says training waits for the digits');
  release();
  await page.waitForFunction(() => window.playground.state().steps > 200, null, { timeout: 120000 });
  await page.waitForFunction(() => window.playground.state().trainIn === 60000, null, { timeout: 60000 });
  await frames(page, 3);
  st = await state(page);
  assert.ok(!st.widgets['data-progress:training'], 'the progress bar goes once everything is in');
  // Nothing a student may be reaching for moves when the last digits arrive (a click meant for
  // the learning rate landed elsewhere when the bars took rows of their own).
  for (const name of ['lr', 'batch', 'plot-loss', 'normalization', 'evaluate'])
    assert.deepEqual([st.widgets[name].x, st.widgets[name].y], [before[name].x, before[name].y], `${name} stays where it was`);
  const marks = await page.evaluate(() => ['dlp:mnist:first-train-chunk', 'dlp:mnist:all-in'].map((m) => performance.getEntriesByName(m).length));
  assert.deepEqual(marks, [1, 1]);
  assert.deepEqual(errors, []);
  await page.close();
});

test('a link replays to the same weights when the digits arrive slowly', { timeout: 240000 }, async () => {
  // The sender: a ReLU net, 400 steps of 64 (25,600 digits: six chunks), made on a fast network.
  const a = await openPage(env);
  await a.page.waitForFunction(() => window.playground.state().trainIn === 60000, null, { timeout: 60000 });
  await a.page.evaluate(() => window.playground.load({ model: 'relu', data: 'mnist', batch: 64, lr: 0.05, opt: 'sgd', seed: 3 }));
  await a.page.evaluate(() => window.playground.train(400));
  const link = await a.page.evaluate(() => window.playground.link());
  const hash = await a.page.evaluate(() => window.playground.weightsHash());
  assert.deepEqual(a.errors, []);
  await a.page.close();

  // The receiver: the chunks after the first are held until the replay has waited for them, then
  // come one at a time.
  const page = await env.browser.newPage({ viewport: { width: 1280, height: 720 } });
  await page.addInitScript(() => localStorage.setItem('dlp.started.v1', 'MQ=='));
  let release;
  const held = new Promise((r) => { release = r; });
  let served = 0;
  await page.route(laterTrainChunks, async (route) => {
    await held;
    await new Promise((r) => setTimeout(r, 300 * ++served));
    await route.continue();
  });
  await page.goto(link);
  await page.waitForFunction(() => window.playground && window.playground.frames > 0 && window.playground.state().waitingForData && window.playground.state().replaying && window.playground.state().steps > 0, null, { timeout: 120000 });
  const waitedAt = (await state(page)).steps;
  assert.equal(waitedAt, 78, 'the replay waited at the end of the first chunk (78 steps of 64)');
  await shot(page, 'data-replay-waits');
  release();
  await page.waitForFunction(() => !window.playground.state().replaying, null, { timeout: 180000 });
  const st = await state(page);
  assert.equal(st.steps, 400);
  assert.equal(st.weightsHash, hash, 'the same weights as the sender, whatever the network did');
  assert.equal(await page.evaluate(() => window.playground.link()), link);
  await page.close();
});

test('a failed download is said on the page and tried again', { timeout: 120000 }, async () => {
  const page = await env.browser.newPage({ viewport: { width: 1280, height: 720 } });
  await page.addInitScript(() => localStorage.setItem('dlp.started.v1', 'MQ=='));
  let failures = 0;
  await page.route(/\/assets\/mnist-train-02\.gz$/, (route) => (failures++ < 2 ? route.fulfill({ status: 503, body: 'busy' }) : route.continue()));
  await page.goto(env.url);
  await page.waitForFunction(() => window.playground && window.playground.frames > 0 && /mnist-train-02/.test(window.playground.state().dataError || ''), null, { timeout: 60000 });
  const st = await state(page);
  assert.match(st.dataError, /Could not download mnist-train-02\.gz \(HTTP 503\): trying again in \d+ s\./);
  await frames(page, 3);
  await shot(page, 'data-download-retry');
  await page.waitForFunction(() => window.playground.state().trainIn === 60000, null, { timeout: 60000 });
  assert.equal((await state(page)).dataError, '', 'the message goes when the download succeeds');
  assert.ok(failures >= 3);
  await page.close();
});

test('a page without its data catalog says so', { timeout: 60000 }, async () => {
  const page = await env.browser.newPage({ viewport: { width: 1280, height: 720 } });
  await page.route('**/assets/catalog.json', (route) => route.fulfill({ status: 404, body: 'not found' }));
  await page.goto(env.url);
  const loading = page.locator('#loading');
  await page.waitForFunction(() => /could not/.test(document.getElementById('loading').textContent), null, { timeout: 60000 });
  assert.match(await loading.textContent(), /could not load its data: assets\/catalog\.json: HTTP 404/);
  assert.equal(await loading.isVisible(), true);
  await shot(page, 'loading-failed');
  await page.close();
});
