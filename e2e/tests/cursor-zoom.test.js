// Reading values with the cursor (pointer and keyboard) and zooming into days to see the pulses.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useBrowser, canvasPixels, screenshot, openApp } from './harness.js';

const env = useBrowser();

test('the cursor reads every value under the pointer and follows the arrow keys', async () => {
  const { page, context, problems } = await openApp(env, '/');
  await page.getByRole('button', { name: 'TRT', exact: true }).click();
  const canvas = page.locator('canvas.chart');
  const box = await canvas.boundingBox();
  await page.mouse.move(box.x + box.width * 0.5, box.y + 40);
  const readout = page.getByTestId('readout');
  await page.waitForFunction(() => /^Week /.test(document.querySelector('[data-testid=readout]').textContent));
  const text = await readout.innerText();
  for (const name of ['GnRH', 'LH', 'FSH', 'Total testosterone', 'Free testosterone', 'Estradiol']) assert.match(text, new RegExp(name));
  assert.ok(await page.locator('.cursor-line').isVisible());
  const week = Number(/^Week ([0-9.]+)/.exec(text)[1]);
  await canvas.focus();
  await page.keyboard.press('ArrowRight');
  await page.waitForFunction((w) => Number(/^Week ([0-9.]+)/.exec(document.querySelector('[data-testid=readout]').textContent)?.[1]) > w, week);
  assert.deepEqual(problems, []);
  await context.close();
});

test('zooming into three days shows the GnRH pulses on a day axis', async () => {
  const { page, context, problems } = await openApp(env, '/', { deviceScaleFactor: 2 });
  const whole = await canvasPixels(page);
  await page.getByRole('button', { name: /Zoom in/ }).click();
  await page.getByRole('button', { name: 'Back to the whole protocol' }).waitFor();
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  const zoomed = await canvasPixels(page);
  assert.notEqual(zoomed.hash, whole.hash);
  // Read GnRH across the window with the cursor: pulses mean a large spread between peaks and troughs.
  const canvas = page.locator('canvas.chart');
  const box = await canvas.boundingBox();
  const gnrh = [];
  for (let i = 0; i <= 60; i++) {
    await page.mouse.move(box.x + 60 + (i / 60) * (box.width - 80), box.y + 40);
    const t = await page.getByTestId('readout').innerText();
    const m = /GnRH ([0-9.]+)/.exec(t);
    if (m) gnrh.push(Number(m[1]));
  }
  assert.match(await page.getByTestId('readout').innerText(), /^Day /);
  assert.ok(Math.max(...gnrh) > 3 * Math.min(...gnrh), `GnRH spread ${Math.min(...gnrh)}..${Math.max(...gnrh)}`);
  await screenshot(page, 'zoom-pulses');
  await page.getByRole('button', { name: 'Back to the whole protocol' }).click();
  await page.getByRole('button', { name: /Zoom in/ }).waitFor();
  assert.deepEqual(problems, []);
  await context.close();
});

test('the zoom length can be one day', async () => {
  const { page, context, problems } = await openApp(env, '/');
  await page.getByLabel('Zoom length').selectOption('1');
  await page.getByRole('button', { name: /Zoom in/ }).click();
  await page.getByText(/Pulse by pulse: days 84.0 to 85.0/).waitFor();
  assert.deepEqual(problems, []);
  await context.close();
});

test('the zoomed chart spans exactly the chosen days, also after years of TRT', async () => {
  const { page, context, problems } = await openApp(env, '/?preset=stop-trt-cold');
  await page.getByLabel('Zoom length').selectOption('2');
  await page.getByRole('button', { name: /Zoom in/ }).click();
  const note = await page.getByText(/Pulse by pulse: days/).innerText();
  const [, from, to] = /days ([0-9.]+) to ([0-9.]+)/.exec(note).map(Number);
  assert.equal(to - from, 2);
  const canvas = page.locator('canvas.chart');
  const box = await canvas.boundingBox();
  const dayAt = async (x) => {
    await page.mouse.move(box.x + x, box.y + 40);
    return Number(/^Day (-?[0-9.]+)/.exec(await page.getByTestId('readout').innerText())[1]);
  };
  // The pointer at either edge of the canvas reads the ends of the time axis.
  const [left, right] = [await dayAt(1), await dayAt(box.width - 1)];
  assert.ok(Math.abs(left - from) < 0.01, `axis starts at day ${left}, not ${from}`);
  assert.ok(Math.abs(right - to) < 0.01, `axis ends at day ${right}, not ${to}`);
  await screenshot(page, 'zoom-after-trt');
  assert.deepEqual(problems, []);
  await context.close();
});
