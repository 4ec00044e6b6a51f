// Drawn digits (tests/fixtures/drawn_digits.json, 210, made by scripts/make_drawn_digits.mjs) through
// the real pad after the default preset's training, with its augmentation and without it: the
// confusion matrix, and the test-set accuracy and training time it took (the cost of augmentation);
// then the 200 real MNIST test digits of tests/fixtures/mnist_redrawn.json drawn back through the pad:
// how many read as their original images do (the pad's preparation against MNIST's).
// Usage: node bench/drawn_digits.mjs [STEPS, default 1500] [--redrawn-only]  (make bench-peers; needs the wasm build)
import { digitsIn, launch, openPage } from '../tests/e2e/browser.mjs';
import { drawnDigits, mnistRedrawn, drawAll, confusion, originalReads, agreement } from '../tests/e2e/drawn.mjs';

const steps = +(process.argv.slice(2).find((a) => !a.startsWith('--')) || 1500);
const redrawnOnly = process.argv.includes('--redrawn-only');
const env = await launch();
for (const aug of [1, 0]) {
  // The default preset's settings, augmentation as asked (a link writes aug only when on).
  const { page } = await openPage(env, { width: 560, height: 520 });
  await page.evaluate(() => window.playground.panels(['Draw']));
  await page.waitForFunction(digitsIn, null, { timeout: 120000 });
  const link = (await page.evaluate(() => window.playground.link())).replace(/^.*#/, '').replace(/&aug=1/, '') + (aug ? '&aug=1' : '');
  await page.evaluate((l) => window.playground.load(l.replace(/&steps=\d+/, '&steps=0')), link);
  const t0 = Date.now();
  await page.evaluate((n) => window.playground.train(n), steps);
  const seconds = (Date.now() - t0) / 1000;
  const { accuracy } = await page.evaluate(() => window.playground.evaluate());
  console.log(`\ndefault preset, ${steps} steps, augmentation ${aug ? 'on' : 'off'}: test set ${(100 * accuracy).toFixed(2)}%, training ${seconds.toFixed(1)} s in the page's worker`);
  if (!redrawnOnly) console.log(confusion(await drawAll(page, drawnDigits)).text);
  const inputs = [], redrawn = await drawAll(page, mnistRedrawn, inputs);
  console.log(`MNIST test digits redrawn through the pad (${mnistRedrawn.length}):`);
  console.log(agreement(redrawn, await originalReads(page, mnistRedrawn), inputs).text);
  await page.close();
}
await env.close();
