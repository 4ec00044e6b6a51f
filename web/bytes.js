// Small helpers the page's scripts share: the page (main.js, offline.js), its training worker
// (train_worker.js) and its service worker (sw.js) all load this file.

// Copies bytes (a Uint8Array or an ArrayBuffer) into a wasm module's memory for the length of one
// call: fn gets the address, the copy is freed after.
function copyIntoModule(mod, bytes, fn) {
  const p = mod._malloc(Math.max(1, bytes.byteLength));
  mod.HEAPU8.set(new Uint8Array(bytes.buffer || bytes, bytes.byteOffset || 0, bytes.byteLength), p);
  try { return fn(p); } finally { mod._free(p); }
}

// A short hash of a string, for names of the page's keys and caches (FNV-1a, 32 bits, hex).
function fnv1a(s) {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193) >>> 0;
  return h.toString(16);
}
