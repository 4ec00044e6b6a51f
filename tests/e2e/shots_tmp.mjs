import { launch, openPage, click, frames } from './browser.mjs';
const env = await launch();
const sizes = (process.env.SIZES || '1280x800').split(',');
for (const sz of sizes) {
  const [w, h] = sz.split('x').map(Number);
  const { page } = await openPage(env, { width: w, height: h, hash: process.env.HASH || '' });
  if (process.env.TRAIN) await page.evaluate((n) => window.playground.train(n), Number(process.env.TRAIN));
  await frames(page, 6);
  await page.screenshot({ path: `/tmp/shots/${process.env.NAME || 'shot'}-${sz}.png` });
  await page.close();
}
await env.close();
