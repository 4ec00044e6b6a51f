// The faults a student's browser meets, met the way they happen: the training worker closes itself,
// its script throws, or it hangs in a loop, in the middle of train(n) on a fresh page. The page's
// watchdog (web/main.js) replaces it once and then trains in its own frames; train(n) resolves with
// every step, the Train panel says what happened in one line, and the run's link replays to the
// same weights on another page.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { launch, openPage, shot, keptKeys, keptText, keptBase64, click, started } from './browser.mjs';

let env;
before(async () => { env = await launch(); });
after(async () => { await env?.close(); });

const state = (page) => page.evaluate(() => window.playground.state());
const trainingWorker = (page) => page.workers().find((w) => w.url().endsWith('/train_worker.js'));

// Breaks the training worker from inside once the run is past `step`, and waits for the page to
// have a new one (or none: a second loss).
async function breakWorker(page, step, how) {
  await page.waitForFunction((n) => window.playground.state().steps >= n, step, { timeout: 60000, polling: 50 });
  const w = trainingWorker(page);
  assert.ok(w, 'a training worker runs');
  await w.evaluate(how).catch(() => {});  // a worker that closes during the call rejects it
}

const faults = {
  closes: () => { self.close(); },
  throws: () => { self.onmessage = () => { throw new Error('the worker broke'); }; },
  hangs: () => { setTimeout(() => { for (;;) { /* a loop that never yields */ } }, 0); },
};

