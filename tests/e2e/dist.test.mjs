// make dist, deployed as a teacher would: the folder served by a plain static server of another
// kind (Python's http.server: no COOP/COEP, no CSP header, no compression) on its own port.
// - The page carries its own Content-Security-Policy; its service worker (web/sw.js) makes it
//   cross-origin isolated after one reload at the first visit, so it trains on more than one
//   engine thread, and a link made there replays to the same weights on a one-thread page.
// - With the server stopped, a reload opens the page from what the worker kept: it trains,
//   classifies a drawing, opens a lesson and replays a link.
// - A rebuilt folder with one changed file: the page offers the new version, runs its code after
//   "Reload now", and only the new build's code is kept (the digits, unchanged, are kept as they were).
// - Installable: a web app manifest with the app's name and icons, no installability errors.
// - The Data panel says what is kept and how large; Remove deletes it and the worker (the page
//   then trains on one thread here, and says why); Keep brings it back.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { appendFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { launch, openPage, shot, click, stroke, frames, settle, openLesson, digitsIn, webDir, chromiumPath, chromiumArgs, started } from './browser.mjs';
import { startServer } from '../../scripts/serve.mjs';

const dist = resolve('build/dist-test');
let env, server, port = 0;
// Python's http.server on the folder (on the same port when started again: the same origin).
async function serve() {
  server = spawn('/usr/bin/python3', ['-u', '-m', 'http.server', String(port), '--bind', '127.0.0.1', '--directory', dist], { stdio: ['ignore', 'pipe', 'pipe'] });
  port = await new Promise((ok, fail) => {
    let out = '';
    server.stdout.on('data', (d) => { out += d; const m = /port (\d+)/.exec(out); if (m) ok(+m[1]); });
    server.once('exit', (c) => fail(new Error(`http.server exited (${c})`)));
  });
}
const stop = async () => { if (!server) return; const s = server; server = null; s.kill(); await new Promise((r) => s.once('exit', r)); };
before(async () => {
  execFileSync('scripts/dist.sh', [webDir, dist], { stdio: 'pipe' });
  await serve();
  // Its own Chromium: these walks update a service worker across tabs and reopen the page offline,
  // as a student's browser does, with nothing else running in that browser.
  env = await launch({ url: `http://127.0.0.1:${port}/`, ownBrowser: true });
});
after(async () => { await env?.close(); await stop(); });

const state = (page) => page.evaluate(() => window.playground.state());
// Scrolls the panel a widget is in (the mouse wheel over it) until the widget is in its view, and clicks it.
async function scrollClick(page, name) {
  for (let k = 0; k < 20; k++) {
    await settle(page);
    const w = (await state(page)).widgets[name];
    if (w && w.y + w.h <= w.win.y + w.win.h && w.y >= w.win.y) break;
    if (!w) throw new Error(`widget ${name} is not drawn`);
    await page.mouse.move(w.win.x + w.win.w / 2, w.win.y + w.win.h / 2);
    await page.mouse.wheel(0, 200);
  }
  await click(page, name);
}
const cacheNames = (page) => page.evaluate(() => caches.keys());
// The service worker as a tab sees it: what runs the tab, what the registration holds in each
// state, the caches and the update note (what a failed wait below reports).
const workerState = (page) => page.evaluate(async () => {
  const r = await navigator.serviceWorker.getRegistration();
  const sw = (w) => w && w.state;
  return { controller: sw(navigator.serviceWorker.controller), active: sw(r?.active), waiting: sw(r?.waiting),
    installing: sw(r?.installing), caches: await caches.keys(), note: document.getElementById('update')?.textContent ?? null };
}).catch((e) => ({ unreadable: e.message }));
// A step of the update walk: when it fails, the message says where each tab's worker stood.
async function step(what, tabs, run) {
  try { return await run(); } catch (e) {
    const states = await Promise.all(tabs.map(async (t) => (t.isClosed() ? 'closed' : JSON.stringify(await workerState(t)))));
    throw new Error(`${what}: ${e.message.split('\n')[0]}; ${states.map((s, k) => `tab ${k + 1}: ${s}`).join('; ')}`);
  }
}
let tab = null, linkHash = '', linkSteps = 0, linkWeights = '';

