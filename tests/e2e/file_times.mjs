// A node:test reporter that times each end-to-end file (files run one at a time): from the file's
// first event to the next file's, so a file's browser start and its hooks count. At the end it
// prints one line per file and adds them to the phase record (scripts/phase.sh: $DLP_TIMES).
import { appendFileSync, mkdirSync } from 'node:fs';
import { dirname, relative } from 'node:path';

export default async function* fileTimes(source) {
  const rows = new Map();
  let file = null, since = 0;
  const close = (now) => {
    if (!file) return;
    const name = relative(process.cwd(), file);
    rows.set(name, (rows.get(name) || 0) + (now - since) / 1000);
  };
  for await (const event of source) {
    // Every file is queued at the start: only what a running file reports moves the clock on.
    if (event.type === 'test:enqueue' || event.type === 'test:dequeue') continue;
    const f = event.data?.file;
    if (f && f !== file) {
      const now = performance.now();
      close(now);
      file = f;
      since = now;
    }
  }
  close(performance.now());
  const times = process.env.DLP_TIMES || 'build/times.txt';
  mkdirSync(dirname(times), { recursive: true });
  let out = '\ne2e time per file:\n';
  for (const [name, s] of rows) {
    out += `  ${name.padEnd(44)} ${s.toFixed(1).padStart(7)} s\n`;
    appendFileSync(times, `  e2e ${name.replace(/^tests\/e2e\//, '')}\t${s.toFixed(1)}\t\n`);
  }
  yield out;
}
