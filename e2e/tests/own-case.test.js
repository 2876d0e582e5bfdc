// A person's own labs and two plans side by side: measured results are entered as people type them, listed
// beside the simulated values, drawn on the charts, fitted and kept in the link; a plan kept as B is drawn
// beside A, compared in one table, swapped and cleared, and carried by the link.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { useBrowser, openApp, screenshot, waitForChart, canvasPixels } from './harness.js';

const env = useBrowser();
const HPG_SIM = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'target', 'release', 'hpg-sim');

/** The measured-labs table as rows of cell texts. */
const measuredRows = (page) =>
  page.evaluate(() =>
    [...document.querySelectorAll('[data-testid=measured-table] tbody tr')].map((tr) => [...tr.children].map((c) => c.textContent.trim())),
  );

/** Enters one result in the panel, as a person would. */
async function enter(page, { week, lab, value, unit }) {
  const panel = page.locator('section.measured');
  await panel.getByLabel('Week', { exact: true }).fill(week);
  await panel.getByLabel('Lab', { exact: true }).selectOption({ label: lab });
  if (unit) await panel.getByLabel('Unit', { exact: true }).selectOption({ label: unit });
  await panel.getByLabel('Value', { exact: true }).fill(value);
  await panel.getByRole('button', { name: 'Add' }).click();
}

test('measured labs: typed as people type them, listed beside the simulation, fitted, kept in the link', async () => {
  // A year of cypionate 150 mg weekly, stopped at week 0.
  const { page, context, problems } = await openApp(env, '/?v=1&weeks=24&r=cypionate_im_150mg_q7d_w-52to0');
  await enter(page, { week: '8', lab: 'LH', value: '0,9' });
  await enter(page, { week: '12', lab: 'Total testosterone', value: '180' });
  await enter(page, { week: '12', lab: 'LH', value: '1.6' });
  await enter(page, { week: '-2', lab: 'Total testosterone', value: '31', unit: 'nmol/L' });
  let rows = await measuredRows(page);
  assert.equal(rows.length, 4, JSON.stringify(rows));
  assert.deepEqual(rows[0].slice(0, 2), ['LH (week 8)', '0.90 IU/L'], 'a decimal comma is a decimal point, never x10');
  assert.deepEqual(rows[3].slice(0, 2), ['Total testosterone (week -2, day 7 of 7 (trough))', '31.0 nmol/L'], 'kept in the unit it was reported in; on TRT, where in the cycle');
  await page.waitForFunction(() => location.search.includes('labs=lh_0.9iul_w8~tt_180ngdl_w12~lh_1.6iul_w12~tt_31nmoll_w-2'));
  // Refused in words, nothing added.
  await enter(page, { week: '12', lab: 'Total testosterone', value: '12abc' });
  await page.getByRole('alert').filter({ hasText: 'Value' }).waitFor();
  await enter(page, { week: '12', lab: 'Total testosterone', value: '12000' });
  await page.getByRole('alert').filter({ hasText: 'Not added: Total testosterone of 12000 ng/dL is outside 1 to 5000 ng/dL.' }).waitFor();
  // Before the therapy the chart starts with: refused. (After its end the chart grows to reach it: patient.test.js.)
  await enter(page, { week: '-60', lab: 'LH', value: '3' });
  await page.getByRole('alert').filter({ hasText: 'outside the simulated weeks' }).waitFor();
  assert.equal((await measuredRows(page)).length, 4);
  // The rings are on the chart: the canvas changes when the labs are removed and put back (via the link).
  const legend = await page.locator('.legend').textContent();
  assert.match(legend, /Rings: your measured labs/);

  // Off by how much before the fit, and after.
  const offBy = (rs) => rs.map((r) => Math.abs(parseFloat(r[3])));
  const before = offBy(await measuredRows(page));
  await page.getByRole('button', { name: 'Fit to my labs' }).click();
  await page.waitForFunction(() => /Fitted in/.test(document.querySelector('[data-testid=fit-result]').textContent), null, { timeout: 60_000 });
  const words = await page.getByTestId('fit-result').textContent();
  assert.match(words, /Fitted in \d+ simulations/);
  await page.waitForFunction(() => location.search.includes('traits='));
  rows = await measuredRows(page);
  const after = offBy(rows);
  const sum = (xs) => xs.reduce((a, b) => a + b, 0);
  assert.ok(sum(after) < sum(before) / 2, `the fitted man is closer to the labs: ${before} -> ${after}`);
  await screenshot(page, 'own-labs-fitted');

  // The link reproduces the fitted man and his labs, and hpg-sim simulates the same man.
  const search = await page.evaluate(() => location.search);
  await page.goto(env.origin + '/' + search);
  await page.waitForSelector('[data-testid=measured-table]');
  assert.deepEqual(await measuredRows(page), rows, 'the same labs and the same simulated values after a reload');
  const traits = Object.fromEntries(
    decodeURIComponent(new URLSearchParams(search).get('traits')).split('~').map((p) => p.split(':')).map(([k, v]) => [k, Number(v)]),
  );
  const scenario = {
    subject: { traits },
    history: [{ agent: 'testosterone_cypionate', route: 'im', dose: 150, unit: 'mg', every_days: 7, start_day: -364, end_day: 0 }],
    horizon_days: 168,
  };
  const out = JSON.parse(execFileSync(HPG_SIM, ['run', '-', '--format', 'json'], { input: JSON.stringify(scenario), maxBuffer: 256 * 1024 * 1024 }).toString());
  const i = out.day.findIndex((d) => d >= 84);
  const [d0, d1] = [out.day[i - 1], out.day[i]];
  const native = out.total_t_ng_dl[i - 1] + ((84 - d0) / (d1 - d0)) * (out.total_t_ng_dl[i] - out.total_t_ng_dl[i - 1]);
  assert.equal(rows[1][2], native >= 100 ? native.toFixed(0) : native.toFixed(1), 'the page and hpg-sim simulate the same fitted man');

  // Undo the fit; remove a lab.
  await page.getByRole('button', { name: 'Fit to my labs' }).waitFor();
  await page.getByRole('button', { name: 'Remove LH week 8' }).click();
  assert.equal((await measuredRows(page)).length, 3);
  assert.deepEqual(problems, []);
  await context.close();
});

