// The first vertical slice, as a person uses it: open the app, flip a drug on, see the chart change.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useBrowser, openPage, waitForChart, canvasPixels, screenshot, openApp } from './harness.js';

const env = useBrowser();

test('the page names the app and says it is educational', async () => {
  const { page, context, problems } = await openPage(env.browser, env.origin);
  await page.goto(env.origin + '/');
  await assert.doesNotReject(page.getByRole('heading', { name: 'HPG Explorer' }).waitFor());
  assert.match(await page.getByRole('note').innerText(), /not medical advice/);
  await waitForChart(page);
  assert.deepEqual(problems, []);
  await context.close();
});

test('switching TRT on redraws the chart and lowers LH', async () => {
  const { page, context, problems } = await openApp(env, '/', { deviceScaleFactor: 2 });
  const before = await canvasPixels(page);
  // HiDPI: the backing store is the CSS size times devicePixelRatio.
  assert.equal(before.width, Math.round(before.cssWidth * 2));
  assert.equal(before.height, Math.round(before.cssHeight * 2));
  const summary = page.getByTestId('summary');
  const lhOf = (s) => Number(/LH ([0-9.]+)/.exec(s)[1]);
  const textBefore = await summary.innerText();
  const lhBefore = lhOf(textBefore);

  await page.getByRole('switch', { name: /Testosterone cypionate/ }).click();
  await page.waitForFunction((old) => document.querySelector('[data-testid=summary]').textContent !== old, textBefore);
  // The canvas repaints in the same task as the summary, after the next animation frame at the latest.
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => r())));
  const after = await canvasPixels(page);
  assert.notEqual(after.hash, before.hash, 'the canvas pixels changed');
  assert.ok(after.inked > 1000, 'the chart has ink');
  const lhAfter = lhOf(await summary.innerText());
  assert.ok(lhAfter < lhBefore * 0.5, `TRT suppresses LH (${lhBefore} -> ${lhAfter})`);
  await screenshot(page, 'trt-on-hidpi');
  assert.deepEqual(problems, []);
  await context.close();
});

test('the chart follows its container when the window resizes', async () => {
  const { page, context, problems } = await openApp(env, '/');
  const wide = await canvasPixels(page);
  await page.setViewportSize({ width: 420, height: 800 });
  await page.waitForFunction((w) => document.querySelector('canvas.chart').width !== w, wide.width);
  const narrow = await canvasPixels(page);
  assert.ok(narrow.width < wide.width);
  assert.equal(narrow.width, Math.round(narrow.cssWidth));
  await screenshot(page, 'narrow-360');
  assert.deepEqual(problems, []);
  await context.close();
});
