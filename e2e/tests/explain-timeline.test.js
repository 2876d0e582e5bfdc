// Explanations at three depths from each switch, and the timeline of phases.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useBrowser, screenshot, openApp } from './harness.js';

const env = useBrowser();

test('each drug explains itself at the chosen depth', async () => {
  const { page, context, problems } = await openApp(env, '/');
  const about = page.getByText('What it does', { exact: true }).and(page.locator('[aria-label="What it does: Clomiphene citrate"]'));
  await about.click();
  const text = () => page.locator('[aria-label="What it does: Clomiphene citrate"] + p').innerText();
  assert.match(await text(), /^Basics: .*hides estrogen from the brain/);
  await page.getByLabel('Clinical').check();
  assert.match(await text(), /^Clinical: .*Shabsigh 2005/);
  await page.getByLabel('Academic').check();
  assert.match(await text(), /^Academic: .*isomers/);
  // The hormones are explained too.
  await page.getByRole('group', { name: 'Explanations' }).getByLabel('Basics').check();
  await page.locator('.glossary summary', { hasText: 'LH' }).first().click();
  assert.match(await page.locator('.glossary details[open] p').first().innerText(), /tells the testes to make testosterone/);
  assert.deepEqual(problems, []);
  await context.close();
});

test('the timeline shows the phases of a protocol', async () => {
  const { page, context, problems } = await openApp(env, '/');
  await page.getByRole('button', { name: 'Post-TRT restart with clomiphene', exact: true }).click();
  const bars = await page.getByTestId('timeline').locator('li').allInnerTexts();
  assert.deepEqual(bars, ['Testosterone cypionate 1 year, stopped at week 0', 'Clomiphene citrate weeks 2 to 18']);
  await screenshot(page, 'timeline-restart');
  assert.deepEqual(problems, []);
  await context.close();
});
