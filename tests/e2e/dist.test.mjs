// make dist, deployed as a teacher would: the folder served by a plain static server of another
// kind (Python's http.server: no COOP/COEP, no CSP header, no compression) on its own port. The
// page must carry its own Content-Security-Policy, train (single-threaded: no isolation), draw,
// and replay a link to the same weights.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { launch, openPage, shot, click, stroke, frames, webDir } from './browser.mjs';

const dist = resolve('build/dist-test');
let env, server;
before(async () => {
  execFileSync('scripts/dist.sh', [webDir, dist], { stdio: 'pipe' });
  server = spawn('/usr/bin/python3', ['-u', '-m', 'http.server', '0', '--bind', '127.0.0.1', '--directory', dist], { stdio: ['ignore', 'pipe', 'pipe'] });
  const port = await new Promise((ok, fail) => {
    let out = '';
    server.stdout.on('data', (d) => { out += d; const m = /port (\d+)/.exec(out); if (m) ok(+m[1]); });
    server.once('exit', (c) => fail(new Error(`http.server exited (${c})`)));
  });
  env = await launch({ url: `http://127.0.0.1:${port}/` });
});
after(async () => { await env?.close(); server?.kill(); });

const state = (page) => page.evaluate(() => window.playground.state());

test('the static folder from a plain server: its own CSP, trains on one thread, draws, replays a link', { timeout: 300000 }, async () => {
  const { page, errors } = await openPage(env, { width: 1280, height: 800 });
  const head = await page.evaluate(async () => {
    const r = await fetch(location.href);
    return { isolated: window.crossOriginIsolated, coop: r.headers.get('cross-origin-opener-policy'), csp: r.headers.get('content-security-policy'),
      meta: document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.content || '' };
  });
  assert.equal(head.isolated, false, 'a plain static host sends no COOP/COEP');
  assert.equal(head.coop, null);
  assert.equal(head.csp, null, 'and no CSP header');
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
  await click(page, 'train');
  await page.waitForFunction(() => window.playground.state().steps >= 80, null, { timeout: 120000 });
  await click(page, 'train');
  await page.waitForFunction(() => !window.playground.state().training, null, { timeout: 20000 });
  let st = await state(page);
  assert.ok(st.workerThreads <= 1, `one engine thread without isolation (${st.workerThreads})`);
  const pad = st.padRect;
  await stroke(page, [[pad.x + pad.w * 0.3, pad.y + pad.h * 0.25], [pad.x + pad.w * 0.7, pad.y + pad.h * 0.25], [pad.x + pad.w * 0.45, pad.y + pad.h * 0.8]]);
  await frames(page, 4);
  st = await state(page);
  assert.equal(st.drawnBlank, false);
  assert.ok(Math.max(...st.probs) > 0.2, 'the drawing is classified');
  await shot(page, 'dist-static-host');

  // A link from this page, opened in a second one: the same weights.
  const link = await page.evaluate(() => window.playground.link());
  const other = await openPage(env, { width: 1024, height: 700, hash: link.replace(/^.*#/, '#') });
  await other.page.waitForFunction((n) => { const s = window.playground.state(); return !s.replaying && s.steps === n; }, st.steps, { timeout: 120000 });
  assert.equal((await state(other.page)).weightsHash, st.weightsHash, 'the link replays to the same weights from the static folder');
  assert.deepEqual(other.errors, []);
  assert.deepEqual(errors, []);
});
