// Rewind's seek (under 0.5 s anywhere in a 10,000-step LeNet run): the page opened on the
// LeNet-like net at the `lenet` preset's settings (#v1&model=lenet), trained 10,000 steps in its worker (the page keeps
// keyframes from the worker's updates), then sent to 40 steps spread over the run and to the
// step before each of 10 keyframe-interval ends (the longest replays), through the page's API
// (the Train panel's slider does the same on release). Prints the keyframes kept and their memory,
// and the seek times: the replay alone as the engine measures it, and the API call's wall time.
// Usage: node bench/seek.mjs [STEPS, default 10000]  (make bench-peers; needs the wasm build)
import { digitsIn, launch, openPage } from '../tests/e2e/browser.mjs';

const steps = +(process.argv[2] || 10000);
const env = await launch();
try {
  const { page, errors } = await openPage(env, { width: 1280, height: 800, hash: '#v1&model=lenet' });
  await page.evaluate(() => window.playground.ready);
  await page.waitForFunction(digitsIn, null, { timeout: 120000 });
  const t0 = Date.now();
  await page.evaluate((n) => window.playground.train(n), steps);
  const st = await page.evaluate(() => window.playground.state());
  console.log(`trained ${st.steps} steps of ${st.spec} (batch ${st.batch}) in ${((Date.now() - t0) / 1000).toFixed(0)} s, worker threads ${st.workerThreads}`);
  const r = st.rewind;
  console.log(`keyframes: ${r.keyframes}, ${(r.bytes / 1048576).toFixed(1)} MB (budget 32 MB), interval ${r.interval} steps, first step ${r.first}`);
  // 40 steps spread at random (a fixed generator), then the last step of 10 intervals.
  let seed = 12345;
  const rand = () => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed / 2147483648; };
  const targets = Array.from({ length: 40 }, () => Math.floor(rand() * (st.steps - 1)));
  for (let k = 1; k <= 10; ++k) targets.push(Math.min(st.steps - 1, Math.floor((k * st.steps) / 11 / r.interval) * r.interval + r.interval - 1));
  const engine = [], wall = [];
  for (const k of targets) {
    const res = await page.evaluate((k) => { const t = performance.now(); const x = window.playground.seek(k); return { ...x, wall: performance.now() - t }; }, k);
    if (res.step !== k) throw new Error(`asked for step ${k}, shown ${res.step}`);
    engine.push(res.ms);
    wall.push(res.wall);
  }
  const q = (a, p) => { const s = [...a].sort((x, y) => x - y); return s[Math.min(s.length - 1, Math.floor(p * s.length))]; };
  const fmt = (a) => `median ${q(a, 0.5).toFixed(0)} ms, p95 ${q(a, 0.95).toFixed(0)} ms, max ${Math.max(...a).toFixed(0)} ms`;
  console.log(`seek, ${targets.length} steps: replay ${fmt(engine)}; API call ${fmt(wall)}`);
  console.log(Math.max(...wall) < 500 ? 'goal met: every seek under 0.5 s' : 'goal NOT met: a seek took 0.5 s or more');
  if (errors.length) console.log('page errors:', errors);
} finally {
  await env.close();
}
