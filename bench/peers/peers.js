// The playground's peers, trained on the same data with the same settings as the playground's
// benchmark: MNIST (the first 10,000 of the standard 60,000 training digits: 250 steps of 32 use
// 8,000; the standard 10,000 test digits), (C-128)/128, batch 32, float32, and the optimizer the
// engine's row ran: SGD (with momentum or not) or Adam (beta 0.9 / 0.999, eps 1e-8).
// ?lib=tfjs-wasm | tfjs-cpu | convnetjs | jax  &model=mlp | lenet  &opt=sgd | adam  &lr=0.05  &mom=0
// Results land in window.result.
'use strict';
const params = new URLSearchParams(location.search);
const LIB = params.get('lib'), MODEL = params.get('model'), EPOCH_STEPS = +(params.get('epochSteps') || 250);
const OPT = params.get('opt') || 'sgd', LR = +(params.get('lr') || 0.05), MOM = +(params.get('mom') || 0);
// jax-js harness variants (bench/jax_harness.mjs): 'shape' builds each batch with its shape (no
// reshape op), 'nosync' waits for the device only at the end of the timed span.
const JAXV = params.get('jaxv') || '';
// full=0: training speed only (no epoch finished for the accuracy, no inference timing).
const FULL = params.get('full') !== '0';

async function idx(name) {
  const b = new Uint8Array(await (await fetch('assets/' + name)).arrayBuffer());
  const nd = b[3], dims = [];
  for (let i = 0; i < nd; i++) dims.push((b[4 + 4 * i] << 24) | (b[5 + 4 * i] << 16) | (b[6 + 4 * i] << 8) | b[7 + 4 * i]);
  return { dims, data: b.subarray(4 + 4 * nd) };
}
async function mnist() {
  const [tx, ty, vx, vy] = await Promise.all(['train-images', 'train-labels', 'test-images', 'test-labels'].map((k) => idx(`mnist-${k}.idx`)));
  const norm = (u8) => Float32Array.from(u8, (c) => (c - 128) / 128);
  const nTrain = Math.min(10000, ty.dims[0]);
  return { trainX: norm(tx.data.subarray(0, nTrain * 784)), trainY: ty.data.subarray(0, nTrain), testX: norm(vx.data), testY: vy.data, nTrain, nTest: vy.dims[0] };
}
// The same shuffled order for everyone: a small LCG, seeded.
function order(n, seed) {
  const o = Uint32Array.from({ length: n }, (_, i) => i);
  let s = seed >>> 0;
  for (let i = n - 1; i > 0; i--) { s = (Math.imul(s, 1664525) + 1013904223) >>> 0; const j = s % (i + 1); [o[i], o[j]] = [o[j], o[i]]; }
  return o;
}
// Everyone's inference code gets a second of warm-up at each batch size before it is timed
// (a wasm engine's optimizing tier compiles hot code in the background meanwhile).
async function warmInference(infer) {
  for (const b of [1, 256]) { const t = performance.now(); while (performance.now() - t < 500) await infer(b); }
}
const median = (a) => { const s = [...a].sort((x, y) => x - y); return s[Math.floor(s.length / 2)]; };

// ---- TensorFlow.js (ops API, so the same math as ours) ----
// The wasm backend has no Conv2DBackpropFilter kernel: the filter gradient is computed with the
// backend's own Pad, Transpose and Conv2D (dW is a convolution of the input with dy).
function filterGrad(x, dy, [kh, kw]) {
  const p = (kh - 1) / 2, q = (kw - 1) / 2;
  const xt = tf.transpose(tf.pad(x, [[0, 0], [p, p], [q, q], [0, 0]]), [3, 1, 2, 0]);  // (cin, H+2p, W+2q, B)
  const dyt = tf.transpose(dy, [1, 2, 0, 3]);                                           // (OH, OW, B, cout)
  return tf.transpose(tf.conv2d(xt, dyt, 1, 'valid'), [1, 2, 0, 3]);                   // (kh, kw, cin, cout)
}
const convSame = tf.customGrad((x, w, save) => {
  save([x, w]);
  return { value: tf.conv2d(x, w, 1, 'same'), gradFunc: (dy, [x, w]) => [tf.conv2dTranspose(dy, w, x.shape, 1, 'same'), filterGrad(x, dy, w.shape)] };
});

