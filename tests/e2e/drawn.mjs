// Draws the digits of tests/fixtures/drawn_digits.json through the real pad (tests/e2e/drawn_digits.test.mjs,
// bench/drawn_digits.mjs): each stroke as a pen path of 6 to 16 points (the page sees one point a
// frame, as a hand's 60 Hz samples), every other digit with a finger (touch events), the others with
// the mouse, the pad cleared with its Clear button in between. Returns what each read as.
import { readFileSync } from 'node:fs';
import { click, frames } from './browser.mjs';
import { mnistTestImage } from '../../scripts/make_mnist_strokes.mjs';

export const drawnDigits = JSON.parse(readFileSync('tests/fixtures/drawn_digits.json', 'utf8')).digits;
// Real MNIST test digits thinned and traced into strokes (scripts/make_mnist_strokes.mjs), each
// with its index in the test set.
export const mnistRedrawn = JSON.parse(readFileSync('tests/fixtures/mnist_redrawn.json', 'utf8')).digits;

// What the page's model reads each digit's original MNIST image as (classify, the page's API).
export async function originalReads(page, list) {
  const images = list.map((d) => Array.from(mnistTestImage(d.index)));
  return page.evaluate((images) => images.map((p) => { const pr = window.playground.classify(p); return pr.indexOf(Math.max(...pr)); }), images);
}

// Redrawn digits against their originals: how many read as their original reads, and as their
// label; with the pad's inputs (drawAll's), how close each 28x28 input is to its original image
// (their correlation over the 784 pixels: about 0.78 over all 200, as the pad's pen has one width
// where MNIST's strokes vary; a framing one pixel off loses about 0.08).
export function agreement(results, originals, inputs) {
  const same = results.filter((r, i) => r.read === originals[i]).length;
  const right = results.filter((r) => r.read === r.digit.label).length, rightOriginal = originals.filter((o, i) => o === results[i].digit.label).length;
  const n = results.length, pc = (k) => `${k} of ${n} (${(100 * k / n).toFixed(1)}%)`;
  const correlation = inputs ? results.reduce((a, r, i) => a + pixelCorrelation(mnistTestImage(r.digit.index), inputs[i]), 0) / n : NaN;
  const differ = results.map((r, i) => ({ r, o: originals[i] })).filter(({ r, o }) => r.read !== o)
    .map(({ r, o }) => `test digit ${r.digit.index} (a ${r.digit.label}): ${o} as MNIST's image, ${r.read} redrawn`);
  return { same: same / n, correlation, text: [`read as their original reads: ${pc(same)}`, `read right: originals ${pc(rightOriginal)}, redrawn ${pc(right)}`,
    ...(inputs ? [`the pad's input against the original image: correlation ${correlation.toFixed(3)} on average`] : []), ...differ].join('\n') };
}

function pixelCorrelation(a, b) {
  const n = a.length, ma = a.reduce((s, v) => s + v, 0) / n, mb = b.reduce((s, v) => s + v, 0) / n;
  let ab = 0, aa = 0, bb = 0;
  for (let i = 0; i < n; i++) ab += (a[i] - ma) * (b[i] - mb), aa += (a[i] - ma) ** 2, bb += (b[i] - mb) ** 2;
  return ab / Math.sqrt(aa * bb);
}

// A stroke's points, resampled evenly along its length.
function path(points, n) {
  const len = [0];
  for (let i = 1; i < points.length; i++) len.push(len[i - 1] + Math.hypot(points[i][0] - points[i - 1][0], points[i][1] - points[i - 1][1]));
  const total = len[len.length - 1] || 1, out = [];
  for (let k = 0, j = 0; k < n; k++) {
    const at = (total * k) / (n - 1);
    while (j < points.length - 2 && len[j + 1] < at) j++;
    const t = Math.min(1, Math.max(0, (at - len[j]) / (len[j + 1] - len[j] || 1)));
    out.push([points[j][0] + (points[j + 1][0] - points[j][0]) * t, points[j][1] + (points[j + 1][1] - points[j][1]) * t]);
  }
  return out;
}

// inputs, when given, gets each digit's 784 input pixels (0..255) as the network sees them.
export async function drawAll(page, list, inputs) {
  const cdp = await page.context().newCDPSession(page);
  const touch = (type, x, y) => cdp.send('Input.dispatchTouchEvent', { type, touchPoints: type === 'touchEnd' ? [] : [{ x, y }] });
  const pad = (await page.evaluate(() => window.playground.state())).padRect;
  const results = [];
  for (let i = 0; i < list.length; i++) {
    const d = list[i];
    await click(page, 'clear');
    for (const s of d.strokes) {
      const length = s.slice(1).reduce((a, p, k) => a + Math.hypot(p[0] - s[k][0], p[1] - s[k][1]), 0);
      const pts = path(s, Math.max(6, Math.min(16, Math.round(length * 14)))).map(([x, y]) => [pad.x + x * pad.w, pad.y + y * pad.h]);
      if (i % 2) {
        await touch('touchStart', ...pts[0]);
        for (const p of pts.slice(1)) await touch('touchMove', ...p);
        await touch('touchEnd');
      } else {
        await page.mouse.move(...pts[0]);
        await page.mouse.down();
        for (const p of pts.slice(1)) await page.mouse.move(...p);
        await page.mouse.up();
      }
    }
    await frames(page, 3);
    const st = await page.evaluate(() => window.playground.state());
    inputs?.push(st.drawn);
    results.push({ digit: d, blank: st.drawnBlank, read: st.probs.indexOf(Math.max(...st.probs)), probs: st.probs });
  }
  await cdp.detach();
  return results;
}

// The confusion matrix (rows: true digit, columns: read as) and the share read right, overall and per digit.
export function confusion(results) {
  const m = Array.from({ length: 10 }, () => new Array(10).fill(0));
  for (const r of results) m[r.digit.label][r.read]++;
  const right = m.reduce((a, row, k) => a + row[k], 0);
  const per = m.map((row, k) => row[k] / Math.max(1, row.reduce((a, b) => a + b, 0)));
  const lines = [`read right: ${right} of ${results.length} (${(100 * right / results.length).toFixed(1)}%)`,
    'true \\ read   ' + [...Array(10).keys()].join('   '),
    ...m.map((row, k) => `${k}  ${(100 * per[k]).toFixed(0).padStart(4)}%    ${row.map((v) => String(v).padStart(2)).join('  ')}`)];
  return { matrix: m, right, share: right / results.length, per, text: lines.join('\n') };
}
