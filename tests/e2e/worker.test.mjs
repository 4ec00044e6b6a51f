// Training off the page's thread, the way a student meets it: a fresh page, Space,
// settings changed with real clicks while the training worker runs, the page drawing meanwhile,
// Space again to pause. The link then opens on a page that is not cross-origin isolated (a plain
// static host or an LMS iframe: one engine thread) and on a page training in its own frames
// (?worker=0): every one ends with the same weights as the sender, trained with 4 threads.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openPage, release, shot, frames, digitsIn, webDir, started } from './browser.mjs';
import { startServer } from '../../scripts/serve.mjs';

let env, plain;
before(async () => {
  env = await launch();
  // The same files from a host that sends no COOP/COEP headers.
  const server = await startServer(webDir, 0, { isolate: false });
  plain = { browser: env.browser, url: `http://127.0.0.1:${server.address().port}/`, server };
});
after(async () => { plain?.server.close(); await env?.close(); });

const state = (page) => page.evaluate(() => window.playground.state());
async function clickAt(page, name, fx, fy = 0.5) {
  // Where the widget is on two frames in a row (the Train panel's text grows while training, and
  // a line that wraps moves what is below it).
  let w;
  for (let tries = 0; tries < 10; ++tries) {
    await frames(page);
    const before = (await state(page)).widgets[name];
    await frames(page);
    w = (await state(page)).widgets[name];
    if (before && w && before.y === w.y && before.x === w.x) break;
  }
  assert.ok(w, `${name} is on screen`);
  await page.mouse.click(w.x + w.w * fx, w.y + w.h * fy);
  await frames(page, 4);
}

