// jax-js 0.1.25 training the MLP 784-256-10 (batch 32, plain SGD 0.05) on the page's thread in
// Chromium, with the peers page's harness and its variants: does the harness hold jax-js back?
// Run after bench/peers.mjs (it builds build/bench-web). Usage: node bench/jax_harness.mjs [ROUNDS]
import { cpSync } from 'node:fs';
import { resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { startServer } from '../scripts/serve.mjs';

const rounds = +(process.argv[2] || 3);
cpSync('bench/peers', resolve('build/bench-web'), { recursive: true });  // this harness, as it is now
const server = await startServer(resolve('build/bench-web'), 0, { csp: false, isolate: false });
const url = `http://127.0.0.1:${server.address().port}/`;
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--use-gl=angle', '--use-angle=swiftshader', '--enable-unsafe-swiftshader', '--no-sandbox', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
});
const variants = { 'as in peers.mjs': '', 'batch built with its shape': 'shape', 'no sync every 10 steps': 'nosync', 'both': 'shape,nosync' };
const rates = Object.fromEntries(Object.keys(variants).map((k) => [k, []]));
for (let r = 0; r < rounds; r++)
  for (const [name, v] of Object.entries(variants)) {
    const p = await browser.newPage();
    await p.goto(`${url}peers.html?lib=jax&model=mlp&jaxv=${v}`);
    const res = await p.evaluate(() => window.result);
    rates[name].push(res.trainRate ?? NaN);
    await p.close();
  }
await browser.close();
server.close();
console.log(`jax-js MLP training examples/s on the page's thread (${new Date().toISOString().slice(0, 10)}, ${rounds} rounds):`);
for (const [name, v] of Object.entries(rates)) console.log(`| ${name} | ${v.map((x) => x.toFixed(0)).join(', ')} |`);