test('the static folder from a plain server: its own CSP, isolated by its service worker after one reload, trains on two threads; a link replays on one', { timeout: 300000 }, async () => {
  let loads = 0;
  tab = await openPage(env, { width: 1280, height: 800, hash: '?threads=2', tabs: true, onPage: (page) => page.on('load', () => loads++) });
  const { page, errors } = tab;
  assert.equal(loads, 2, 'the first visit loads, and reloads once into isolation');
  const head = await page.evaluate(async () => {
    const r = await fetch(location.href, { cache: 'no-store' });
    return { isolated: window.crossOriginIsolated, controlled: !!navigator.serviceWorker.controller, csp: r.headers.get('content-security-policy'),
      meta: document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.content || '' };
  });
  assert.equal(head.isolated, true, 'the service worker made the page cross-origin isolated');
  assert.equal(head.controlled, true);
  assert.equal(head.csp, null, 'the host sends no CSP header');
  assert.match(head.meta, /default-src 'self'; script-src 'self' 'wasm-unsafe-eval'/, 'the page carries its own policy');
  // The policy holds: an inline script does not run.
  const inline = await page.evaluate(() => new Promise((done) => {
    document.addEventListener('securitypolicyviolation', (e) => done(e.violatedDirective), { once: true });
    const s = document.createElement('script');
    s.textContent = 'window.__inlineRan = true';
    document.body.appendChild(s);
    setTimeout(() => done(window.__inlineRan ? 'ran' : 'no event'), 2000);
  }));
  assert.match(inline, /^script-src/, 'the inline script was blocked by the page\'s own CSP');
  const cspErrors = errors.splice(0).filter((e) => !/Content Security Policy/.test(e));
  assert.deepEqual(cspErrors, []);

  await page.waitForFunction(() => window.playground.state().trainIn > 0, null, { timeout: 60000 });
  await page.waitForFunction(() => window.playground.state().workerThreads > 0, null, { timeout: 60000 });
  let st = await state(page);
  assert.equal(st.workerThreads, 2, 'two engine threads, as the address asks');
  assert.equal(st.offline.isolation, '');
  await click(page, 'train');
  await page.waitForFunction(() => window.playground.state().steps >= 80, null, { timeout: 120000 });
  await click(page, 'train');
  await page.waitForFunction(() => !window.playground.state().training, null, { timeout: 20000 });
  st = await state(page);
  const pad = st.padRect;
  await stroke(page, [[pad.x + pad.w * 0.3, pad.y + pad.h * 0.25], [pad.x + pad.w * 0.7, pad.y + pad.h * 0.25], [pad.x + pad.w * 0.45, pad.y + pad.h * 0.8]]);
  await frames(page, 4);
  st = await state(page);
  assert.equal(st.drawnBlank, false);
  assert.ok(Math.max(...st.probs) > 0.2, 'the drawing is classified');
  await shot(page, 'dist-static-host');

  // A link from this page, opened where there is no service worker (one thread): the same weights.
  linkHash = (await page.evaluate(() => window.playground.link())).replace(/^.*#/, '#');
  linkSteps = st.steps;
  linkWeights = st.weightsHash;
  const context = await env.browser.newContext({ viewport: { width: 1024, height: 700 }, serviceWorkers: 'block' });
  const other = await context.newPage();
  const otherErrors = [];
  other.on('pageerror', (e) => otherErrors.push(String(e)));
  await other.goto(env.url + linkHash);
  await started(other);
  await other.waitForFunction((n) => { const s = window.playground.state(); return !s.replaying && s.steps === n; }, st.steps, { timeout: 120000 });
  const there = await state(other);
  assert.equal(await other.evaluate(() => window.crossOriginIsolated), false);
  assert.ok(there.workerThreads <= 1, `one engine thread there (${there.workerThreads})`);
  await other.waitForFunction(() => window.playground.state().offline.status !== '', null, { timeout: 10000 });
  const said = (await state(other)).offline;
  assert.ok(said.status !== 'on' && said.isolation !== '', `a browser whose worker does not run: one thread, said why (${JSON.stringify(said)})`);
  assert.equal(there.weightsHash, st.weightsHash, 'the link replays to the same weights on one thread');
  assert.deepEqual(otherErrors, []);
  await context.close();
  assert.deepEqual(errors.splice(0), []);
});

test('offline: with the server stopped, a reload opens the page, trains, classifies a drawing, opens a lesson and replays a link', { timeout: 300000 }, async () => {
  const { page, errors } = tab;
  // The digits in use are kept once they are all in; the Data panel says so.
  await page.waitForFunction(() => { const o = window.playground.state().offline; return o.status === 'on' && o.data.mnist > 10e6; }, null, { timeout: 120000 });
  const kept = (await state(page)).offline;
  assert.ok(kept.codeBytes > 2e6, `the code is kept (${kept.codeBytes} bytes)`);
  await stop();
  await page.reload();
  await started(page);
  assert.equal(await page.evaluate(() => window.crossOriginIsolated), true, 'still isolated, from the cache');
  await page.evaluate(() => window.playground.startFresh());
  await page.waitForFunction(digitsIn, null, { timeout: 60000 });
  await click(page, 'train');
  await page.waitForFunction(() => window.playground.state().steps >= 60, null, { timeout: 120000 });
  await click(page, 'train');
  await page.waitForFunction(() => !window.playground.state().training, null, { timeout: 20000 });
  const pad = (await state(page)).padRect;
  await stroke(page, [[pad.x + pad.w * 0.5, pad.y + pad.h * 0.2], [pad.x + pad.w * 0.5, pad.y + pad.h * 0.8]]);
  await frames(page, 4);
  let st = await state(page);
  assert.equal(st.drawnBlank, false);
  assert.ok(Math.max(...st.probs) > 0.2, 'the drawing is classified offline');
  await page.evaluate(() => window.playground.panels(['Train', 'Draw', 'Lessons']));
  await settle(page);
  await openLesson(page, 1);
  await settle(page);
  st = await state(page);
  assert.equal(st.lessonNumber, 1, 'a lesson opens offline');
  assert.ok(st.lessonReadout.length > 0 || st.windows.some((w) => w.title === 'Lessons'));
  await shot(page, 'dist-offline');
  // The link made online replays to its weights offline.
  await page.evaluate((h) => { location.hash = h; }, linkHash);
  await page.waitForFunction((n) => { const s = window.playground.state(); return !s.replaying && s.steps === n; }, linkSteps, { timeout: 120000 });
  assert.equal((await state(page)).weightsHash, linkWeights, 'the link replays to its weights offline');
  assert.deepEqual(errors.splice(0).filter((e) => !/ERR_CONNECTION_REFUSED|Failed to fetch|sw\.js/.test(e)), []);
  await serve();
});

test('a rebuilt folder with one changed file: the page offers the new version, runs its code, and keeps only its cache', { timeout: 300000 }, async () => {
  const { page, errors } = tab;
  const before = await cacheNames(page);
  const oldCode = before.filter((n) => /^dlp-\w+-code-/.test(n));
  const data = before.filter((n) => /^dlp-\w+-data-/.test(n));
  assert.equal(oldCode.length, 1, `one build's code kept (${before})`);
  assert.equal(data.length, 1);
  // One file changes, and the folder is stamped again as make dist does.
  appendFileSync(resolve(dist, 'main.js'), '\nwindow.dlpBuildMark = \'rebuilt\';\n');
  execFileSync('node', ['scripts/sw_stamp.mjs', dist]);
  assert.notEqual(readFileSync(resolve(dist, 'sw.js'), 'utf8').match(/"version":"(\w+)"/)[1], oldCode[0].split('-code-')[1]);
  await page.reload();
  await started(page);
  assert.equal(await page.evaluate(() => window.dlpBuildMark), undefined, 'the old build runs until the student takes the new one');
  await step('the new version offered', [page], () => page.waitForSelector('#update button', { timeout: 60000 }));
  assert.match(await page.textContent('#update'), /new version of the playground is ready/);
  await shot(page, 'dist-update-ready');
  // A second tab of the old build: once the first takes the new one, it says so and offers a reload.
  const second = await page.context().newPage();
  await second.goto(env.url);
  await started(second);
  // The waiting worker takes over only once the old one is idle, and a tab whose digits are still
  // coming in through it keeps it busy (on a loaded machine for longer than the reload's wait):
  // both tabs have their digits first, as when a student comes back to an open tab.
  await page.waitForFunction(digitsIn, null, { timeout: 120000 });
  await second.waitForFunction(digitsIn, null, { timeout: 120000 });
  await step('Reload now in the first tab', [page, second], () => Promise.all([page.waitForNavigation(), page.click('#update button')]));
  await step('the second tab told', [page, second], () => second.waitForFunction(() => /updated in another tab/.test(document.getElementById('update')?.textContent || ''), null, { timeout: 30000 }));
  await step('Reload now in the second tab', [page, second], () => Promise.all([second.waitForNavigation(), second.click('#update button')]));
  await started(second);
  assert.equal(await second.evaluate(() => window.dlpBuildMark), 'rebuilt', 'the second tab runs the new code after its reload');
  await second.close();
  await started(page);
  assert.equal(await page.evaluate(() => window.dlpBuildMark), 'rebuilt', 'the new code runs');
  const now = await cacheNames(page);
  assert.equal(now.filter((n) => /^dlp-\w+-code-/.test(n)).length, 1, `only the new build's code is kept (${now})`);
  assert.ok(!now.includes(oldCode[0]), 'the old build\'s cache is gone');
  assert.ok(now.includes(data[0]), 'the digits, unchanged, are kept as they were');
  assert.deepEqual(errors.splice(0), []);
});

test('installable: a manifest with the app\'s name and icons, and no installability errors', { timeout: 120000 }, async () => {
  // A browser profile of its own (test contexts are incognito, where nothing installs).
  const profile = mkdtempSync(join(tmpdir(), 'dlp-profile-'));
  const context = await chromium.launchPersistentContext(profile, { executablePath: chromiumPath, args: chromiumArgs });
  const page = context.pages()[0] || await context.newPage();
  await page.goto(env.url);
  await started(page);
  const cdp = await context.newCDPSession(page);
  const manifest = await cdp.send('Page.getAppManifest');
  assert.deepEqual(manifest.errors, [], 'the manifest parses');
  const parsed = JSON.parse(manifest.data);
  assert.equal(parsed.name, 'Deep-learning playground');
  assert.ok(parsed.icons.some((i) => i.sizes === '512x512'));
  const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
  assert.deepEqual(installabilityErrors, [], 'the browser can install it');
  await context.close();
  rmSync(profile, { recursive: true, force: true });
});

test('the Data panel says what is kept; Remove deletes it and the worker (one thread here then, said why); Keep brings it back', { timeout: 300000 }, async () => {
  const { page, errors } = tab;
  await page.evaluate(() => window.playground.panels(['Data']));
  await settle(page);
  await page.waitForFunction(() => window.playground.state().offline.status === 'on', null, { timeout: 60000 }).catch(async (e) => {
    throw new Error(`${e.message}: ${JSON.stringify((await state(page)).offline)}`);
  });
  // What the panel says, as the accessibility mirror has it once it has caught up with the frame.
  const mirror = (re) => page.waitForFunction((src) => new RegExp(src).test([...document.querySelectorAll('#a11y *')].map((n) => n.textContent || '').join('\n')),
    re.source, { timeout: 10000 });
  await mirror(/Kept in this browser for offline use: the playground \(\d+\.\d MB\), MNIST \(\d+\.\d MB\)/);
  await mirror(/Training on one engine thread|Training on \d engine threads/);
  await shot(page, 'dist-data-offline');
  await scrollClick(page, 'offline-remove');
  await page.waitForFunction(() => window.playground.state().offline.status === 'off', null, { timeout: 30000 });
  assert.deepEqual((await cacheNames(page)).filter((n) => n.startsWith('dlp-')), [], 'nothing kept');
  assert.equal(await page.evaluate(async () => (await navigator.serviceWorker.getRegistrations()).length), 0, 'no worker');
  // The next visit: not registered again, so on this host one thread, and the page says why.
  await page.reload();
  await page.waitForFunction(() => window.playground && window.playground.frames > 2 && window.playground.state().workerThreads > 0 &&
    window.playground.state().offline.status !== '', null, { timeout: 60000 });
  let st = await state(page);
  assert.equal(await page.evaluate(() => window.crossOriginIsolated), false);
  assert.equal(st.workerThreads, 1);
  assert.equal(st.offline.status, 'off');
  assert.equal(st.offline.isolation, 'offline-off');
  await page.evaluate(() => window.playground.panels(['Data']));
  await settle(page);
  await mirror(/Training on one thread: this host sends no cross-origin isolation headers/);
  await scrollClick(page, 'offline-keep');
  await page.waitForFunction(() => { const o = window.playground.state().offline; return o.status === 'on' && o.data.mnist > 10e6; }, null, { timeout: 120000 });
  st = await state(page);
  assert.ok(st.offline.codeBytes > 2e6);
  assert.deepEqual(errors.splice(0), []);
});

test('a host that sends COOP/COEP (make run\'s server): isolated from the first load, no reload; the digits downloaded before the worker ran the page are kept without a second download', { timeout: 300000 }, async () => {
  const asked = [];
  const isolating = await startServer(webDir, 0, { log: (path) => asked.push(path) });
  const url = `http://127.0.0.1:${isolating.address().port}/`;
  const page = await env.browser.newPage({ viewport: { width: 1280, height: 720 } });
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  let loads = 0;
  page.on('load', () => loads++);
  try {
    await page.goto(url);
    await started(page);
    assert.equal(await page.evaluate(() => window.crossOriginIsolated), true);
    await page.waitForFunction(() => { const o = window.playground.state().offline; return o.status === 'on' && o.data.mnist > 10e6; }, null, { timeout: 120000 });
    assert.equal(loads, 1, 'no reload: the host isolates the page itself');
    const chunks = asked.filter((p) => /\/assets\/mnist-.*\.gz$/.test(p));
    if (chunks.length !== 14) console.log(asked.join(' '));
    assert.equal(chunks.length, 14, `each of MNIST's 14 chunks downloaded once (${chunks.length})`);
    assert.equal(new Set(chunks).size, 14);
    const names = await cacheNames(page);
    assert.ok(!names.some((n) => /-staged$/.test(n)), 'the chunks put aside went to the worker\'s cache');
    assert.equal(await page.evaluate(async () => {
      const data = (await caches.keys()).find((n) => /^dlp-\w+-data-/.test(n));
      return (await (await caches.open(data)).keys()).filter((r) => /mnist-/.test(r.url)).length;
    }), 14);
    assert.deepEqual(errors, []);
  } finally {
    await page.close();
    isolating.close();
  }
});