function tfModel(kind) {
  const he = (shape, fanIn) => tf.variable(tf.randomNormal(shape, 0, Math.sqrt(2 / fanIn), 'float32', 1));
  if (kind === 'mlp') {
    const w1 = he([784, 256], 784), b1 = tf.variable(tf.zeros([256])), w2 = he([256, 10], 256), b2 = tf.variable(tf.zeros([10]));
    return (x) => tf.add(tf.matMul(tf.relu(tf.add(tf.matMul(x, w1), b1)), w2), b2);
  }
  const c1 = he([5, 5, 1, 8], 25), d1 = tf.variable(tf.zeros([8])), c2 = he([5, 5, 8, 16], 200), d2 = tf.variable(tf.zeros([16]));
  const w = he([784, 10], 784), b = tf.variable(tf.zeros([10]));
  return (x) => {
    let h = tf.reshape(x, [-1, 28, 28, 1]);
    h = tf.maxPool(tf.relu(tf.add(convSame(h, c1), d1)), 2, 2, 'valid');
    h = tf.maxPool(tf.relu(tf.add(convSame(h, c2), d2)), 2, 2, 'valid');
    return tf.add(tf.matMul(tf.reshape(h, [-1, 784]), w), b);
  };
}

async function runTf(data, backend, threads) {
  // One thread unless asked for more; more threads need a cross-origin isolated page
  // (SharedArrayBuffer), which the benchmark server provides with COOP/COEP headers.
  if (backend === 'wasm') { tf.wasm.setWasmPaths('tfjs/'); tf.wasm.setThreadsCount(threads); }
  await tf.setBackend(backend);
  await tf.ready();
  const usedThreads = backend === 'wasm' ? tf.wasm.getThreadsCount() : 1;
  const opt = OPT === 'adam' ? tf.train.adam(LR, 0.9, 0.999, 1e-8) : MOM > 0 ? tf.train.momentum(LR, MOM) : tf.train.sgd(LR);
  const f = tfModel(MODEL), ord = order(data.nTrain, 1);
  let cursor = 0;
  const step = () => {
    const xb = new Float32Array(32 * 784), yb = new Int32Array(32);
    for (let i = 0; i < 32; i++) { const k = ord[cursor++ % data.nTrain]; xb.set(data.trainX.subarray(k * 784, k * 784 + 784), i * 784); yb[i] = data.trainY[k]; }
    tf.tidy(() => {
      const x = tf.tensor2d(xb, [32, 784]), y = tf.oneHot(tf.tensor1d(yb, 'int32'), 10);
      opt.minimize(() => tf.losses.softmaxCrossEntropy(y, f(x)));
    });
  };
  for (let i = 0; i < 5; i++) step();
  await tf.ready();
  let n = 0; const t0 = performance.now();
  while (performance.now() - t0 < 3000 || n < 10) { step(); n++; }
  const trainRate = (n * 32) / ((performance.now() - t0) / 1000);
  if (!FULL) return { trainRate, threads: usedThreads };
  for (; cursor < EPOCH_STEPS * 32;) step();  // finish one epoch for the accuracy check
  const infer = (b) => tf.tidy(() => f(tf.tensor2d(data.testX.subarray(0, b * 784), [b, 784])).dataSync());
  await warmInference((b) => infer(b));
  const one = [];
  for (let i = 0; i < 50; i++) { const t = performance.now(); infer(1); one.push(performance.now() - t); }
  const t1 = performance.now(); for (let i = 0; i < 5; i++) infer(256);
  const batchRate = (5 * 256) / ((performance.now() - t1) / 1000);
  let correct = 0;
  for (let s = 0; s < data.nTest; s += 256) {
    const b = Math.min(256, data.nTest - s);
    const z = tf.tidy(() => f(tf.tensor2d(data.testX.subarray(s * 784, (s + b) * 784), [b, 784])).argMax(1).dataSync());
    for (let i = 0; i < b; i++) correct += z[i] === data.testY[s + i];
  }
  return { trainRate, batch1Ms: median(one), batchRate, accuracy: correct / data.nTest, threads: usedThreads };
}

