// The explorer as a person uses it: switch drugs, pick presets, change units, read the lab table.
// Every number comes from the page (the model's output), never from this file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useBrowser, openPage, waitForChart, canvasPixels, screenshot } from './harness.js';

const env = useBrowser();

/** Reads the lab table into { 'LH': { unit, values: [..] }, ... } with the week headers. */
async function readLabs(page) {
  return page.evaluate(() => {
    const table = document.querySelector('[data-testid=labs]');
    const weeks = [...table.querySelectorAll('thead th')].slice(3).map((th) => Number(th.textContent.replace('Week ', '')));
    const rows = {};
    for (const tr of table.querySelectorAll('tbody tr')) {
      const name = tr.querySelector('th').textContent.trim();
      const cells = [...tr.querySelectorAll('td')];
      rows[name] = { unit: cells[0].textContent.trim(), values: cells.slice(2).map((td) => parseFloat(td.textContent)) };
    }
    return { weeks, rows };
  });
}

/** Sets the draw weeks and waits for the table to show them. */
async function drawAt(page, weeks) {
  const field = page.getByLabel('Draw at weeks');
  await field.fill(weeks.join(', '));
  await field.press('Enter');
  await field.blur();
  await page.waitForFunction((n) => document.querySelectorAll('[data-testid=labs] thead th').length === n + 3, weeks.length);
}

async function fresh(options) {
  const p = await openPage(env.browser, env.origin, options);
  await p.page.goto(env.origin + '/');
  await waitForChart(p.page);
  await drawAt(p.page, [0, 12]);
  return p;
}

async function switchOn(page, name) {
  const before = await page.getByTestId('summary').innerText();
  const labsBefore = JSON.stringify(await readLabs(page));
  await page.getByRole('switch', { name }).check();
  await page.waitForFunction((old) => JSON.stringify(old) !== JSON.stringify(document.querySelector('[data-testid=labs]').textContent), labsBefore);
  await page.waitForFunction((old) => document.querySelector('[data-testid=summary]').textContent !== old, before).catch(() => {});
  return readLabs(page);
}

const change = (labs, row) => labs.rows[row].values[1] / labs.rows[row].values[0];

test('TRT lowers LH, FSH and testicular T and raises T; hCG beside it keeps testicular T up', async () => {
  const { page, context, problems } = await fresh();
  const trt = await switchOn(page, /Testosterone cypionate/);
  assert.ok(change(trt, 'LH') < 0.5, `LH x${change(trt, 'LH')}`);
  assert.ok(change(trt, 'FSH') < 0.5, `FSH x${change(trt, 'FSH')}`);
  assert.ok(change(trt, 'Intratesticular T') < 0.5, `ITT x${change(trt, 'Intratesticular T')}`);
  assert.ok(change(trt, 'Total testosterone') > 1.1, `T x${change(trt, 'Total testosterone')}`);
  const both = await switchOn(page, /^hCG/);
  assert.ok(
    both.rows['Intratesticular T'].values[1] > 2 * trt.rows['Intratesticular T'].values[1],
    `ITT with hCG ${both.rows['Intratesticular T'].values[1]} vs TRT alone ${trt.rows['Intratesticular T'].values[1]}`,
  );
  await screenshot(page, 'explorer-trt-hcg');
  assert.deepEqual(problems, []);
  await context.close();
});

test('clomiphene raises LH and T; anastrozole lowers E2', async () => {
  const { page, context, problems } = await fresh();
  const clomiphene = await switchOn(page, /Clomiphene citrate/);
  assert.ok(change(clomiphene, 'LH') > 1.1, `LH x${change(clomiphene, 'LH')}`);
  assert.ok(change(clomiphene, 'Total testosterone') > 1.1);
  await page.getByRole('switch', { name: /Clomiphene citrate/ }).uncheck();
  const ai = await switchOn(page, /Anastrozole/);
  assert.ok(change(ai, 'Estradiol (E2)') < 0.8, `E2 x${change(ai, 'Estradiol (E2)')}`);
  assert.deepEqual(problems, []);
  await context.close();
});

test('continuous gonadorelin flares LH, then suppresses it', async () => {
  const { page, context, problems } = await fresh();
  await page.getByRole('button', { name: 'Continuous GnRH' }).click();
  await drawAt(page, [0, 0.3, 4]);
  const labs = await readLabs(page);
  const lh = labs.rows.LH.values;
  assert.ok(lh[1] > 1.5 * lh[0], `flare: LH ${lh[0]} -> ${lh[1]}`);
  assert.ok(lh[2] < lh[0], `then suppressed: LH ${lh[2]} at week 4 vs ${lh[0]}`);
  assert.match(await page.getByTestId('flags').innerText(), /Pituitary desensitised/);
  assert.deepEqual(problems, []);
  await context.close();
});

test('switching units changes the labels and the numbers consistently', async () => {
  const { page, context, problems } = await fresh();
  const conventional = await readLabs(page);
  await page.getByLabel('nmol/L, pmol/L').check();
  await page.waitForFunction(() => document.querySelector('[data-testid=labs]').textContent.includes('nmol/L'));
  const si = await readLabs(page);
  assert.equal(conventional.rows['Total testosterone'].unit, 'ng/dL');
  assert.equal(si.rows['Total testosterone'].unit, 'nmol/L');
  assert.equal(si.rows['Estradiol (E2)'].unit, 'pmol/L');
  const t = conventional.rows['Total testosterone'].values[0] / si.rows['Total testosterone'].values[0];
  assert.ok(Math.abs(t - 28.84) < 0.3, `ng/dL per nmol/L = ${t}`);
  const e2 = si.rows['Estradiol (E2)'].values[0] / conventional.rows['Estradiol (E2)'].values[0];
  assert.ok(Math.abs(e2 - 3.671) < 0.1, `pmol/L per pg/mL = ${e2}`);
  assert.equal(si.rows.LH.values[0], conventional.rows.LH.values[0]);
  assert.match(await page.getByTestId('summary').innerText(), /nmol\/L/);
  assert.deepEqual(problems, []);
  await context.close();
});

test('every preset draws a chart and explains itself; screenshots of each', async () => {
  const { page, context, problems } = await fresh();
  const presets = await page.locator('button.preset').evaluateAll((bs) => bs.map((b) => b.textContent));
  assert.ok(presets.length >= 12, `${presets.length} presets`);
  let previous = await canvasPixels(page);
  for (const name of presets) {
    await page.getByRole('button', { name, exact: true }).click();
    await page.waitForFunction((n) => [...document.querySelectorAll('button.preset')].find((b) => b.textContent === n)?.getAttribute('aria-pressed') === 'true', name);
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    const pixels = await canvasPixels(page);
    assert.ok(pixels.inked > 5000, `${name}: the chart has ink`);
    if (name !== 'Untreated') assert.notEqual(pixels.hash, previous.hash, `${name}: the chart changed`);
    previous = pixels;
    assert.ok((await page.locator('.preset-summary').innerText()).length > 20);
    await screenshot(page, `preset-${name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`);
  }
  assert.deepEqual(problems, []);
  await context.close();
});
