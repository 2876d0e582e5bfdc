// Recovery after testosterone therapy as a patient meets it: the stop-TRT preset says in words when LH,
// testosterone and sperm come back, the numbers follow the years of therapy chosen, and the why follows the
// depth. Every number is read from the page.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useBrowser, screenshot, openApp } from './harness.js';

const env = useBrowser();

/** The recovery weeks in the panel: { lh, t, sperm } (Infinity when not within the weeks shown). */
async function recoveryWeeks(page) {
  const text = await page.locator('.recovery-numbers').innerText();
  const week = (re) => {
    const m = text.match(re);
    assert.ok(m, `${re} in "${text}"`);
    return m[1] === undefined ? Infinity : Number(m[1]);
  };
  return {
    lh: week(/LH is back to 90 % of his untreated level (?:at week (\d+)|not within)/),
    t: week(/back above 350 ng\/dL (?:at week (\d+)|not within)/),
    sperm: week(/sperm is back above 20 million\/mL (?:at week (\d+)|not within)/),
    text,
  };
}

async function choosePrior(page, label) {
  const before = await page.locator('.recovery-numbers').innerText();
  await page.getByLabel('Testosterone therapy before week 0').selectOption({ label });
  await page.waitForFunction((b) => document.querySelector('.recovery-numbers')?.innerText !== b, before);
}

test('stopping after longer therapy takes longer to recover, in words read from the model', async () => {
  const { page, context, problems } = await openApp(env, '/?preset=stop-trt-cold');
  assert.match(await page.locator('.preset-summary').innerText(), /3 years of TRT.*months of low T/);
  const prior = page.getByLabel('Testosterone therapy before week 0');
  assert.equal(await prior.locator('option:checked').innerText(), '3 years at 150 mg weekly, then stopped');
  const three = await recoveryWeeks(page);
  assert.match(three.text, /^After 3 years of testosterone cypionate at 150 mg weekly, with nothing to restart the axis, counted from week 4 when his last testosterone or hCG has washed out:/);
  // Months, not weeks: the published courses after years of use (physiology reference §2), and more than
  // the four weeks the last dose takes to wash out.
  assert.ok(three.lh >= 12 && three.t >= 12 && three.sperm >= 12, JSON.stringify(three));
  await page.getByRole('group', { name: 'Explanations' }).getByLabel('Basics').check();
  assert.match(await page.locator('.recovery-why').innerText(), /^Basics: Recovery takes months.*not a forecast for you/);
  await screenshot(page, 'recovery-3-years');

  await page.getByLabel('Time span after week 0').selectOption('104');
  await page.waitForFunction(() => !document.querySelector('.recovery-numbers')?.innerText.includes('not within'));
  const threeLong = await recoveryWeeks(page);
  await choosePrior(page, '3 months at 150 mg weekly, then stopped');
  const short = await recoveryWeeks(page);
  await choosePrior(page, '8 years at 150 mg weekly, then stopped');
  const long = await recoveryWeeks(page);
  for (const k of ['lh', 't', 'sperm']) {
    assert.ok(short[k] < threeLong[k] && threeLong[k] < long[k], `${k}: ${short[k]} < ${threeLong[k]} < ${long[k]}`);
  }
  assert.ok(long.lh >= 2 * short.lh, `LH week ${long.lh} after 8 years vs ${short.lh} after 3 months`);
  // A lighter dose for the same years recovers sooner.
  await choosePrior(page, '3 years at 100 mg weekly, then stopped');
  const lighter = await recoveryWeeks(page);
  assert.ok(lighter.lh < threeLong.lh && lighter.t < threeLong.t, JSON.stringify({ lighter, threeLong }));

  await page.getByRole('group', { name: 'Explanations' }).getByLabel('Clinical').check();
  assert.match(await page.locator('.recovery-why').innerText(), /^Clinical: .*Shankara-Narayana 2020/);
  await page.getByRole('group', { name: 'Explanations' }).getByLabel('Academic').check();
  assert.match(await page.locator('.recovery-why').innerText(), /^Academic: .*reserves/);
  // No therapy before week 0: nothing to recover from, and the panel goes.
  await prior.selectOption({ label: 'None' });
  await page.waitForFunction(() => !document.querySelector('[data-testid=recovery]'));
  assert.deepEqual(problems, []);
  await context.close();
});

test('a therapy the choices do not describe opens as your own, and each field rewrites it', async () => {
  const { page, context, problems } = await openApp(env, '/?v=1&weeks=24&r=enanthate_im_250mg_q7d_w-30to-4');
  const prior = page.getByLabel('Testosterone therapy before week 0');
  assert.match(await prior.locator('option:checked').innerText(), /^Your own/);
  const own = page.getByTestId('prior-own');
  assert.equal(await own.getByLabel('Line 1 drug').locator('option:checked').innerText(), 'Testosterone enanthate');
  assert.equal(await own.getByLabel('Dose (mg)').inputValue(), '250');
  assert.equal(await own.getByLabel('For (years)').inputValue(), '0.5');
  assert.equal(await own.getByLabel('Stopped (weeks before week 0)').inputValue(), '4');
  assert.match(await page.locator('.recovery-numbers').innerText(), /^After Testosterone enanthate 6 months, stopped 4 weeks before week 0,/);
  // Five years, stopped eight weeks ago: the timeline and the link say so, and recovery takes longer.
  const before = await page.locator('.recovery-numbers').innerText();
  for (const [label, value] of [['For (years)', '5'], ['Stopped (weeks before week 0)', '8']]) {
    await own.getByLabel(label).fill(value);
    await own.getByLabel(label).press('Tab');
  }
  await page.waitForFunction(() => /Testosterone enanthate 5 years, stopped 8 weeks before week 0/.test(document.querySelector('[data-testid=timeline]').textContent));
  await page.waitForFunction(() => /enanthate_im_250mg_q7d_w-268to-8/.test(location.search));
  assert.notEqual(await page.locator('.recovery-numbers').innerText(), before);
  // Decades are accepted; beyond thirty years is refused in words, and the therapy stays.
  await own.getByLabel('For (years)').fill('20');
  await own.getByLabel('For (years)').press('Tab');
  await page.waitForFunction(() => /enanthate_im_250mg_q7d_w-1048to-8/.test(location.search));
  await own.getByLabel('For (years)').fill('40');
  await own.getByLabel('For (years)').press('Tab');
  assert.match(await own.getByRole('alert').innerText(), /For \(years\) 40: therapy before week 0 may reach back 30 years at most, stop included; kept 20\./);
  // Another product starts from its usual dose and interval, for the same years.
  await own.getByLabel('Line 1 drug').selectOption({ label: 'Testosterone undecanoate' });
  await page.waitForFunction(() => /undecanoate_im_1000mg_q70d/.test(location.search));
  assert.equal(await own.getByLabel('Line 1 every').locator('option:checked').innerText(), 'every 10 weeks');
  // A second line, another drug: hCG alongside, for the last year.
  await own.getByRole('button', { name: 'Add a line before week 0' }).click();
  await own.getByLabel('Line 2 drug').selectOption({ label: 'hCG' });
  await page.waitForFunction(() => /hcg_sc_500IU_q2d_w-52to0/.test(location.search));
  await page.waitForFunction(() => /hCG/.test(document.querySelector('[data-testid=timeline]').textContent));
  await screenshot(page, 'prior-own-therapy');
  await own.getByRole('button', { name: 'Remove line 2' }).click();
  await page.waitForFunction(() => !/hcg_/.test(location.search));
  assert.deepEqual(problems, []);
  await context.close();
});
