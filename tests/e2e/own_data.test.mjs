// "Your own data": add a drawn digit with a label, load a PNG through the real file picker,
// and find both again after a reload (kept in the browser's IndexedDB).
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openPage, shot, stroke, click, started } from './browser.mjs';

let env;
before(async () => { env = await launch(); });
after(async () => { await env?.close(); });


test('own examples: draw and label, load a PNG, survive a reload', { timeout: 120000 }, async () => {
  const context = await env.browser.newContext({ viewport: { width: 1280, height: 720 } });
  await context.addInitScript(() => { if (!localStorage.getItem('dlp.started.v1')) localStorage.setItem('dlp.started.v1', 'MQ=='); });
  const page = await context.newPage();
  const errors = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  await page.goto(env.url);
  await started(page);
  assert.equal(await page.evaluate(() => window.playground.ownCount()), 0);

  await click(page, 'tab:own');
  const pad = await page.evaluate(() => window.playground.padRect());
  await stroke(page, [[pad.x + pad.w * 0.3, pad.y + pad.h * 0.2], [pad.x + pad.w * 0.7, pad.y + pad.h * 0.2], [pad.x + pad.w * 0.45, pad.y + pad.h * 0.85]]);
  await click(page, 'own-label:7');
  await click(page, 'own-add');
  assert.equal(await page.evaluate(() => window.playground.ownCount()), 1, 'the drawing was added');
  assert.equal(await page.evaluate(() => window.playground.drawn().blank), true, 'the pad is cleared for the next one');

  // A PNG made in the page: a dark "3"-ish stroke on white, named 3.png so it is labelled 3.
  const png = await page.evaluate(async () => {
    const c = new OffscreenCanvas(64, 64), g = c.getContext('2d');
    g.fillStyle = '#fff'; g.fillRect(0, 0, 64, 64);
    g.strokeStyle = '#000'; g.lineWidth = 6; g.beginPath(); g.arc(32, 20, 12, -2.5, 1.6); g.arc(32, 44, 12, -1.6, 2.5); g.stroke();
    const b = new Uint8Array(await (await c.convertToBlob({ type: 'image/png' })).arrayBuffer());
    return Array.from(b);
  });
  const chooser = page.waitForEvent('filechooser');
  await click(page, 'own-load');
  await (await chooser).setFiles([{ name: '3.png', mimeType: 'image/png', buffer: Buffer.from(png) }]);
  await page.waitForFunction(() => window.playground.ownCount() === 2, null, { timeout: 10000 });
  await shot(page, 'panel-own-data');

  await page.reload();
  await started(page);
  assert.equal(await page.evaluate(() => window.playground.ownCount()), 2, 'kept across the reload');
  assert.deepEqual(errors, []);
  await context.close();
});
