// Page glue: start the wasm module, stream the data into it, expose window.playground.
'use strict';
performance.mark('main.js');
// The page starts through web/offline.js (a first visit to a static host reloads once into
// cross-origin isolation before anything starts); without it (an old cached index.html that does
// not load it) the page starts as it is, with nothing kept offline.
const offline = window.DLPOffline || { beforeStart: (f) => f(), stash() {}, dataIn() {}, start() {}, remove() {}, keep() {} };
offline.beforeStart(function startPlayground() {
  const loading = document.getElementById('loading');
  const live = document.getElementById('live');
  // The first failure is the one to read (later ones follow from it).
  const fail = (msg) => {
    if (loading.classList.contains('error')) return;
    loading.textContent = msg; loading.classList.add('error'); loading.style.display = 'flex';
  };

  const linkUrl = (fragment) => location.origin + location.pathname + '#' + fragment;
  let shownHash = '';  // the fragment the address bar shows (set by the page, not typed)
  let resolveReady, rejectReady;
  const ready = new Promise((res, rej) => { resolveReady = res; rejectReady = rej; });
  let mod = null;
  // The page draws a frame only when something changed (src/session/redraw.h): a call that may change
  // something asks for one. These only read, or ask themselves (the loop draws the worker's
  // messages at its own pace, a data chunk asks for the frame it needs).
  const noWake = new Set(['dlp_state_json', 'dlp_frames', 'dlp_steps', 'dlp_training', 'dlp_replaying',
    'dlp_curves_json', 'dlp_own_count', 'dlp_content_height', 'dlp_share_link', 'dlp_wake', 'dlp_set_in_view', 'dlp_worker_message',
    'dlp_settled', 'dlp_data_chunk', 'dlp_a11y_json', 'dlp_a11y_act', 'dlp_aria_news', 'dlp_aria_take', 'dlp_worker_watch', 'dlp_storage_problem', 'dlp_input_pixels', 'dlp_classes',
    'dlp_painted_frames', 'dlp_painted_pixels']);
  const call = (name, ret, args, vals) => {
    if (!mod) throw new Error('the playground is still loading: wait for playground.ready');
    const result = mod.ccall(name, ret, args || [], vals || []);
    if (!noWake.has(name)) mod.ccall('dlp_wake', null, [], []);
    return result;
  };
  // state() gives what a course page reads; state({test: true}) also the layout and timing fields
  // tests read, which a page driven by automation (navigator.webdriver: the tests and benchmarks)
  // gets unless it asks for {test: false}.
  const forTests = navigator.webdriver === true;
  const state = (opts) => {
    const test = opts && opts.test !== undefined ? !!opts.test : forTests;
    return JSON.parse(call('dlp_state_json', 'string', ['number'], [test ? 1 : 0]));
  };

  // Training runs in a worker (web/train_worker.js), so drawing never waits for a step. Where the
  // page is cross-origin isolated it trains on every core but the one that draws (at most 8);
  // elsewhere (an LMS iframe, a host without COOP/COEP) on one thread. Same bits either way.
  // ?worker=0 trains in the page (a slice of each frame); ?threads=N chooses the engine threads.
  const params = new URLSearchParams(location.search);
  // Embedded in a course page: each demo keeps its work under keys of its own (?embed=NAME, else
  // the fragment it was opened with), so two demos on one page do not overwrite each other's.
  const embedded = window.parent !== window;
  const storagePrefix = embedded ? `dlp.embed.${params.get('embed') || fnv1a(location.hash)}.` : '';  // bytes.js

  // What the page keeps between visits (ui/browser.h: storage_save, storage_load), in IndexedDB:
  // binary, a quota far above localStorage's 5 MB of text, and transactions: a save is written
  // whole or not at all, so a page closed mid-save keeps the last good one. The app reads
  // synchronously, so the page's records are read into `kept` before the module starts; a save
  // goes to the database at once (and to `kept`, unless it is a tab's session). What the app keeps per tab (its session:
  // ui/browser.h, Keep::Tab) goes under KEY@TAB (the tab's id lives in sessionStorage, which
  // survives its reloads, and a duplicated tab that copied it takes a new one); a tab opened from
  // nothing is offered the most recent of any tab's and keeps it under its own key from then on. A save that fails
  // (storage full or refused, a private window) is said by the app (dlp_storage_problem). Older
  // saves in localStorage are moved here once.
  const store = { kept: new Map(), db: null, problem: '', tab: 'one' };
  try {
    store.tab = sessionStorage.getItem('dlp.tab') || Math.random().toString(36).slice(2, 10);
    sessionStorage.setItem('dlp.tab', store.tab);
  } catch (e) { /* no sessionStorage: one tab's key */ }
  const tabs = typeof BroadcastChannel !== 'undefined' ? new BroadcastChannel('dlp.tabs') : null;
  if (tabs) {
    // Two live pages with one id (a duplicated tab copies sessionStorage): the younger takes a new one.
    const born = performance.timeOrigin;
    const rekey = () => {
      store.tab = Math.random().toString(36).slice(2, 10);
      try { sessionStorage.setItem('dlp.tab', store.tab); } catch (err) { /* kept for this visit */ }
    };
    tabs.onmessage = (e) => {
      const m = e.data;
      if (m.tab !== store.tab || m.prefix !== storagePrefix) return;
      if (m.type === 'who' && m.born > born) tabs.postMessage({ type: 'taken', tab: store.tab, prefix: storagePrefix });
      else if (m.type === 'who' || m.type === 'taken') rekey();
    };
    tabs.postMessage({ type: 'who', tab: store.tab, prefix: storagePrefix, born });
  }
  const tabKey = (key, perTab) => (perTab ? key + '@' + store.tab : key);
  const storeProblem = (why) => {
    store.problem = why;
    if (mod) call('dlp_storage_problem', null, ['string'], [why]);
  };
  // A tab's records are read once, as the app starts (then they leave `kept`: it would hold a copy
  // of every save); a record kept before tabs had their own (KEY alone) counts as any tab's.
  store.load = (key, perTab) => {
    let rec = store.kept.get(tabKey(key, perTab));
    if (perTab) {
      const mine = (k) => k === key || k.startsWith(key + '@');
      if (!rec) for (const [k, v] of store.kept) if (mine(k) && v.bytes.length && (!rec || v.time > rec.time)) rec = v;
      for (const k of [...store.kept.keys()]) if (mine(k)) store.kept.delete(k);
    }
    return rec && rec.bytes.length ? rec.bytes : null;
  };
  store.save = (key, bytes, perTab) => {
    const k = tabKey(key, perTab), rec = { bytes, time: Date.now() };  // empty bytes: forgotten (Start fresh)
    if (!perTab) store.kept.set(k, rec);
    if (!store.db) { storeProblem(store.problem || 'this browser keeps nothing for this page'); return; }
    try {
      const tx = store.db.transaction('kv', 'readwrite');
      tx.objectStore('kv').put(rec, storagePrefix + k);
      if (tx.commit) tx.commit();  // at once: a save made as the page is left must not wait for a task that never runs
      tx.oncomplete = () => { if (store.problem) storeProblem(''); };
      tx.onabort = () => storeProblem(tx.error && tx.error.name === 'QuotaExceededError'
        ? 'the browser\'s storage for this site is full' : 'the browser refused to store it (' + (tx.error ? tx.error.message : 'aborted') + ')');
    } catch (e) { storeProblem('the browser refused to store it (' + e.message + ')'); }
  };
  // Opens the database and reads this page's records; moves localStorage's; removes the records
  // of tabs that have not saved for 30 days (never this tab's); resolves once that is done. The
  // app saves to the database (store.db) only once every record is read. A database that answers
  // or finishes its read only after the app started without it (store.late: it waited
  // STORE_WAIT), or whose read is aborted, is closed: nothing is moved, removed or saved this
  // visit, so the work it keeps is there at the next one.
  const openStore = () => new Promise((resolve) => {
    let req;
    try { req = indexedDB.open('dlp', 1); } catch (e) { store.problem = 'this browser keeps nothing for this page (' + e.message + ')'; resolve(); return; }
    req.onupgradeneeded = () => req.result.createObjectStore('kv');
    req.onerror = () => {
      if (!store.late) store.problem = 'the browser refused its storage (' + (req.error ? req.error.message : 'no database') + ')';
      resolve();
    };
    req.onsuccess = () => {
      const db = req.result;
      if (store.late) { db.close(); resolve(); return; }
      const tx = db.transaction('kv', 'readwrite');
      const kv = tx.objectStore('kv');
      const kept = new Map(), moved = [], others = [];  // the app sees kept only when it is whole
      // Only this page's records are read: an embedded demo's keys, or the page's own without any
      // embedded demo's (a jump past 'dlp.embed.', so their sessions are never loaded).
      const cursor = kv.openCursor(storagePrefix ? IDBKeyRange.bound(storagePrefix, storagePrefix + '\uffff') : undefined);
      cursor.onsuccess = () => {
        const c = cursor.result;
        if (c) {
          const k = String(c.key);
          if (!storagePrefix && k.startsWith('dlp.embed.')) { c.continue('dlp.embed/'); return; }
          // Another tab's keyframes (tens of MB, rewind's: ui/persist.cpp) are not read: they are its own.
          if (/^dlp\.keyframes\.[^@]*@/.test(k.slice(storagePrefix.length)) && !k.endsWith('@' + store.tab)) {
            others.push({ k: k.slice(storagePrefix.length), time: (c.value && c.value.time) || 0 });
            c.continue();
            return;
          }
          kept.set(k.slice(storagePrefix.length), c.value);
          c.continue();
          return;
        }
        if (store.late) { tx.abort(); return; }  // read too late: the app started without it (onabort)
        let names = [];
        try { for (let i = 0; i < localStorage.length; i++) names.push(localStorage.key(i)); } catch (e) { names = []; }
        for (const lk of names) {
          if (!lk.startsWith(storagePrefix + 'dlp.') || (!storagePrefix && lk.startsWith('dlp.embed.'))) continue;
          const name = lk.slice(storagePrefix.length);
          try {
            const bin = atob(localStorage.getItem(lk));
            const bytes = new Uint8Array(bin.length);
            for (let j = 0; j < bin.length; j++) bytes[j] = bin.charCodeAt(j);
            // The database has it already: the same bytes were moved by a visit left before it
            // removed the old copy (other bytes, saved there since by an older page, are left).
            if (kept.has(name)) {
              const had = kept.get(name).bytes;
              if (had && had.length === bytes.length && had.every((b, j) => b === bytes[j])) moved.push(lk);
              continue;
            }
            const rec = { bytes, time: Date.now() };
            kept.set(name, rec);
            kv.put(rec, storagePrefix + name);
            moved.push(lk);
          } catch (e) { /* not base64: left where it is */ }
        }
        // Records of tabs that have not saved for 30 days go (a live tab saves every few seconds).
        for (const [k, v] of [...kept]) {
          if (k.endsWith('@' + store.tab) || !k.includes('@') || Date.now() - v.time <= 30 * 86400e3) continue;
          kv.delete(storagePrefix + k);
          kept.delete(k);
        }
        // ...and the keyframes left unread of a tab that has no other record left or has not saved
        // for a day: only that tab reads them, on a reload or when it is reopened.
        for (const { k, time } of others) {
          const tab = k.slice(k.lastIndexOf('@'));
          if (Date.now() - time > 86400e3 || ![...kept.keys()].some((o) => o.endsWith(tab))) kv.delete(storagePrefix + k);
        }
        store.kept = kept;
        store.db = db;
        store.read = true;
      };
      tx.oncomplete = () => { for (const lk of moved) try { localStorage.removeItem(lk); } catch (e) { /* gone */ } resolve(); };
      tx.onabort = () => {
        // Read too late, or only in part: closed, so that nothing is saved over what it keeps.
        if (store.late || !store.read) { db.close(); store.db = null; }
        if (!store.late) storeProblem('the browser refused its storage (' + (tx.error ? tx.error.message : 'aborted') + ')');
        resolve();
      };
    };
  });
  const cores = navigator.hardwareConcurrency || 2;
  const threads = self.crossOriginIsolated ? Math.max(1, Math.min(8, +params.get('threads') || cores - 1)) : 1;
  let worker = null, workerThreads = 0;
  // A watchdog (below) counts a worker that stops answering as lost. A lost worker is replaced once
  // by a new one, fed the catalog and the digits again (workerFeed: the data set's chunks as
  // downloaded); the app starts it from the page's run, which is the truth already, so no step is
  // lost or repeated. A second loss trains in the page's frames (dlp_worker_lost says which).
  let heard = 0, replaced = 0, feeding = false;
  const workerFeed = { catalog: null, name: null, chunks: [] };
  const workerLost = (why) => {
    if (!worker) return;
    worker.terminate();
    worker = null;
    const replace = replaced < 1 && started;
    console.warn('The training worker was lost (' + why + '): training goes on ' + (replace ? 'in a new one.' : 'in the page.'));
    if (mod) call('dlp_worker_lost', null, ['string', 'number'], [why, replace ? 1 : 0]);
    if (replace) { replaced++; startWorker(); }
    if (worker) feedWorker();
    else { workerFeed.chunks = []; feeding = false; }  // no worker to feed again
  };
  window.addEventListener('dlp-worker-lost', (e) => workerLost(e.detail));  // the app found it unusable
  const startWorker = () => {
    try {
      worker = new Worker('train_worker.js', { name: threads > 1 ? 'mt:' + threads : 'st' });
    } catch (e) { worker = null; console.warn('No training worker: ' + e.message); return; }
    workerThreads = 0;
    heard = performance.now();
    // Events of a worker already lost (queued before it was terminated) are not this one's.
    const w = worker;
    worker.onmessage = (e) => {
      if (worker !== w) return;
      const m = e.data;
      heard = performance.now();
      if (m.type === 'update' && mod) {
        withBytes(m.bytes, (p) => call('dlp_worker_message', null, ['number', 'number'], [p, m.bytes.length]));
        toWorker({ type: 'spare', buffer: m.bytes.buffer }, [m.bytes.buffer]);  // the worker fills it again (train_worker.js)
      } else if (m.type === 'ready') { workerThreads = m.threads; if (mod && started) call('dlp_worker_ready', null, ['number'], [m.threads]); }
      else if (m.type === 'failed') workerLost(m.message);
    };
    worker.onerror = (e) => { e.preventDefault(); if (worker === w) workerLost(e.message || 'it failed to load'); };
    worker.onmessageerror = () => { if (worker === w) workerLost('a message from it could not be read'); };
  };
  // A replacing worker gets what the first one got: the catalog, then the data set and its chunks,
  // in order (a data set takes its chunks in order only): while it is fed, chunks that arrive are
  // only noted, and fed in their turn.
  const feedWorker = async () => {
    const w = worker;
    feeding = true;
    try {
      if (workerFeed.catalog !== null) toWorker({ type: 'catalog', text: workerFeed.catalog });
      if (!workerFeed.name) return;
      toWorker({ type: 'open', name: workerFeed.name });
      const list = workerFeed.chunks;
      for (let i = 0; i < list.length; i++) {
        const c = list[i];
        let bytes = await unpack(c.gz);
        if (worker !== w || workerFeed.chunks !== list) return;  // lost again, or another data set
        if (bytes.buffer === c.gz) bytes = bytes.slice();  // the download itself: keep it for another feed
        toWorker({ type: 'chunk', name: c.name, split: c.split, index: c.index, bytes }, [bytes.buffer]);
      }
    } finally {
      if (worker === w) feeding = false;
      if (replaced >= 1) workerFeed.chunks = [];  // no further replacement will need them
    }
  };
  // While the worker trains it posts an update every slice (about 100 ms), and a sign of life
  // every second; the app says how long to wait (dlp_worker_watch: at least 5 s, longer for a slow
  // model). Not while the tab is hidden (its timers are throttled).
  let watched = 0;
  setInterval(() => {
    const now = performance.now();
    // A page that did not run for a while (hidden, frozen, paused in a debugger, a long task) has
    // not heard the worker's messages yet: they are still queued.
    if (!worker || !mod || document.hidden || now - watched > 2500) { heard = now; watched = now; return; }
    watched = now;
    const bound = call('dlp_worker_watch', 'number');
    if (bound > 0 && now - heard > bound) workerLost(`it stopped answering for ${Math.round((now - heard) / 1000)} s`);
  }, 1000);
  if (params.get('worker') !== '0' && typeof Worker !== 'undefined') startWorker();
  let started = false;
  const toWorker = (m, transfer) => { if (worker) worker.postMessage(m, transfer || []); };

  window.playground = {
    ready,
    get frames() { return mod ? call('dlp_frames', 'number') : 0; },
    // What drawing cost so far: frames that painted pixels, and how many (a frame repaints only
    // the boxes that changed; frames counts every frame built to be drawn, changed or not).
    get painted() { return mod ? { frames: call('dlp_painted_frames', 'number'), pixels: call('dlp_painted_pixels', 'number') } : null; },
    // The next frame paints the whole canvas, as the first one does.
    repaintAll() { call('dlp_repaint_all', null); },
    // The layout is at rest: the last frames built showed the same picture and none is due.
    get settled() { return mod ? call('dlp_settled', 'number') === 1 : false; },
    state,
    padRect() { return state({ test: true }).padRect; },
    drawn() { const s = state({ test: true }); return { pixels: s.drawn, probabilities: s.probs, blank: s.drawnBlank }; },
    clearPad() { call('dlp_clear_pad', null); },
    // Show only the named panels, e.g. panels(['Train', 'Draw']) (any case); an unknown name is an
    // error that lists the valid ones, and nothing changes.
    panels(names) {
      if (!Array.isArray(names)) throw new Error('panels takes an array of panel names (Model, Train, Draw, Data, Inspect, Lessons)');
      // The app knows its panels (src/ui/panels.cpp) and says what is wrong with a name.
      const error = call('dlp_show_panels', 'string', ['string'], [names.map((n) => String(n).replace(/\n/g, ' ')).join('\n')]);
      if (error) throw new Error(error);
    },
    // n more training steps (in the training worker, or in the page's frames without one),
    // resolved when they are done: early when training diverges, the network dies, or the student
    // pauses. Steps whose digits are still downloading wait for them. A lost worker is replaced
    // (the watchdog above); steps that stop coming for a minute with every digit in reject, with
    // the page's status line as the reason.
    async train(steps) {
      const n = Math.max(0, steps | 0);
      if (n > 0 && call('dlp_train_to', 'number', ['number'], [n]) >= 0) {
        let last = -1, since = performance.now(), looked = since;
        while (call('dlp_training', 'number')) {
          await new Promise((r) => setTimeout(r, 10));
          if (performance.now() - looked < 1000) continue;
          looked = performance.now();
          const s = state();
          if (s.steps !== last || s.trainIn < s.trainTotal || s.replaying) { last = s.steps; since = looked; }
          else if (looked - since > 60000) throw new Error('training made no progress for a minute: ' + s.status);
        }
      }
      const s = state();
      return { loss: s.loss, accuracy: s.testAccuracy };
    },
    // The whole test set (once it is in).
    async evaluate() {
      while (state().testIn < state().testTotal) await new Promise((r) => setTimeout(r, 20));
      const accuracy = call('dlp_evaluate', 'number');
      return { accuracy };
    },
    weightsHash() { return state().weightsHash; },
    // Shows the model as it was at a past step of the run (the Train panel's step slider does the
    // same); a step at or past the last one shows the run as it is now. Training pauses.
    seek(step) {
      const ms = call('dlp_seek', 'number', ['number'], [Math.max(0, Math.floor(step))]);
      if (ms < 0) throw new Error('nothing to go back to: train first (and not while a link replays)');
      const r = state().rewind;
      return { step: r.shown, ms, weightsHash: r.weightsHash };
    },
    // The memory budget of the keyframes that rewind uses, in bytes (0: the default, 32 MB).
    rewindBudget(bytes) { call('dlp_rewind_budget', null, ['number'], [Math.max(0, +bytes || 0)]); },
    // The demo as a share link: the full URL that Copy link copies.
    link() { return linkUrl(call('dlp_share_link', 'string')); },
    // The loss curve so far ({step: [...], loss: [...]}) and the run's log as a link carries it.
    curves() { return JSON.parse(call('dlp_curves_json', 'string')); },
    // Stops a link's replay at the step it has reached.
    stopReplay() { call('dlp_stop_replay', null); },
    // Opens a link or a plain object such as {model: 'lenet', data: 'mnist', batch: 32, lr: 0.05,
    // optimizer: 'sgd', seed: 1, steps: 100}; resolves once the link's steps are replayed.
    load(link) {
      const fragment = typeof link === 'string' ? link.replace(/^.*#/, '') : objectToLink(link);
      call('dlp_load_link', null, ['string'], [fragment]);
      return new Promise((done) => {
        const wait = () => (call('dlp_replaying', 'number') ? setTimeout(wait, 50) : done(state()));
        wait();
      });
    },
    // A probability per class (ten) for the image's pixel values (784: 28x28, row-major; 0..255,
    // or 0..1 when none exceeds 1). The sizes are the app's (dlp_input_pixels, dlp_classes).
    classify(pixels) {
      const n = call('dlp_input_pixels', 'number'), k = call('dlp_classes', 'number');
      if (!pixels || pixels.length !== n) throw new Error(`classify needs ${n} pixel values`);
      const scale = Math.max(...pixels) <= 1 ? 255 : 1;
      const bytes = Uint8Array.from(pixels, (v) => Math.max(0, Math.min(255, Math.round(v * scale))));
      const p = mod._malloc(n + 4 * k);
      try {
        mod.HEAPU8.set(bytes, p);
        call('dlp_classify', 'number', ['number', 'number'], [p, p + n]);
        return Array.from(new Float32Array(mod.HEAPU8.buffer.slice(p + n, p + n + 4 * k)));
      } finally { mod._free(p); }
    },
    addOwnFiles(files, label = 0) { return addFiles(Array.from(files), label); },
    ownCount() { return call('dlp_own_count', 'number'); },
    saveSession() { call('dlp_save_session', null); },
    startFresh() { call('dlp_start_fresh', null); },
    // The wasm heap (grows, never shrinks) and Chromium's JS heap, in bytes.
    memory() {
      return { wasmHeap: mod.HEAPU8.buffer.byteLength, jsHeap: performance.memory ? performance.memory.usedJSHeapSize : null };
    },
    // Mean seconds per forward pass of `batch` test images (benchmarks).
    benchInference(batch, reps) { return call('dlp_bench_inference', 'number', ['number', 'number'], [batch, reps]); },
    // Loads a .safetensors File or Blob; resolves true when it matched the model.
    loadWeights(file) { return loadWeights(file); },
  };

  // Plain objects for playground.load(): field names as in the link, plus a few friendly aliases.
  function objectToLink(o) {
    const alias = { optimizer: 'opt', momentum: 'mom', normalization: 'norm' };
    const parts = ['v1'];
    for (const [k, v] of Object.entries(o || {})) {
      const key = alias[k] || k;
      const value = Array.isArray(v) ? v.join('.') : String(v);
      parts.push(`${encodeURIComponent(key)}=${encodeURIComponent(value).replace(/%20/g, '+')}`);
    }
    return parts.join('&');
  }

  // Files the student picks in "Your own data": PNG/JPEG decoded by the browser into grey values
  // (light backgrounds inverted, so ink is high as in MNIST), IDX handed over as bytes.
  async function imageToGray(file) {
    const bmp = await createImageBitmap(file);
    const w = Math.min(bmp.width, 1024), h = Math.min(bmp.height, 1024);
    const c = new OffscreenCanvas(w, h), g = c.getContext('2d');
    g.fillStyle = '#fff'; g.fillRect(0, 0, w, h);  // transparent PNGs: strokes over white
    g.drawImage(bmp, 0, 0, w, h);
    const d = g.getImageData(0, 0, w, h).data, gray = new Float32Array(w * h);
    for (let i = 0; i < w * h; i++) gray[i] = (0.299 * d[4 * i] + 0.587 * d[4 * i + 1] + 0.114 * d[4 * i + 2]) / 255;
    let border = 0, nb = 0;
    for (let x = 0; x < w; x++) { border += gray[x] + gray[(h - 1) * w + x]; nb += 2; }
    for (let y = 0; y < h; y++) { border += gray[y * w] + gray[y * w + w - 1]; nb += 2; }
    if (border / nb > 0.5) for (let i = 0; i < gray.length; i++) gray[i] = 1 - gray[i];
    return { gray, w, h };
  }
  const withBytes = (bytes, fn) => copyIntoModule(mod, bytes, fn);  // bytes.js
  async function addFiles(files, label) {
    const idx = files.filter((f) => /\.idx|ubyte/i.test(f.name));
    for (const f of files.filter((f) => !idx.includes(f))) {
      try {
        const { gray, w, h } = await imageToGray(f);
        const m = /^(\d)(\D|$)/.exec(f.name);
        withBytes(new Uint8Array(gray.buffer), (p) => call('dlp_add_own_image', 'number', ['number', 'number', 'number', 'number'], [p, w, h, m ? +m[1] : label]));
      } catch (e) { console.warn(`${f.name}: not an image the browser can decode (${e.message})`); }
    }
    if (idx.length) {
      const bufs = await Promise.all(idx.map((f) => f.arrayBuffer().then((b) => new Uint8Array(b))));
      // A 1-D IDX (magic byte 3 == 1) is the labels file.
      const images = bufs.find((b) => b[3] !== 1), labels = bufs.find((b) => b[3] === 1);
      if (images) withBytes(images, (pi) => labels
        ? withBytes(labels, (pl) => call('dlp_add_own_idx', 'number', ['number', 'number', 'number', 'number', 'number'], [pi, images.length, pl, labels.length, label]))
        : call('dlp_add_own_idx', 'number', ['number', 'number', 'number', 'number', 'number'], [pi, images.length, 0, 0, label]));
    }
  }
  // Weights (.safetensors), or a whole session (.dlpsession, Weights > Download session).
  async function loadWeights(file) {
    const bytes = new Uint8Array(await file.arrayBuffer());
    if (/\.dlpsession$/i.test(file.name || '')) {
      return withBytes(bytes, (p) => call('dlp_load_session', 'number', ['number', 'number', 'string'], [p, bytes.length, file.name])) === 1;
    }
    return withBytes(bytes, (p) => call('dlp_load_weights', 'number', ['number', 'number'], [p, bytes.length])) === 1;
  }
  function openWeightsPicker() {
    const input = document.createElement('input');
    input.type = 'file'; input.accept = '.safetensors,.dlpsession';
    input.onchange = () => input.files[0] && loadWeights(input.files[0]);
    input.click();
  }
  // Drag and drop anywhere on the page: weights, or images / IDX for "Your own data".
  window.addEventListener('dragover', (e) => e.preventDefault());
  window.addEventListener('drop', (e) => {
    e.preventDefault();
    if (!mod) return;
    const files = Array.from(e.dataTransfer.files || []);
    const weights = files.filter((f) => /\.(safetensors|dlpsession)$/i.test(f.name));
    weights.forEach(loadWeights);
    const rest = files.filter((f) => !weights.includes(f));
    if (rest.length) addFiles(rest, 0);
  });

  function openFilePicker(label) {
    const input = document.createElement('input');
    input.type = 'file'; input.multiple = true; input.accept = '.png,.jpg,.jpeg,.gif,.webp,.bmp,.idx,.idx3-ubyte,.idx1-ubyte,.ubyte';
    input.onchange = () => addFiles(Array.from(input.files), label);
    input.click();
  }

  // The data streams in chunks that assets/catalog.json lists (scripts/make_data.mjs writes it:
  // data set -> split -> {examples, chunk, files}, each file a gzip of a labels IDX and an images
  // IDX): the first training chunk, then the test set, then the rest. The app starts with the
  // catalog and trains from the first chunk on; a step whose digits are not in yet waits for them
  // (so a link replays the same however slow the network).
  const catalogText = fetch('assets/catalog.json').then((r) => {
    if (!r.ok) throw new Error('assets/catalog.json: HTTP ' + r.status);
    return r.text();
  });
  const catalog = catalogText.then((text) => JSON.parse(text));
  const chunkOrder = (set) => [
    { split: 'train', index: 0, file: set.train.files[0] },
    ...set.test.files.map((file, index) => ({ split: 'test', index, file })),
    ...set.train.files.slice(1).map((file, i) => ({ split: 'train', index: i + 1, file })),
  ];
  // A data set's chunks in that order, or null when the catalog has no such set (or not both splits).
  const chunksOf = (sets, name) => (sets[name] && sets[name].train && sets[name].test ? chunkOrder(sets[name]) : null);
  const download = (file) => {
    const p = fetch('assets/' + file).then((r) => {
      if (!r.ok) throw new Error('HTTP ' + r.status);
      return r.arrayBuffer();
    }).then((buffer) => { offline.stash(file, buffer); return buffer; });
    p.catch(() => {});  // handled where it is awaited; a prefetch may never be
    return p;
  };
  // MNIST's first chunks download while the wasm compiles.
  const prefetched = new Map();
  catalog.then((sets) => { if (sets.mnist) chunkOrder(sets.mnist).slice(0, 3).forEach((c) => prefetched.set(c.file, download(c.file))); }, () => {});
  async function unpack(buffer) {
    const b = new Uint8Array(buffer);
    if (b[0] !== 0x1f || b[1] !== 0x8b) return b;  // a host that unpacked it on the way (Content-Encoding)
    return new Uint8Array(await new Response(new Blob([b]).stream().pipeThrough(new DecompressionStream('gzip'))).arrayBuffer());
  }
  const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
  let streamId = 0;
  // The app asks for a data set (at start, on a switch, for a link): its chunks from the first, in
  // order, two downloads ahead; a newer request ends this one. A failed download is retried, and
  // the app shows why it waits.
  async function streamDataset(name) {
    const id = ++streamId;
    toWorker({ type: 'open', name });
    workerFeed.name = name;
    workerFeed.chunks = [];
    feeding = false;  // a feed of the data set before is moot: this one streams from its start
    const problem = (m) => call('dlp_data_problem', null, ['string', 'string'], [name, m]);
    let sets;
    try { sets = await catalog; } catch (e) { problem('The data catalog did not load: ' + e.message); return; }
    const list = chunksOf(sets, name);
    if (!list) { problem(`This page has no ${name} data.`); return; }
    if (typeof DecompressionStream === 'undefined') {
      problem('This browser cannot unpack the data (it has no DecompressionStream): use Chrome or Edge 80+, Firefox 113+ or Safari 16.4+.');
      return;
    }
    const get = (k) => {
      const c = list[k];
      if (!c.bytes) { c.bytes = prefetched.get(c.file) || download(c.file); prefetched.delete(c.file); }
      return c.bytes;
    };
    for (let k = 0; k < list.length; k++) {
      let bytes, gz;
      for (let wait = 1000; ; wait = Math.min(wait * 2, 30000)) {
        if (id !== streamId) return;
        for (let j = k + 1; j < Math.min(k + 3, list.length); j++) get(j);
        try {
          gz = await get(k);
          bytes = await unpack(gz);
          break;
        } catch (e) {
          list[k].bytes = null;
          if (id !== streamId) return;
          problem(`Could not download ${list[k].file} (${e.message}): trying again in ${wait / 1000} s.`);
          await sleep(wait);
        }
      }
      if (id !== streamId) return;
      list[k].bytes = null;
      const ok = withBytes(bytes, (p) => call('dlp_data_chunk', 'number', ['string', 'string', 'number', 'number', 'number'],
        [name, list[k].split, list[k].index, p, bytes.length]));
      if (!ok) return;  // the app says why
      // The same bytes for the training worker (moved, not copied: the page has its own copy now).
      const own = bytes.buffer !== gz && bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes : bytes.slice();
      if (!feeding) toWorker({ type: 'chunk', name, split: list[k].split, index: list[k].index, bytes: own }, [own.buffer]);
      if (worker && replaced < 1 || feeding) workerFeed.chunks.push({ name, split: list[k].split, index: list[k].index, gz });
      if (list[k].split === 'train' && list[k].index === 0) performance.mark(`dlp:${name}:first-train-chunk`);
    }
    performance.mark(`dlp:${name}:all-in`);
    offline.dataIn(list.map((c) => c.file));  // kept for offline use (web/offline.js)
  }

  // Course pages on another origin embed the playground in an iframe and talk to it with
  // postMessage (web/embed.js wraps it in Promises): {id, method, args} in, {id, result} or
  // {id, error} back. Only these methods, and autoHeight (below).
  const MESSAGE_METHODS = window.DLPlayground.METHODS;  // embed.js, which the page loads too
  window.addEventListener('message', async (e) => {
    const m = e.data;
    if (!m || typeof m !== 'object' || typeof m.method !== 'string' || !e.source) return;
    const reply = (body) => e.source.postMessage({ id: m.id, ...body }, e.origin === 'null' ? '*' : e.origin);
    if (m.method === 'autoHeight') { heightAsked = true; lastHeight = 0; reply({ result: true }); return; }
    if (!MESSAGE_METHODS.includes(m.method)) { reply({ error: `unknown method ${String(m.method).slice(0, 40)}` }); return; }
    try {
      await ready;
      const result = await window.playground[m.method](...(Array.isArray(m.args) ? m.args : []));
      reply({ result: result === undefined ? null : JSON.parse(JSON.stringify(result)) });
    } catch (err) { reply({ error: String(err && err.message || err) }); }
  });

  // Inside an iframe the host page hears what happens (events: training started and paused, steps
  // done, a lesson completed, a new prediction from the pad) and, when it asks, how tall the
  // content is: embed.js asks with autoHeight, an H5P host answers the H5P resizer's hello, a
  // Canvas LMS page reads lti.frameResize; ?resize=1 in the page's address asks too.
  let heightAsked = embedded && params.get('resize') === '1', h5p = false, lastHeight = 0;
  const toHost = (body) => window.parent.postMessage(body, '*');
  if (embedded) {
    toHost({ context: 'h5p', action: 'hello' });
    window.addEventListener('message', (e) => {
      const m = e.data;
      if (e.source !== window.parent || !m || m.context !== 'h5p') return;
      if (m.action === 'hello') { h5p = true; heightAsked = true; lastHeight = 0; }
      else if (m.action === 'resizePrepared') toHost({ context: 'h5p', action: 'resize', scrollHeight: lastHeight });
    });
    let last = null;
    setInterval(() => {
      if (!mod || !started) return;
      const s = state();
      const event = (name, detail) => toHost({ dlp: 'event', event: name, detail });
      const brief = { steps: s.steps, loss: s.loss, testAccuracy: s.testAccuracy };
      const digit = s.probs.indexOf(Math.max(...s.probs)), drawing = s.drawnHash;
      if (last) {
        if (s.training && !last.training) event('training-started', brief);
        if (!s.training && last.training) event('training-paused', brief);
        if (s.steps !== last.steps) event('steps', brief);
        for (const id of s.lessonsDone) if (!last.lessonsDone.includes(id)) event('lesson-completed', { lesson: id });
        // A new prediction: the drawing changed, or training changed which digit it reads as
        // (not every small move of the probabilities while the network trains).
        if (!s.drawnBlank && (drawing !== last.drawing || digit !== last.digit)) event('prediction', { digit, probabilities: s.probs });
      }
      last = { training: s.training, steps: s.steps, lessonsDone: s.lessonsDone, drawing, digit };
      if (heightAsked) {
        const h = Math.round(call('dlp_content_height', 'number'));
        if (Math.abs(h - lastHeight) >= 8) {
          lastHeight = h;
          toHost({ dlp: 'height', height: h });
          toHost(JSON.stringify({ subject: 'lti.frameResize', height: h }));
          if (h5p) toHost({ context: 'h5p', action: 'prepareResize', scrollHeight: h, clientHeight: h });
        }
      }
    }, 250);
  }

  const canvas = document.getElementById('canvas');
  // The canvas keeps its pixels between frames (preserveDrawingBuffer), so a frame repaints only
  // the boxes that changed (src/platform/repaint_gl.h). SDL asks for the WebGL context with its
  // own attributes; this adds that one.
  const getContext = canvas.getContext.bind(canvas);
  canvas.getContext = (kind, attributes) =>
    getContext(kind, kind === 'webgl2' ? { ...attributes, preserveDrawingBuffer: true } : attributes);
  // On a window resize SDL sets the canvas's size, which clears it even when the size is the
  // same: the next frame paints everything.
  window.addEventListener('resize', () => { if (mod) call('dlp_repaint_all', null); });
  // A lost WebGL context (background tab, GPU reset) comes back: preventDefault asks for that,
  // and on restore the app recreates its GL objects. The model is untouched meanwhile.
  canvas.addEventListener('webglcontextlost', (e) => {
    e.preventDefault();
    loading.textContent = 'Graphics context lost: restoring...';
    loading.style.display = 'flex';
  });
  canvas.addEventListener('webglcontextrestored', () => {
    if (mod) call('dlp_gl_context_restored', null);
    loading.style.display = 'none';
  });
  // Nothing is drawn while the canvas is out of view (an embedded demo scrolled away) or the tab is
  // hidden (no animation frames then); training goes on in the worker, and the first frame back
  // shows where it got to.
  let inView = true;
  if (typeof IntersectionObserver !== 'undefined') {
    new IntersectionObserver((entries) => {
      inView = entries[entries.length - 1].isIntersecting;
      if (mod) call('dlp_set_in_view', null, ['number'], [inView ? 1 : 0]);
    }).observe(canvas);
  }
  document.addEventListener('visibilitychange', () => { if (mod && !document.hidden) call('dlp_wake', null); });

  catalogText.then((text) => { workerFeed.catalog = text; toWorker({ type: 'catalog', text }); },
    (e) => fail('The playground could not load its data: ' + e.message));
  // The database is read while the module compiles; the app starts once it is read. A browser whose
  // IndexedDB hangs starts after STORE_WAIT with nothing kept, says so, and saves nothing this visit
  // (what it kept is left as it was: openStore).
  const STORE_WAIT = 10000;
  const storeReady = new Promise((resolve) => {
    const slow = setTimeout(() => { if (!loading.classList.contains('error')) loading.textContent = 'Reading the work kept in this browser\u2026'; }, 2000);
    const late = setTimeout(() => {
      if (store.read) { resolve(); return; }  // read whole (its moves still commit): the page starts with it
      store.late = true;
      if (!loading.classList.contains('error')) loading.textContent = 'Loading the playground\u2026';
      store.problem = `the browser's storage did not answer within ${STORE_WAIT / 1000} s (what it kept before is left as it was: reload to try again)`;
      resolve();
    }, STORE_WAIT);
    openStore().then(() => {
      if (store.late) return;  // the page started without it
      clearTimeout(slow);
      clearTimeout(late);
      if (!loading.classList.contains('error')) loading.textContent = 'Loading the playground\u2026';
      resolve();
    });
  });
  createPlayground({
    canvas,
    store,
    print: (t) => console.log(t),
    printErr: (t) => console.warn(t),
    onFatal: fail,
    // A crash or running out of memory (the heap may grow to 1 GB) is said, not a blank page.
    onAbort: (what) => fail('The playground stopped: ' + (String(what).includes('memory') || String(what).includes('OOM')
      ? 'it ran out of memory. Reload the page and choose a smaller model or batch.' : String(what))),
    openFilePicker,
    streamDataset,
    openWeightsPicker,
    // The app's messages to the training worker (worker_channel.h).
    postToWorker(p, n) {
      const bytes = mod.HEAPU8.slice(p, p + n);
      toWorker({ type: 'msg', bytes }, [bytes.buffer]);
    },
    // The Data panel's offline copy: remove it, or keep it again (with the data set in use).
    offline(keep) {
      if (!keep) { offline.remove(); return; }
      catalog.then((sets) => offline.keep((chunksOf(sets, workerFeed.name) || []).map((c) => c.file)), () => offline.keep([]));
    },
    pageUrl: linkUrl,
    copyText(text) { if (navigator.clipboard) navigator.clipboard.writeText(text).catch(() => {}); },
    // The app hands over the link as it is at the click (the address bar may be half a second old).
    copyLink(fragment) {
      const url = linkUrl(fragment);
      history.replaceState(null, '', '#' + fragment);
      shownHash = fragment;
      if (navigator.clipboard) navigator.clipboard.writeText(url).catch(() => {});
      return url;
    },
    preRun: [() => performance.mark('dlp:wasm-ready')],
  }).then((m) => storeReady.then(() => m)).then((m) => {
    mod = m;
    call('dlp_set_in_view', null, ['number'], [inView ? 1 : 0]);
    if (store.problem) call('dlp_storage_problem', null, ['string'], [store.problem]);
    // The canvas draws from here on, unless the catalog failed to load: then the message stays.
    if (!loading.classList.contains('error')) loading.style.display = 'none';
    return catalogText.then((text) => {
      call('dlp_start', null, ['string'], [text]);
      started = true;
      // The controls the canvas draws, as accessible nodes over it (web/a11y.js).
      window.DLPAccessibility(canvas, call);
      // What is kept for offline use, and why the page trains on one thread if it does (Data panel).
      offline.start((status, isolation, kept) => call('dlp_offline', null, ['string', 'string', 'string'], [status, isolation, kept]));
      if (worker && workerThreads) call('dlp_worker_ready', null, ['number'], [workerThreads]);
      return m;
    });
  }).then((m) => {
    // Resolve once the first frame of the started playground is drawn, or at once when it starts
    // out of view: the browser runs no animation frames in an iframe scrolled away (a demo below the
    // fold of a course page on a phone), and the page must still answer its course page. Polled
    // with a timer, which such an iframe still runs.
    const wait = () => {
      if (call('dlp_frames', 'number') > 0 || !inView) {
        if (inView) canvas.focus();
        resolveReady(window.playground);
      } else setTimeout(wait, 50);
    };
    wait();
    // The address bar follows the demo (replaceState: no history entry per change). The fragment
    // the page was opened with, and any later one changed by hand or by a script, is opened first,
    // whichever of the timer and the hashchange event notices it.
    const openEditedHash = () => {
      const h = location.hash.replace(/^#/, '');
      if (h === shownHash) return false;
      shownHash = h;
      call('dlp_load_link', null, ['string'], [h]);
      return true;
    };
    setInterval(() => {
      if (openEditedHash()) return;
      const l = call('dlp_share_link', 'string');
      if (l !== shownHash) { history.replaceState(null, '', '#' + l); shownHash = l; }
    }, 500);
    window.addEventListener('hashchange', openEditedHash);
    // An embedded demo with work kept under its keys comes back as the student left it: its
    // link (the iframe's address, the same at every visit) is where that work started. So does a
    // page reloaded or come back to with Back or Forward whose address is the kept run at the
    // same or an earlier step (the address follows the run half a second late): the kept run
    // rather than a replay of less of it.
    const opened = location.hash.replace(/^#/, '');
    const nav = performance.getEntriesByType && performance.getEntriesByType('navigation')[0];
    const run = (l) => l.replace(/&(steps|log|wh)=[^&]*/g, '');
    const steps = (l) => +((/&steps=(\d+)/.exec(l) || [])[1] || 0);
    const restored = call('dlp_restored_session', 'number') === 1;  // the app took this tab's kept run
    const kept = restored ? call('dlp_share_link', 'string') : '';
    const back = nav && (nav.type === 'reload' || nav.type === 'back_forward') && kept &&
      run(opened) === run(kept) && steps(opened) <= steps(kept);
    if (restored && (embedded || back)) shownHash = opened;
    openEditedHash();
    // Keep the work when the page is hidden or left (the app also saves every few seconds).
    const keep = () => { try { call('dlp_save_session', null); } catch (e) { /* page going away */ } };
    document.addEventListener('visibilitychange', () => { if (document.visibilityState === 'hidden') keep(); });
    window.addEventListener('pagehide', keep);
    let news = 0;
    setInterval(() => {
      const n = call('dlp_aria_news', 'number');
      if (n !== news) { live.textContent = call('dlp_aria_take', 'string'); news = n; }
    }, 1000);
  }).catch((e) => { fail('The playground could not start: ' + e.message); rejectReady(e); });
});
