// Passes of end-to-end files kept under a key of everything their walks read, so that a run on the
// same machine (another clone, CI again) does not walk again what already passed on exactly these
// bits. tests/e2e/run.mjs looks each file up before it starts the browser and keeps a file's pass
// once every walk in it passed (none failed, skipped or left to do).
//
// A file's key is a SHA-256 of:
//   - the file itself;
//   - what every file reads: the other files of tests/e2e (the helpers, the runner), tests/fixtures,
//     scripts/ and web/ (the server, the static-host scripts, the page's sources), the built page
//     ($DLP_WEB_DIR, build/wasm/web), the native CLI and its data ($DLP_NATIVE_DIR, build/native:
//     dlp-train, data/), package.json and the npm packages the walks load (their package.json:
//     npm's versions do not change under a name);
//   - the tools: node's version, Chromium's (its --version, the executable's size and time) and
//     python3's (the static host's server);
//   - every DLP_* variable that changes what a walk does (all but where times, screenshots and
//     results go, and the browser's address) and CI.
// Any changed byte gives another key: a stale pass never stands for changed code.
//
// Off with DLP_WALKS_CACHE=off: every file runs (and its pass is kept again). A run narrowed by
// --test-name-pattern, --test-skip-pattern or --test-only neither looks up nor keeps anything.
// Kept in $XDG_CACHE_HOME/dlp/walks (~/.cache/dlp/walks), the newest 500 passes.
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync, unlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { chromiumPath } from './browser.mjs';

const root = resolve(new URL('../..', import.meta.url).pathname);
export const cacheDir = join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'dlp', 'walks');
const KEEP = 500;

// Variables that only say where output goes, or how to reach the shared browser.
const notInputs = new Set(['DLP_TIMES', 'DLP_SCREENSHOTS', 'DLP_BROWSER_WS', 'DLP_WALK_RESULTS', 'DLP_WALKS_CACHE']);

export const isTestFile = (name) => /\.test\.(mjs|cjs|js)$/.test(name);

// Every file under dir (sorted, relative to the source tree), without Python's byte code.
function walk(dir, out = []) {
  if (!existsSync(dir)) return out;
  for (const name of readdirSync(dir).sort()) {
    if (name === '__pycache__' || name.endsWith('.pyc')) continue;
    const full = join(dir, name);
    if (statSync(full).isDirectory()) walk(full, out);
    else out.push(full);
  }
  return out;
}

function addFile(h, full) {
  h.update(`file ${relative(root, full)}\0`);
  h.update(readFileSync(full));
  h.update('\0');
}

function version(cmd, args) {
  try { return execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim(); }
  catch (e) { return `none: ${e.message.split('\n')[0]}`; }
}

// The hash of what every file reads, computed once a run.
export function sharedKey() {
  const h = createHash('sha256');
  for (const f of walk(join(root, 'tests/e2e'))) if (!isTestFile(f)) addFile(h, f);
  for (const d of ['tests/fixtures', 'scripts', 'web']) for (const f of walk(join(root, d))) addFile(h, f);
  for (const f of ['package.json', 'package-lock.json']) if (existsSync(join(root, f))) addFile(h, join(root, f));
  const webDir = resolve(process.env.DLP_WEB_DIR || join(root, 'build/wasm/web'));
  const nativeDir = resolve(process.env.DLP_NATIVE_DIR || join(root, 'build/native'));
  for (const f of walk(webDir)) addFile(h, f);
  if (existsSync(join(nativeDir, 'dlp-train'))) addFile(h, join(nativeDir, 'dlp-train'));
  for (const f of walk(join(nativeDir, 'data'))) addFile(h, f);
  const require = createRequire(join(root, 'tests/e2e/'));
  for (const pkg of ['playwright-core', 'axe-core']) {
    try { addFile(h, require.resolve(`${pkg}/package.json`)); } catch { h.update(`no ${pkg}\0`); }
  }
  const chromium = existsSync(chromiumPath) ? statSync(chromiumPath) : null;
  h.update(`node ${process.version}\0chromium ${chromiumPath} ${version(chromiumPath, ['--version'])} ${chromium?.size} ${chromium?.mtimeMs}\0`);
  h.update(`python3 ${version('python3', ['--version'])}\0`);
  const env = Object.keys(process.env).filter((k) => (k.startsWith('DLP_') && !notInputs.has(k)) || k === 'CI').sort();
  for (const k of env) h.update(`env ${k}=${process.env[k]}\0`);
  return h.digest('hex');
}

export function fileKey(shared, file) {
  const h = createHash('sha256');
  h.update(`${shared}\0`);
  addFile(h, resolve(file));
  return h.digest('hex').slice(0, 40);
}

// The kept pass of a key: { file, date, walks: [{ name, ms }] }, or null.
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
    if (event.data.skip) r.skipped++;
    else if (event.data.todo) r.todo++;
    else if (event.type === 'test:fail') r.failed++;
    else {
      r.passed++;
      if (event.data.nesting === 0) r.walks.push({ name: event.data.name, ms: Math.round(event.data.details?.duration_ms ?? 0) });
    }
  }
  if (process.env.DLP_WALK_RESULTS) writeFileSync(process.env.DLP_WALK_RESULTS, JSON.stringify(results));
}
