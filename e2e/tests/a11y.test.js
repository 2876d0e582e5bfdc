// Accessibility: axe-core finds no serious or critical violation in the default state, after each preset,
// in the dark theme and with the explanations open.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useBrowser, openApp, seriousViolations as serious } from './harness.js';

const env = useBrowser();


test('no serious or critical violations: default, each preset, dark theme, explanations open', async () => {
  const { page, context, problems } = await openApp(env, '/', { colorScheme: 'light' });
  assert.deepEqual(await serious(page), [], 'default state');
  const presets = await page.locator('button.preset').evaluateAll((bs) => bs.map((b) => b.textContent));
  for (const name of presets) {
    await page.getByRole('button', { name, exact: true }).click();
    await page.waitForFunction((n) => [...document.querySelectorAll('button.preset')].find((b) => b.textContent === n)?.getAttribute('aria-pressed') === 'true', name);
    assert.deepEqual(await serious(page), [], `preset ${name}`);
  }
  await page.getByLabel('Colour theme').selectOption('dark');
  await page.waitForFunction(() => document.documentElement.dataset.theme === 'dark');
  assert.deepEqual(await serious(page), [], 'dark theme');
  // Every disclosure open at once (clicking them in turn would close a fold around later ones).
  await page.evaluate(() => document.querySelectorAll('details').forEach((d) => { d.open = true; }));
  assert.deepEqual(await serious(page), [], 'explanations open, dark');
  await page.getByLabel('Colour theme').selectOption('light');
  await page.waitForFunction(() => document.documentElement.dataset.theme === 'light');
  assert.deepEqual(await serious(page), [], 'explanations open, light');
  await page.getByRole('button', { name: 'Embed' }).click();
  assert.deepEqual(await serious(page), [], 'embed dialog open');
  await page.getByRole('button', { name: 'Close' }).click();
  assert.deepEqual(problems, []);
  await context.close();
});

test('no serious or critical violations in embed mode', async () => {
  const { page, context, problems } = await openApp(env, '/?embed=1&preset=post-trt-restart');
  assert.deepEqual(await serious(page), [], 'embed mode');
  assert.deepEqual(problems, []);
  await context.close();
});

test('no serious or critical violations with measured labs, plan B and the tornado on the page', async () => {
  const link = '/?v=1&weeks=24&r=cypionate_im_150mg_q7d_w-52to0&labs=lh_0.9iul_w8~tt_180ngdl_w12' +
    '&b.v=1&b.weeks=24&b.r=cypionate_im_150mg_q7d_w-52to0~hcg_sc_500IU_q2d_w0to16';
  const { page, context, problems } = await openApp(env, link, { colorScheme: 'light' });
  await page.getByTestId('compare-table').waitFor();
  const tornado = page.getByTestId('tornado');
  await tornado.getByRole('button', { name: 'Show what matters most' }).click();
  await tornado.getByTestId('tornado-words').waitFor({ timeout: 60_000 });
  await page.evaluate(() => document.querySelectorAll('details').forEach((d) => { d.open = true; }));
  assert.deepEqual(await serious(page), [], 'light');
  await page.getByLabel('Colour theme').selectOption('dark');
  await page.waitForFunction(() => document.documentElement.dataset.theme === 'dark');
  assert.deepEqual(await serious(page), [], 'dark');
  assert.deepEqual(problems, []);
  await context.close();
});
