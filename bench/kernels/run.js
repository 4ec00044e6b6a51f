// Runs dlp-bench once the wasm is ready, on the page's thread or with ?worker in a Web Worker (where
// the playground trains): its kernel tables, with ?ceiling only the SIMD128 ceiling, or with
// ?models its models (the MNIST files listed in data/files.json fetched into the wasm file system first). The output lines
// are collected for bench/kernels.mjs and bench/peers.mjs.
window.benchLines = [];
const query = new URLSearchParams(location.search);

async function benchArgs() {
  const args = query.has('quick') ? ['--quick'] : [];
  const files = [];
  if (query.has('ceiling')) return { args: args.concat(['--ceiling-only']), files };
  if (!query.has('models')) return { args: args.concat(['--kernels-only']), files };
  for (const f of await (await fetch('data/files.json')).json()) {  // written by copyBenchPage
    const r = await fetch(`data/${f}`);
    if (!r.ok) throw new Error(`data/${f}: HTTP ${r.status}`);
    files.push([f, new Uint8Array(await r.arrayBuffer())]);
  }
  return { args: args.concat(['--data-dir', '/data', '--models-only']), files };
}

if (query.has('worker')) {
  const worker = new Worker('worker.js');
  worker.onmessage = async (e) => {
    if (e.data.line !== undefined) window.benchLines.push(e.data.line);
    if (e.data.ready) worker.postMessage(await benchArgs());
    if (e.data.done) window.benchDone = true;
  };
} else {
  window.Module = {
    print: (line) => window.benchLines.push(line),
    printErr: (line) => window.benchLines.push(line),
    onRuntimeInitialized() {
      // A moment for the page to settle, then the benchmark (it blocks the page while it runs).
      setTimeout(async () => {
        const { args, files } = await benchArgs();
        if (files.length) window.Module.FS.mkdir('/data');
        for (const [name, bytes] of files) window.Module.FS.writeFile(`/data/${name}`, bytes);
        window.Module.callMain(args);
        window.benchDone = true;
      }, 200);
    },
  };
  const script = document.createElement('script');
  script.src = 'dlp-bench-web.js';
  document.head.appendChild(script);
}