test('a training worker that closes itself, then one that hangs: train(n) goes on from the page\'s run, nothing lost', { timeout: 240000 }, async () => {
  const { page, errors } = await openPage(env, { width: 1280, height: 800 });
  await page.waitForFunction(() => window.playground.state().workerThreads > 0, null, { timeout: 60000 });
  // Everything the live region says from here on.
  await page.evaluate(() => {
    window.said = [];
    const live = document.getElementById('live');
    new MutationObserver(() => window.said.push(live.textContent)).observe(live, { childList: true, characterData: true, subtree: true });
  });
  const done = page.evaluate(() => window.playground.train(500).then((r) => ({ ok: true, r }), (e) => ({ ok: false, error: String(e) })));
  await breakWorker(page, 100, faults.closes);
  await page.waitForFunction(() => /training worker stopped \(it stopped answering for \d+ s\)\. Training went on in a new one from step \d+; nothing was lost\./
    .test(window.playground.state().workerNote), null, { timeout: 20000, polling: 100 });
  // The new worker trains (its threads are said again once it is ready), then hangs.
  await page.waitForFunction(() => window.playground.state().workerThreads > 0, null, { timeout: 30000 });
  const moved = (await state(page)).steps;
  await breakWorker(page, moved + 100, faults.hangs);
  await page.waitForFunction(() => /Training went on in this page/.test(window.playground.state().workerNote), null, { timeout: 20000, polling: 100 });
  await shot(page, 'faults-worker-lost');
  const result = await done;
  assert.ok(result.ok, `train(500) resolved: ${result.error}`);
  const st = await state(page);
  assert.equal(st.steps, 500, 'every step taken, none twice');
  assert.equal(st.workerThreads, 0, 'after a second loss the page trains in its own frames');
  await page.waitForFunction(() => window.said.some((t) => /Training went on in this page/.test(t)), null, { timeout: 5000 });
  const said = await page.evaluate(() => window.said);
  assert.ok(said.some((t) => /training worker stopped/.test(t)), `the live region says it too: ${said.join(' / ')}`);

  // The run is the run: its link replays to the same weights in a fresh page.
  const link = await page.evaluate(() => window.playground.link());
  const other = await openPage(env, { hash: link.replace(/^[^#]*/, '') });
  await other.page.waitForFunction(() => { const s = window.playground.state(); return s.steps === 500 && !s.replaying; }, null, { timeout: 120000 });
  assert.equal((await state(other.page)).weightsHash, st.weightsHash);
  assert.deepEqual(errors, []);
  assert.deepEqual(other.errors, []);
  await other.page.close();
  await page.close();
});

test('a training worker whose script throws on its next message is replaced at once', { timeout: 180000 }, async () => {
  const { page, errors } = await openPage(env, { width: 1280, height: 800 });
  await page.waitForFunction(() => window.playground.state().workerThreads > 0, null, { timeout: 60000 });
  const done = page.evaluate(() => window.playground.train(500).then((r) => ({ ok: true, r }), (e) => ({ ok: false, error: String(e) })));
  await breakWorker(page, 80, faults.throws);
  // The page's next message to it (a spare buffer after an update) makes it throw: an error event.
  await page.waitForFunction(() => /training worker stopped \(.*the worker broke.*\)\. Training went on in a new one/
    .test(window.playground.state().workerNote), null, { timeout: 10000, polling: 100 });
  const result = await done;
  assert.ok(result.ok, `train(500) resolved: ${result.error}`);
  const st = await state(page);
  assert.equal(st.steps, 500);
  // The new worker is ready (until it is, the page took the steps in its frames) and trains on.
  await page.waitForFunction(() => window.playground.state().workerThreads > 0, null, { timeout: 30000 });
  await page.evaluate(() => window.playground.train(100));
  assert.equal((await state(page)).steps, 600);
  assert.equal((await state(page)).workerThreads > 0, true, 'trained by the new worker');
  assert.deepEqual(errors, []);
  await page.close();
});

// Saved work (web/main.js: IndexedDB, a session per tab).
const savedSessions = async (page) => (await keptKeys(page)).filter((k) => k.startsWith('dlp.session.v2@'));
async function newContext() {
  const context = await env.browser.newContext({ viewport: { width: 1280, height: 720 } });
  await context.addInitScript(() => { if (!localStorage.getItem('dlp.started.v1')) localStorage.setItem('dlp.started.v1', 'MQ=='); });
  return context;
}
// A tab of the context on the playground, ready.
async function openTab(context) {
  const page = await context.newPage();
  await page.goto(env.url);
  await started(page);
  return page;
}
// The kept sessions, once there are n of them (a save lands a moment after saveSession()).
async function sessionsSaved(page, n) {
  for (let i = 0; i < 50 && (await savedSessions(page)).length < n; i++) await new Promise((r) => setTimeout(r, 100));
  return savedSessions(page);
}

test('two tabs train and reload: each comes back with its own work, and a new tab is offered the latest', { timeout: 180000 }, async () => {
  const context = await newContext();
  const a = await openTab(context);
  await a.evaluate(() => window.playground.load({ model: 'dense32 relu dense10' }));
  await a.evaluate(() => window.playground.train(150));
  await a.evaluate(() => window.playground.saveSession());
  await sessionsSaved(a, 1);
  const aWork = await state(a);

  // A second tab opened from nothing is offered the most recent work, then keeps its own.
  const b = await openTab(context);
  let sb = await state(b);
  assert.equal(sb.steps, 150, 'the new tab opens the latest work of any tab');
  assert.equal(sb.weightsHash, aWork.weightsHash);
  await b.evaluate(() => window.playground.train(50));
  await b.evaluate(() => window.playground.saveSession());
  assert.equal((await sessionsSaved(b, 2)).length, 2, 'two tabs, two kept sessions');
  sb = await state(b);

  // Both open the page again without the link in the address (only the kept work can bring the
  // runs back): neither takes the other's.
  await a.goto(env.url);
  await started(a);
  await b.goto(env.url);
  await started(b);
  const a2 = await state(a), b2 = await state(b);
  assert.equal(a2.steps, 150);
  assert.equal(a2.weightsHash, aWork.weightsHash, 'the first tab has its own weights back');
  assert.equal(b2.steps, 200);
  assert.equal(b2.weightsHash, sb.weightsHash);
  await context.close();
});

test('storage that is full is said on the page; the page trains on', { timeout: 120000 }, async () => {
  const context = await newContext();
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Storage.overrideQuotaForOrigin', { origin: new URL(env.url).origin, quotaSize: 1 });
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(env.url);
  await started(page);
  await page.evaluate(() => window.playground.train(30));
  await page.evaluate(() => window.playground.saveSession());
  await page.waitForFunction(() => /Your work is not being kept across reloads: the browser/.test(window.playground.state().keepNote), null, { timeout: 10000 });
  const st = await state(page);
  assert.equal(st.steps, 30, 'it trained');
  await shot(page, 'faults-storage-full');
  assert.deepEqual(errors, []);
  await context.close();
});

// Faults of the browser's storage, met in the visit whose sessionStorage names one (test.fault):
// - 'open': every open of the database answers 12 s late, as a busy or broken browser may;
// - 'read': the page's read of its records stops at its first record (its transaction kept alive)
//   until the walk releases it (window.testRelease), after the page gave up waiting;
// - 'abort': the browser aborts the read just after it delivered the tab's kept session.
// window.testLateAnswers counts the late answers delivered to the page.
const storageFaults = () => {
  const fault = sessionStorage.getItem('test.fault');
  const answered = () => { window.testLateAnswers = (window.testLateAnswers || 0) + 1; };
  if (fault === 'open') {
    const open = IDBFactory.prototype.open;
    const onsuccess = Object.getOwnPropertyDescriptor(IDBRequest.prototype, 'onsuccess');
    IDBFactory.prototype.open = function (...args) {
      const req = open.apply(this, args);
      let handler = null;
      onsuccess.set.call(req, (e) => setTimeout(() => { if (handler) handler.call(req, e); answered(); }, 12000));
      Object.defineProperty(req, 'onsuccess', { get: () => handler, set: (f) => { handler = f; } });
      return req;
    };
  }
  if (fault === 'read' || fault === 'abort') {
    const openCursor = IDBObjectStore.prototype.openCursor;
    IDBObjectStore.prototype.openCursor = function (...args) {
      const os = this, req = openCursor.apply(this, args);
      let first = true, session = false;
      req.addEventListener('success', (e) => {
        if (fault === 'read' && first) {
          first = false;
          e.stopImmediatePropagation();
          const hold = () => {
            if (!window.testRelease) { os.get('test.none').onsuccess = hold; return; }
            req.onsuccess.call(req, e);
            answered();
          };
          hold();
        } else if (fault === 'abort' && session) {
          e.stopImmediatePropagation();
          req.transaction.abort();
        } else if (fault === 'abort' && req.result && String(req.result.key).startsWith('dlp.session.v2@')) {
          session = true;
        }
      });
      return req;
    };
  }
};

// A tab that trained and kept 40 steps opens the page again (no link: only the kept work could
// bring the run back) with one of the faults above; `during` walks that visit. Then the next
// visit, without the fault, has the work kept before, as it was.
async function storageFault(fault, during) {
  const context = await newContext();
  await context.addInitScript(storageFaults);
  const page = await openTab(context);
  await page.evaluate(() => window.playground.train(40));
  await page.evaluate(() => window.playground.saveSession());
  await sessionsSaved(page, 1);
  const kept = await state(page);

  await page.evaluate((f) => sessionStorage.setItem('test.fault', f), fault);
  await page.goto(env.url);
  await during(page);

  await page.evaluate(() => sessionStorage.removeItem('test.fault'));
  await page.goto(env.url);
  await started(page);
  const st = await state(page);
  assert.equal(st.steps, 40, 'the kept run came back');
  assert.equal(st.weightsHash, kept.weightsHash);
  assert.equal(st.keepNote, '');
  await context.close();
}

// The page waits for its storage up to 10 s, the loading screen saying what it waits for, then
// starts with nothing and says why; work done meanwhile is saved neither then nor once the
// storage answers.
async function startsWithoutStorage(page) {
  await page.waitForFunction(() => /Reading the work kept in this browser/.test(document.getElementById('loading').textContent), null, { timeout: 10000 });
  await started(page);
  const st = await state(page);
  assert.equal(st.steps, 0, 'nothing kept was read');
  assert.match(st.keepNote, /Your work is not being kept across reloads: the browser's storage did not answer within 10 s/);
  await page.evaluate(() => window.playground.train(25));
  await page.evaluate(() => window.playground.saveSession());
}

test('storage that answers too late: the page starts without it, says so, and the kept work is there at the next visit', { timeout: 180000 }, async () => {
  await storageFault('open', async (page) => {
    await startsWithoutStorage(page);
    await shot(page, 'faults-storage-late');
    await page.waitForFunction(() => window.testLateAnswers >= 1, null, { timeout: 20000, polling: 200 });
    await page.evaluate(() => window.playground.saveSession());
  });
});

test('storage that opens but reads its records too slowly: the same, and nothing saved once the read ends', { timeout: 180000 }, async () => {
  await storageFault('read', async (page) => {
    await startsWithoutStorage(page);
    await page.evaluate(() => { window.testRelease = true; });
    await page.waitForFunction(() => window.testLateAnswers >= 1, null, { timeout: 20000, polling: 200 });
    await page.evaluate(() => window.playground.train(5));
    await page.evaluate(() => window.playground.saveSession());
  });
});

test('a read of the storage that the browser aborts part way: the page says so and saves nothing over the kept work', { timeout: 120000 }, async () => {
  await storageFault('abort', async (page) => {
    await started(page);
    const st = await state(page);
    assert.equal(st.steps, 0, 'a read cut short is not used, not even the session it delivered');
    assert.match(st.keepNote, /Your work is not being kept across reloads: the browser refused its storage/);
    await page.evaluate(() => window.playground.train(25));
    await page.evaluate(() => window.playground.saveSession());
  });
});

test('a session kept in localStorage by an older page is moved to the new storage once', { timeout: 120000 }, async () => {
  const context = await newContext();
  const page = await openTab(context);
  await page.evaluate(() => window.playground.load({ model: 'dense16 relu dense10', lr: 0.1 }));
  await page.evaluate(() => window.playground.train(60));
  const trained = await state(page);
  await page.evaluate(() => window.playground.saveSession());
  // As an older page kept it: the same bytes, base64 in localStorage, and no database.
  const b64 = await keptBase64(page, (await sessionsSaved(page, 1))[0]);
  await page.goto('about:blank');
  const fresh = await context.newPage();
  await fresh.goto(env.url + 'no-such-page');  // the origin, without the playground holding its database
  await fresh.evaluate((b64) => new Promise((resolve) => {
    localStorage.setItem('dlp.session.v2', b64);
    const del = indexedDB.deleteDatabase('dlp');
    del.onsuccess = del.onerror = del.onblocked = () => resolve();
  }), b64);
  await fresh.goto(env.url);
  await started(fresh);
  const st = await state(fresh);
  assert.equal(st.steps, 60, 'the older save came back');
  assert.equal(st.weightsHash, trained.weightsHash);
  assert.equal(await fresh.evaluate(() => localStorage.getItem('dlp.session.v2')), null, 'and left localStorage');
  assert.ok((await keptKeys(fresh)).some((k) => k.startsWith('dlp.session.v2')), 'the session is in the database');
  await context.close();
});

test('a student downloads the session as a file and opens it in another browser: the run goes on where it was', { timeout: 180000 }, async () => {
  const context = await newContext();
  const page = await openTab(context);
  await page.evaluate(() => window.playground.load({ model: 'dense32 relu dense10', opt: 'adam', lr: 0.002 }));
  await page.evaluate(() => window.playground.train(120));
  const sent = await state(page);
  await click(page, 'menu-weights');
  const download = page.waitForEvent('download');
  await click(page, 'download-session');
  const file = join(tmpdir(), `dlp-${process.pid}.dlpsession`);
  await (await download).saveAs(file);
  assert.match((await state(page)).status, /Downloaded the session at step 120/);

  // Another browser (a fresh context: nothing kept), the file opened from the Weights menu.
  const other = await newContext();
  const b = await openTab(other);
  await click(b, 'menu-weights');
  const chooser = b.waitForEvent('filechooser');
  await click(b, 'load-weights');
  await (await chooser).setFiles(file);
  await b.waitForFunction(() => window.playground.state().steps === 120, null, { timeout: 30000 });
  let st = await state(b);
  assert.equal(st.weightsHash, sent.weightsHash, 'the same weights');
  assert.match(st.status, /Opened the session in dlp-\d+\.dlpsession: step 120/);
  // It continues exactly: both train 30 more steps to the same weights.
  await page.evaluate(() => window.playground.train(30));
  await b.evaluate(() => window.playground.train(30));
  assert.equal((await state(b)).weightsHash, (await state(page)).weightsHash, 'the run goes on as in the sender\'s browser');
  // A file that is not a session changes nothing.
  const before = await state(b);
  await b.evaluate(() => window.playground.loadWeights(new File([new Uint8Array([1, 2, 3, 4, 5])], 'notes.dlpsession')));
  st = await state(b);
  assert.equal(st.weightsHash, before.weightsHash);
  assert.match(st.status, /notes\.dlpsession is not a playground session; nothing changed/);
  await other.close();
  await context.close();
});

test('a student leaves the page and comes back with the Back button: the same run, kept, not replayed', { timeout: 120000 }, async () => {
  const context = await newContext();
  const page = await openTab(context);
  await page.evaluate(() => window.playground.train(300));
  const left = await state(page);
  await page.goto(env.url + 'no-such-page');  // somewhere else on the site
  await page.goBack();
  await started(page);
  const st = await state(page);
  assert.equal(st.steps, 300);
  assert.equal(st.weightsHash, left.weightsHash);
  assert.equal(st.replaying, false, 'taken from what the page kept, not replayed from the address');
  assert.match(st.status, /Welcome back: your model is restored at step 300/);
  await context.close();
});

// Headless Chromium shows every page (no tab strip, a minimized window stays visible), so the walks
// set the document's visibility as the browser does when a tab goes to the background, and send
// the event the page listens for.
const setVisible = (page, visible) => page.evaluate((visible) => {
  Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => (visible ? 'visible' : 'hidden') });
  Object.defineProperty(document, 'hidden', { configurable: true, get: () => !visible });
  document.dispatchEvent(new Event('visibilitychange'));
}, visible);
// The kept session's link once it names `steps` (its bytes hold the run as a link: kept_session.h).
async function keptAt(page, steps) {
  for (let i = 0; i < 100; i++) {
    const keys = await keptKeys(page);
    const k = keys.find((k) => k.startsWith('dlp.session.v2@'));
    if (k && (await keptText(page, k)).includes(`&steps=${steps}&`)) return keys;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no session kept at step ${steps}`);
}
// The browser drops the tab without a word (no pagehide, no unload: a discard, a crash).
async function dropTab(context, page) {
  const crashed = page.waitForEvent('crash');
  (await context.newCDPSession(page)).send('Page.crash').catch(() => {});  // answered by no one
  await crashed;
  await page.close();
}
// The tab comes back after the browser dropped it (a discarded tab, a crash): the same tab, as
// sessionStorage says, opened again.
async function reopenTab(context, tab) {
  const page = await context.newPage();
  await page.addInitScript((tab) => { if (!sessionStorage.getItem('dlp.tab')) sessionStorage.setItem('dlp.tab', tab); }, tab);
  await page.goto(env.url);
  await started(page);
  return page;
}

test('a tab sent to the background and back, then dropped by the browser: its steps, weights and rewind come back', { timeout: 180000 }, async () => {
  const context = await newContext();
  const page = await openTab(context);
  await page.evaluate(() => window.playground.load({ model: 'dense32 relu dense10', opt: 'adam', lr: 0.002 }));
  await page.evaluate(() => window.playground.train(400));
  // The past as the run had it, to check against after the tab comes back.
  const past = {};
  for (const k of [37, 250, 391]) past[k] = (await page.evaluate((k) => window.playground.seek(k), k)).weightsHash;
  await page.evaluate(() => window.playground.seek(1e9));  // back to now
  const tab = await page.evaluate(() => sessionStorage.getItem('dlp.tab'));

  // Hidden: the page keeps everything at once (the tab may be frozen or discarded from here on).
  await setVisible(page, false);
  let keys = await keptAt(page, 400);
  assert.ok(keys.includes(`dlp.keyframes.v1@${tab}`), `the keyframes are kept: ${keys}`);
  // Shown again: it draws and trains on.
  const frames = await page.evaluate(() => window.playground.frames);
  await setVisible(page, true);
  await page.waitForFunction((f) => window.playground.frames > f, frames, { timeout: 10000 });
  await page.evaluate(() => window.playground.train(20));
  const left = await state(page);
  assert.equal(left.steps, 420);
  // Hidden again, then the browser drops the tab without a word (no pagehide, as a discard or a
  // crash): only what was kept on hiding survives.
  await setVisible(page, false);
  await keptAt(page, 420);
  await dropTab(context, page);

  const back = await reopenTab(context, tab);
  const st = await state(back);
  assert.equal(st.steps, 420, 'every step came back');
  assert.equal(st.weightsHash, left.weightsHash, 'the same weights');
  assert.match(st.status, /Welcome back: your model is restored at step 420/);
  assert.equal(st.rewind.first, 0, 'rewind reaches back to the run\'s start');
  assert.ok(st.rewind.keyframes >= left.rewind.keyframes, `the keyframes came back (${st.rewind.keyframes} of ${left.rewind.keyframes})`);
  for (const k of [37, 250, 391]) {
    await back.evaluate((k) => window.playground.seek(k), k);  // replays from the keyframe before k once its digits are in
    await back.waitForFunction((k) => window.playground.state().rewind.shown === k, k, { timeout: 30000 });
    assert.equal((await state(back)).rewind.weightsHash, past[k], `step ${k} as the run had it`);
  }
  await shot(back, 'faults-tab-back');
  await context.close();
});

test('a save cut off as the page closes leaves the last whole one; a save that lands brings the run back', { timeout: 180000 }, async () => {
  const context = await newContext();
  const page = await openTab(context);
  await page.evaluate(() => window.playground.load({ model: 'dense32 relu dense10' }));
  await page.evaluate(() => window.playground.train(200));
  await page.evaluate(() => window.playground.saveSession());
  await keptAt(page, 200);
  const at200 = await state(page);
  const tab = await page.evaluate(() => sessionStorage.getItem('dlp.tab'));
  // From here every save is cut off: its transaction never commits (as when a tab is killed
  // mid-write), which the page sees as an aborted save.
  await page.evaluate(() => {
    const open = IDBDatabase.prototype.transaction;
    IDBDatabase.prototype.transaction = function (...args) {
      const tx = open.apply(this, args);
      if (args[1] === 'readwrite') { tx.commit = () => {}; queueMicrotask(() => tx.abort()); }
      return tx;
    };
  });
  await page.evaluate(() => window.playground.train(100));
  const at300 = await state(page);
  await page.evaluate(() => window.playground.saveSession());
  await page.waitForFunction(() => /not being kept/.test(window.playground.state().keepNote), null, { timeout: 10000 });
  await dropTab(context, page);
  let back = await reopenTab(context, tab);
  let st = await state(back);
  assert.equal(st.steps, 200, 'the last whole save');
  assert.equal(st.weightsHash, at200.weightsHash);

  // Trained on to 300 again and closed right after a save: whichever save the browser finished
  // comes back whole, never a mix.
  await back.evaluate(() => window.playground.train(100));
  assert.equal((await state(back)).weightsHash, at300.weightsHash, 'the run went on as before');
  await back.evaluate(() => window.playground.saveSession());
  await dropTab(context, back);
  back = await reopenTab(context, tab);
  st = await state(back);
  assert.ok([200, 300].includes(st.steps), `a whole save: step ${st.steps}`);
  assert.equal(st.weightsHash, st.steps === 300 ? at300.weightsHash : at200.weightsHash);
  await context.close();
});

test('a link opened over a trained run keeps the run aside: Bring back restores it exactly, with the link\'s run kept in its place', { timeout: 180000 }, async () => {
  const context = await newContext();
  const page = await openTab(context);
  await page.evaluate(() => window.playground.load({ model: 'dense32 relu dense10' }));
  await page.evaluate(() => window.playground.train(150));
  const mine = await state(page);
  // A teacher's link, pasted into the address bar of the same tab.
  await page.evaluate(() => { location.hash = 'v1&model=dense16+relu+dense10&steps=40'; });
  await page.waitForFunction(() => { const s = window.playground.state(); return s.steps === 40 && !s.replaying; }, null, { timeout: 60000 });
  const theirs = await state(page);
  assert.equal(theirs.replacedSteps, 150, 'the run the link replaced is kept aside');
  await shot(page, 'faults-link-replaced');
  await click(page, 'bring-back');
  let st = await state(page);
  assert.equal(st.steps, 150);
  assert.equal(st.weightsHash, mine.weightsHash, 'exactly where it was');
  assert.equal(st.replacedSteps, 40, 'the link\'s run is kept aside in its place');
  assert.match(st.status, /Brought back your run at step 150; the link's run \(step 40\) is kept aside in its place/);
  // Both survive a reload (once the address shows the run brought back).
  await page.waitForFunction(() => /dense32/.test(location.hash) && /&steps=150&/.test(location.hash), null, { timeout: 10000 });
  await page.reload();
  await started(page);
  st = await state(page);
  assert.equal(st.steps, 150);
  assert.equal(st.weightsHash, mine.weightsHash);
  assert.equal(st.replacedSteps, 40);
  await click(page, 'bring-back');
  assert.equal((await state(page)).weightsHash, theirs.weightsHash, 'and swapped again');
  await click(page, 'forget-replaced');
  assert.equal((await state(page)).replacedSteps, 0);
  await context.close();
});

test('a page left while it trains and restored from the back-forward cache trains on, nothing lost, no worker blamed', { timeout: 180000 }, async () => {
  const cached = await launch({ backForwardCache: true });
  try {
    const context = await cached.browser.newContext({ viewport: { width: 1280, height: 720 } });
    await context.addInitScript(() => { if (!localStorage.getItem('dlp.started.v1')) localStorage.setItem('dlp.started.v1', 'MQ=='); });
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(cached.url);
    await started(page);
    await page.evaluate(() => window.playground.load({ model: 'dense32 relu dense10' }));
    await page.waitForFunction(() => window.playground.state().workerThreads > 0, null, { timeout: 60000 });
    await page.evaluate(() => { window.sameDocument = true; });
    await page.keyboard.press('Space');  // trains until paused
    await page.waitForFunction(() => window.playground.state().steps >= 200, null, { timeout: 60000 });
    // The page keeps the run every few seconds as it trains (a tab dropped from the cache has no say).
    const tab = await page.evaluate(() => sessionStorage.getItem('dlp.tab'));
    const keptSteps = async () => +((/&steps=(\d+)&/.exec((await keptText(page, `dlp.session.v2@${tab}`)) || '') || [0, 0])[1]);
    for (let i = 0; i < 100 && (await keptSteps()) < 200; i++) await new Promise((r) => setTimeout(r, 100));
    assert.ok((await keptSteps()) >= 200, 'kept while training');
    // Somewhere else on the site for 8 s (the page, frozen in the cache meanwhile), then Back.
    await page.goto(cached.url + 'no-such-page');
    const left = await keptSteps();  // and when it is left (a moment later, once the save lands)
    assert.ok(left >= 200, `kept on leaving: step ${left}`);
    await new Promise((r) => setTimeout(r, 8000));  // the time away is what is tested
    await page.goBack({ waitUntil: 'commit' });  // a page restored from the cache fires no load event
    await page.waitForFunction(() => window.sameDocument === true || (window.playground && window.playground.frames > 2), null, { timeout: 30000, polling: 100 });
    if (await page.evaluate(() => window.sameDocument === true)) {
      // Restored from the cache: the same page, its worker resumed.
      const st = await state(page);
      assert.ok(st.steps >= left, `no step lost (${st.steps} >= ${left})`);
      await page.waitForFunction((n) => window.playground.state().steps >= n + 100, st.steps, { timeout: 30000, polling: 100 });
      const on = await state(page);
      assert.equal(on.training, true, 'it trains on');
      assert.equal(on.workerNote, '', 'the time in the cache is not taken for a lost worker');
      assert.ok(on.workerThreads > 0, 'in its worker');
    } else {
      // The browser may drop a page from the cache ("masked" in notRestoredReasons, seen on a busy
      // machine); then the page loads again: it takes the run it kept, or replays the address's
      // link when that is further on (the address follows the run).
      const why = await page.evaluate(() => JSON.stringify(performance.getEntriesByType('navigation')[0].notRestoredReasons?.reasons));
      console.log(`# not restored from the back-forward cache (${why}): the page loaded again`);
      await page.waitForFunction((n) => { const s = window.playground.state(); return !s.replaying && s.steps >= n; }, left, { timeout: 60000, polling: 100 });
      const st = await state(page);
      assert.match(st.status, /Welcome back: your model is restored at step|Replayed the link's \d+ steps/);
    }
    await shot(page, 'faults-back-forward-cache');
    assert.deepEqual(errors, []);
  } finally {
    await cached.close();
  }
});
