// Writes tests/fixtures/drawn_digits.json: 210 digits as pen strokes on the Draw panel's pad (0..1,
// y down), 21 of each, in the styles hands write them: 1s bare, with a flag and with a flag and a
// base; 7s with and without a bar; open and closed 4s; 9s with a straight and a curved tail; 2s with
// and without a loop; flat-topped and round 3s; ... Each is a style's control points (smoothed
// into a pen path) under a random slant, rotation, size, aspect and place, with a hand's slow wobble.
// These are drawn by a program, not by people: a fixed set to measure the pad and the presets on
// (tests/e2e/drawn_digits.test.mjs draws them through the real pad; bench/drawn_digits.mjs prints
// the confusion matrix). Deterministic: the same file every time.
// Usage: node scripts/make_drawn_digits.mjs [OUT]
import { writeFileSync } from 'node:fs';

// Control points of each style in a unit box (x right, y down); a style is one or more strokes.
const S = (...strokes) => strokes;
const ellipse = (cx, cy, rx, ry, from, turns, n = 14) =>
  Array.from({ length: n + 1 }, (_, i) => { const a = from + (turns * 2 * Math.PI * i) / n; return [cx + rx * Math.sin(a), cy - ry * Math.cos(a)]; });
const STYLES = {
  0: [S(ellipse(0.5, 0.5, 0.3, 0.46, -0.3, 1.08)), S(ellipse(0.5, 0.5, 0.22, 0.47, 0.2, 1.05))],
  1: [S([[0.5, 0.02], [0.5, 0.98]]),
      S([[0.28, 0.26], [0.52, 0.02], [0.52, 0.98]]),
      S([[0.3, 0.24], [0.52, 0.02], [0.52, 0.98]], [[0.3, 0.98], [0.74, 0.98]])],
  2: [S([[0.15, 0.25], [0.45, 0.03], [0.82, 0.18], [0.75, 0.5], [0.15, 0.97], [0.9, 0.95]]),
      S([[0.18, 0.22], [0.5, 0.03], [0.8, 0.22], [0.6, 0.6], [0.2, 0.92], [0.35, 0.78], [0.45, 0.93], [0.9, 0.95]])],
  3: [S([[0.15, 0.15], [0.5, 0.02], [0.82, 0.18], [0.72, 0.4], [0.42, 0.48], [0.8, 0.6], [0.85, 0.85], [0.5, 0.98], [0.12, 0.86]]),
      S([[0.15, 0.04], [0.85, 0.04], [0.42, 0.44], [0.82, 0.58], [0.86, 0.84], [0.5, 0.98], [0.14, 0.86]])],
  4: [S([[0.22, 0.02], [0.14, 0.62], [0.88, 0.62]], [[0.7, 0.1], [0.7, 0.98]]),
      S([[0.66, 0.02], [0.1, 0.66], [0.9, 0.66]], [[0.66, 0.02], [0.66, 0.98]])],
  5: [S([[0.8, 0.03], [0.26, 0.04], [0.2, 0.46], [0.55, 0.38], [0.85, 0.56], [0.84, 0.82], [0.52, 0.98], [0.14, 0.88]]),
      S([[0.28, 0.04], [0.22, 0.46], [0.55, 0.38], [0.85, 0.58], [0.82, 0.84], [0.5, 0.98], [0.16, 0.86]], [[0.28, 0.04], [0.84, 0.04]])],
  6: [S([[0.72, 0.03], [0.38, 0.25], [0.2, 0.6], [0.26, 0.9], [0.52, 0.98], [0.78, 0.84], [0.76, 0.6], [0.5, 0.5], [0.22, 0.66]]),
      S([[0.6, 0.02], [0.3, 0.45], [0.24, 0.78], [0.45, 0.97], [0.72, 0.88], [0.74, 0.64], [0.48, 0.56], [0.26, 0.72]])],
  7: [S([[0.1, 0.04], [0.9, 0.04], [0.42, 0.98]]),
      S([[0.1, 0.04], [0.9, 0.04], [0.42, 0.98]], [[0.34, 0.52], [0.84, 0.5]])],
  8: [S([[0.74, 0.14], [0.5, 0.02], [0.26, 0.16], [0.32, 0.36], [0.7, 0.6], [0.76, 0.86], [0.5, 0.98], [0.24, 0.86], [0.3, 0.6], [0.68, 0.36], [0.72, 0.16]]),
      S(ellipse(0.5, 0.26, 0.22, 0.24, 3.1, 1.05, 10), ellipse(0.5, 0.73, 0.27, 0.25, 0, 1.05, 10))],
  9: [S([[0.76, 0.22], [0.5, 0.03], [0.24, 0.18], [0.28, 0.42], [0.55, 0.48], [0.78, 0.3], [0.76, 0.1], [0.76, 0.5], [0.72, 0.98]]),
      S([[0.76, 0.22], [0.5, 0.03], [0.24, 0.18], [0.28, 0.42], [0.55, 0.48], [0.78, 0.3], [0.76, 0.1], [0.78, 0.6], [0.62, 0.93], [0.36, 0.92]])],
};
const STYLE_NAMES = {
  0: ['oval', 'narrow'], 1: ['bare', 'flag', 'flag-and-base'], 2: ['plain', 'loop'], 3: ['round-top', 'flat-top'],
  4: ['open', 'closed'], 5: ['one-stroke', 'flag-after'], 6: ['round', 'straight-back'], 7: ['plain', 'bar'],
  8: ['one-stroke', 'two-loops'], 9: ['straight-tail', 'curved-tail'],
};

