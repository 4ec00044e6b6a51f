// Copies bytes (a Uint8Array or an ArrayBuffer) into a wasm module's memory for the length of one
// call: fn gets the address, the copy is freed after. The page (main.js) and its training worker
// (train_worker.js) both load this file.
function copyIntoModule(mod, bytes, fn) {
  const p = mod._malloc(Math.max(1, bytes.byteLength));
  mod.HEAPU8.set(new Uint8Array(bytes.buffer || bytes, bytes.byteOffset || 0, bytes.byteLength), p);
  try { return fn(p); } finally { mod._free(p); }
}