// ---- ConvNetJS ----
async function runConvnet(data) {
  const layers = MODEL === 'mlp'
    ? [{ type: 'input', out_sx: 28, out_sy: 28, out_depth: 1 }, { type: 'fc', num_neurons: 256, activation: 'relu' }, { type: 'softmax', num_classes: 10 }]
    : [{ type: 'input', out_sx: 28, out_sy: 28, out_depth: 1 },
       { type: 'conv', sx: 5, filters: 8, stride: 1, pad: 2, activation: 'relu' }, { type: 'pool', sx: 2, stride: 2 },
       { type: 'conv', sx: 5, filters: 16, stride: 1, pad: 2, activation: 'relu' }, { type: 'pool', sx: 2, stride: 2 },
       { type: 'softmax', num_classes: 10 }];
  const net = new convnetjs.Net();
  net.makeLayers(layers);
  const trainer = new convnetjs.Trainer(net, OPT === 'adam'
    ? { method: 'adam', learning_rate: LR, batch_size: 32, beta1: 0.9, beta2: 0.999, eps: 1e-8, l2_decay: 0 }
    : { method: 'sgd', learning_rate: LR, batch_size: 32, momentum: MOM, l2_decay: 0 });
  const vol = (X, k) => { const v = new convnetjs.Vol(28, 28, 1, 0); v.w.set(X.subarray(k * 784, k * 784 + 784)); return v; };
  const ord = order(data.nTrain, 1);
  let cursor = 0;
  const example = () => { const k = ord[cursor++ % data.nTrain]; trainer.train(vol(data.trainX, k), data.trainY[k]); };
  for (let i = 0; i < 64; i++) example();
  let n = 0; const t0 = performance.now();
  while (performance.now() - t0 < 3000 || n < 64) { example(); n++; }
  const trainRate = n / ((performance.now() - t0) / 1000);
  if (!FULL) return { trainRate };
  while (cursor < EPOCH_STEPS * 32) example();
  const one = [];
  for (let i = 0; i < 50; i++) { const v = vol(data.testX, i); const t = performance.now(); net.forward(v); one.push(performance.now() - t); }
  await warmInference((b) => { for (let i = 0; i < b; i++) net.forward(vol(data.testX, i)); });
  const t1 = performance.now(); for (let i = 0; i < 256; i++) net.forward(vol(data.testX, i));
  const batchRate = 256 / ((performance.now() - t1) / 1000);
  let correct = 0;
  for (let i = 0; i < data.nTest; i++) correct += net.forward(vol(data.testX, i)) && net.getPrediction() === data.testY[i];
  return { trainRate, batch1Ms: median(one), batchRate, accuracy: correct / data.nTest };
}

