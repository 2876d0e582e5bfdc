// Dark theme (page and canvas) and a 360 px phone screen with touch.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useBrowser, screenshot, openApp, seriousViolations } from './harness.js';

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
  await page.locator('canvas.chart').scrollIntoViewIfNeeded();
  const box = await page.locator('canvas.chart').boundingBox();
  // The chart is taller than the screen: tap the part in view.
  await page.touchscreen.tap(box.x + box.width * 0.6, Math.max(box.y, 0) + 50);
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

test('on a phone the chart comes first, the agents fold away, and the lab table scrolls by keyboard', async () => {
  const phone = { viewport: { width: 360, height: 740 }, deviceScaleFactor: 2, hasTouch: true, isMobile: true };
  const { page, context, problems } = await openApp(env, '/?preset=post-trt-restart', phone);
  const top = await page.evaluate(() => document.querySelector('canvas.chart').getBoundingClientRect().top + scrollY);
  assert.ok(top < 740, `the chart starts ${top.toFixed(0)} px down`);
  // The band of men is computed after the first paint and adds a panel: wait until the page settles.
  await page.waitForFunction(() => /^Band: 10-90 %/.test(document.querySelector('[data-testid=spread-status]')?.textContent || ''), null, { timeout: 60000 });
  const fold = page.locator('details.agents-fold');
  assert.equal(await fold.evaluate((d) => d.open), false, 'the agents are folded');
  await fold.locator(':scope > summary').tap();
  assert.equal(await page.getByRole('switch', { name: /Clomiphene citrate/ }).isChecked(), true);
  // The page fits the screen, and the timeline's words are a list under the strip, none cut off.
  assert.equal(await page.evaluate(() => document.documentElement.scrollWidth), 360);
  const words = page.locator('.timeline-words li');
  assert.deepEqual(await words.allInnerTexts(), ['Testosterone cypionate 1 year, stopped at week 0', 'Clomiphene citrate weeks 2 to 18']);
  const cut = await words.evaluateAll((lines) =>
    lines.map((l) => l.getBoundingClientRect()).filter((r) => r.left < 0 || r.right > innerWidth).length);
  assert.equal(cut, 0, 'timeline words cut off');
  // The lab table is wider than the screen: its scrolling region takes keyboard focus.
  const labs = page.locator('.labs .table-wrap');
  assert.ok(await labs.evaluate((w) => w.scrollWidth > w.clientWidth), 'the lab table scrolls sideways');
  assert.equal(await labs.getAttribute('tabindex'), '0');
  assert.deepEqual(await seriousViolations(page), [], 'axe at phone width');
  await page.evaluate(() => scrollTo(0, 0));
  await screenshot(page, 'phone-first-screen');
  assert.deepEqual(problems, []);
  await context.close();
});
