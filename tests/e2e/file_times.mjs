// A node:test reporter that times each end-to-end file (files run one at a time), its browser
// start and hooks included. At the end it
// prints one line per file and adds them to the phase record (scripts/phase.sh: $DLP_TIMES).
import { appendFileSync, mkdirSync } from 'node:fs';
import { dirname, relative } from 'node:path';

export default async function* fileTimes(source) {
  // A file's events reach the reporter in bursts, the last of them when it ends: a file's time runs
  // from the previous file's last event (or the start) to its own last event.
  const rows = new Map();
  let file = null, boundary = performance.now(), last = boundary;
  const close = () => {
    if (!file) return;
    const name = relative(process.cwd(), file);
    rows.set(name, (rows.get(name) || 0) + (last - boundary) / 1000);
    boundary = last;
  };
  for await (const event of source) {
    // Every file is queued at the start: only what a running file reports counts.
    if (event.type === 'test:enqueue' || event.type === 'test:dequeue') continue;
    const f = event.data?.file;
    if (!f) continue;
    if (f !== file) { close(); file = f; }
    last = performance.now();
  }
  close();
  let out = '\ne2e time per file:\n';
  for (const [name, s] of rows) {
    out += `  ${name.padEnd(44)} ${s.toFixed(1).padStart(7)} s\n`;
    recordFile(name, s);
  }
  yield out;
}

// A file's line in the phase record (scripts/phase.sh: name, seconds, note), under its phase.
export function recordFile(name, seconds, note = '') {
  const times = process.env.DLP_TIMES || 'build/times.txt';
  mkdirSync(dirname(times), { recursive: true });
  appendFileSync(times, `  e2e ${name.replace(/^tests\/e2e\//, '')}\t${seconds.toFixed(1)}\t${note}\n`);
}
