// The loop diagram answers "what is each drug doing to the loop" at a glance, and follows the cursor.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useBrowser, screenshot, openApp } from './harness.js';

const env = useBrowser();

const visible = (page, drug) => page.locator(`[data-testid=loop] [data-drug=${drug}]`).evaluate((g) => getComputedStyle(g).display !== 'none');
const lhWidth = (page) => page.locator('[data-testid=loop] line.signal').nth(1).evaluate((l) => Number(l.getAttribute('stroke-width')));

test('each drug is drawn where it acts, and arrows thin as signals fall', async () => {
  const { page, context, problems } = await openApp(env, '/');
  const untreatedLh = await lhWidth(page);
  for (const drug of ['serm', 'anastrozole', 'trt', 'hcg', 'gonadorelin']) assert.equal(await visible(page, drug), false, drug);

  await page.getByRole('button', { name: 'TRT + hCG', exact: true }).click();
  await page.waitForFunction(() => getComputedStyle(document.querySelector('[data-drug=trt]')).display !== 'none');
  assert.equal(await visible(page, 'hcg'), true);
  assert.ok((await lhWidth(page)) < untreatedLh, 'LH arrow thinner on TRT');
  assert.match(await page.locator('#loop-desc').textContent(), /hCG acts on the testes/);

  await page.getByRole('button', { name: 'Clomiphene + anastrozole', exact: true }).click();
  // Week 8 of the restart: move the cursor there with the keyboard from the start of the protocol.
  const canvas = page.locator('canvas.chart');
  await canvas.focus();
  await page.keyboard.press('Home');
  for (let i = 0; i < 52 + 8; i++) await page.keyboard.press('ArrowRight');
  await page.waitForFunction(() => getComputedStyle(document.querySelector('[data-drug=serm]')).display !== 'none');
  assert.equal(await visible(page, 'anastrozole'), true);
  assert.equal(await visible(page, 'trt'), false, 'TRT ended at week 0');
  assert.match(await page.locator('#loop-desc').textContent(), /SERM blocks the estrogen receptor/);
  await screenshot(page, 'loop-clomiphene-anastrozole');
  assert.deepEqual(problems, []);
  await context.close();
});
