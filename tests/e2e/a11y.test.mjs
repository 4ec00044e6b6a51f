// Accessibility rules a page can be checked against automatically: axe-core with the WCAG 2.1 A
// and AA tags reports no violation on the first view, with every panel shown, and with a lesson
// open (axe-core injected into the page; the test's context bypasses the page's CSP to do so).
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { launch, settle } from './browser.mjs';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
let env;
before(async () => { env = await launch(); });
after(async () => { await env?.close(); });

async function violations(page) {
  if (!(await page.evaluate(() => !!window.axe))) await page.addScriptTag({ content: axeSource });
  return page.evaluate(async () => {
    const r = await window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return r.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
  });
}

test('axe-core (WCAG 2.1 A/AA): no violation on the first view, every panel, a lesson', { timeout: 120000 }, async () => {
  const context = await env.browser.newContext({ viewport: { width: 1280, height: 800 }, bypassCSP: true });
  const page = await context.newPage();
  await page.goto(env.url);
  await page.waitForFunction(() => window.playground && window.playground.frames > 2, null, { timeout: 60000 });
  await settle(page);
  assert.deepEqual(await violations(page), [], 'the first view');
  await page.evaluate(() => window.playground.panels(['Model', 'Train', 'Draw', 'Data', 'Inspect']));
  await settle(page);
  assert.deepEqual(await violations(page), [], 'every panel');
  await page.evaluate(() => { location.hash = '#v1&panels=32&lesson=softmax'; });
  await page.waitForFunction(() => window.playground.state().lesson === 'softmax', null, { timeout: 20000 });
  await settle(page);
  assert.deepEqual(await violations(page), [], 'a lesson');
  // Zoom is the reader's: the viewport does not forbid it (WCAG 1.4.4).
  assert.doesNotMatch(await page.getAttribute('meta[name=viewport]', 'content'), /user-scalable\s*=\s*(no|0)|maximum-scale\s*=\s*1(\.0)?\b/);
  await context.close();
});
