// run.js's benchmark inside a Web Worker: the arguments and files come in a message, the output
// lines go back one by one.
self.Module = {
  print: (line) => postMessage({ line }),
  printErr: (line) => postMessage({ line }),
  onRuntimeInitialized() {
    onmessage = (e) => {
      if (e.data.files.length) Module.FS.mkdir('/data');
      for (const [name, bytes] of e.data.files) Module.FS.writeFile(`/data/${name}`, bytes);
      Module.callMain(e.data.args);
      postMessage({ done: true });
    };
    postMessage({ ready: true });
  },
};
importScripts('dlp-bench-web.js');
