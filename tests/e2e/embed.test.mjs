// Embedding, as a course page on another site does it: the example course page
// (examples/course-page, served on a second origin) embeds a lesson with most controls hidden and
// the whole playground through the playground's embed.js. The host trains a demo, reads its state,
// classifies pixels and hears its events; the lesson's iframe follows its content's height
// (embed.js), the full one is sized by the H5P resizer protocol, Canvas's lti.frameResize
// messages come too; a student's click on "Done" reaches the course page as "lesson completed";
// and the two demos keep their saved work apart.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { launch, shot, stroke, frames, keptKeys } from './browser.mjs';
import { startServer } from '../../scripts/serve.mjs';

let env, course;
before(async () => {
  env = await launch();
  // Another origin (another port), a plain host: no COOP/COEP, no CSP.
  course = await startServer(resolve('examples/course-page'), 0, { isolate: false, csp: false });
});
after(async () => { course?.close(); await env?.close(); });

test('a course page on another origin embeds two demos and reacts to them', { timeout: 300000 }, async () => {
  const page = await env.browser.newPage({ viewport: { width: 1200, height: 900 } });
  // A student's browser, not one driven by automation: the demos' pages give state() the fields a
  // course page reads, and their events come from those alone.
  await page.addInitScript(() => Object.defineProperty(Navigator.prototype, 'webdriver', { get: () => false }));
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  const courseUrl = `http://127.0.0.1:${course.address().port}/?playground=${encodeURIComponent(env.url)}`;
  assert.notEqual(new URL(courseUrl).origin, new URL(env.url).origin);
  await page.goto(courseUrl);
  await page.waitForFunction(() => window.course && window.course.ready, null, { timeout: 120000, polling: 200 });
  const call = (demo, method, ...args) => page.evaluate(([d, m, a]) => window.course.demos[d][m](...a), [demo, method, args]);

  // The lesson: its link's panels and lesson, its controls hidden.
  let st = await call('lesson', 'state');
  assert.equal(st.lesson, 'convnets');
  assert.equal(st.widgets, undefined, 'state() leaves out the fields only tests read');
  st = await call('lesson', 'state', { test: true });
  assert.ok(st.widgets && st.widgets.train, 'state({test: true}) has them');
  assert.equal(st.widgets.lr, undefined, 'the learning rate is hidden in the lesson');
  // Its height follows its content (embed.js asked): not the 640 px it started with.
  await page.waitForFunction(() => window.course.events.length >= 0 && document.querySelector('[data-demo=lesson]').style.height !== '640px',
    null, { timeout: 30000 });
  const lessonHeight = await page.evaluate(() => parseFloat(document.querySelector('[data-demo=lesson]').style.height));
  assert.ok(lessonHeight >= 320 && lessonHeight < 4000, `lesson iframe height ${lessonHeight}`);
  // The full playground is sized through the H5P resizer protocol; Canvas's message comes too.
  await page.waitForFunction(() => window.course.h5p.some((m) => m.action === 'resize'), null, { timeout: 30000 });
  const h5p = await page.evaluate(() => window.course.h5p.map((m) => m.action));
  // (A height that changes again before the host answers sends another prepareResize first.)
  assert.equal(h5p[0], 'hello', h5p.join());
  assert.ok(h5p.indexOf('prepareResize') > 0 && h5p.indexOf('resize') > h5p.indexOf('prepareResize'), `hello, then a resize in two steps: ${h5p.join()}`);
  assert.ok(await page.evaluate(() => window.course.lti.some((m) => m.frame === 'lesson' && m.height > 0)), 'lti.frameResize messages');

  // The host trains the lesson's demo and hears it.
  const trained = await call('lesson', 'train', 60);
  assert.ok(trained.loss > 0);
  st = await call('lesson', 'state');
  assert.equal(st.steps, 60);
  await page.waitForFunction(() => window.course.events.some((e) => e.demo === 'lesson' && e.event === 'training-paused'), null, { timeout: 10000 });
  const events = await page.evaluate(() => window.course.events.filter((e) => e.demo === 'lesson').map((e) => e.event));
  for (const e of ['training-started', 'steps', 'training-paused']) assert.ok(events.includes(e), `event ${e}`);
  assert.match(await page.textContent('#status'), /Step \d+/, 'the course page shows the progress');
  // Bad input is refused with the playground's message, and nothing is lost.
  await assert.rejects(call('lesson', 'classify', [1, 2, 3]), /784 pixel values/);
  await assert.rejects(page.evaluate(() => window.course.demos.lesson.call('reset', [])), /unknown method/);
  const probs = await call('lesson', 'classify', Array.from({ length: 784 }, (_, i) => (i % 28 > 12 && i % 28 < 16 ? 255 : 0)));
  assert.equal(probs.length, 10);
  assert.equal((await call('lesson', 'state')).steps, 60);

  // A student draws in the full playground's pad: the course page hears the prediction. (The
  // course page scrolls first: the pad is inside an iframe, maybe below the fold.)
  const inFrame = async (demo, r) => {
    await page.evaluate(([d, ry]) => {
      const f = document.querySelector(`[data-demo=${d}]`);
      window.scrollTo(0, f.getBoundingClientRect().top + window.scrollY + ry - 100);
    }, [demo, r.y]);
    await frames(page, 2);
    const f = await (await page.$(`[data-demo=${demo}]`)).boundingBox();
    return { x: f.x + r.x, y: f.y + r.y, w: r.w, h: r.h };
  };
  const pad = await inFrame('full', (await call('full', 'state', { test: true })).padRect);
  assert.ok(pad.w > 100, 'the full playground shows its drawing pad');
  await stroke(page, [[pad.x + pad.w * 0.5, pad.y + pad.h * 0.2], [pad.x + pad.w * 0.5, pad.y + pad.h * 0.8]]);
  await page.waitForFunction(() => window.course.events.some((e) => e.demo === 'full' && e.event === 'prediction'), null, { timeout: 10000 });
  assert.match(await page.textContent('#status'), /reads your drawing as \d/);
  assert.equal((await call('full', 'drawn')).blank, false);
  // ... and clicks "Done" in the lesson: the course page hears it.
  st = await call('lesson', 'state', { test: true });
  assert.ok(st.widgets['lesson-done'], 'the lesson panel shows Done');
  const done = await inFrame('lesson', st.widgets['lesson-done']);
  await page.mouse.click(done.x + done.w / 2, done.y + done.h / 2);
  await page.waitForFunction(() => window.course.events.some((e) => e.event === 'lesson-completed' && e.detail.lesson === 'convnets'),
    null, { timeout: 10000 });
  // Inside a course page that is not cross-origin isolated the demos train on one thread, and the
  // full one's Data panel says why.
  st = await call('full', 'state');
  assert.equal(st.offline.isolation, 'embedded');
  assert.ok(st.workerThreads <= 1, `one engine thread (${st.workerThreads})`);
  await call('full', 'panels', ['Train', 'Draw', 'Data']);
  // The student looks at it: the page may be scrolled to the lesson, and a demo out of view draws
  // nothing (docs/frames.md). (The accessibility mirror follows the frames: read until it has the
  // panel's words, at most 10 s.)
  await page.evaluate(() => document.querySelector('[data-demo=full]').scrollIntoView());
  let says = false;
  for (let k = 0; k < 50 && !says; k++) {
    await frames(page, 2);
    const mirrors = await Promise.all(page.frames().filter((f) => f.url().startsWith(env.url))
      .map((f) => f.evaluate(() => [...document.querySelectorAll('#a11y *')].map((n) => n.textContent || '').join('\n'))));
    says = mirrors.some((t) => /Training on one thread: the course page around this one is not cross-origin isolated/.test(t));
    if (!says) await new Promise((r) => setTimeout(r, 200));
  }
  assert.ok(says, 'the Data panel says why it trains on one thread');
  await shot(page, 'embed-course-page');

  // Two demos, two saved sessions: each under its own keys, neither overwrites the other.
  await call('full', 'train', 5);
  await call('lesson', 'saveSession');
  await call('full', 'saveSession');
  const keys = await keptKeys(page.frames().find((f) => f.url().startsWith(env.url)));
  assert.ok(keys.some((k) => k.startsWith('dlp.embed.lesson-14.dlp.session.v2@')), keys.join(' '));
  assert.ok(keys.some((k) => k.startsWith('dlp.embed.full.dlp.session.v2@')), keys.join(' '));
  assert.ok(!keys.some((k) => k.startsWith('dlp.session.v2')), 'the playground\'s own saved work is not touched by embedded demos');
  // Reloaded, each demo comes back with its own run.
  await page.reload();
  await page.waitForFunction(() => window.course && window.course.ready, null, { timeout: 120000, polling: 200 });
  await page.waitForFunction(() => window.course.demos.lesson.state().then((s) => s.steps === 60), null, { timeout: 30000 }).catch(() => {});
  assert.equal((await call('lesson', 'state')).steps, 60, 'the lesson demo keeps its 60 steps');
  assert.equal((await call('full', 'state')).steps, 5, 'the full demo keeps its 5');
  assert.deepEqual(errors, []);
  await page.close();
});

// oEmbed: the page says where its description is, and the description embeds the playground.
test('oEmbed discovery and description', async () => {
  const page = await env.browser.newPage();
  await page.goto(env.url);
  const href = await page.getAttribute('link[type="application/json+oembed"]', 'href');
  const o = await page.evaluate(async (h) => (await fetch(h)).json(), href);
  assert.equal(o.version, '1.0');
  assert.equal(o.type, 'rich');
  assert.match(o.html, /^<iframe src="http[^"]+"/);
  assert.ok(o.width > 0 && o.height > 0);
  await page.close();
});
