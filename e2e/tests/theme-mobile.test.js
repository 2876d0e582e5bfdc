// Dark theme (page and canvas) and a 360 px phone screen with touch.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useBrowser, screenshot, openApp } from './harness.js';

const env = useBrowser();

const canvasCorner = (page) =>
  page.evaluate(() => [...document.querySelector('canvas.chart').getContext('2d').getImageData(2, 2, 1, 1).data].slice(0, 3));

test('the dark theme darkens the page and the chart', async () => {
  const { page, context, problems } = await openApp(env, '/', { colorScheme: 'light' });
  assert.deepEqual(await canvasCorner(page), [255, 255, 255]);
  await page.getByLabel('Colour theme').selectOption('dark');
  await page.waitForFunction(() => document.documentElement.dataset.theme === 'dark');
  await page.waitForFunction(() => document.querySelector('canvas.chart').getContext('2d').getImageData(2, 2, 1, 1).data[0] < 60);
  const bg = await page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
  assert.match(bg, /rgb\((1\d|2\d|3\d), /, `body background ${bg}`);
  await screenshot(page, 'dark-theme');
  assert.deepEqual(problems, []);
  await context.close();
});

test('a 360 px phone screen needs no sideways scrolling and the chart answers touch', async () => {
  const { page, context, problems } = await openApp(env, '/', {
    viewport: { width: 360, height: 780 },
    deviceScaleFactor: 3,
    hasTouch: true,
    isMobile: true,
  });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 0, `page is ${overflow}px wider than the screen`);
  await page.getByRole('button', { name: 'TRT', exact: true }).tap();
  // On a phone the chart sits below the presets and switches: scroll to it, then tap it.
  await page.locator('canvas.chart').scrollIntoViewIfNeeded();
  const box = await page.locator('canvas.chart').boundingBox();
  await page.touchscreen.tap(box.x + box.width * 0.6, box.y + 50);
  await page.waitForFunction(() => /^Week /.test(document.querySelector('[data-testid=readout]').textContent));
  await screenshot(page, 'phone-360');
  assert.deepEqual(problems, []);
  await context.close();
});

test('"as the system" follows a dark system setting', async () => {
  const { page, context, problems } = await openApp(env, '/', { colorScheme: 'dark' });
  assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), 'dark');
  assert.ok((await canvasCorner(page))[0] < 60, 'the chart is dark too');
  // The system switches to light while the page is open: the page follows.
  await page.emulateMedia({ colorScheme: 'light' });
  await page.waitForFunction(() => document.documentElement.dataset.theme === 'light');
  assert.deepEqual(problems, []);
  await context.close();
});
