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
  await page.getByLabel('Testosterone therapy before week 0').selectOption({ label: '8 years at 150 mg weekly, then stopped' });
  // Every interval typed in days, not chosen from the named ones, so it can be absurd too.
  for (const every of await page.locator('.agent-regimen select[aria-label$=" every"]').all()) {
    await every.selectOption({ label: 'other (days)' });
  }
  const fields = page.locator('.agent-regimen input');
  const n = await fields.count();
  assert.ok(n >= 40, `${n} regimen fields`);
  for (const value of ['1e12', '-1', '', '0', '99999', '12abc', '1e308']) {
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

test('a typed number is read as the person meant it, or refused in words and units: never misread', async () => {
  const { page, context, problems } = await openApp(env, '/?preset=trt-hcg');
  const dose = page.getByLabel('hCG dose');
  const alert = page.locator('.agent', { has: dose }).getByRole('alert');
  // A decimal comma is a decimal point.
  await dose.fill('2,5');
  await dose.press('Tab');
  await page.waitForFunction(() => /hcg_sc_2\.5/.test(location.search));
  assert.equal(await dose.inputValue(), '2.5');
  // "1,500" is refused as ambiguous, not read as 1.5 or 1500; the dose in force stays.
  await dose.fill('1,500');
  await dose.press('Tab');
  assert.match(await alert.innerText(), /could be read two ways: type 1500 or 1\.500; kept 2\.5/);
  assert.equal(await dose.inputValue(), '2.5');
  // Letters are refused, not half-read.
  await dose.fill('12abc');
  await dose.press('Tab');
  assert.match(await alert.innerText(), /"12abc" is not a number; kept 2\.5/);
  // Weeks are refused in weeks.
  const from = page.getByLabel('hCG from week');
  await from.fill('-156');
  await from.press('Tab');
  assert.match(await alert.innerText(), /From week -156: drugs here start at week 0 or later/);
  const to = page.getByLabel('hCG to week');
  await to.fill('1e308');
  await to.press('Tab');
  assert.match(await alert.innerText(), /To week 1e308: the chart ends at week \d+/);
  assert.deepEqual(problems, []);
  await context.close();
});
