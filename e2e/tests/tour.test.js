// The first minute: a newcomer's walk through the page, shown once and reachable again, and the keyboard
// shortcuts dialog.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useBrowser, openApp, openAt, PLACES, screenshot, seriousViolations } from './harness.js';

const env = useBrowser();

test('a newcomer is walked through presets, loop, cursor and labs once; the Tour button brings it back', async () => {
  const { page, context, problems } = await openApp(env, '/', { newcomer: true });
  const tour = page.getByTestId('tour');
  const steps = [];
  for (;;) {
    const title = await tour.getByRole('heading').innerText();
    const outlined = await page.locator('.tour-target').evaluate((e) => e.className || e.tagName);
    steps.push([title, outlined]);
    if (steps.length === 1) {
      assert.deepEqual(await seriousViolations(page), [], 'axe with the tour open');
      await screenshot(page, 'tour-first-step');
    }
    const next = tour.getByRole('button', { name: 'Next' });
    if (!(await next.count())) break;
    await next.click();
  }
  assert.deepEqual(steps.map((s) => s[0]), ['Pick a preset', 'Read the loop', 'Move the cursor', 'Read the labs']);
  assert.match(steps[0][1], /presets/);
  assert.match(steps[2][1], /chart/);
  await tour.getByRole('button', { name: 'Done' }).click();
  assert.equal(await tour.count(), 0);
  assert.equal(await page.locator('.tour-target').count(), 0, 'no outline is left behind');
  // Once seen, a new visit does not show it; the Tour button does.
  await page.reload();
  await page.locator('canvas.chart').waitFor();
  assert.equal(await page.getByTestId('tour').count(), 0);
  await page.getByRole('button', { name: 'Tour' }).click();
  assert.equal(await page.getByTestId('tour').getByRole('heading').innerText(), 'Pick a preset');
  await page.getByRole('button', { name: 'Skip the tour' }).click();
  assert.equal(await page.getByTestId('tour').count(), 0);
  assert.deepEqual(problems, []);
  await context.close();
});

test('in a lesson\'s frame that keeps nothing, the walk does not open on every visit, and the Tour button opens it', async () => {
  const { page, app, context, problems, reload } = await openAt(env, PLACES.find((p) => p.frame), '/', { newcomer: true });
  // The frame cannot remember a walk it was shown (the browser blocks third-party storage here), so it would
  // open on every visit: it opens only when asked.
  assert.equal(await app.evaluate(() => { try { localStorage.length; return 'kept'; } catch { return 'nothing'; } }), 'nothing');
  await app.waitForTimeout(500);
  assert.equal(await app.getByTestId('tour').count(), 0);
  await app.getByRole('button', { name: 'Tour' }).click();
  assert.equal(await app.getByTestId('tour').getByRole('heading').innerText(), 'Pick a preset');
  await reload();
  await app.waitForTimeout(500);
  assert.equal(await app.getByTestId('tour').count(), 0);
  assert.equal(await page.evaluate(() => scrollY), 0, 'the lesson did not move');
  assert.deepEqual(problems, []);
  await context.close();
});

test('"?" opens the keyboard shortcuts, but not while typing in a field', async () => {
  const { page, context, problems } = await openApp(env, '/');
  const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await page.getByLabel('Draw at weeks').focus();
  await page.keyboard.type('?');
  assert.equal(await dialog.isVisible(), false);
  await page.locator('canvas.chart').focus();
  await page.keyboard.press('?');
  await dialog.waitFor();
  assert.match(await dialog.innerText(), /Left \/ Right arrow/);
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'hidden' });
  assert.deepEqual(problems, []);
  await context.close();
});
