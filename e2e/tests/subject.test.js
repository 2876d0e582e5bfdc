// The man a link describes is the man the page simulates: his age and his labs change the numbers, and the
// page shows what `hpg-sim` computes for the same scenario (the same engine, natively).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { useBrowser, openApp, screenshot } from './harness.js';

const env = useBrowser();
const HPG_SIM = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'target', 'release', 'hpg-sim');

/** The lab table's value of `lab` at `week`, as the page shows it. */
async function lab(page, name, week) {
  return page.evaluate(([name, week]) => {
    const table = document.querySelector('[data-testid=labs]');
    const col = [...table.querySelectorAll('thead th')].findIndex((th) => th.textContent.trim() === `Week ${week}`);
    const row = [...table.querySelectorAll('tbody tr')].find((tr) => tr.querySelector('th').textContent.trim() === name);
    return row.children[col].textContent.replace(/[▲▼]/g, '').replace(/\s*\((low|high)\)/, '').trim();
  }, [name, week]);
}

/** The page's number format (labs::fmt). */
const fmt = (v) => (v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2));

test('age and measured labs in a link change the page, which agrees with hpg-sim', async () => {
  const link = (extra) => `/?v=1&weeks=48&r=cypionate_im_150mg_q7d_w-156to0${extra}`;
  const { page, context, problems } = await openApp(env, link('&age=30'));
  const young = await lab(page, 'Total testosterone', 12);
  await page.goto(env.origin + link('&age=65'));
  await page.waitForSelector('[data-testid=labs]');
  const old = await lab(page, 'Total testosterone', 12);
  assert.notEqual(young, old, 'a man of 65 recovers differently from a man of 30');
  // The same scenario, natively.
  const scenario = {
    subject: { age_years: 65 },
    history: [{ agent: 'testosterone_cypionate', route: 'im', dose: 150, unit: 'mg', every_days: 7, start_day: -1092, end_day: 0 }],
    horizon_days: 336,
  };
  const out = JSON.parse(execFileSync(HPG_SIM, ['run', '-', '--format', 'json'], { input: JSON.stringify(scenario), maxBuffer: 256 * 1024 * 1024 }).toString());
  const i = out.day.findIndex((d) => d >= 84);
  const [d0, d1] = [out.day[i - 1], out.day[i]];
  const [v0, v1] = [out.total_t_ng_dl[i - 1], out.total_t_ng_dl[i]];
  assert.equal(old, fmt(v0 + ((84 - d0) / (d1 - d0)) * (v1 - v0)), 'the page shows what hpg-sim computes');

  await page.goto(env.origin + '/?v=1&weeks=24&tt=300&lh=3');
  await page.waitForSelector('[data-testid=labs]');
  const low = await lab(page, 'Total testosterone', 0);
  await page.goto(env.origin + '/?v=1&weeks=24&tt=750&lh=6');
  await page.waitForSelector('[data-testid=labs]');
  const high = await lab(page, 'Total testosterone', 0);
  assert.ok(Number(low) < 330 && Number(high) > 700, `untreated T ${low} and ${high} follow the labs in the link`);
  assert.deepEqual(problems, []);
  await context.close();
});