test('labs no man like this can give are refused in words', async () => {
  // Total T of 40 ng/dL while on 150 mg a week: a missed injection or a wrong unit, not a man like this.
  const { page, context, problems } = await openApp(env, '/?v=1&weeks=12&r=cypionate_im_150mg_q7d_w-52to0&labs=tt_40ngdl_w-1');
  await page.getByRole('button', { name: 'Fit to my labs' }).click();
  const refusal = page.getByTestId('fit-refusal');
  await refusal.waitFor({ timeout: 60_000 });
  assert.match(await refusal.textContent(), /No man like this one matches these labs|far outside/);
  assert.ok(!(await page.evaluate(() => location.search.includes('traits='))), 'a refused fit changes nobody');
  assert.deepEqual(problems, []);
  await context.close();
});

/** The compare tables as { what: [A, B] }: the outcomes by name, the labs as "Week N: lab (unit)". */
const compareTable = (page) =>
  page.evaluate(() => {
    const out = {};
    for (const tr of document.querySelectorAll('[data-testid=compare-table] tbody tr')) {
      out[tr.children[0].textContent.trim()] = [tr.children[1].textContent.trim(), tr.children[2].textContent.trim()];
    }
    const weeks = [...document.querySelectorAll('[data-testid=compare-labs] thead tr:first-child th[colspan]')].map((th) => th.textContent.trim());
    for (const tr of document.querySelectorAll('[data-testid=compare-labs] tbody tr')) {
      const cells = [...tr.querySelectorAll('td')].map((td) => td.textContent.trim());
      weeks.forEach((w, i) => { out[`${w}: ${tr.children[0].textContent.trim()}`] = [cells[2 * i], cells[2 * i + 1]]; });
    }
    return out;
  });

test('compare: stop cold (B) against hCG + clomiphene (A), side by side, in the link, swapped and cleared', async () => {
  const { page, context, problems } = await openApp(env, '/?v=1&weeks=24&r=cypionate_im_150mg_q7d_w-156to0');
  await waitForChart(page);
  const alone = await canvasPixels(page);
  // Keep stop-cold as B, then switch on hCG and clomiphene in A: three actions.
  await page.getByRole('button', { name: 'Keep this plan as B' }).click();
  await page.getByRole('switch', { name: /hCG/ }).check();
  await page.getByRole('switch', { name: /Clomiphene citrate/ }).check();
  await page.getByTestId('compare-table').waitFor();
  const table = await compareTable(page);
  const t4 = table['Week 4: Total testosterone (ng/dL)'];
  assert.ok(Number(t4[0]) > Number(t4[1]) * 1.5, `hCG + clomiphene (A) keeps T up at week 4: ${t4}`);
  assert.notDeepEqual(table['LH back to 90 % of his untreated level'], undefined);
  assert.match(await page.getByTestId('compare-words').textContent(), /B: .*Before week 0: .*no drug given/);
  await waitForChart(page);
  assert.notEqual((await canvasPixels(page)).hash, alone.hash, 'B is drawn beside A');
  await page.waitForFunction(() => location.search.includes('&b.r=cypionate_im_150mg_q7d_w-156to0'));
  await screenshot(page, 'compare-plans');

  // The link carries both plans.
  const search = await page.evaluate(() => location.search);
  await page.goto(env.origin + '/' + search);
  await page.getByTestId('compare-table').waitFor();
  assert.deepEqual(await compareTable(page), table);

  // Swap: A's column becomes B's.
  await page.getByRole('button', { name: 'Swap A and B' }).click();
  const swapped = await compareTable(page);
  for (const [what, [a, b]] of Object.entries(table)) assert.deepEqual(swapped[what], [b, a], what);
  // Clear: one plan again.
  await page.getByRole('button', { name: 'Clear B' }).click();
  await page.getByTestId('compare-table').waitFor({ state: 'detached' });
  await page.waitForFunction(() => !location.search.includes('b.'));
  assert.deepEqual(problems, []);
  await context.close();
});

