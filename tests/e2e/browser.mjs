// Shared set-up for end-to-end tests: the static server on a free port and Debian's headless
// Chromium (WebGL2 through SwiftShader) driven by playwright-core. Never downloads a browser.
import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { startServer } from '../../scripts/serve.mjs';

export const webDir = resolve(process.env.DLP_WEB_DIR || 'build/wasm/web');
export const shotDir = resolve(process.env.DLP_SCREENSHOTS || 'build/screenshots');
mkdirSync(shotDir, { recursive: true });

// How Chromium runs in the walks: WebGL2 through SwiftShader, nothing in the background.
export const chromiumPath = process.env.CHROMIUM || '/usr/bin/chromium';
export const chromiumArgs = ['--use-gl=angle', '--use-angle=swiftshader', '--enable-unsafe-swiftshader', '--no-sandbox',
  '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic',
  '--js-flags=--expose-gc', '--enable-precise-memory-info'];

// url: a page served by something else (a plain static server, another origin); else this
// repository's server (COOP/COEP and CSP headers) on a free port.
// backForwardCache: a browser that keeps pages left by navigation to restore on Back (playwright
// turns the cache off by default), as a student's browser does.
// Under tests/e2e/run.mjs every file's walks share one running Chromium ($DLP_BROWSER_WS): a file
// connects to it and its close() closes the tabs and contexts it opened. A file run on its own, one
// that needs the back-forward cache, or one that asks for its own (ownBrowser: service workers
// updated across tabs, as a student's browser has them) starts its own.
export async function launch({ url: at, backForwardCache = false, ownBrowser = false } = {}) {
  const server = at ? null : await startServer(webDir, 0);
  const url = at || `http://127.0.0.1:${server.address().port}/`;
  const shared = process.env.DLP_BROWSER_WS && !backForwardCache && !ownBrowser;
  const browser = shared ? await chromium.connect(process.env.DLP_BROWSER_WS)
    : await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs,
      ignoreDefaultArgs: backForwardCache ? ['--disable-back-forward-cache'] : [] });
  return { server, browser, url, async close() { await browser.close(); server?.close(); } };
}

// Opens the page and collects console errors and failed requests.
// Pages open as a returning visitor's (the full layout) unless firstVisit is set: then the page
// shows its first view, "Start here" over the Train and Draw panels.
// A walk done with its tab may give it back (release(), below) for the file's next walk:
// reuse: true opens the visit in that tab (at the same devicePixelRatio) instead of a new one, a
// full load of the page (reopen()); over: true opens the link (hash) in the page that tab still
// shows, as a student following a link into an open playground (openIn(), no load), if it is
// the same size (else it loads the page in that tab, as reuse does).
// onPage(page) is called with a new tab before it loads (to listen from its first navigation on).
// noServiceWorker: a browser without service workers (a page on a host without COOP/COEP then
// stays on one thread: web/offline.js). tabs: the page's context may open more tabs (one profile).
export async function openPage(env, { width = 1280, height = 720, scale = 1, hash = '', firstVisit = false, reuse = false, over = false, onPage = null,
  noServiceWorker = false, tabs = false } = {}) {
  const spare = (reuse || over) && !firstVisit ? takeSpare(env, scale) : null;
  if (spare && over && hash) {
    const size = spare.viewportSize();
    if (size.width === width && size.height === height) return openIn({ page: spare }, hash);
  }
  if (spare) return reopen(env, spare, { width, height, hash });
  const options = { viewport: { width, height }, deviceScaleFactor: scale, ...(noServiceWorker ? { serviceWorkers: 'block' } : {}) };
  const page = tabs ? await (await env.browser.newContext(options)).newPage() : await env.browser.newPage(options);
  if (onPage) onPage(page);
  if (!firstVisit) await page.addInitScript(() => { if (!localStorage.getItem('dlp.started.v1')) localStorage.setItem('dlp.started.v1', 'MQ=='); });
  const errors = [];
  sinks.set(page, { errors, scale, returning: !firstVisit });
  const sink = (e) => sinks.get(page).errors.push(e);
  page.on('console', (m) => { if (m.type() === 'error') sink(m.text()); });
  page.on('pageerror', (e) => sink(String(e)));
  // A request still on its way when the page navigates (the test reloads or leaves it, the page
  // reloads itself into a new build) is aborted by the browser (net::ERR_ABORTED): that is the
  // navigation, not a failure. So is a data chunk, the icon or the manifest aborted at any time.
  const inFlight = new Set(), outlived = new WeakSet();
  page.on('request', (r) => {
    if (!r.isNavigationRequest() || r.frame() !== page.mainFrame()) { inFlight.add(r); return; }
    for (const q of inFlight) outlived.add(q);
    inFlight.clear();
  });
  page.on('requestfinished', (r) => inFlight.delete(r));
  page.on('requestfailed', (r) => {
    inFlight.delete(r);
    const aborted = /ERR_ABORTED/.test(r.failure()?.errorText || '');
    if (aborted && (outlived.has(r) || /\/assets\/[^/]+\.gz$|\/icon-\d+\.png$|\/manifest\.webmanifest$/.test(r.url()))) return;
    sink(`request failed: ${r.url()} (${r.failure()?.errorText})`);
  });
  await page.goto(env.url + hash);
  await started(page);
  return { page, errors };
}

