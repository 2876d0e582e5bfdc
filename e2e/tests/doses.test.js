// Doses as a clinician sets them: an interval is a named choice ("3 times a week"), another is typed in days;
// a dose far from what studies used is taken but flagged where it was typed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useBrowser, openAt, openDrugs, PLACES } from './harness.js';

const env = useBrowser();

for (const place of PLACES) test(`"3 times a week" is a choice of interval, and another interval can still be typed (${place.name})`, async () => {
  const { app: page, context, problems, reload } = await openAt(env, place, '/');
  // On a phone the drugs fold away under the chart: open them, as a person would.
  await openDrugs(page);
  await page.getByRole('switch', { name: /hCG/ }).check();
  const every = page.getByLabel('hCG every', { exact: true });
  await every.selectOption({ label: '3 times a week' });
  await page.waitForFunction(() => /hcg_sc_\d+IU_q2\.3333d/.test(location.search));
  assert.equal(await page.getByLabel('hCG every (days)').count(), 0, 'no days to type for a named interval');
  // A reload shows the same choice.
  await reload();
  await openDrugs(page);
  await page.getByLabel('hCG every', { exact: true }).waitFor();
  assert.equal(await page.getByLabel('hCG every', { exact: true }).locator('option:checked').innerText(), '3 times a week');
  // Other: the days are typed.
  await page.getByLabel('hCG every', { exact: true }).selectOption({ label: 'other (days)' });
  await page.getByLabel('hCG every (days)').fill('5');
  await page.getByLabel('hCG every (days)').press('Tab');
  await page.waitForFunction(() => /hcg_sc_\d+IU_q5d/.test(location.search));
  assert.equal(await page.getByLabel('hCG every', { exact: true }).locator('option:checked').innerText(), 'other (days)');
  assert.deepEqual(problems, []);
  await context.close();
});

for (const place of PLACES) test(`"1,5" IU of hCG on the English page is taken as 1.5 and flagged, not taken silently (${place.name})`, async () => {
  const { app: page, context, problems } = await openAt(env, place, '/?preset=trt-hcg');
  await openDrugs(page);
  const row = page.locator('.agent', { has: page.getByRole('switch', { name: /hCG/ }) });
  assert.equal(await row.getByRole('status').count(), 0, 'the preset dose is not flagged');
  await page.getByLabel('hCG dose').fill('1,5');
  await page.getByLabel('hCG dose').press('Tab');
  await page.waitForFunction(() => /hcg_sc_1\.5IU/.test(location.search));
  const flag = row.getByRole('status');
  assert.match(await flag.innerText(), /1\.5 IU is far from the doses studies of hCG used \(125 to 10000 IU a dose\)\. Check the number: a comma is read as a decimal mark\./);
  await page.getByLabel('hCG dose').fill('1500');
  await page.getByLabel('hCG dose').press('Tab');
  await page.waitForFunction(() => /hcg_sc_1500IU/.test(location.search));
  assert.equal(await row.getByRole('status').count(), 0, 'a usual dose is not flagged');
  assert.deepEqual(problems, []);
  await context.close();
});
