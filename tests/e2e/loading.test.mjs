// Start-up: the window draws before the digits have arrived (and says it is loading them), the
// playground starts once they are in, and a failed download is said on the page, not a blank one.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { launch, shot, pixels } from './browser.mjs';

let env;
before(async () => { env = await launch(); });
after(async () => { await env?.close(); });

test('the window draws while the digits download, then the playground starts', { timeout: 90000 }, async () => {
  const page = await env.browser.newPage({ viewport: { width: 1280, height: 720 } });
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  let release;
  const held = new Promise((r) => { release = r; });
  await page.route('**/assets/mnist-train-images.idx', async (route) => { await held; await route.continue(); });
  await page.goto(env.url);
  await page.waitForFunction(() => performance.getEntriesByName('dlp:first-frame').length > 0, null, { timeout: 60000 });
  await page.waitForTimeout(300);
  assert.equal(await page.evaluate(() => window.playground.frames), 0, 'the playground has not started without its data');
  const png = await shot(page, 'loading-window');
  // The loading window sits in the middle of the canvas; the corner keeps the clear colour.
  const [corner, middle] = await pixels(page, png, [[1275, 715], [640, 368]]);
  assert.deepEqual(corner, [26, 28, 33]);
  assert.notDeepEqual(middle, corner, 'the loading window is drawn');
  release();
  await page.waitForFunction(() => window.playground.frames > 2, null, { timeout: 60000 });
  const st = await page.evaluate(() => window.playground.state());
  assert.equal(st.data, 'mnist');
  assert.ok(st.widgets.train, 'the Train panel is laid out');
  assert.deepEqual(errors, []);
  await page.close();
});

test('a failed download is reported on the page', { timeout: 60000 }, async () => {
  const page = await env.browser.newPage({ viewport: { width: 1280, height: 720 } });
  await page.route('**/assets/mnist-test-labels.idx', (route) => route.fulfill({ status: 404, body: 'not found' }));
  await page.goto(env.url);
  const loading = page.locator('#loading');
  await page.waitForFunction(() => /could not/.test(document.getElementById('loading').textContent), null, { timeout: 60000 });
  assert.match(await loading.textContent(), /could not load its data: assets\/mnist-test-labels\.idx: HTTP 404/);
  assert.equal(await loading.isVisible(), true);
  await shot(page, 'loading-failed');
  await page.close();
});