// Where openPage's listeners put a tab's errors (a reopened tab gets a new list), and what the tab
// was opened as.
const sinks = new WeakMap();

// A walk that is done with its tab gives it back here rather than closing it; the next
// openPage(env, { reuse: true }) of the file opens its visit in it. The tab must be at rest (not
// training): it waits, idle, for that walk.
export async function release(env, page) {
  if (!sinks.get(page)?.returning || page.isClosed()) { await page.close(); return; }
  if (env.spare && env.spare !== page && !env.spare.isClosed()) await env.spare.close();
  env.spare = page;
}

function takeSpare(env, scale) {
  const page = env.spare;
  env.spare = null;
  if (!page || page.isClosed() || sinks.get(page).scale !== scale) { page?.close().catch(() => {}); return null; }
  return page;
}

// A fresh visit in an open tab, as openPage gives in a new one: the page shown is left keeping
// nothing (its saves, the last as it is left, go nowhere; the origin's storage and the tab's
// session storage are emptied), the viewport set, and the playground loaded anew at the address
// (a full load: a new document, module, worker and data stream). Only Chromium's tab and its
// renderer are reused: a new tab and its page cost about 4 CPU-seconds, a load in an open tab
// about 3; a link opened in the page shown (openIn) well under 1.
export async function reopen(env, page, { width = 1280, height = 720, hash = '' } = {}) {
  await page.mouse.move(0, 0);
  await page.evaluate(async (target) => {
    IDBObjectStore.prototype.put = function put() {};
    history.replaceState = () => {};  // the page's own address updates stop: the reload goes to target
    await new Promise((done, fail) => {
      const req = indexedDB.open('dlp', 1);
      req.onupgradeneeded = () => req.result.createObjectStore('kv');
      req.onerror = () => fail(req.error);
      req.onsuccess = () => {
        const tx = req.result.transaction('kv', 'readwrite');
        tx.objectStore('kv').clear();
        tx.oncomplete = () => { req.result.close(); done(); };
        tx.onerror = () => fail(tx.error);
      };
    });
    localStorage.clear();
    sessionStorage.clear();
    History.prototype.replaceState.call(history, null, '', target);
  }, env.url + hash);
  await page.setViewportSize({ width, height });
  const errors = [];
  sinks.get(page).errors = errors;
  await page.reload();
  await started(page);
  return { page, errors };
}

