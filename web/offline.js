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
  const sw = 'serviceWorker' in navigator && window.isSecureContext ? navigator.serviceWorker : null;
  const embedded = window.parent !== window;
  const OFF = 'dlp.offline.v1';
  const RELOADED = 'dlp.isolation-reload.v1';
  const read = (store, key) => { try { return store.getItem(key); } catch (e) { return null; } };
  const write = (store, key, value) => { try { if (value === null) store.removeItem(key); else store.setItem(key, value); } catch (e) { /* kept for this visit */ } };
  let wanted = read(localStorage, OFF) !== 'off';
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
    return read(sessionStorage, RELOADED) ? 'refused' : 'first-load';
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
    if (self.crossOriginIsolated || embedded || !sw || !wanted || read(sessionStorage, RELOADED)) {
      if (self.crossOriginIsolated) write(sessionStorage, RELOADED, null);
      start();
      return;
    }
    let started = false;
    const startOnce = () => { if (!started) { started = true; start(); } };
    const timer = setTimeout(startOnce, 20000);
    const reload = () => {
      if (started) return;  // too late: the student has the page already (isolated at the next visit)
      clearTimeout(timer);
      write(sessionStorage, RELOADED, '1');
      location.reload();
    };
    if (sw.controller) { reload(); return; }  // the worker runs the page but sent no headers: a reload that was lost
    sw.addEventListener('controllerchange', reload, { once: true });
    register().then((r) => { if (!r) { clearTimeout(timer); startOnce(); } });
  }

  // A new build: its worker installed and waits. The note offers to reload into it now (the work is
  // kept: the page saves its session as it is left); else it takes over once no page runs the old build.
  function watchUpdates(r) {
    if (!r) return;  // a page going away as it registered (the first visit's reload)
    const waiting = () => { if (r.waiting && sw.controller) offerUpdate(r.waiting); };
    const follow = (w) => { if (w) w.addEventListener('statechange', () => { if (w.state === 'installed') waiting(); }); };
    waiting();
    follow(r.installing);  // found by the browser as the page loaded, before this listened
    r.addEventListener('updatefound', () => follow(r.installing));
  }
  let note = null;
  function offerUpdate(worker) {
    if (note) return;
    note = document.createElement('div');
    note.id = 'update';
    note.setAttribute('role', 'status');
    const text = document.createElement('span');
    text.textContent = 'A new version of the playground is ready.';
    const now = document.createElement('button');
    now.textContent = 'Reload now';
    const later = document.createElement('button');
    later.textContent = 'Later';
    note.append(text, now, later);
    document.body.append(note);
    later.onclick = () => { note.hidden = true; };
    now.onclick = () => {
      now.disabled = true;
      sw.addEventListener('controllerchange', () => location.reload(), { once: true });
      worker.postMessage({ type: 'take-over' });
    };
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
      if (!sw || !wanted || sw.controller || !self.caches) return;
      const copy = buffer.slice(0);  // now: the page may hand the buffer on (transferred) before the cache opens
      caches.open('dlp-staged').then((c) => c.put(new URL('assets/' + file, location.href).href, new Response(copy))).catch(() => {});
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
      if (!(await register())) return;
      if (!sw.controller) await new Promise((done) => { sw.addEventListener('controllerchange', done, { once: true }); setTimeout(done, 30000); });
      await ask({ type: 'keep-data', files });
      report();
    },
    // The Data panel's Remove: every cache goes, the worker too, and none is registered again until
    // keep() (the choice is kept in this browser).
    async remove() {
      wanted = false;
      write(localStorage, OFF, 'off');
      await ask({ type: 'remove' });
      for (const name of (self.caches ? await caches.keys() : [])) if (name.startsWith('dlp-')) await caches.delete(name);
      if (sw) for (const r of await sw.getRegistrations()) await r.unregister();
      registration = null;
      report();
    },
    // The Data panel's "Keep for offline use": the worker is registered again (the data set in use
    // is kept as it downloads; main.js hands over those already in).
    async keep(files) {
      wanted = true;
      write(localStorage, OFF, null);
      await register();
      report();
      if (files && files.length) await this.dataIn(files);
    },
  };
})();
