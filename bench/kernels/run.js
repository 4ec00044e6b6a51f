// Runs dlp-bench's kernel tables in the page once the wasm is ready; the output lines are
// collected for bench/kernels.mjs (which prints them).
window.benchLines = [];
window.Module = {
  print: (line) => window.benchLines.push(line),
  printErr: (line) => window.benchLines.push(line),
  onRuntimeInitialized() {
    // A moment for the page to settle, then the benchmark (it blocks the page while it runs).
    setTimeout(() => {
      const args = ['--kernels-only'].concat(new URLSearchParams(location.search).has('quick') ? ['--quick'] : []);
      window.Module.callMain(args);
      window.benchDone = true;
    }, 200);
  },
};
