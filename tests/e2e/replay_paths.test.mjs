// Links replay exactly on the paths a teacher really takes: a fresh page, Train / Pause with
// real clicks and keys, Copy link, a second page. Then many random sequences of UI actions
// (Train/Pause, Step, learning rate, batch, optimizer, dropout, Reset, presets, Evaluate), each
// checked by a second page that the copied link is opened in (fresh for the first, then the same
// page over the last run): the same weights, loss curve and link.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openPage, release, shot, click, frames } from './browser.mjs';

let env;
before(async () => { env = await launch(); });
after(async () => { await env?.close(); });

const fragment = (url) => url.replace(/^[^#]*#/, '#');

// Copy link as a person does it: the menu item, then what the clipboard holds.
async function copyLink(page) {
  await click(page, 'copy-link');
  const copied = await page.evaluate(() => navigator.clipboard.readText().catch(() => null));
  const href = await page.evaluate(() => location.href);
  if (copied !== null) assert.equal(copied, href, 'the clipboard holds the address the page shows');
  return copied ?? href;
}

async function senderState(page) {
  return page.evaluate(() => ({ st: window.playground.state(), curves: window.playground.curves(), link: window.playground.link() }));
}

// An open page that a link is opened in (a student following a link to a playground already
// open in the tab: the page opens a changed fragment), replayed to the end: its link is the
// sender's then.
async function openIn(r, link) {
  await r.page.evaluate((h) => { location.hash = h; }, fragment(link));
  await r.page.waitForFunction((l) => !window.playground.state().replaying && window.playground.link() === l, link,
    { timeout: 180000, polling: 100 }).catch(() => {});  // expectSame says what differs
}

// A second page, opened fresh from the link (a new visit, in the tab a walk gave back if there is
// one), replayed to the end.
async function receiver(link, steps) {
  const r = await openPage(env, { hash: fragment(link), reuse: true });
  await r.page.waitForFunction((n) => { const s = window.playground.state(); return s.steps === n && !s.replaying; }, steps,
    { timeout: 180000, polling: 100 });
  return r;
}

async function expectSame(sender, r, what) {
  const got = await senderState(r.page);
  assert.equal(got.st.weightsHash, sender.st.weightsHash, `${what}: bit-identical weights`);
  assert.deepEqual(got.curves.loss, sender.curves.loss, `${what}: the same loss curve`);
  assert.deepEqual(got.curves.step, sender.curves.step, `${what}: at the same steps`);
  assert.equal(got.link, sender.link, `${what}: the receiver's link is the sender's`);
  assert.deepEqual(got.st.notes, [], `${what}: nothing to warn about`);
}

const grant = (page) => page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: env.url.replace(/\/$/, '') });

test('fresh page, Train, Pause, Copy link, second page: the same weights', { timeout: 300000 }, async () => {
  const a = await openPage(env);
  await grant(a.page);
  await click(a.page, 'train');
  await a.page.waitForFunction(() => window.playground.state().steps >= 25, null, { timeout: 60000, polling: 50 });
  await a.page.keyboard.press('Space');
  await a.page.waitForFunction(() => !window.playground.state().training, null, { timeout: 30000 });
  const link = await copyLink(a.page);
  const sender = await senderState(a.page);
  assert.equal(link, sender.link, 'Copy link copies what playground.link() returns');
  assert.match(link, new RegExp(`steps=${sender.st.steps}&`));
  await shot(a.page, 'share-link-window');
  const b = await receiver(link, sender.st.steps);
  await expectSame(sender, b, 'Train/Pause');
  assert.deepEqual([...a.errors, ...b.errors], []);
  await release(env, a.page);

  // The API path on the same kind of fresh page (a new visit in the sender's tab): train(n), then
  // link(); the link is opened in the receiver's page, over the run it replayed.
  const c = await openPage(env, { reuse: true });
  await c.page.evaluate(() => window.playground.train(120));
  const apiSender = await senderState(c.page);
  const d = { page: b.page, errors: b.errors };
  await openIn(d, apiSender.link);
  await expectSame(apiSender, d, 'train(120)');
  await c.page.close();
  await release(env, d.page);
  assert.deepEqual([...c.errors, ...d.errors], []);
});

