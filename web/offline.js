// The page and its service worker (web/sw.js): threads on a static host, the playground offline,
// a new build taken up cleanly. Loaded before main.js, which starts through DLPOffline.beforeStart.
//
// - A host that sends no COOP/COEP (a static host): the first visit registers the worker and, once
//   it runs the page, reloads once; from then on the worker adds the headers and the page is
//   cross-origin isolated (threads). Never twice in a tab's session, never inside an iframe (the
//   course page around it decides: a parent that is not isolated keeps it on one thread).
// - Anywhere else the worker is registered once the first data set is in (it then keeps the page
//   and that data for offline use without competing with the first visit's downloads).
// - A new build's worker waits while this page runs the old code; the page offers to reload into it.
// - The student may remove what is kept (the Data panel): the worker goes and is not registered
//   again until asked (localStorage dlp.offline.v1 = off).
'use strict';
(function () {
  // (Storage and service workers may be refused outright, a sandboxed iframe or blocked storage:
  // reading them throws, and the page starts without them.)
  let sw = null;
  try { sw = 'serviceWorker' in navigator && window.isSecureContext ? navigator.serviceWorker : null; } catch (e) { sw = null; }
  const embedded = window.parent !== window;
  const OFF = 'dlp.offline.v1';
  const RELOADED = 'dlp.isolation-reload.v1';
  const read = (store, key) => { try { return window[store].getItem(key); } catch (e) { return null; } };
  const write = (store, key, value) => {
    try { if (value === null) window[store].removeItem(key); else window[store].setItem(key, value); } catch (e) { /* kept for this visit */ }
  };
  // The worker's caches for this page's folder (sw.js names them the same way).
  const PREFIX = `dlp-${fnv1a(new URL('.', location.href).href)}-`;  // bytes.js
  let wanted = read('localStorage', OFF) !== 'off';
  let report = () => {};  // set by start(): tells the app what is kept
  let registration = null;  // the promise of register()
  let unregistered = false;  // the browser refused the worker

  // Why the page trains on one thread, if it does ('' when it is isolated).
  function isolation() {
    if (self.crossOriginIsolated) return '';
    if (embedded) return 'embedded';
    if (!sw) return window.isSecureContext ? 'no-service-worker' : 'not-secure';
    if (!wanted) return 'offline-off';
    if (unregistered) return 'no-service-worker';  // the browser refused it (a policy, a private window)
    return read('sessionStorage', RELOADED) ? 'refused' : 'first-load';
  }

  // Registers the worker once per page (a registered one is looked at for a new build).
  const register = () => {
    if (!sw || !wanted) return Promise.resolve(null);
    registration ||= sw.register('sw.js', { updateViaCache: 'none' }).then((r) => {
      watchUpdates(r);
      return r;
    }, (e) => {
      unregistered = true;
      console.warn('No offline copy: the service worker did not register (' + e.message + ')');
      report();
      return null;
    });
    return registration;
  };

  // Starts the page (main.js's start), first making it cross-origin isolated where only the worker
  // can: register, wait until it runs this page, reload. A worker that takes more than 20 s
  // (a slow network fetching the code it keeps) or fails leaves the page to start on one thread.
  function beforeStart(start) {
    if (self.crossOriginIsolated || embedded || !sw || !wanted || read('sessionStorage', RELOADED)) {
      if (self.crossOriginIsolated) write('sessionStorage', RELOADED, null);
      start();
      return;
    }
    let started = false;
    const startOnce = () => { if (!started) { started = true; clearTimeout(timer); start(); } };
    const timer = setTimeout(startOnce, 20000);
    const reload = () => {
      if (started) return;  // too late: the student has the page already (isolated at the next visit)
      write('sessionStorage', RELOADED, '1');
      if (!read('sessionStorage', RELOADED)) { startOnce(); return; }  // it would not be remembered: no reload at all
      clearTimeout(timer);
      location.reload();
    };
    // The worker runs the page but sent no headers, or runs already but not this page (a reload that
    // bypassed it): one reload. It failed to install (a file not this build's): start now.
    if (sw.controller) { reload(); return; }
    sw.addEventListener('controllerchange', reload, { once: true });
    register().then((r) => {
      if (!r) { startOnce(); return; }
      if (r.active && !r.installing && !r.waiting) { reload(); return; }
      const w = r.installing || r.waiting;
      if (w) w.addEventListener('statechange', () => { if (w.state === 'redundant') startOnce(); });
    });
  }

  // A new build: its worker installed and waits. The note offers to reload into it now (the work is
  // kept: the page saves its session as it is left); else it takes over once no page runs the old build.
  function watchUpdates(r) {
    if (!r) return;  // a page going away as it registered (the first visit's reload)
    const waiting = () => { if (r.waiting && sw.controller && !taking) offerUpdate(r); };
    const follow = (w) => { if (w) w.addEventListener('statechange', () => { if (w.state === 'installed') waiting(); }); };
    waiting();
    follow(r.installing);  // found by the browser as the page loaded, before this listened
    r.addEventListener('updatefound', () => follow(r.installing));
  }
  let note = null, taking = false;
  // r: the registration whose waiting worker is asked to take over on "Reload now"; null: another
  // tab took the new build already (this page's code is the old one: it reloads).
  function offerUpdate(r) {
    if (note && note.dataset.waiting === String(!!r)) return;
    if (note) note.remove();  // the new build was waiting, and now runs (another tab took it)
    note = document.createElement('div');
    note.dataset.waiting = String(!!r);
    note.id = 'update';
    note.setAttribute('role', 'status');
    const text = document.createElement('span');
    text.textContent = r ? 'A new version of the playground is ready.' : 'The playground was updated in another tab: reload to use the new version.';
    const now = document.createElement('button');
    now.textContent = 'Reload now';
    const later = document.createElement('button');
    later.textContent = 'Later';
    note.append(text, now, later);
    document.body.append(note);
    later.onclick = () => { note.hidden = true; };
    now.onclick = () => {
      now.disabled = true;
      if (!r || !r.waiting) { location.reload(); return; }  // (another tab took it meanwhile)
      taking = true;
      sw.addEventListener('controllerchange', () => location.reload(), { once: true });
      r.waiting.postMessage({ type: 'take-over' });  // the one waiting now (a newer build may have replaced it)
    };
  }
  // A new build took over while this page runs the old one (the student chose Reload in another
  // tab): say so, rather than go on with old code beside the new build's files.
  if (sw) {
    const first = sw.controller;
    sw.addEventListener('controllerchange', () => { if (first && !taking) offerUpdate(null); });
  }

  // Asks the worker that runs the page (null: none does).
  function ask(message) {
    const w = sw && sw.controller;
    if (!w) return Promise.resolve(null);
    return new Promise((done) => {
      const ch = new MessageChannel();
      ch.port1.onmessage = (e) => done(e.data);
      w.postMessage(message, [ch.port2]);
      setTimeout(() => done(null), 10000);
    });
  }

  // What is kept, for the app: a line per part ("code BYTES", "data NAME BYTES").
  async function kept() {
    const k = await ask({ type: 'kept' });
    if (!k) return '';
    return ['code ' + k.code, ...Object.entries(k.data).map(([n, b]) => `data ${n} ${b}`)].join('\n');
  }

  window.DLPOffline = {
    beforeStart,
    isolation,
    // A data chunk the page downloaded while no worker runs it (a first visit): put aside for the
    // worker, which keeps it once the data set is in rather than download it again (sw.js: keepData).
    stash(file, buffer) {
      if (!sw || !wanted || unregistered || sw.controller || !self.caches) return;
      const copy = buffer.slice(0);  // now: the page may hand the buffer on (transferred) before the cache opens
      caches.open(PREFIX + 'staged').then((c) => c.put(new URL('assets/' + file, location.href).href, new Response(copy))).catch(() => {});
    },
    // From the started app: `tell(status, isolation, kept)` hands the app what to say (Data panel).
    start(tell) {
      report = async () => tell(!sw || unregistered ? 'unsupported' : !wanted ? 'off' : sw.controller ? 'on' : 'pending', isolation(), await kept());
      setTimeout(report, 2000);  // after the start's own requests, which the worker serves
      if (sw) {
        sw.addEventListener('controllerchange', () => report());
        if (sw.controller) register();  // runs the page already: look for a new build
      }
    },
    // A data set is in: the worker (registered now if it was not) keeps its chunks, including those
    // that downloaded before it ran the page.
    async dataIn(files) {
      if (!sw || !wanted) return;
      const r = await register();
      if (!r) return;
      // A worker on its way runs the page once active (it claims it); one already active that does
      // not run this page (a reload that bypassed it) keeps the chunks as they download next time.
      if (!sw.controller && (r.installing || r.waiting)) await new Promise((done) => { sw.addEventListener('controllerchange', done, { once: true }); setTimeout(done, 30000); });
      await ask({ type: 'keep-data', files });
      report();
    },
    // The Data panel's Remove: every cache goes, the worker too, and none is registered again until
    // keep() (the choice is kept in this browser).
    async remove() {
      wanted = false;
      write('localStorage', OFF, 'off');
      await ask({ type: 'remove' });
      for (const name of (self.caches ? await caches.keys() : [])) if (name.startsWith(PREFIX)) await caches.delete(name);
      const mine = sw && await sw.getRegistration();  // this folder's only: other sites of the origin keep theirs
      if (mine) await mine.unregister();
      registration = null;
      report();
    },
    // The Data panel's "Keep for offline use": the worker is registered again (the data set in use
    // is kept as it downloads; main.js hands over those already in).
    async keep(files) {
      wanted = true;
      taking = true;  // the worker registered again takes this page over: no update to offer
      write('localStorage', OFF, null);
      await register();
      report();
      if (files && files.length) await this.dataIn(files);
    },
  };
})();