test('About you: a person enters his age, height and untreated labs in the page units; the page simulates him and says how well they were matched', async () => {
  const { page, context, problems } = await openApp(env, '/');
  const about = page.locator('section.about');
  await about.locator('summary').click();
  assert.match(await about.locator('summary').innerText(), /40 years, 80 kg, BMI 25\.0/);
  await page.getByLabel('Age (years)').fill('62');
  await page.getByLabel('Age (years)').press('Tab');
  await page.getByLabel('Height (cm)').fill('180');
  await page.getByLabel('Height (cm)').press('Tab');
  assert.match(await about.locator('summary').innerText(), /62 years, 80 kg, BMI 24\.7/);
  await page.getByLabel('Total testosterone (ng/dL)').fill('300');
  await page.getByLabel('Total testosterone (ng/dL)').press('Tab');
  await page.getByLabel('LH (IU/L)').fill('3,5');
  await page.getByLabel('LH (IU/L)').press('Tab');
  const matches = page.getByTestId('lab-matches');
  await page.waitForFunction(() => /Total testosterone: asked 300, simulated 300 ng\/dL \(matched\)/.test(document.querySelector('[data-testid=lab-matches]').textContent));
  assert.match(await matches.innerText(), /LH: asked 3\.5, simulated 3\.5 IU\/L \(matched\)/);
  assert.equal(await lab(page, 'Total testosterone', 0), '300');
  assert.equal(await lab(page, 'LH', 0), '3.50');
  // The link carries him, so the same link gives the same man.
  await page.waitForFunction(() => /age=62/.test(location.search) && /tt=300/.test(location.search) && /lh=3\.5/.test(location.search));
  // In SI units the field shows nmol/L, and a typed value is read in them.
  await page.getByLabel('nmol/L, pmol/L').check();
  assert.match(await page.getByLabel('Total testosterone (nmol/L)').inputValue(), /^10\.40/);
  // Letters and an impossible age are refused in words; the man stays as he was.
  await page.getByLabel('Age (years)').fill('sixty');
  await page.getByLabel('Age (years)').press('Tab');
  assert.match(await about.getByRole('alert').innerText(), /"sixty" is not a number; kept 62/);
  await page.getByLabel('Age (years)').fill('12');
  await page.getByLabel('Age (years)').press('Tab');
  assert.match(await about.getByRole('alert').innerText(), /age 12 years is outside the accepted range 18 to 100 years; kept 62/);
  // Secondary hypogonadism without T or LH says what the calibration assumes.
  await page.getByLabel('Condition').selectOption({ label: 'Secondary hypogonadism (low LH and T from the brain)' });
  await page.getByLabel('Total testosterone (nmol/L)').fill('');
  await page.getByLabel('Total testosterone (nmol/L)').press('Tab');
  // An emptied lab is "not known" again.
  await page.getByLabel('LH (IU/L)').fill('');
  await page.getByLabel('LH (IU/L)').press('Tab');
  await page.waitForFunction(() => !/lh=/.test(location.search));
  assert.match(await matches.innerText(), /No T or LH given: his untreated total T is set to 250 ng\/dL/);
  assert.deepEqual(problems, []);
  await context.close();
});

test("the clinician's setup takes eight actions, and its labs are what hpg-sim computes", async () => {
  const { page, context, problems } = await openApp(env, '/', { acceptDownloads: true });
  // "3 years of cypionate 150 mg weekly, then stop, then hCG 1,500 IU three times a week and clomiphene
  // 25 mg daily for 16 weeks, labs at weeks 4, 8, 12 and 24": each line below is one action of a person.
  const type = async (label, value) => {
    await page.getByLabel(label).fill(value);
    await page.getByLabel(label).press('Tab');
  };
  const actions = [
    () => page.getByLabel('Testosterone therapy before week 0').selectOption({ label: '3 years at 150 mg weekly, then stopped' }),
    () => page.getByRole('switch', { name: /hCG/ }).check(),
    () => type('hCG dose', '1500'),
    () => page.getByLabel('hCG every', { exact: true }).selectOption({ label: '3 times a week' }),
    () => type('hCG to week', '16'),
    () => page.getByRole('switch', { name: /Clomiphene citrate/ }).check(),
    () => type('Clomiphene citrate to week', '16'),
    () => type('Draw at weeks', '4, 8, 12, 24'),
  ];
  for (const act of actions) await act();
  assert.equal(actions.length, 8);
  await page.waitForFunction(() => /hcg_sc_1500IU_q2\.3333d_w0to16/.test(location.search) && /clomiphene_oral_25mg_q1d_w0to16/.test(location.search));
  // The same scenario, natively: the page's own JSON export, run by hpg-sim.
  const [dl] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Scenario (JSON)' }).click()]);
  const json = (await import('node:fs/promises')).readFile(await dl.path());
  const out = JSON.parse(execFileSync(HPG_SIM, ['run', '-', '--format', 'json'], { input: await json, maxBuffer: 256 * 1024 * 1024 }).toString());
  const native = (key, day) => {
    const i = out.day.findIndex((d) => d >= day);
    const [d0, d1] = [out.day[i - 1], out.day[i]];
    return fmt(out[key][i - 1] + ((day - d0) / (d1 - d0)) * (out[key][i] - out[key][i - 1]));
  };
  const shown = (name, week) => page.evaluate(([name, week]) => {
    const table = document.querySelector('[data-testid=labs]');
    const col = [...table.querySelectorAll('thead th')].findIndex((th) => th.textContent.trim().startsWith(`Week ${week}`));
    const row = [...table.querySelectorAll('tbody tr')].find((tr) => tr.querySelector('th').textContent.trim() === name);
    return row.children[col].childNodes[0].textContent.trim();
  }, [name, week]);
  for (const week of [4, 8, 12, 24]) {
    assert.equal(await shown('Total testosterone', week), native('total_t_ng_dl', week * 7), `total T at week ${week}`);
    assert.equal(await shown('LH', week), native('lh_iu_l', week * 7), `LH at week ${week}`);
  }
  await screenshot(page, 'clinician-setup');
  assert.deepEqual(problems, []);
  await context.close();
});