test('a link whose plan B is broken says so in words and opens safely', async () => {
  const { page, context, problems } = await openApp(env, '/?v=1&weeks=24&b.v=1&b.r=cypionate_im_99999mg_q7d_w-4to0');
  const alert = page.getByRole('alert').first();
  await alert.waitFor();
  assert.match(await alert.textContent(), /plan B/);
  assert.deepEqual(problems, []);
  await context.close();
});

test('what matters most: a tornado for an outcome, longest bar first, with its numbers in a table', async () => {
  const { page, context, problems } = await openApp(env, '/?preset=stop-trt-cold');
  const panel = page.getByTestId('tornado');
  await panel.getByLabel('Outcome').selectOption({ label: 'weeks until sperm is back above 20 million/mL' });
  await panel.getByRole('button', { name: 'Show what matters most' }).click();
  await panel.getByTestId('tornado-words').waitFor({ timeout: 60_000 });
  const words = await panel.getByTestId('tornado-words').textContent();
  // A man whose sperm is not back within the course reads "52.0 or later" (the course's length), not a number.
  assert.match(words, /^For a man like this, .* matters most: at its 10th percentile among men, weeks until sperm is back above 20 million\/mL [\d.]+( or later)?; at its 90th, [\d.]+( or later)? \(typical: [\d.]+\)\.$/);
  const rows = await page.evaluate(() =>
    [...document.querySelectorAll('[data-testid=tornado-table] tbody tr')].map((tr) => [...tr.children].map((c) => c.textContent.trim())),
  );
  assert.equal(rows.length, 12);
  const effects = rows.map((r) => Number(r[3]));
  assert.ok(effects.every((e, i) => i === 0 || effects[i - 1] >= e), `bars ordered by effect: ${effects}`);
  assert.equal(await panel.locator('svg rect').count(), 24, 'two half-bars per trait');
  // The CLI gives the same bars.
  const cli = execFileSync(HPG_SIM, ['sensitivity', '--preset', 'stop-trt-cold', '--outcome', 'sperm-recovery']).toString();
  const top = cli.split('\n')[2].trim().split(/\s+/);
  assert.equal(rows[0][1], Number(top[1]) >= 100 ? Number(top[1]).toFixed(0) : Number(top[1]) >= 10 ? Number(top[1]).toFixed(1) : Number(top[1]).toFixed(2));
  await panel.screenshot({ path: new URL('../artifacts/tornado.png', import.meta.url).pathname });
  // A change of plan takes the stale tornado away.
  await page.getByRole('switch', { name: /hCG/ }).check();
  await panel.getByTestId('tornado-words').waitFor({ state: 'detached' });
  assert.deepEqual(problems, []);
  await context.close();
});

test('a shorter chart keeps a measured lab beyond it, and every other control still works', async () => {
  const { page, context, problems } = await openApp(env, '/?v=1&weeks=52&r=cypionate_im_150mg_q7d_w-52to0&labs=lh_4iul_w40');
  await page.getByLabel('Time span after week 0').selectOption({ label: '24 weeks' });
  await page.waitForFunction(() => /weeks=24/.test(location.search) && /labs=lh_4iul_w40/.test(location.search));
  const rows = await measuredRows(page);
  assert.deepEqual(rows[0].slice(0, 3), ['LH (week 40)', '4.00 IU/L', 'outside the weeks simulated']);
  // The plan is still valid: a drug switches on, and the link still opens.
  await page.getByRole('switch', { name: /hCG/ }).check();
  await page.waitForFunction(() => /hcg_/.test(location.search));
  const search = await page.evaluate(() => location.search);
  await page.goto(env.origin + '/' + search);
  await page.waitForSelector('[data-testid=measured-table]');
  assert.equal(await page.locator('.link-error').count(), 0);
  await page.getByRole('button', { name: 'Fit to my labs' }).click();
  await page.getByTestId('fit-refusal').filter({ hasText: 'none of the measured labs falls within the simulated weeks' }).waitFor();
  assert.deepEqual(problems, []);
  await context.close();
});

test('the curves in words speak plain words at Basics and the terms alone at Clinical', async () => {
  const { page, context, problems } = await openApp(env, '/?preset=stop-trt-cold');
  await page.locator('.curves-text > summary').click();
  const words = () => page.getByTestId('chart-description').innerText();
  await page.waitForFunction(() => /M\/mL/.test(document.querySelector('[data-testid=chart-description]').textContent));
  assert.match(await words(), /M\/mL \(million sperm per millilitre\)/);
  await page.getByRole('group', { name: 'Explanations' }).getByLabel('Clinical').check();
  await page.waitForFunction(() => !/million sperm per millilitre/.test(document.querySelector('[data-testid=chart-description]').textContent));
  assert.match(await words(), /M\/mL/);
  assert.deepEqual(problems, []);
  await context.close();
});
