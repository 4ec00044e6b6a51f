// Writes the page's service worker (web/sw.js) into a built page's folder with the build's files
// and their SHA-256 hashes: the worker keeps exactly these for offline use, under a cache named by
// their hash, so a changed file is a new build whose worker replaces the old one's cache. The data
// chunks have their hashes too (a chunk is kept only with its build's bytes), and their cache is
// named by the hash of the catalog and every chunk.
// Usage: node scripts/sw_stamp.mjs DIR   (run by the build's `page` target and by scripts/dist.sh)
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, writeFileSync, existsSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const dir = process.argv[2];
if (!dir || !existsSync(join(dir, 'index.html'))) {
  console.error('sw_stamp: give the built page\'s folder (it has no index.html)');
  process.exit(1);
}
const sha = (bytes) => createHash('sha256').update(bytes).digest('hex');
// The code: every file of the folder but the worker itself, oembed.json (dist writes the site's
// address into it; the page never fetches it) and precompressed copies (.gz beside a .js).
const files = {};
for (const name of readdirSync(dir).sort()) {
  if (name === 'sw.js' || name === 'oembed.json' || name.endsWith('.gz') || name === 'assets') continue;
  files[name] = sha(readFileSync(join(dir, name)));
}
const catalog = join(dir, 'assets', 'catalog.json');
if (!existsSync(catalog)) { console.error(`sw_stamp: ${catalog} is missing`); process.exit(1); }
files['assets/catalog.json'] = sha(readFileSync(catalog));
const chunks = {};
for (const n of readdirSync(join(dir, 'assets')).filter((f) => f.endsWith('.gz')).sort()) chunks[`assets/${n}`] = sha(readFileSync(join(dir, 'assets', n)));
const data = sha(Object.entries(chunks).map(([n, h]) => `${n} ${h}\n`).join('') + files['assets/catalog.json']);
const version = sha(Object.entries(files).map(([n, h]) => `${n} ${h}\n`).join(''));

const template = readFileSync(join(dirname(fileURLToPath(import.meta.url)), '..', 'web', 'sw.js'), 'utf8');
const line = /^const BUILD = .*;$/m;
if (!line.test(template)) { console.error('sw_stamp: web/sw.js has no "const BUILD = ...;" line'); process.exit(1); }
const out = template.replace(line, `const BUILD = ${JSON.stringify({ version: version.slice(0, 16), data: data.slice(0, 16), files, chunks })};`);
const target = join(dir, 'sw.js');
if (!existsSync(target) || readFileSync(target, 'utf8') !== out) writeFileSync(target, out);
