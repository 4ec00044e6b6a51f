// Runs end-to-end files (node --test with the arguments given) with one Chromium for all of them:
// starting a browser costs about two seconds a file. Each file connects to it (launch() in
// browser.mjs) and opens its own contexts and tabs; the browser closes when the last file ends, and
// the exit status is node --test's.
//
// A file whose walks all passed on exactly the same inputs is not walked again: its pass is kept
// under a key of everything it reads (walk_cache.mjs; DLP_WALKS_CACHE=off walks every file).
//
//   node tests/e2e/run.mjs [node --test options] tests/e2e/ [more files or folders]
import { chromium } from 'playwright-core';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromiumPath, chromiumArgs } from './browser.mjs';
import { recordFile } from './file_times.mjs';
import { fileKey, isTestFile, keep, lookup, root, sharedKey, walk } from './walk_cache.mjs';

// node --test's (and node's) options that take their value as the next argument.
const withValue = new Set(['--test-reporter', '--test-reporter-destination', '--test-name-pattern', '--test-skip-pattern',
  '--test-concurrency', '--test-timeout', '--test-shard', '--import', '--require', '-r', '--loader', '--experimental-loader']);
const options = [], paths = [];
for (let args = process.argv.slice(2), i = 0; i < args.length; i++) {
  if (!args[i].startsWith('-')) { paths.push(args[i]); continue; }
  options.push(args[i]);
  if (withValue.has(args[i]) && i + 1 < args.length) options.push(args[++i]);
}
// The test files as node --test finds them (a folder: its test files and its folders'), named
// relative to the working folder as its reporters name them.
const files = paths.flatMap((p) => {
  if (!existsSync(p)) { console.error(`run.mjs: no such file or folder: ${p}`); process.exit(2); }
  return statSync(p).isDirectory() ? walk(resolve(p)).filter((f) => isTestFile(f) && !f.includes('/node_modules/')) : [resolve(p)];
}).map((f) => relative(process.cwd(), f));

// A narrowed run says nothing about a whole file; without paths node --test finds the files
// itself; the walks read the working folder's tree, which must be the one whose files are hashed.
// DLP_WALKS_CACHE=off walks every file and keeps the passes.
const narrowed = options.some((o) => /^--test-(name-pattern|skip-pattern|only|shard)/.test(o));
let cached = !narrowed && files.length > 0;
if (cached && resolve(process.cwd()) !== root) {
  console.log(`run.mjs: the walks' kept passes are used from ${root} only; every file is walked`);
  cached = false;
}
const keys = new Map();
let toRun = files;
if (cached) {
  const shared = sharedKey(options);
  for (const f of files) keys.set(f, fileKey(shared, f));
}
if (cached && process.env.DLP_WALKS_CACHE !== 'off') {
  toRun = [];
  for (const f of files) {
    const kept = lookup(keys.get(f));
    if (!kept) { toRun.push(f); continue; }
    console.log(`✔ ${f}: ${kept.walks.length === 1 ? 'its walk' : `its ${kept.walks.length} walks`} passed on ${kept.date} with these same inputs (key ${keys.get(f).slice(0, 12)}); not walked again`);
    recordFile(f, 0, `kept pass of ${kept.date}`);
  }
  if (toRun.length === 0) { console.log(`every one of the ${files.length} files passed before on these inputs`); process.exit(0); }
}

// The results reporter beside the ones asked for: node's own (spec) when none was, and stdout for
// those asked for without a destination (node pairs reporters and destinations in order).
const results = mkdtempSync(join(tmpdir(), 'dlp-walks-'));
const count = (name) => options.filter((o) => o === name || o.startsWith(`${name}=`)).length;
const reporters = count('--test-reporter') === 0 ? ['--test-reporter=spec', '--test-reporter-destination=stdout']
  : Array(Math.max(0, count('--test-reporter') - count('--test-reporter-destination'))).fill('--test-reporter-destination=stdout');
if (cached) reporters.push(`--test-reporter=${fileURLToPath(new URL('./walk_cache.mjs', import.meta.url))}`, `--test-reporter-destination=${join(results, 'log')}`);
const server = await chromium.launchServer({ executablePath: chromiumPath, args: chromiumArgs });
const child = spawn(process.execPath, ['--test', ...options, ...reporters, ...(paths.length ? toRun : [])], {
  stdio: 'inherit', env: { ...process.env, DLP_BROWSER_WS: server.wsEndpoint(), DLP_WALK_RESULTS: join(results, 'results.json') },
});
const code = await new Promise((done) => child.on('exit', (c, signal) => done(c ?? (signal ? 1 : 0))));
await server.close();

// A file's pass is kept when every walk in it passed and its inputs are still the ones it ran on
// (a build during the run changes the key).
if (cached) {
  let ran = {};
  try { ran = JSON.parse(readFileSync(join(results, 'results.json'), 'utf8')); } catch { /* the reporter wrote nothing */ }
  const shared = sharedKey(options);
  for (const f of toRun) {
    const r = ran[f];
    if (!r || r.passed === 0 || r.failed || r.skipped || r.todo) continue;
    const key = fileKey(shared, f);
    if (key !== keys.get(f)) { console.log(`${f}: its inputs changed while it ran; its pass is not kept`); continue; }
    keep(key, { file: f, date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'), walks: r.walks });
  }
}
rmSync(results, { recursive: true, force: true });
process.exit(code);
