// The playground's embedding kit for course pages on any site. Load it from the playground's own
// address; it puts demos in iframes and talks to them (postMessage, handled in main.js):
//
//   <div id="demo"></div>
//   <script src="https://PLAYGROUND/embed.js"></script>
//   <script>
//     const demo = DLPlayground.embed('#demo', { link: 'https://PLAYGROUND/#v1&model=lenet&panels=6', autoHeight: true });
//     demo.on('steps', (s) => { if (s.testAccuracy >= 0.95) showNextSection(); });
//     demo.ready.then(() => demo.train(200)).then(({ loss, accuracy }) => ...);
//   </script>
//
// DLPlayground.embed(target, options) -> Demo. target: an element or a selector; options:
//   link        the demo's link (Copy link in the playground); default: the playground, fresh
//   id          a name for the demo's saved work (default: from its link): two demos on a page keep theirs apart
//   autoHeight  the iframe's height follows the demo's content (default false: `height`)
//   width, height, title   the iframe's (default 100%, 640 px, "Deep-learning playground")
// DLPlayground.attach(iframe) -> Demo, for an iframe already on the page.
//
// A Demo's calls return Promises (rejected with the playground's message on bad input):
//   ready                            resolves once the demo has loaded and drawn, or started out of view (to the Demo)
//   state()                          steps, loss, testAccuracy, training, lesson, lessonsDone, probs, ...
//   load(link)                       opens a link (or {model: 'lenet', lr: 0.05, steps: 100, ...}); after its replay
//   train(n)                         n more steps -> {loss, accuracy}
//   evaluate()                       the whole test set -> {accuracy}
//   classify(pixels)                 784 values (0..255 or 0..1) -> ten probabilities
//   link(), weightsHash(), drawn(), clearPad(), panels(names), seek(step), saveSession()
// Events, demo.on(name, fn) (and demo.off): 'training-started', 'training-paused' and 'steps'
// ({steps, loss, testAccuracy}), 'lesson-completed' ({lesson}), 'prediction' ({digit,
// probabilities}: the pad's drawing), 'height' ({height}, with autoHeight).
(function () {
  'use strict';
  const script = document.currentScript;
  const home = script ? new URL('.', script.src).href : location.href;
  const METHODS = ['state', 'load', 'train', 'evaluate', 'classify', 'link', 'weightsHash', 'drawn', 'clearPad', 'panels', 'seek', 'saveSession'];

  class Demo {
    constructor(iframe, { autoHeight = false } = {}) {
      this.iframe = iframe;
      this.origin = new URL(iframe.src, location.href).origin;
      this.pending = new Map();
      this.listeners = new Map();
      this.next = 1;
      window.addEventListener('message', (e) => this.receive(e));
      for (const m of METHODS) this[m] = (...args) => this.call(m, args);
      // The playground answers calls once it is ready: the first answer says it is.
      const loaded = new Promise((ok) => {
        if (iframe.contentDocument && iframe.contentDocument.readyState === 'complete' && iframe.contentWindow.location.href !== 'about:blank') ok();
        iframe.addEventListener('load', () => ok(), { once: true });
      });
      // attach() may meet an iframe that has loaded already, and a cross-origin one hides its
      // document: ask every half second until the playground answers, too.
      let answered = false;
      const probe = new Promise((ok) => {
        const ask = () => {
          if (answered) return;
          const id = this.next++;
          this.pending.set(id, { ok: () => { answered = true; ok(); }, fail: () => {} });
          try { iframe.contentWindow.postMessage({ id, method: 'state', args: [] }, this.origin); } catch (e) { /* not there yet */ }
          setTimeout(() => { this.pending.delete(id); ask(); }, 500);
        };
        ask();
      });
      this.ready = Promise.race([loaded.then(() => this.call('state', [])), probe]).then(() => { answered = true; return this; });
      if (autoHeight) this.ready.then(() => this.call('autoHeight', []));
    }
    call(method, args) {
      const id = this.next++;
      return new Promise((ok, fail) => {
        this.pending.set(id, { ok, fail });
        this.iframe.contentWindow.postMessage({ id, method, args: args || [] }, this.origin);
      });
    }
    receive(e) {
      if (e.source !== this.iframe.contentWindow || e.origin !== this.origin) return;
      const m = e.data;
      if (!m || typeof m !== 'object') return;
      if (m.id && this.pending.has(m.id)) {
        const p = this.pending.get(m.id);
        this.pending.delete(m.id);
        if ('error' in m) p.fail(new Error(m.error)); else p.ok(m.result);
      } else if (m.dlp === 'event') this.emit(m.event, m.detail);
      else if (m.dlp === 'height' && m.height > 0) {
        this.iframe.style.height = m.height + 'px';
        this.emit('height', { height: m.height });
      }
    }
    on(name, fn) { (this.listeners.get(name) || this.listeners.set(name, new Set()).get(name)).add(fn); return this; }
    off(name, fn) { this.listeners.get(name)?.delete(fn); return this; }
    emit(name, detail) { for (const fn of this.listeners.get(name) || []) { try { fn(detail); } catch (err) { console.error(err); } } }
  }

  function embed(target, options = {}) {
    const el = typeof target === 'string' ? document.querySelector(target) : target;
    if (!el) throw new Error(`DLPlayground.embed: no element ${target}`);
    const url = new URL(options.link || home, home);
    const id = options.id || '';
    if (id) url.searchParams.set('embed', id);
    const iframe = document.createElement('iframe');
    iframe.src = url.href;
    iframe.title = options.title || 'Deep-learning playground';
    iframe.allow = 'clipboard-write';
    iframe.style.border = '0';
    iframe.style.width = options.width ? options.width + (typeof options.width === 'number' ? 'px' : '') : '100%';
    iframe.style.height = (options.height || 640) + 'px';
    el.appendChild(iframe);
    return new Demo(iframe, options);
  }

  // METHODS: what a course page may call, which the playground's page answers (main.js reads it here).
  window.DLPlayground = { embed, attach: (iframe, options) => new Demo(iframe, options), Demo, METHODS };
})();
