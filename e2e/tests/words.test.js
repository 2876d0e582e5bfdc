// Words a person reads: doses are named as what studies used, never as advice; events are dated as the lab
// table beside them dates its columns; a long name wraps instead of widening the page.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useBrowser, openApp } from './harness.js';

const env = useBrowser();

const DRUGS = ['Testosterone cypionate', 'Clomiphene citrate', 'Enclomiphene citrate', 'Tamoxifen', 'Anastrozole', 'Gonadorelin (GnRH)', 'hCG'];

test('clinical texts name doses as what studies used, never as advice', async () => {
  const { page, context, problems } = await openApp(env, '/');
  await page.getByLabel('Clinical').check();
  for (const drug of DRUGS) {
    const about = page.locator(`[aria-label="What it does: ${drug}"]`);
    await about.click();
    const text = await page.locator(`[aria-label="What it does: ${drug}"] + p`).innerText();
    assert.match(text, /^Clinical: /, drug);
    if (/\d\s*(mg|IU|ng\/kg)\b/.test(text)) {
      assert.match(text, /\b(used|studies|study|trials?)\b/i, `${drug} names a dose without saying it is what studies used:\n${text}`);
      assert.doesNotMatch(text, /^Clinical: (A SERM\. )?\d/, `${drug} opens with a dose, as advice would`);
    }
  }
  assert.deepEqual(problems, []);
  await context.close();
});

test('an event hours after the start is dated by its day, not as the week-0 column of the lab table', async () => {
  const { page, context, problems } = await openApp(env, '/?preset=too-much-anastrozole');
  const outcomes = await page.getByTestId('outcomes').locator('li').allInnerTexts();
  const low = outcomes.find((o) => /Estradiol below 15/.test(o));
  assert.match(low ?? '', /^Day 0\.\d: Estradiol below 15/, outcomes.join('\n'));
  assert.ok(!outcomes.some((o) => /^Week 0:/.test(o)), outcomes.join('\n'));
  // The lab table's week 0 is the start, before the drug acts: E2 is above 15 there, which the event no longer contradicts.
  const heads = await page.getByTestId('labs').locator('thead th').allInnerTexts();
  const e2 = await page.getByTestId('labs').locator('tbody tr', { hasText: 'Estradiol (E2)' }).locator('td').allInnerTexts();
  const week0 = parseFloat(e2[heads.indexOf('Week 0') - 1]);
  assert.ok(week0 >= 15, `E2 ${week0} at week 0 (${heads.join(' | ')} / ${e2.join(' | ')})`);
  assert.deepEqual(problems, []);
  await context.close();
});

for (const [width, height] of [[360, 740], [1440, 900]]) test(`a long saved name wraps at ${width} px instead of widening the page`, async () => {
  const { page, context, problems } = await openApp(env, '/?preset=trt', { viewport: { width, height } });
  const name = 'Restart-plan-for-the-consult-on-Tuesday-'.repeat(5);
  await page.getByLabel('Name for this scenario').fill(name);
  await page.getByRole('button', { name: 'Save in this browser' }).click();
  await page.getByRole('status').filter({ hasText: 'Saved' }).waitFor();
  const shown = page.locator('.saved-name');
  assert.equal(await shown.innerText(), name);
  const fits = await page.evaluate(() => {
    const el = document.querySelector('.saved-name');
    const r = el.getBoundingClientRect();
    return { right: r.right, lines: Math.round(r.height / parseFloat(getComputedStyle(el).lineHeight || '20')), page: document.documentElement.scrollWidth, width: innerWidth };
  });
  assert.ok(fits.right <= fits.width, `the name ends at ${fits.right} px on a ${fits.width} px screen`);
  assert.ok(fits.page <= fits.width, `the page is ${fits.page} px wide on a ${fits.width} px screen`);
  assert.deepEqual(problems, []);
  await context.close();
});
