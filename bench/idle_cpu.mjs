// What an open playground costs when nobody looks or touches: the CPU time of every process of
// the headless Chromium (browser, renderer, GPU, utility; from /proc) over SECONDS, in cores, and
// the frames the page drew per second and the share of the canvas a painted frame repainted
// (src/session/repaint.h), at 1280x800 with the default panels:
//   a static page with one small canvas (the floor), the playground idle after the digits are in,
//   a pointer moving over the panels (a move every 100 ms), training (Space, the worker on one
//   thread), paused again, and a course page whose embedded demo is scrolled out of view (same
//   origin, so that only the page's own rule keeps it quiet).
// Run it alone: every Chromium process on the machine is counted.
// Usage: node bench/idle_cpu.mjs [SECONDS, default 10]  (make bench-peers; needs the wasm build)
import { readdirSync, readFileSync } from 'node:fs';
import { launch, openPage } from '../tests/e2e/browser.mjs';

const seconds = +(process.argv[2] || 10);
const ticks = 100;  // USER_HZ
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function chromiumCpuSeconds() {
  let total = 0;
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      if (!/chrom/i.test(comm)) continue;
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      total += (+f[11] + +f[12]) / ticks;  // utime, stime
    } catch { /* the process ended meanwhile */ }
  }
  return total;
}

// meanwhile: what goes on during the span (else nothing); painted: the page's painted counts.
async function measure(frames, { painted = null, meanwhile = null } = {}) {
  const c0 = chromiumCpuSeconds(), f0 = await frames(), p0 = painted && await painted(), t0 = performance.now();
  if (meanwhile) await meanwhile(seconds * 1000);
  else await sleep(seconds * 1000);
  const c1 = chromiumCpuSeconds(), f1 = await frames(), p1 = painted && await painted(), t1 = performance.now();
  const s = (t1 - t0) / 1000;
  const share = p0 && p1.frames > p0.frames ? (p1.pixels - p0.pixels) / (p1.frames - p0.frames) / (1280 * 800) : null;
  return { cores: (c1 - c0) / s, fps: (f1 - f0) / s, share };
}

const env = await launch();
const rows = [];
const row = (state, m) => {
  rows.push([state, m]);
  console.log(`| ${state} | ${m.cores.toFixed(2)} | ${m.fps === null ? '-' : m.fps.toFixed(1)} | ${m.share == null ? '-' : (100 * m.share).toFixed(1) + '%'} |`);
};
console.log(`CPU of the browser's processes over ${seconds} s, 1280x800 (${new Date().toISOString().slice(0, 10)})`);
console.log('| state | CPU (cores) | frames drawn/s | canvas repainted a painted frame |');
console.log('|---|---|---|---|');

{  // The floor: a static page with one small canvas.
  const page = await env.browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.setContent('<canvas width=64 height=64></canvas><p>static</p>');
  await sleep(1000);
  row('a static page with one small canvas (the floor)', { ...(await measure(async () => 0)), fps: null });
  await page.close();
}

{
  const { page } = await openPage(env, { width: 1280, height: 800 });
  const frames = () => page.evaluate(() => window.playground.frames);
  const painted = () => page.evaluate(() => window.playground.painted);
  await page.waitForFunction(() => { const s = window.playground.state(); return s.trainIn >= s.trainTotal && s.testIn >= s.testTotal; },
    null, { timeout: 120000 });
  await page.mouse.move(1270, 790);  // the pointer away from every control
  await sleep(3000);                 // settled
  row('the playground, idle', await measure(frames, { painted }));
  row('a pointer moving over the panels', await measure(frames, { painted, meanwhile: async (ms) => {
    for (let t = 0, k = 0; t < ms; t += 100, ++k) {
      await page.mouse.move(40 + (k * 97) % 1200, 60 + (k * 53) % 700);
      await sleep(100);
    }
  } }));
  await page.mouse.move(1270, 790);
  await sleep(3000);
  await page.keyboard.press('Space');
  await sleep(2000);
  row('training (Space)', await measure(frames, { painted }));
  await page.keyboard.press('Space');
  await sleep(3000);
  row('paused again, idle', await measure(frames, { painted }));
  await page.close();
}

{  // A course page on the playground's own origin, its demo scrolled far out of view.
  const page = await env.browser.newPage({ viewport: { width: 1280, height: 800 } });
  const course = env.url + 'bench-course-page.html';
  await page.route(course, (r) => r.fulfill({
    contentType: 'text/html',
    body: `<!doctype html><h1>Lesson</h1><iframe id=demo src="${env.url}" width=900 height=640></iframe><div style="height:4000px"></div><p id=end>end</p>`,
  }));
  await page.goto(course);
  const frame = page.frames().find((f) => f !== page.mainFrame());
  await frame.waitForFunction(() => window.playground && window.playground.frames > 2, null, { timeout: 60000 });
  await frame.waitForFunction(() => { const s = window.playground.state(); return s.trainIn >= s.trainTotal; }, null, { timeout: 120000 });
  await page.evaluate(() => document.getElementById('end').scrollIntoView());
  await sleep(2000);
  row('a course page, its demo scrolled out of view', await measure(() => frame.evaluate(() => window.playground.frames)));
  await page.close();
}

const floor = rows[0][1].cores;
const cores = (name) => rows.find(([state]) => state.startsWith(name))[1].cores - floor;
console.log(`above the floor: idle ${cores('the playground, idle').toFixed(2)} cores, paused ${cores('paused').toFixed(2)}, ` +
  `out of view ${cores('a course page').toFixed(2)}; training ${cores('training').toFixed(2)} (the worker's own core included)`);
await env.close();
