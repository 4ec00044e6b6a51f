// The training worker (src/session/worker_channel.h): the engine-only module trains the page's run
// here, off the page's thread, and posts its progress back after each slice of about 100 ms.
// Started by main.js as new Worker('train_worker.js', {name}); name 'mt:N' asks for N engine
// threads (the threaded build; a cross-origin isolated page only), 'st' for one.
'use strict';
const threads = self.name.startsWith('mt:') ? Math.max(1, parseInt(self.name.slice(3), 10) || 1) : 1;
const script = threads > 1 ? 'dlp-worker-mt.js' : 'dlp-worker.js';
importScripts('bytes.js', script);

const SLICE_MS = 100;
let mod = null;
const early = [];
let scheduled = false;
// A macrotask without setTimeout's clamp, so the page's messages are read between slices.
const channel = new MessageChannel();
channel.port1.onmessage = () => { scheduled = false; slice(); };
function schedule(ms) {
  if (scheduled) return;
  scheduled = true;
  if (ms > 0) setTimeout(() => channel.port2.postMessage(0), ms);
  else channel.port2.postMessage(0);
}

const withBytes = (bytes, fn) => copyIntoModule(mod, bytes, fn);  // bytes.js

// Buffers the page gave back after reading an update ('spare'): an update carries the whole
// training state (the MLP's is 5.7 MB), and a new buffer for each cost 25 ms of the worker's time
// in page faults, a third of the MLP's training time; refilling one costs under 1 ms.
const spare = [];

function slice() {
  const n = mod._dlp_w_run(SLICE_MS);
  if (n > 0) {
    let buffer = spare.pop();
    if (!buffer || buffer.byteLength < n) buffer = new ArrayBuffer(Math.ceil(n * 1.25));  // room for the curves to grow
    const out = new Uint8Array(buffer, 0, n);
    out.set(mod.HEAPU8.subarray(mod._dlp_w_out(), mod._dlp_w_out() + n));
    postMessage({ type: 'update', bytes: out }, [buffer]);
  }
  // Waiting for the next step's examples: look again when more may have arrived.
  if (mod._dlp_w_running()) schedule(mod._dlp_w_waiting() ? 50 : 0);
}

function handle(m) {
  switch (m.type) {
    case 'catalog': {
      const err = mod.ccall('dlp_w_init', 'string', ['string', 'number'], [m.text, threads]);
      if (err) console.warn('training worker: ' + err);
      postMessage({ type: 'ready', threads: mod._dlp_w_threads() });
      break;
    }
    case 'spare':
      if (m.buffer instanceof ArrayBuffer && spare.length < 2) spare.push(m.buffer);
      break;
    case 'open':
      mod.ccall('dlp_w_open', null, ['string'], [m.name]);
      break;
    case 'chunk':
      withBytes(m.bytes, (p) => mod.ccall('dlp_w_chunk', 'number', ['string', 'string', 'number', 'number', 'number'],
        [m.name, m.split, m.index, p, m.bytes.byteLength]));
      if (mod._dlp_w_running()) schedule(0);
      break;
    case 'msg':
      withBytes(m.bytes, (p) => mod._dlp_w_receive(p, m.bytes.byteLength));
      schedule(0);  // a Start trains now; a failed one is said in the next slice
      break;
    default:
      break;
  }
}

self.onmessage = (e) => (mod ? handle(e.data) : early.push(e.data));
// A sign of life each second, between slices: the page's watchdog (main.js) counts a worker that
// stops answering (closed, or hung in a loop; a trap arrives as an error event) as lost.
setInterval(() => postMessage({ type: 'alive' }), 1000);
const base = self.location.href.replace(/[^/]*$/, '');
createTrainingWorker({
  enginePool: threads - 1,  // the threads besides this one, started with the module
  mainScriptUrlOrBlob: base + script,
  locateFile: (path) => base + path,
  print: (t) => console.log(t),
  printErr: (t) => console.warn(t),
}).then((m) => {
  mod = m;
  early.splice(0).forEach(handle);
}, (e) => postMessage({ type: 'failed', message: String(e && e.message || e) }));
