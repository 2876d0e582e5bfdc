// After one visit the app works with the network off.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useBrowser, waitForChart, openApp } from './harness.js';

const env = useBrowser();

test('a second visit works offline, including a shared link', async () => {
  const { page, context, problems } = await openApp(env, '/');
  await page.waitForFunction(async () => (await navigator.serviceWorker.ready).active?.state === 'activated');
  await page.waitForFunction(async () => (await caches.keys()).length > 0);
  await context.setOffline(true);
  await page.goto(env.origin + '/?preset=trt');
  await waitForChart(page);
  assert.equal(await page.getByRole('switch', { name: /Testosterone cypionate/ }).isChecked(), true);
  const lh = Number(/LH ([0-9.]+)/.exec(await page.getByTestId('summary').innerText())[1]);
  assert.ok(lh < 2, `the model runs offline: LH ${lh}`);
  // The Spanish page too, though this browser never opened it online: its catalogue was cached at install.
  await page.goto(env.origin + '/?lang=es&preset=trt');
  await waitForChart(page);
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'es');
  assert.equal(await page.getByRole('switch', { name: /Cipionato de testosterona/ }).isChecked(), true);
  await context.setOffline(false);
  // Offline request failures are expected while offline; nothing else went wrong.
  assert.deepEqual(problems.filter((p) => !/ERR_INTERNET_DISCONNECTED/.test(p)), []);
  await context.close();
});
