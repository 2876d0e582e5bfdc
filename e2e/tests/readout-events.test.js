// Every reading of "now" agrees when no cursor is set, and the outcomes never contradict themselves.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useBrowser, openApp, screenshot } from './harness.js';

const env = useBrowser();

test('on a 10-week chart the summary and the loop diagram both read week 10', async () => {
  const { page, context, problems } = await openApp(env, '/?v=1&weeks=10&r=cypionate_im_100mg_q7d_w0to10');
  const summary = await page.getByTestId('summary').innerText();
  assert.match(summary, /^At week 10: /);
  assert.match(await page.locator('.loop-card').innerText(), /At week 10\.0\./);
  await screenshot(page, 'ten-week-readout');
  assert.deepEqual(problems, []);
  await context.close();
});

test('an outcome is listed only when it lasts: no "below" and "back" for the same hormone in one week', async () => {
  for (const preset of ['gonadorelin-daily-bolus', 'post-trt-restart', 'stop-trt-cold', 'trt']) {
    const { page, context, problems } = await openApp(env, `/?preset=${preset}`);
    const items = await page.getByTestId('outcomes').locator('li').allInnerTexts();
    const parsed = items.map((t) => t.match(/^Week (-?\d+): (\w+)/)).filter(Boolean).map((m) => ({ week: m[1], what: m[2], text: m.input }));
    for (const a of parsed) {
      const back = parsed.find((b) => b.week === a.week && b.what === a.what && /back/.test(b.text) && /below/.test(a.text));
      assert.equal(back, undefined, `${preset}: "${a.text}" and "${back?.text}"`);
    }
    assert.deepEqual(problems, []);
    await context.close();
  }
});

test('estradiol "too low" is one rule: flagged in words exactly where the lab table marks it', async () => {
  const { page, context, problems } = await openApp(env, '/?preset=too-much-anastrozole');
  assert.match(await page.getByTestId('flags').innerText(), /Estradiol too low/);
  const cells = await page.evaluate(() => {
    const row = [...document.querySelectorAll('[data-testid=labs] tbody tr')].find((tr) => tr.querySelector('th').textContent.trim() === 'Estradiol (E2)');
    return { range: row.children[2].textContent.trim(), values: [...row.querySelectorAll('td')].slice(2).map((td) => td.textContent.trim()) };
  });
  assert.match(cells.range, /^15\.0-50\.0/);
  const lows = cells.values.filter((v) => parseFloat(v) < 15);
  assert.ok(lows.length > 0, `some draws below 15 pg/mL: ${cells.values}`);
  for (const v of cells.values) {
    const marked = /▼|\(low\)/.test(v);
    assert.equal(marked, parseFloat(v) < 15, `"${v}" marked as low exactly when below 15 pg/mL`);
  }
  assert.deepEqual(problems, []);
  await context.close();
});

test('at Basics every technical word comes with plain words beside it; Clinical shows the terms alone', async () => {
  const { page, context, problems } = await openApp(env, '/?preset=post-trt-restart');
  const findings = page.locator('section.findings');
  const basics = await findings.innerText();
  assert.match(basics, /M\/mL \(million sperm per millilitre\)/);
  assert.match(basics, /Zuclomiphene \(clomiphene's slow, estrogen-like half\) builds up/);
  await page.getByRole('button', { name: 'TRT', exact: true }).click();
  await page.waitForFunction(() => /Azoospermia \(no sperm in the semen\) risk/.test(document.querySelector('section.findings').textContent));
  // A line explains a term once, at its first use.
  for (const line of await findings.locator('li').allInnerTexts()) {
    assert.ok((line.match(/\(million sperm per millilitre\)/g) || []).length <= 1, line);
  }
  await page.getByRole('radio', { name: 'Clinical' }).check();
  await page.waitForFunction(() => !/no sperm in the semen/.test(document.querySelector('section.findings').textContent));
  assert.match(await findings.innerText(), /Azoospermia risk/);
  assert.deepEqual(problems, []);
  await context.close();
});

test('a lab draw says where it falls in the injection cycle, and can be taken at the trough or days after a dose', async () => {
  const { page, context, problems } = await openApp(env, '/?v=1&weeks=30&r=enanthate_im_200mg_q14d_w0to30');
  const table = page.getByTestId('labs');
  const week24 = table.locator('thead th', { hasText: 'Week 24' });
  // Week 24 is an injection day: the scheduled draw is the end of the cycle, before the dose.
  assert.match(await week24.innerText(), /Week 24\s*day 14 of 14 \(trough\)/);
  const totalT = async () => Number((await table.locator('tbody tr', { hasText: 'Total testosterone' }).locator('td').nth(6).innerText()).split(' ')[0]);
  const trough = await totalT();
  await page.getByLabel('On injections, draw').selectOption('2');
  await page.waitForFunction(() => /day 2 of 14/.test(document.querySelector('[data-testid=labs] thead th:nth-child(8)').textContent));
  const peak = await totalT();
  assert.ok(peak > 1.5 * trough, `two days after the injection ${peak} ng/dL, at the trough ${trough}`);
  // Week 0 comes before the first injection: no cycle to time it in.
  assert.doesNotMatch(await table.locator('thead th').nth(3).innerText(), /cycle|trough/);
  await screenshot(page, 'labs-draw-timing');
  assert.deepEqual(problems, []);
  await context.close();
});
