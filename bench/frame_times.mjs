// Frame times in headless Chromium (SwiftShader WebGL2), idle and per panel, with the CPU time
// of the UI (ImGui + training slice) and of GL submission as the page reports them.
// Usage: node bench/frame_times.mjs [WIDTH HEIGHT]   (needs the wasm build)
import { launch, openPage } from '../tests/e2e/browser.mjs';
const env = await launch();
const { page } = await openPage(env, { width: +(process.argv[2] || 1280), height: +(process.argv[3] || 720) });
const measure = () => page.evaluate(() => new Promise((done) => {
  const times = [], ui = [], rd = []; let last = performance.now();
  const tick = (t) => { times.push(t - last); last = t; const s = window.playground.state(); ui.push(s.uiMs); rd.push(s.renderMs); if (times.length < 120) requestAnimationFrame(tick); else { const m = (a) => (a.sort((x,y)=>x-y), a[60].toFixed(1)+'/'+a[114].toFixed(1)); done({frame: m(times), ui: m(ui), render: m(rd)}); } };
  requestAnimationFrame(tick);
}));
for (const set of [[], ['Model'], ['Train'], ['Draw'], ['Data'], ['Inspect'], ['Model','Train','Draw','Data','Inspect']]) {
  await page.evaluate((s) => window.playground.panels(s), set);
  console.log(set.join('+') || 'none', JSON.stringify(await measure()));
}
await page.keyboard.press('Space');  // train the default convnet
console.log('all panels, training', JSON.stringify(await measure()));
await env.close();
