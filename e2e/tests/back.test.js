// One meaning of "back": the recovery sentence, the outcomes, the A/B table and How likely name the same
// measures and the same days, counted from the day the last testosterone or hCG has washed out.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useBrowser, openAt, PLACES } from './harness.js';

const env = useBrowser();

// A year of cypionate 150 mg weekly, then hCG 1,500 IU three times a week and clomiphene for 16 weeks (plan A),
// against stopping cold (plan B), followed for a year.
const RESTART = '/?v=1&weeks=52&r=cypionate_im_150mg_q7d_w-52to0~hcg_sc_1500IU_q2.3333d_w0to16~clomiphene_oral_25mg_q1d_w0to16&pop=100'
  + '&b.v=1&b.weeks=52&b.r=cypionate_im_150mg_q7d_w-52to0';

for (const place of PLACES) test(`a restart with hCG is not counted as slow recovery while hCG acts, and every view names the same days (${place.name})`, async () => {
  const { app: page, context, problems } = await openAt(env, place, RESTART);
  const likely = page.getByTestId('likely');
  await likely.waitFor({ timeout: 60_000 });
  const from = await likely.locator('.likely-from').innerText();
  assert.match(from, /^Counted from week 1[78], when the last testosterone or hCG has washed out: nobody is back before it\. A man whose own testosterone or sperm count was below these levels before therapy counts as back at 90 % of his own\.( While Clomiphene citrate is still given.*)?$/);
  // No man is back at month 0, in any measure.
  await likely.getByText('The numbers, month by month').click();
  const month0 = await likely.locator('tbody tr', { hasText: 'Month 0' }).locator('td').allInnerTexts();
  assert.deepEqual(month0, ['0 %', '0 %', '0 %']);
  for (const what of ['LH back to 90 % of his untreated level', 'total testosterone back above 350 ng/dL', 'sperm back above 20 million/mL']) {
    assert.match(await likely.locator('.likely-words').innerText(), new RegExp(`had ${what.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\.`));
  }
  // The A/B table, the outcomes and the recovery sentence give plan A's LH the same week.
  const table = page.getByTestId('compare-table');
  const lhRow = await table.locator('tr', { hasText: 'LH back to 90 % of his untreated level' }).locator('td').allInnerTexts();
  const lhWeek = /week (\d+)/.exec(lhRow[0])?.[1];
  assert.ok(lhWeek, `plan A's LH in the table: ${lhRow}`);
  const outcomes = await page.getByTestId('outcomes').locator('li').allInnerTexts();
  assert.ok(outcomes.includes(`Week ${lhWeek}: LH back to 90 % of his untreated level`), outcomes.join('\n'));
  assert.match(await table.locator('tr', { hasText: 'Counted from' }).innerText(), /week 1[78]\s+week [45]/);
  assert.deepEqual(problems, []);
  await context.close();
});