// Deterministic pseudo-random numbers for the action sequences (mulberry32).
function rng(seed) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// The Train button reads Pause while training. Training may also stop by itself just before the
// click lands (a dead network, say), and the click then starts it again: click until paused.
async function pause(page) {
  for (let k = 0; k < 5; k++) {
    if (!(await page.evaluate(() => window.playground.state().training))) return;
    await click(page, 'train');
  }
}

async function clickAt(page, name, fx, fy = 0.5) {
  await frames(page);
  const w = (await page.evaluate(() => window.playground.state())).widgets[name];
  if (!w) return false;
  await page.mouse.click(w.x + w.w * fx, w.y + w.h * fy);
  await frames(page, 4);
  return true;
}

const ACTIONS = {
  async train(page, r) {
    await page.keyboard.press('Space');
    await frames(page, 2 + Math.floor(r() * 5));
    await pause(page);
  },
  async step(page, r) { for (let k = 1 + Math.floor(r() * 3); k > 0; k--) await click(page, 'step'); },
  async lr(page, r) { await clickAt(page, 'lr', 0.05 + 0.45 * r()); },  // on the slider, left of its label
  async batch(page, r) { await clickAt(page, 'batch', 0.02 + 0.2 * r()); },
  async optimizer(page, r) {
    if (!(await clickAt(page, 'optimizer', 0.5))) return;
    await clickAt(page, 'optimizer', 0.3, r() < 0.5 ? 1.6 : 2.7);  // an item of the opened list
  },
  async dropout(page, r) { await clickAt(page, 'dropout', 0.05 + 0.45 * r()); },
  async reset(page) { await click(page, 'reset'); },
  async preset(page, r) {
    await click(page, r() < 0.5 ? 'preset:logistic' : 'preset:relu');
    if ((await page.evaluate(() => window.playground.state())).widgets.discard) await click(page, 'discard');
  },
  async evaluate(page) { await click(page, 'evaluate'); },
};