// A seeded generator (mulberry32): the same file every time.
let seed = 20261206;
const rand = () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const between = (a, b) => a + (b - a) * rand();

// Catmull-Rom through the control points: the pen's path, 6 points per span.
function smooth(points) {
  if (points.length < 3) return points.map((p) => [...p]);
  const out = [];
  for (let i = 0; i < points.length - 1; i++) {
    const p0 = points[Math.max(0, i - 1)], p1 = points[i], p2 = points[i + 1], p3 = points[Math.min(points.length - 1, i + 2)];
    for (let k = 0; k < 6; k++) {
      const t = k / 6, t2 = t * t, t3 = t2 * t;
      out.push([0, 1].map((d) => 0.5 * (2 * p1[d] + (-p0[d] + p2[d]) * t + (2 * p0[d] - 5 * p1[d] + 4 * p2[d] - p3[d]) * t2 + (-p0[d] + 3 * p1[d] - 3 * p2[d] + p3[d]) * t3)));
    }
  }
  out.push([...points[points.length - 1]]);
  return out;
}

function draw(style) {
  const angle = between(-0.17, 0.17), slant = between(-0.25, 0.2);
  const height = between(0.5, 0.74), width = height * between(0.55, 0.85);
  const cx = 0.5 + between(-0.08, 0.08), cy = 0.5 + between(-0.06, 0.06);
  const wobble = [0, 1, 2, 3].map(() => [between(0, 6.28), between(2, 5)]);
  const amp = between(0.004, 0.014);
  const c = Math.cos(angle), s = Math.sin(angle);
  return style.map((stroke) => smooth(stroke).map(([x, y], i) => {
    let u = (x - 0.5) * width, v = (y - 0.5) * height;
    u += slant * -v;  // a forward slant leans the top right
    const t = i / 8;
    u += amp * Math.sin(wobble[0][1] * t + wobble[0][0]) + amp * 0.5 * Math.sin(wobble[1][1] * t + wobble[1][0]);
    v += amp * Math.sin(wobble[2][1] * t + wobble[2][0]) + amp * 0.5 * Math.sin(wobble[3][1] * t + wobble[3][0]);
    const px = cx + c * u - s * v, py = cy + s * u + c * v;
    return [Math.round(Math.min(0.98, Math.max(0.02, px)) * 1e4) / 1e4, Math.round(Math.min(0.98, Math.max(0.02, py)) * 1e4) / 1e4];
  }));
}

const digits = [];
for (let n = 0; n < 21; n++)
  for (let label = 0; label < 10; label++) {
    const k = n % STYLES[label].length;
    digits.push({ label, style: STYLE_NAMES[label][k], strokes: draw(STYLES[label][k]) });
  }
const out = process.argv[2] || 'tests/fixtures/drawn_digits.json';
writeFileSync(out, JSON.stringify({
  about: 'Digits as pen strokes on the Draw panel\'s pad (x, y in 0..1, y down), drawn by scripts/make_drawn_digits.mjs: each style\'s path under a random slant, rotation, size and place, with a wobble. Not from MNIST.',
  digits,
}).replace(/\{"label"/g, '\n{"label"') + '\n');
console.log(`${digits.length} digits written to ${out}`);