// Opens a link in a page that is open already, as a student following a link into an open
// playground does: the address's fragment changes and the page opens it over what it showed (a
// link sets everything it does not say to the default: web/main.js, load_link in ui/page_link.cpp).
// Returns the page with a new list of its errors (those from here on), like openPage. tab is
// what openPage returned (or { page }).
export async function openIn(tab, hash) {
  const { page } = tab;
  const errors = [];
  const sink = sinks.get(page);
  if (sink) sink.errors = errors;
  else {
    page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
    page.on('pageerror', (e) => errors.push(String(e)));
  }
  // The page's handler runs first (it was added as the page started): resolved after it.
  await page.evaluate((h) => new Promise((done) => {
    if (location.hash === h) { done(); return; }  // the page shows that link already
    window.addEventListener('hashchange', () => setTimeout(done), { once: true });
    location.hash = h;
  }), hash.replace(/^[^#]*#/, '#'));
  await settle(page);
  return { page, errors };
}

// What the page keeps (web/main.js: IndexedDB 'dlp', store 'kv'): every key, and one record's
// bytes as text or as base64 (as localStorage kept them). page may be a frame.
const keptDb = (page, body, arg) => page.evaluate(([body, arg]) => new Promise((resolve, reject) => {
  const req = indexedDB.open('dlp', 1);
  req.onerror = () => reject(req.error);
  req.onsuccess = () => {
    const kv = req.result.transaction('kv').objectStore('kv');
    const r = body === 'keys' ? kv.getAllKeys() : kv.get(arg);
    r.onsuccess = () => {
      req.result.close();
      const bytes = r.result && r.result.bytes;
      if (body === 'keys') resolve(r.result.map(String));
      else if (!bytes) resolve(null);
      else if (body === 'text') resolve(new TextDecoder().decode(bytes));
      else { let b = ''; for (const c of bytes) b += String.fromCharCode(c); resolve(btoa(b)); }
    };
    r.onerror = () => reject(r.error);
  };
}), [body, arg]);
export const keptKeys = (page) => keptDb(page, 'keys');
export const keptText = (page, key) => keptDb(page, 'text', key);
export const keptBase64 = (page, key) => keptDb(page, 'base64', key);

// The page has started and drawn its first frames (after a load or a reload of it).
export const started = (page) => page.waitForFunction(() => window.playground && window.playground.frames > 2, null, { timeout: 60000 });

// Every digit of both splits is in the page (a condition for page.waitForFunction, run in the page).
export const digitsIn = () => { const s = window.playground.state(); return s.trainIn === s.trainTotal && s.testIn === s.testTotal; };

export const shot = (page, name) => page.screenshot({ path: join(shotDir, `${name}.png`) });

// Pixel at (x, y) of a PNG screenshot, as [r, g, b], read in the page from the image itself.
export async function pixels(page, png, points) {
  return page.evaluate(async ({ data, points }) => {
    const img = new Image();
    img.src = 'data:image/png;base64,' + data;
    await img.decode();
    const c = new OffscreenCanvas(img.width, img.height);
    const g = c.getContext('2d');
    g.drawImage(img, 0, 0);
    return points.map(([x, y]) => Array.from(g.getImageData(x, y, 1, 1).data.slice(0, 3)));
  }, { data: png.toString('base64'), points });
}

// A pen stroke through the points with real mouse events.
export async function stroke(page, points, steps = 8) {
  await page.mouse.move(points[0][0], points[0][1]);
  await page.mouse.down();
  for (const [x, y] of points.slice(1)) await page.mouse.move(x, y, { steps });
  await page.mouse.up();
}

// Lets a few animation frames pass.
export const frames = (page, n = 3) => page.evaluate((n) => new Promise((done) => {
  const step = (k) => (k ? requestAnimationFrame(() => step(k - 1)) : done());
  step(n);
}), n);

// Lets n animation frames pass, then waits until the layout is at rest (playground.settled: the
// frames after a change were built and showed the same picture; ImGui sizes windows and their
// contents from the frames before), before widget rectangles are read. A page whose picture keeps
// changing (training) goes on after 20 more frames.
export const settle = (page, n = 3) => page.evaluate((n) => new Promise((done) => {
  const rest = () => window.playground.settled;
  const step = (k) => (k > 0 || (k > -20 && !rest()) ? requestAnimationFrame(() => step(k - 1)) : done());
  step(n);
}), n);

// Settles, then waits until the accessibility mirror (web/a11y.js, every 150 ms) has read the
// frames drawn so far, so its nodes are the settled layout's.
export async function mirrored(page) {
  await settle(page);
  await page.waitForFunction(() => { const r = document.getElementById('a11y'); return r && Number(r.dataset.frame) >= window.playground.frames; },
    null, { timeout: 10000 });
}

// Clicks an ImGui widget the app reported by name (App::widgets), with real mouse events.
export async function click(page, name) {
  await settle(page);
  const w = (await page.evaluate(() => window.playground.state())).widgets[name];
  if (!w) throw new Error(`widget ${name} is not on screen`);
  await page.mouse.click(w.x + w.w / 2, w.y + w.h / 2);
  await frames(page, 4);  // the click is seen on the next frame and acted on within it
}

// Ctrl+click makes an ImGui slider a text field (a number field is one already): type a value and
// Enter, as a student does. The click lands in the field's left part, clear of the label on the
// right and of a number field's -/+ buttons.
export async function typeInto(page, name, text) {
  await settle(page, 2);
  const w = (await page.evaluate(() => window.playground.state())).widgets[name];
  if (!w) throw new Error(`widget ${name} is not on screen`);
  await page.keyboard.down('Control');
  await page.mouse.click(w.x + Math.min(w.w * 0.25, 40), w.y + w.h / 2);
  await page.keyboard.up('Control');
  await frames(page, 3);
  await page.keyboard.press('Control+A');
  await page.keyboard.type(String(text));
  await page.keyboard.press('Enter');
  await typed(page);
}

// After typing: the page takes one change of each key a frame (main_web.cpp), so a typed word
// takes a frame per letter; waits until every key is taken and the layout is at rest (a page that
// trains meanwhile is never at rest: it goes on after 10 s, the keys taken by then).
export async function typed(page) {
  await frames(page, 4);
  await page.waitForFunction(() => window.playground.settled, null, { timeout: 10000, polling: 'raf' }).catch(() => {});
}

// Opens lesson k as a student does: the lesson list, then its title.
export async function openLesson(page, k) {
  await click(page, 'lesson-list');
  await click(page, `lesson:${k}`);
}

// Try it, confirming the replacement of a trained model when the page asks.
export async function tryIt(page) {
  await click(page, 'lesson-try');
  if ((await page.evaluate(() => window.playground.state())).widgets['try-replace']) await click(page, 'try-replace');
}

// The panels (and the Start here box) that cover one another in a state(): "Lessons / Data" for
// each pair whose windows overlap by more than a pixel.
const PANELS = new Set(['Model', 'Train', 'Draw', 'Data', 'Inspect', 'Lessons', 'Start here']);
export function covering(st) {
  const ws = st.windows.filter((w) => PANELS.has(w.title));
  const out = [];
  for (let i = 0; i < ws.length; i++)
    for (let j = i + 1; j < ws.length; j++) {
      const a = ws[i], b = ws[j];
      if (Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x) > 1 && Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y) > 1) out.push(`${a.title} / ${b.title}`);
    }
  return out;
}
