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
