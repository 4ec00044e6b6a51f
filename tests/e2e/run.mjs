// Runs end-to-end files (node --test with the arguments given) with one Chromium for all of them:
// starting a browser costs about two seconds a file. Each file connects to it (launch() in
// browser.mjs) and opens its own contexts and tabs; the browser closes when the last file ends, and
// the exit status is node --test's.
//
//   node tests/e2e/run.mjs [node --test options] tests/e2e/
import { chromium } from 'playwright-core';
import { spawn } from 'node:child_process';
import { chromiumPath, chromiumArgs } from './browser.mjs';

const server = await chromium.launchServer({ executablePath: chromiumPath, args: chromiumArgs });
const child = spawn(process.execPath, ['--test', ...process.argv.slice(2)], {
  stdio: 'inherit', env: { ...process.env, DLP_BROWSER_WS: server.wsEndpoint() },
});
const code = await new Promise((done) => child.on('exit', (c, signal) => done(c ?? (signal ? 1 : 0))));
await server.close();
process.exit(code);
