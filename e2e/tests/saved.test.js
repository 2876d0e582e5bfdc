// Saved scenarios: named, listed after a reload, opened, deleted; names are only ever text; reset.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useBrowser, waitForChart, openApp } from './harness.js';

const env = useBrowser();

test('save, reload, open, delete and reset; a hostile name stays text', async () => {
  const { page, context, problems } = await openApp(env, '/?preset=clomiphene-anastrozole');
  const labs = await page.getByTestId('labs').innerText();
  const name = '<img src=x onerror="window.pwned=1"> restart plan';
  await page.getByLabel('Name for this scenario').fill(name);
  await page.getByRole('button', { name: 'Save in this browser' }).click();
  await page.getByRole('status').filter({ hasText: 'Saved' }).waitFor();

  await page.goto(env.origin + '/');
  await waitForChart(page);
  const entry = page.getByRole('list', { name: 'Saved scenarios' }).locator('li');
  assert.equal(await entry.locator('.saved-name').innerText(), name, 'the name is shown as text');
  assert.equal(await page.locator('.saved-list img').count(), 0, 'no element was made from the name');
  await page.getByRole('button', { name: `Open ${name}` }).click();
  await page.waitForFunction((l) => document.querySelector('[data-testid=labs]').innerText === l, labs);
  assert.equal(await page.evaluate(() => window.pwned), undefined);

  await page.getByRole('button', { name: 'Reset to defaults' }).click();
  await page.waitForFunction(() => !document.querySelector('#switch-clomiphene-citrate').checked);
  await page.getByRole('button', { name: `Delete ${name}` }).click();
  await page.waitForFunction(() => !document.querySelector('.saved-list'));

  // Garbage in storage is ignored, never trusted.
  await page.evaluate(() => localStorage.setItem('hpg-explorer/saved/v1', '[{"name":"x","scenario":{"horizon_days":1e9}}, 42]'));
  await page.reload();
  await waitForChart(page);
  assert.equal(await page.locator('.saved-list').count(), 0);
  // Privacy: saving, links and storage use no cookies.
  assert.deepEqual(await context.cookies(), []);
  assert.equal(await page.evaluate(() => document.cookie), '');
  assert.deepEqual(problems, []);
  await context.close();
});

test('a saved scenario keeps plan B and its measured labs', async () => {
  const { page, context, problems } = await openApp(
    env,
    '/?v=1&weeks=24&r=cypionate_im_150mg_q7d_w-52to0~hcg_sc_500IU_q2d_w0to16&labs=lh_2iul_w8&b.v=1&b.weeks=24&b.r=cypionate_im_150mg_q7d_w-52to0',
  );
  await page.getByTestId('compare-table').waitFor();
  const table = await page.getByTestId('compare-table').innerText();
  await page.getByLabel('Name for this scenario').fill('two plans');
  await page.getByRole('button', { name: 'Save in this browser' }).click();
  await page.getByRole('status').filter({ hasText: 'Saved' }).waitFor();
  await page.getByRole('button', { name: 'Reset to defaults' }).click();
  await page.getByTestId('compare-table').waitFor({ state: 'detached' });
  await page.goto(env.origin + '/');
  await waitForChart(page);
  await page.getByRole('button', { name: 'Open two plans' }).click();
  await page.getByTestId('compare-table').waitFor();
  assert.equal(await page.getByTestId('compare-table').innerText(), table, 'plan B is back');
  await page.waitForFunction(() => /labs=lh_2iul_w8/.test(location.search) && /&b\.r=/.test(location.search));
  assert.deepEqual(problems, []);
  await context.close();
});
