// Words a person reads: doses are named as what studies used, never as advice; events are dated as the lab
// table beside them dates its columns; a long name wraps instead of widening the page.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useBrowser, openAt, openDrugs, PLACES } from './harness.js';

const env = useBrowser();

const DRUGS = ['Testosterone cypionate', 'Clomiphene citrate', 'Enclomiphene citrate', 'Tamoxifen', 'Anastrozole', 'Gonadorelin (GnRH)', 'hCG'];

for (const place of PLACES) test(`clinical texts name doses as what studies used, never as advice (${place.name})`, async () => {
  const { app: page, context, problems } = await openAt(env, place, '/');
  await openDrugs(page);
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

for (const place of PLACES) test(`an event hours after the start is dated by its day, not as the week-0 column of the lab table (${place.name})`, async () => {
  const { app: page, context, problems } = await openAt(env, place, '/?preset=too-much-anastrozole');
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

for (const place of PLACES) test(`a long saved name wraps instead of widening the page (${place.name})`, async () => {
  const { app: page, context, problems } = await openAt(env, place, '/?preset=trt');
  const fits = (sel) => page.evaluate((sel) => {
    const r = document.querySelector(sel).getBoundingClientRect();
    return { right: r.right, page: document.documentElement.scrollWidth, width: innerWidth };
  }, sel);
  if (place.frame) {
    // A lesson's frame in a browser that blocks third-party storage (as Chromium's private windows do) keeps
    // nothing: the page says so before a name is typed, in words that wrap, and offers no Save.
    const none = page.locator('.saved-none');
    assert.equal(await none.innerText(), 'Saving in this browser is not available here: the page this explorer is embedded in does not let it keep anything in your browser; Copy link keeps the scenario instead.');
    assert.equal(await page.getByRole('button', { name: 'Save in this browser' }).count(), 0);
    const f = await fits('.saved-none');
    assert.ok(f.right <= f.width && f.page <= f.width, `the words fit the frame: ${JSON.stringify(f)}`);
  } else {
    const name = 'Restart-plan-for-the-consult-on-Tuesday-'.repeat(5);
    await page.getByLabel('Name for this scenario').fill(name);
    await page.getByRole('button', { name: 'Save in this browser' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved' }).waitFor();
    assert.equal(await page.locator('.saved-name').innerText(), name);
    const f = await fits('.saved-name');
    assert.ok(f.right <= f.width, `the name ends at ${f.right} px on a ${f.width} px screen`);
    assert.ok(f.page <= f.width, `the page is ${f.page} px wide on a ${f.width} px screen`);
  }
  assert.deepEqual(problems, []);
  await context.close();
});
