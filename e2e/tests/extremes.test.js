// The UI survives every control at its extremes: absurd values are refused with a message, maximal ones run,
// and the page never shows NaN or infinity or logs an error.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useBrowser, waitForChart, canvasPixels, openApp } from './harness.js';

const env = useBrowser();

test('every switch on, every field at absurd and maximal values, longest span, zoom and units', async () => {
  const { page, context, problems } = await openApp(env, '/');
  await page.getByLabel('Time span after week 0').selectOption('104');
  for (const sw of await page.getByRole('switch').all()) await sw.check();
  await page.getByLabel('Testosterone therapy before week 0 (cypionate)').selectOption({ label: '8 years at 150 mg weekly, then stopped' });
  const fields = page.locator('.agent-regimen input[type=number]');
  const n = await fields.count();
  assert.ok(n >= 40, `${n} regimen fields`);
  // A number field takes no letters; an emptied field is the nearest a person gets to non-numbers.
  for (const value of ['1e12', '-1', '', '0', '99999']) {
    for (let i = 0; i < n; i++) {
      const f = fields.nth(i);
      await f.fill(value);
      await f.press('Tab');
    }
    const text = await page.locator('main').innerText();
    assert.doesNotMatch(text, /NaN|Infinity|inf\b/, `no NaN or infinity after ${value}`);
  }
  assert.ok((await page.locator('.agent [role=alert]').count()) > 0, 'refusals are said');
  await page.getByLabel('nmol/L, pmol/L').check();
  await page.getByRole('button', { name: /Zoom in/ }).click();
  await page.getByRole('button', { name: 'Back to the whole protocol' }).click();
  await waitForChart(page);
  assert.ok((await canvasPixels(page)).inked > 5000, 'the chart is still drawn');
  const labs = await page.getByTestId('labs').innerText();
  assert.doesNotMatch(labs, /NaN|Infinity/);
  assert.deepEqual(problems, []);
  await context.close();
});