test('random sequences of UI actions: every copied link replays exactly', { timeout: 900000 }, async () => {
  const seed = Number(process.env.DLP_REPLAY_SEED || 20261125);
  const r = rng(seed);
  const count = Number(process.env.DLP_REPLAY_SEQUENCES || 8);
  // A teacher's demo link to start from: a small net with a dropout layer, so the slider is there.
  const a = await openPage(env, { hash: '#v1&model=dense32+relu+dropout0.25+dense10&batch=16&lr=0.05', reuse: true });
  await grant(a.page);
  await a.page.waitForFunction(() => window.playground.state().widgets.dropout, null, { timeout: 30000 });
  // A sequence may start a new run (Reset or a preset); then it trains and changes settings in
  // the middle of the run, where the log must keep every change.
  const names = ['train', 'step', 'lr', 'lr', 'batch', 'optimizer', 'dropout', 'evaluate'];
  let ran = 0, changes = 0;
  // The first link opens a fresh page; the others are opened in it, each over the last one's run.
  let b = null;
  for (let seq = 0; seq < count; seq++) {
    const done = [];
    if (r() < 0.3) { const fresh = r() < 0.5 ? 'reset' : 'preset'; await ACTIONS[fresh](a.page, r); done.push(fresh); }
    await ACTIONS.step(a.page, r);
    done.push('step');
    for (let k = 2 + Math.floor(r() * 5); k > 0; k--) {
      const name = names[Math.floor(r() * names.length)];
      await ACTIONS[name](a.page, r);
      done.push(name);
    }
    await ACTIONS.train(a.page, r);  // something to replay
    done.push('train');
    await a.page.waitForFunction(() => !window.playground.state().training, null, { timeout: 30000 })
      .catch(async (e) => { await shot(a.page, 'replay-random-stuck'); console.log('stuck after', done.join(' '), JSON.stringify((await a.page.evaluate(() => window.playground.state())).status)); throw e; });
    const link = await copyLink(a.page);
    await click(a.page, 'link-close');
    const sender = await senderState(a.page);
    assert.equal(link, sender.link);
    if (process.env.DLP_REPLAY_VERBOSE) console.log(done.join(' '), '->', link.replace(/^.*#/, ''));
    changes += sender.curves.log ? sender.curves.log.split(/[,;]/).filter((t) => t.includes(':')).length : 0;
    if (!b) b = await receiver(link, sender.st.steps);
    else await openIn(b, link);
    await expectSame(sender, b, `sequence ${seq} (${done.join(' ')}): ${link}`);
    assert.deepEqual(b.errors, []);
    ran++;
  }
  if (b) await release(env, b.page);
  console.log(`replay: ${ran} random UI sequences (seed ${seed}) with ${changes} logged setting changes, all replayed bit for bit`);
  await shot(a.page, 'replay-random-sender');
  assert.deepEqual(a.errors, []);
  await a.page.close();
});

test('a replay shows its progress and can be stopped; its link then replays to where it stopped', { timeout: 300000 }, async () => {
  const { page, errors } = await openPage(env, { hash: '#v1&model=lenet&steps=3000', reuse: true });
  await page.waitForFunction(() => { const s = window.playground.state(); return s.replaying && s.steps > 10; }, null, { timeout: 60000, polling: 50 });
  const st = await page.evaluate(() => window.playground.state());
  assert.equal(st.replayTarget, 3000);
  assert.ok(st.widgets['replay-stop'], 'the replay window with its Stop button is on screen');
  await shot(page, 'replay-progress');
  await click(page, 'replay-stop');
  const stopped = await page.evaluate(() => window.playground.state());
  assert.equal(stopped.replaying, false);
  assert.ok(stopped.steps > 10 && stopped.steps < 3000, `stopped at ${stopped.steps}`);
  await frames(page, 3);
  const link = await page.evaluate(() => window.playground.link());
  assert.match(link, new RegExp(`steps=${stopped.steps}&`));
  assert.deepEqual(errors, []);
  await release(env, page);
});

test('what a link cannot carry is said when it is made and when it is opened', { timeout: 300000 }, async () => {
  const a = await openPage(env, { hash: '#v1&model=logistic', reuse: true });
  await grant(a.page);
  // One example of the student's own: a drawn "1" as a PNG file.
  await a.page.evaluate(async () => {
    const c = new OffscreenCanvas(28, 28), g = c.getContext('2d');
    g.fillStyle = '#000'; g.fillRect(0, 0, 28, 28); g.fillStyle = '#fff'; g.fillRect(12, 4, 4, 20);
    const blob = await c.convertToBlob();
    await window.playground.addOwnFiles([new File([blob], '1.png', { type: 'image/png' })]);
  });
  assert.equal(await a.page.evaluate(() => window.playground.ownCount()), 1);
  await a.page.evaluate(() => window.playground.train(20));
  const link = await copyLink(a.page);
  const st = await a.page.evaluate(() => window.playground.state());
  assert.match(st.linkCaveats.join(' '), /not your 1 own example/);
  await shot(a.page, 'share-link-caveats');
  const b = await openPage(env, { hash: fragment(link) });
  await b.page.waitForFunction(() => !window.playground.state().replaying && window.playground.state().steps === 20, null, { timeout: 60000 });
  const rs = await b.page.evaluate(() => window.playground.state());
  assert.match(rs.notes.join(' '), /1 of the sender's own examples/);
  assert.ok(rs.widgets['notes-ok'], 'the note stays on screen until dismissed');
  await shot(b.page, 'share-link-note');
  await click(b.page, 'notes-ok');
  assert.deepEqual((await b.page.evaluate(() => window.playground.state())).notes, []);
  assert.deepEqual([...a.errors, ...b.errors], []);
  await a.page.close();
  await b.page.close();
});
