// Page glue: fetch the data, start the wasm module, expose window.playground.
'use strict';
(function () {
  const DATA = ['mnist-train-images.idx', 'mnist-train-labels.idx', 'mnist-test-images.idx', 'mnist-test-labels.idx'];
  const loading = document.getElementById('loading');
  const live = document.getElementById('live');
  const fail = (msg) => { loading.textContent = msg; loading.classList.add('error'); loading.style.display = 'flex'; };

  let resolveReady, rejectReady;
  const ready = new Promise((res, rej) => { resolveReady = res; rejectReady = rej; });
  let mod = null;
  const call = (name, ret, args, vals) => mod.ccall(name, ret, args || [], vals || []);
  const state = () => JSON.parse(call('dlp_state_json', 'string'));

  window.playground = {
    ready,
    get frames() { return mod ? call('dlp_frames', 'number') : 0; },
    state,
    padRect() { return state().padRect; },
    drawn() { const s = state(); return { pixels: s.drawn, probabilities: s.probs, blank: s.drawnBlank }; },
    clearPad() { call('dlp_clear_pad', null); },
    async train(steps) { const loss = call('dlp_train_steps', 'number', ['number'], [steps | 0]); return { loss, accuracy: state().testAccuracy }; },
    async evaluate() { const accuracy = call('dlp_evaluate', 'number'); return { accuracy }; },
    weightsHash() { return state().weightsHash; },
  };

  const canvas = document.getElementById('canvas');
  canvas.addEventListener('webglcontextlost', (e) => { e.preventDefault(); fail('The graphics context was lost; reload the page.'); });

  Promise.all(DATA.map((f) => fetch('assets/' + f).then((r) => {
    if (!r.ok) throw new Error('assets/' + f + ': HTTP ' + r.status);
    return r.arrayBuffer();
  }))).then((buffers) => createPlayground({
    canvas,
    print: (t) => console.log(t),
    printErr: (t) => console.warn(t),
    onFatal: fail,
    preRun: [(m) => {
      m.FS.mkdir('/data');
      DATA.forEach((f, i) => m.FS.writeFile('/data/' + f, new Uint8Array(buffers[i])));
    }],
  })).then((m) => {
    mod = m;
    // Resolve once the first frame is drawn.
    const wait = () => {
      if (call('dlp_frames', 'number') > 0) {
        loading.style.display = 'none';
        canvas.focus();
        resolveReady(window.playground);
      } else requestAnimationFrame(wait);
    };
    wait();
    let lastAria = '';
    setInterval(() => {
      const a = state().aria;
      if (a !== lastAria) { live.textContent = a; lastAria = a; }
    }, 1000);
  }).catch((e) => { fail('The playground could not start: ' + e.message); rejectReady(e); });
})();
