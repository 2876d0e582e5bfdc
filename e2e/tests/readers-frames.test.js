// Every screen and every reader (issue 13): what an embed shows, charts in small frames and in print, and
// what a screen reader meets (the curves in words, the announced readout, the data table).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { useBrowser, openApp, screenshot, ARTIFACTS } from './harness.js';

const env = useBrowser();

/** Each panel's share of the canvas, read from the page: the canvas's CSS height over its panel count. */
async function panelHeight(page, panels) {
  const h = await page.evaluate(() => document.querySelector('canvas.chart').getBoundingClientRect().height);
  return (h - 34) / panels;
}

test('an embed says what it shows: the scenario, its active drug and the timeline', async () => {
  const { page, context, problems } = await openApp(env, '/?preset=continuous-gnrh&embed=1');
  const line = await page.getByTestId('embed-scenario').innerText();
  assert.match(line, /^Continuous GnRH: Gonadorelin \(GnRH\) weeks 0 to \d+\.$/);
  assert.equal(await page.getByRole('switch', { name: /Gonadorelin/ }).isChecked(), true);
  assert.match(await page.getByTestId('timeline').innerText(), /Gonadorelin \(GnRH\) weeks 0 to/);
  // Switched off, the drug keeps its switch, so it can be switched on again.
  await page.getByRole('switch', { name: /Gonadorelin/ }).click();
  assert.equal(await page.getByRole('switch', { name: /Gonadorelin/ }).isChecked(), false);
  assert.match(await page.getByTestId('embed-scenario').innerText(), /no drug given/);
  await screenshot(page, 'embed-continuous-gnrh');
  assert.deepEqual(problems, []);
  await context.close();
});

for (const [width, height] of [[640, 480], [360, 560]]) {
  test(`in a ${width}x${height} embed every panel stays readable`, async () => {
    const { page, context, problems } = await openApp(env, '/?preset=stop-trt-cold&embed=1', { viewport: { width, height } });
    const each = await panelHeight(page, 6);
    assert.ok(each >= 64, `each panel gets ${each.toFixed(0)} px`);
    // The frame scrolls to the last panel and its time axis.
    await page.locator('canvas.chart').evaluate((c) => c.scrollIntoView({ block: 'end' }));
    await page.screenshot({ path: path.join(ARTIFACTS, `embed-${width}x${height}.png`) });
    assert.deepEqual(problems, []);
    await context.close();
  });
}

test('printed, the chart keeps the aspect ratio it was drawn at', async () => {
  const { page, context, problems } = await openApp(env, '/?preset=trt');
  await page.waitForFunction(() => document.querySelector('canvas.chart-print').width > 0);
  await page.emulateMedia({ media: 'print' });
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  const r = await page.evaluate(() => {
    const c = document.querySelector('canvas.chart-print');
    const box = c.getBoundingClientRect();
    return { drawn: c.width / c.height, shown: box.width / box.height };
  });
  assert.ok(Math.abs(r.shown / r.drawn - 1) < 0.02, `drawn ${r.drawn.toFixed(3)}, printed ${r.shown.toFixed(3)}`);
  await screenshot(page, 'print-chart');
  assert.deepEqual(problems, []);
  await context.close();
});

test('a screen reader meets the curves in words, an announced readout that moves from week 12, and a data table', async () => {
  const { page, context, problems } = await openApp(env, '/?preset=trt');
  // The accessibility tree, as assistive technology gets it.
  const cdp = await context.newCDPSession(page);
  const { nodes } = await cdp.send('Accessibility.getFullAXTree');
  const chart = nodes.find((n) => n.role?.value === 'image' && /^Stacked charts/.test(n.name?.value ?? ''));
  assert.ok(chart, 'the chart is an image with a name');
  const description = chart.description?.value ?? '';
  assert.match(description, /LH falls from 4\.50 to 0\.\d+ IU\/L by week \d+/);
  assert.match(description, /Total testosterone rises from \d+ to \d+ ng\/dL/);
  assert.match(description, /use the left and right arrow keys/i);
  // The readout is a polite live region and the first arrow press moves one week on from week 12.
  const readout = page.getByTestId('readout');
  assert.equal(await readout.getAttribute('aria-live'), 'polite');
  await page.locator('canvas.chart').focus();
  await page.keyboard.press('ArrowRight');
  assert.match(await readout.innerText(), /^Week 13\.0:/);
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowLeft');
  assert.match(await readout.innerText(), /^Week 11\.0:/);
  // The numbers behind the curves, week by week.
  await page.getByText('The curves in words and numbers').click();
  const rows = page.getByTestId('curve-table').locator('tbody tr');
  assert.equal(await rows.count(), 53);
  assert.match(await rows.first().innerText(), /^0\s+4\.50\s+4\.50/);
  await screenshot(page, 'curves-in-words');
  assert.deepEqual(problems, []);
  await context.close();
});