// Waits until the page has replayed the link to step n, for as long as the replay goes on: its
// step or its digits move within a minute, however slow the machine (a loaded machine leaves the
// sender's 4 threads hundreds of steps more while the walk clicks, and a page training in its own
// frames replays them 8 ms a frame). A replay that stops fails, saying where.
async function replayed(page, n, where) {
  const t0 = Date.now();
  for (;;) {
    const s = await state(page);
    assert.ok(s.steps <= n, `${where}: at step ${s.steps}, past the link's ${n}`);
    if (s.steps === n && !s.replaying) {
      console.log(`# ${where}: ${n} steps replayed in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
      return s;
    }
    const moved = await page.waitForFunction(([n, steps, trainIn, testIn]) => {
      const t = window.playground.state();
      return (t.steps === n && !t.replaying) || t.steps !== steps || t.trainIn !== trainIn || t.testIn !== testIn;
    }, [n, s.steps, s.trainIn, s.testIn], { timeout: 60000, polling: 200 }).then(() => true, () => false);
    assert.ok(moved, `${where}: the replay stopped at step ${s.steps} of ${n} (digits ${s.trainIn} of ${s.trainTotal}, replaying ${s.replaying})`);
  }
}

test('a student trains in the worker with 4 threads; the link replays on one thread and in the page', { timeout: 1200000 }, async (t) => {
  // Closed if the walk fails or times out, so that a page still replaying does not slow the next walk.
  const open = [];
  let passed = false;
  t.after(() => (passed ? null : Promise.all(open.map((p) => p.close().catch(() => {})))));
  await fourThreads(open);
  passed = true;
});

async function fourThreads(open) {
  const a = await openPage(env, { hash: '?threads=4' });
  open.push(a.page);
  await a.page.waitForFunction(() => window.playground.state().workerThreads > 0, null, { timeout: 60000 });
  assert.equal((await state(a.page)).workerThreads, 4, 'an isolated page trains with the threads asked for');
  assert.ok(await a.page.evaluate(() => self.crossOriginIsolated));

  // The digits all in first: until then the download's progress bars come and go above the
  // sliders (and can move one between finding it and clicking it), and the run would train on
  // through the download, hundreds of steps the two replays below would take again.
  await a.page.waitForFunction(digitsIn,
    null, { timeout: 120000, polling: 100 });
  await a.page.keyboard.press('Space');
  await a.page.waitForFunction(() => window.playground.state().steps >= 40, null, { timeout: 60000, polling: 50 });
  // Settings changed with the mouse while the worker trains: the worker logs them where it is.
  await clickAt(a.page, 'lr', 0.1);  // 0.0003 or 0.0005 (the run's is 0.002)
  await a.page.waitForFunction((n) => window.playground.state().steps >= n, (await state(a.page)).steps + 30, { timeout: 60000, polling: 50 });
  await clickAt(a.page, 'batch', 0.1);
  await a.page.waitForFunction((n) => window.playground.state().steps >= n, (await state(a.page)).steps + 30, { timeout: 60000, polling: 50 });
  const during = await state(a.page);
  assert.ok(during.training, 'still training');
  assert.ok(during.examplesPerSecond > 0, 'the Train panel shows the rate');
  await shot(a.page, 'worker-training');

  // Space pauses: the page keeps the step it shows, and nothing from the worker arrives after.
  await a.page.keyboard.press('Space');
  await a.page.waitForFunction(() => !window.playground.state().training, null, { timeout: 30000 });
  const paused = await state(a.page);
  await a.page.waitForTimeout(1000);
  const later = await state(a.page);
  assert.equal(later.steps, paused.steps, 'no step after Pause');
  assert.equal(later.weightsHash, paused.weightsHash, 'the weights shown are the run');
  console.log(`# the sender paused at step ${paused.steps}`);
  const sender = await a.page.evaluate(() => ({ link: window.playground.link(), curves: window.playground.curves() }));
  assert.match(sender.link, /log=\d+,lr:[^,&]+,\d+,batch:/, 'both changes are in the log at the steps the worker took them');

  for (const [where, env2, query] of [['a page without cross-origin isolation', plain, ''], ['a page training in its frames', env, '?worker=0']]) {
    // (A browser without service workers: on a host without COOP/COEP the page's worker would isolate it.)
    const b = await openPage(env2, { hash: query + sender.link.replace(/^[^#]*/, ''), noServiceWorker: !query });
    open.push(b.page);
    const got = await replayed(b.page, paused.steps, where);
    const isolated = await b.page.evaluate(() => self.crossOriginIsolated);
    if (query) assert.equal(got.workerThreads, 0, `${where}: no worker`);
    else { assert.equal(isolated, false, where); assert.equal(got.workerThreads, 1, `${where}: one engine thread`); }
    assert.equal(got.weightsHash, paused.weightsHash, `${where}: bit-identical weights`);
    const curves = await b.page.evaluate(() => window.playground.curves());
    assert.deepEqual(curves.loss, sender.curves.loss, `${where}: the same loss curve`);
    const fragment = (l) => l.replace(/^[^#]*/, '');
    assert.equal(fragment(await b.page.evaluate(() => window.playground.link())), fragment(sender.link), `${where}: the same link`);
    assert.deepEqual(got.notes, [], `${where}: nothing to warn about`);
    assert.deepEqual(b.errors, [], where);
    await release(env2, b.page);
  }
  await a.page.close();
  assert.deepEqual(a.errors, []);
}

// While a step takes a long time, the page goes on drawing: in its own frames it could draw at
// most one frame per step; with the worker it draws many while the student moves the pointer.
// Left alone, it draws when the worker reports (a frame for each update), leaving the CPU
// to the training.
test('the page keeps drawing while long steps run in the worker', { timeout: 200000 }, async () => {
  const a = await openPage(env, { hash: '#v1&model=conv5x5x8+relu+maxpool2+conv5x5x16+relu+maxpool2+dense10&batch=1024&lr=0.05', reuse: true });
  await a.page.waitForFunction(() => { const s = window.playground.state(); return s.workerThreads > 0 && s.trainIn === s.trainTotal; }, null, { timeout: 90000 });
  await a.page.keyboard.press('Space');
  await a.page.waitForFunction(() => window.playground.state().steps >= 2, null, { timeout: 60000, polling: 50 });
  const count = () => a.page.evaluate(() => ({ frames: window.playground.frames, steps: window.playground.state().steps, ms: window.playground.state().stepMs }));
  // The pointer moving over the page for three seconds.
  const t0 = await count();
  const box = { x: 300, y: 300 };
  for (let end = Date.now() + 3000, k = 0; Date.now() < end; ++k) await a.page.mouse.move(box.x + (k % 40) * 5, box.y + (k % 7) * 3);
  const t1 = await count();
  const drawn = t1.frames - t0.frames, steps = t1.steps - t0.steps;
  console.log(`# pointer moving: ${drawn} frames drawn while ${steps} steps of ${t1.ms.toFixed(0)} ms ran`);
  assert.ok(steps >= 1, 'it trains');
  // In its own frames the page could draw at most one frame per step.
  assert.ok(drawn >= steps + 6, `${drawn} frames for ${steps} steps`);
  // Left alone (a second for the page to notice), it still draws what the worker sends: a frame
  // for each step's update, at most one per 150 ms, counted over three steps or more and at least
  // 3 s, however long a step takes on this machine.
  await a.page.waitForTimeout(1500);
  const t2 = await count();
  const since = Date.now();
  await a.page.waitForTimeout(3000);
  await a.page.waitForFunction((n) => window.playground.state().steps >= n, t2.steps + 3, { timeout: 120000, polling: 100 });
  const t3 = await count();
  const alone = { frames: t3.frames - t2.frames, steps: t3.steps - t2.steps, s: (Date.now() - since) / 1000 };
  console.log(`# left alone: ${alone.frames} frames in ${alone.s.toFixed(1)} s while ${alone.steps} steps of ${t3.ms.toFixed(0)} ms ran`);
  // A frame a step, or two a second when steps come faster (a step's update may arrive just
  // before the count, its frame just after).
  const least = Math.floor(Math.min(alone.steps, 2 * alone.s)) - 1;
  assert.ok(alone.frames >= least, `the page still shows the progress: ${alone.frames} frames for ${alone.steps} steps in ${alone.s.toFixed(1)} s`);
  await a.page.keyboard.press('Space');
  await a.page.waitForFunction(() => !window.playground.state().training, null, { timeout: 30000 });
  await release(env, a.page);
  assert.deepEqual(a.errors, []);
});

// A worker that cannot load (a blocked script, an old browser): the page says nothing alarming,
// trains in its own frames, and a link replays to the same weights as on a page with a worker.
test('without a training worker the page trains in its frames, to the same weights', { timeout: 200000 }, async () => {
  const link = '#v1&model=dense32+relu+dense10&batch=16&lr=0.05&steps=60&log=20,lr:0.02';
  const page = await env.browser.newPage({ viewport: { width: 1280, height: 720 } });
  await page.addInitScript(() => localStorage.setItem('dlp.started.v1', 'MQ=='));
  await page.route('**/dlp-worker*.js', (r) => r.abort());
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(env.url + link);
  await started(page);
  await page.waitForFunction(() => { const s = window.playground.state(); return s.steps === 60 && !s.replaying; }, null, { timeout: 120000, polling: 100 });
  const alone = await state(page);
  assert.equal(alone.workerThreads, 0, 'no worker');
  const b = await openPage(env, { hash: link, reuse: true });
  await b.page.waitForFunction(() => { const s = window.playground.state(); return s.steps === 60 && !s.replaying && s.workerThreads > 0; }, null, { timeout: 120000, polling: 100 });
  assert.equal((await state(b.page)).weightsHash, alone.weightsHash, 'the same weights with and without the worker');
  await b.page.close();
  await page.close();
  assert.deepEqual(errors, []);
  assert.deepEqual(b.errors, []);
});