// ---- jax-js (jit + valueAndGrad, the wasm device; it runs its kernels on a pool of workers when
// the page has SharedArrayBuffer, i.e. is cross-origin isolated, and on the page's thread if not) ----
async function runJax(data) {
  const jax = await import('./jaxjs/index.js');
  const { numpy: np, nn, lax, random, jit, valueAndGrad, tree } = jax;
  await jax.init('wasm');
  jax.defaultDevice('wasm');
  const lr = LR, B = 32;
  let key = random.key(1);
  const he = (shape, fanIn) => {
    const [a, b] = random.split(key);
    key = a;
    return random.normal(b, shape).mul(Math.sqrt(2 / fanIn));
  };
  // Each array is used once per call (jax-js owns its arguments: .ref for a second use).
  let params, forward;
  if (MODEL === 'mlp') {
    params = { w1: he([784, 256], 784), b1: np.zeros([256]), w2: he([256, 10], 256), b2: np.zeros([10]) };
    forward = (p, x) => np.matmul(nn.relu(np.matmul(x, p.w1).add(p.b1)), p.w2).add(p.b2);
  } else {
    params = { c1: he([8, 1, 5, 5], 25), d1: np.zeros([1, 8, 1, 1]), c2: he([16, 8, 5, 5], 200), d2: np.zeros([1, 16, 1, 1]),
               w: he([784, 10], 784), b: np.zeros([10]) };
    const pool = (h) => lax.reduceWindow(h, (w) => np.max(w), [2, 2], [2, 2]);
    forward = (p, x) => {
      let h = x.reshape([-1, 1, 28, 28]);
      h = pool(nn.relu(lax.conv(h, p.c1, [1, 1], 'SAME').add(p.d1)));
      h = pool(nn.relu(lax.conv(h, p.c2, [1, 1], 'SAME').add(p.d2)));
      return np.matmul(h.reshape([-1, 784]), p.w).add(p.b);
    };
  }
  const loss = (p, x, y) => nn.logSoftmax(forward(p, x), -1).mul(y).sum().mul(-1 / B);
  // The optimizer's state is a tree like the parameters': SGD with momentum keeps a velocity
  // (v = mom v + g; w -= lr v, as the engine and PyTorch), Adam two moments and the step count
  // (bias-corrected in the step, from t passed in).
  const zeros = (p) => tree.map((w) => np.zerosLike(w), tree.ref(p));
  let state = OPT === 'adam' ? { m: zeros(params), v: zeros(params) } : MOM > 0 ? { v: zeros(params) } : {};
  const sgd = jit((p, x, y) => {
    const [l, g] = valueAndGrad(loss)(tree.ref(p), x, y);
    l.dispose();
    return [tree.map((w, d) => w.sub(d.mul(lr)), p, g), {}];
  });
  const momentum = jit((p, s, x, y) => {
    const [l, g] = valueAndGrad(loss)(tree.ref(p), x, y);
    l.dispose();
    const v = tree.map((v, d) => v.mul(MOM).add(d), s.v, g);
    return [tree.map((w, v) => w.sub(v.mul(lr)), p, tree.ref(v)), { v }];
  });
  const adam = jit((p, s, x, y, c1, c2) => {
    const [l, g] = valueAndGrad(loss)(tree.ref(p), x, y);
    l.dispose();
    const m = tree.map((m, d) => m.mul(0.9).add(d.mul(0.1)), s.m, tree.ref(g));
    const v = tree.map((v, d) => v.mul(0.999).add(d.ref.mul(d).mul(0.001)), s.v, g);
    const w = tree.map((w, m, v) => w.sub(m.mul(c1.ref).div(np.sqrt(v.mul(c2.ref)).add(1e-8))), p, tree.ref(m), tree.ref(v));
    c1.dispose();
    c2.dispose();
    return [w, { m, v }];
  });
  let t = 0;
  const step = (p, x, y) => {
    t++;
    const [w, s] = OPT === 'adam' ? adam(p, state, x, y, np.array(lr / (1 - 0.9 ** t)), np.array(1 / (1 - 0.999 ** t)))
      : MOM > 0 ? momentum(p, state, x, y) : sgd(p, x, y);
    state = s;
    return w;
  };
  const predict = jit((p, x) => forward(p, x));
  const ord = order(data.nTrain, 1);
  let cursor = 0;
  const train = async () => {
    const xb = new Float32Array(B * 784), yb = new Float32Array(B * 10);
    for (let i = 0; i < B; i++) { const k = ord[cursor++ % data.nTrain]; xb.set(data.trainX.subarray(k * 784, k * 784 + 784), i * 784); yb[i * 10 + data.trainY[k]] = 1; }
    params = JAXV.includes('shape') ? step(params, np.array(xb, { shape: [B, 784] }), np.array(yb, { shape: [B, 10] }))
      : step(params, np.array(xb).reshape([B, 784]), np.array(yb).reshape([B, 10]));
  };
  const sync = () => jax.blockUntilReady(params);  // does not consume
  for (let i = 0; i < 5; i++) await train();
  await sync();
  // As for the others: warm up for two seconds, then time about three.
  let t0 = performance.now();
  while (performance.now() - t0 < 2000) { await train(); await sync(); }
  let n = 0; t0 = performance.now();
  while (performance.now() - t0 < 3000 || n < 10) { await train(); n++; if (!JAXV.includes('nosync') && n % 10 === 0) await sync(); }
  await sync();
  const trainRate = (n * 32) / ((performance.now() - t0) / 1000);
  if (!FULL) return { trainRate, threads: typeof SharedArrayBuffer !== 'undefined' ? 'pool' : 1 };
  while (cursor < EPOCH_STEPS * 32) await train();
  const infer = async (s, b) => predict(tree.ref(params), np.array(data.testX.subarray(s * 784, (s + b) * 784)).reshape([b, 784])).data();
  await warmInference((b) => infer(0, b));
  const one = [];
  for (let i = 0; i < 50; i++) { const t = performance.now(); await infer(i, 1); one.push(performance.now() - t); }
  const t1 = performance.now(); for (let i = 0; i < 5; i++) await infer(0, 256);
  const batchRate = (5 * 256) / ((performance.now() - t1) / 1000);
  let correct = 0;
  for (let s = 0; s < data.nTest; s += 256) {
    const b = Math.min(256, data.nTest - s), z = await infer(s, b);
    for (let i = 0; i < b; i++) {
      let best = 0;
      for (let c = 1; c < 10; c++) if (z[i * 10 + c] > z[i * 10 + best]) best = c;
      correct += best === data.testY[s + i];
    }
  }
  return { trainRate, batch1Ms: median(one), batchRate, accuracy: correct / data.nTest, threads: typeof SharedArrayBuffer !== 'undefined' ? 'pool' : 1 };
}

window.result = (async () => {
  const data = await mnist();
  const r = LIB === 'jax' ? await runJax(data) : LIB === 'convnetjs' ? await runConvnet(data)
    : await runTf(data, LIB.startsWith('tfjs-wasm') ? 'wasm' : 'cpu', LIB === 'tfjs-wasm-threads' ? navigator.hardwareConcurrency : 1);
  r.isolated = self.crossOriginIsolated;
  document.getElementById('out').textContent = JSON.stringify(r);
  return r;
})().catch((e) => ({ error: String(e && e.message || e) }));
