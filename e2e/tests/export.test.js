// Export: CSVs with units in the headers, the scenario as JSON (re-imported by file picker), a 2x PNG.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { useBrowser, openPage, waitForChart, openApp, openAt, PLACES } from './harness.js';

const env = useBrowser();

/** Presses `button` in `app` (a page or a lesson's frame) and reads the file the tab downloads. */
async function downloaded(app, button, tab = app) {
  const [dl] = await Promise.all([tab.waitForEvent('download'), app.getByRole('button', { name: button }).click()]);
  return { name: dl.suggestedFilename(), bytes: await fs.readFile(await dl.path()) };
}

test('CSV, JSON and PNG exports carry what is on screen; a scenario file opens again', async () => {
  const { page, context, problems } = await openApp(env, '/?preset=trt-hcg', { acceptDownloads: true });
  await page.getByLabel('nmol/L, pmol/L').check();

  const course = await downloaded(page, 'Time course (CSV)');
  const lines = course.bytes.toString().trim().split('\n');
  assert.equal(course.name, 'hpg-time-course.csv');
  assert.match(lines[0], /^day,gnrh_rel,lh_iu_l,fsh_iu_l,total_t_nmol_l,free_t_pmol_l,shbg_nmol_l,e2_pmol_l/);
  assert.ok(lines.length > 1000);

  const labs = await downloaded(page, 'Labs (CSV)');
  const labLines = labs.bytes.toString().trim().split('\n');
  assert.equal(labLines[0], 'lab,unit,range_low,range_high,week_0,week_4,week_8,week_12,week_24');
  assert.equal(labLines[1], 'drawn on day,day,,,0.000,28.000,56.000,84.000,168.000');
  assert.match(labLines[2], /^Total testosterone,nmol\/L,/);

  const json = await downloaded(page, 'Scenario (JSON)');
  const scenario = JSON.parse(json.bytes.toString());
  assert.equal(scenario.version, 1);
  assert.deepEqual(scenario.regimen.map((d) => d.agent), ['testosterone_cypionate', 'hcg']);

  const png = await downloaded(page, 'Chart (PNG)');
  assert.deepEqual([...png.bytes.subarray(1, 4)].map((b) => String.fromCharCode(b)).join(''), 'PNG');
  const width = png.bytes.readUInt32BE(16);
  const cssWidth = await page.locator('canvas.chart').evaluate((c) => c.clientWidth);
  assert.equal(width, cssWidth * 2, '2x resolution');
  const height = png.bytes.readUInt32BE(20);
  const cssHeight = await page.locator('canvas.chart').evaluate((c) => c.clientHeight);
  assert.equal(height, (cssHeight + 26) * 2, 'the chart plus its legend line');

  // Open the JSON again on a fresh page: the same labs appear.
  const labsBefore = await page.getByTestId('labs').innerText();
  const file = path.join(os.tmpdir(), `hpg-${process.pid}.json`);
  await fs.writeFile(file, json.bytes);
  const fresh = await openPage(env.browser, env.origin);
  await fresh.page.goto(env.origin + '/');
  await waitForChart(fresh.page);
  await fresh.page.getByLabel('nmol/L, pmol/L').check();
  await fresh.page.getByLabel(/Open a scenario file/).setInputFiles(file);
  await fresh.page.getByText('Opened hpg-').waitFor();
  assert.equal(await fresh.page.getByTestId('labs').innerText(), labsBefore);

  // A bad file says why and leaves the scenario alone.
  await fs.writeFile(file, '{"regimen":[{"agent":"hcg","route":"sc","dose":-1,"unit":"IU","start_day":0}]}');
  await fresh.page.getByLabel(/Open a scenario file/).setInputFiles(file);
  assert.match(await fresh.page.locator('.export [role=alert]').innerText(), /regimen\[0\]\.dose: dose must be a positive number.*unchanged/);
  assert.equal(await fresh.page.getByTestId('labs').innerText(), labsBefore);
  // Dropping the exported file on the section opens it too.
  await fresh.page.getByRole('button', { name: 'Reset to defaults' }).click();
  await fresh.page.evaluate((text) => {
    const dt = new DataTransfer();
    dt.items.add(new File([text], 'dropped.json', { type: 'application/json' }));
    const target = document.querySelector('section.export');
    target.dispatchEvent(new DragEvent('dragover', { dataTransfer: dt, bubbles: true, cancelable: true }));
    target.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
  }, json.bytes.toString());
  await fresh.page.getByText('Opened dropped.json.').waitFor();
  assert.equal(await fresh.page.getByTestId('labs').innerText(), labsBefore);
  await fs.rm(file);
  assert.deepEqual([...problems, ...fresh.problems], []);
  await context.close();
  await fresh.context.close();
});

for (const place of PLACES) test(`with two plans on screen, the CSVs and the JSON carry plan B, and the JSON opens both again (${place.name})`, async () => {
  const ab = '/?v=1&weeks=24&r=cypionate_im_150mg_q7d_w-52to0~hcg_sc_500IU_q2d_w0to16&b.v=1&b.weeks=24&b.r=cypionate_im_150mg_q7d_w-52to0';
  const { app: page, page: tab, context, problems } = await openAt(env, place, ab, { acceptDownloads: true });
  await page.getByTestId('compare-table').waitFor();
  const course = (await downloaded(page, 'Time course (CSV)', tab)).bytes.toString().trim().split('\n');
  assert.match(course[0], /^plan,day,gnrh_rel,lh_iu_l/);
  const plans = new Set(course.slice(1).map((l) => l.split(',')[0]));
  assert.deepEqual([...plans], ['A', 'B']);
  for (const plan of ['A', 'B']) assert.ok(course.filter((l) => l.startsWith(`${plan},`)).length > 1000, `plan ${plan} rows`);

  const labs = (await downloaded(page, 'Labs (CSV)', tab)).bytes.toString().trim().split('\n');
  assert.equal(labs[0], 'plan,lab,unit,range_low,range_high,week_0,week_4,week_8,week_12,week_24');
  assert.ok(labs.some((l) => l.startsWith('A,Total testosterone,')) && labs.some((l) => l.startsWith('B,Total testosterone,')));
  assert.equal(labs.filter((l) => /^[AB],drawn on day,/.test(l)).length, 2);

  const json = await downloaded(page, 'Scenario (JSON)', tab);
  const file = JSON.parse(json.bytes.toString());
  assert.deepEqual(file.regimen.map((d) => d.agent), ['hcg']);
  assert.deepEqual(file.compared.regimen, []);
  assert.deepEqual(file.compared.history.map((d) => d.agent), ['testosterone_cypionate']);

  // Opened on a fresh page, both plans come back: the same comparison table.
  const table = await page.getByTestId('compare-table').innerText();
  const where = path.join(os.tmpdir(), `hpg-plans-${process.pid}.json`);
  await fs.writeFile(where, json.bytes);
  const fresh = await openAt(env, place, '/');
  await fresh.app.getByLabel(/Open a scenario file/).setInputFiles(where);
  await fresh.app.getByTestId('compare-table').waitFor();
  assert.equal(await fresh.app.getByTestId('compare-table').innerText(), table);
  await fs.rm(where);
  assert.deepEqual([...problems, ...fresh.problems], []);
  await context.close();
  await fresh.context.close();
});
