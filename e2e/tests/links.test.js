// Links carry the whole scenario: opening one reproduces the screen; a bad one says why and the page works.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useBrowser, openPage, waitForChart, canvasPixels, openApp, openAt, openDrugs, waitForRedraw, PLACES } from './harness.js';

const env = useBrowser();

const labsText = (page) => page.getByTestId('labs').innerText();

for (const place of PLACES) test(`a link reproduces the exact screen; each deliberate change is one history entry, and Back returns to it (${place.name})`, async () => {
  const a = await openAt(env, place, '/');
  const { app } = a;
  const historyLength = await app.evaluate(() => history.length);
  await app.getByRole('button', { name: 'TRT + hCG', exact: true }).click();
  await app.waitForFunction(() => location.search.includes('hcg_sc_500IU'));
  const presetLabs = await labsText(app);
  // A dose typed key by key, slower than the address follows, is still one change.
  await openDrugs(app);
  const field = app.getByLabel('hCG dose');
  await field.fill('');
  for (const key of '250') {
    await field.press(key);
    await app.waitForTimeout(400);
  }
  await field.press('Tab');
  await app.waitForFunction(() => location.search.includes('hcg_sc_250IU'));
  await app.waitForTimeout(300);
  assert.equal(await app.evaluate(() => history.length), historyLength + 2, 'one entry for the preset, one for the dose');
  const url = await app.evaluate(() => location.href);
  assert.match(url, /r=cypionate_im_100mg_q7d_w0to26~hcg_sc_250IU_q2d_w0to26/);
  const labs = await labsText(app);
  const pixels = await canvasPixels(app);

  const b = await openAt(env, place, url.slice(env.origin.length));
  await openDrugs(b.app);
  await b.app.waitForFunction(() => document.querySelector('input[aria-label="hCG dose"]'));
  assert.equal(await labsText(b.app), labs, 'same labs');
  assert.equal((await canvasPixels(b.app)).hash, pixels.hash, 'same chart, pixel for pixel');
  assert.equal(await b.app.getByLabel('hCG dose').inputValue(), '250');

  // Back (the browser's, in the tab that holds the page or the lesson): the preset's dose and its labs; Back
  // again: the untreated man; Forward: the preset again.
  await a.back();
  await app.waitForFunction(() => document.querySelector('input[aria-label="hCG dose"]')?.value === '500');
  await app.waitForFunction((want) => document.querySelector('[data-testid=labs]').innerText === want, presetLabs);
  assert.match(await app.evaluate(() => location.search), /hcg_sc_500IU/);
  await a.back();
  await app.waitForFunction(() => !document.querySelector('input[aria-label="hCG dose"]'));
  await a.forward();
  await app.waitForFunction(() => document.querySelector('input[aria-label="hCG dose"]')?.value === '500');
  await app.waitForTimeout(400);
  assert.equal(await app.evaluate(() => history.length), historyLength + 2, 'going back and forth adds no entry');
  assert.deepEqual([...a.problems, ...b.problems], []);
  await a.context.close();
  await b.context.close();
});

for (const place of PLACES) test(`a link with one bad line keeps the good lines, says what it left out, and keeps the link as given (${place.name})`, async () => {
  const given = '/?v=1&weeks=24&r=cypionate_im_100mg_q7d_w0to24~hcg_sc_-500IU_q2d_w0to24&age=45';
  const { app: page, back, context, problems } = await openAt(env, place, given);
  // On a phone the drugs fold away under the chart: open them, as a person would.
  await openDrugs(page);
  const alert = page.getByRole('alert');
  assert.match(await alert.innerText(), /left out: hcg_sc_-500IU_q2d_w0to24 \(dose must be a positive number\)/);
  assert.equal(await page.getByRole('switch', { name: /Testosterone cypionate/ }).isChecked(), true, 'the good line is kept');
  assert.equal(await page.getByRole('switch', { name: /hCG/ }).isChecked(), false);
  await page.waitForTimeout(400);
  assert.equal(await page.evaluate(() => location.pathname + location.search), given, 'the address is not rewritten');
  assert.equal(await alert.getByRole('textbox').inputValue(), env.origin + given, 'the link as given, to copy');
  // The first change makes a new entry: Back returns to the link as given, and says again what it left out.
  await page.getByLabel('Testosterone cypionate dose').fill('150');
  await page.getByLabel('Testosterone cypionate dose').press('Tab');
  await page.waitForFunction(() => location.search.includes('cypionate_im_150mg'));
  await back();
  await page.waitForFunction((want) => location.pathname + location.search === want, given);
  await page.waitForFunction(() => document.querySelector('input[aria-label="Testosterone cypionate dose"]')?.value === '100');
  assert.match(await page.getByRole('alert').innerText(), /left out/);
  await page.waitForTimeout(400);
  assert.equal(await page.evaluate(() => location.pathname + location.search), given, 'still as given after Back');
  assert.deepEqual(problems, []);
  await context.close();
});

test('an edit that resumes the run part-way gives the screen a fresh run gives', async () => {
  // The restart preset has a year of TRT before day 0; a clomiphene dose change resumes from a checkpoint
  // just before clomiphene starts (Engine::simulate_resuming), while a fresh page runs everything.
  const a = await openPage(env.browser, env.origin);
  await a.page.goto(env.origin + '/?preset=post-trt-restart');
  await waitForChart(a.page);
  await a.page.getByLabel('Clomiphene citrate dose').fill('50');
  await a.page.getByLabel('Clomiphene citrate dose').press('Tab');
  await a.page.waitForFunction(() => location.search.includes('clomiphene_oral_50mg'));
  const labs = await labsText(a.page);
  const pixels = await canvasPixels(a.page);

  const b = await openPage(env.browser, env.origin);
  await b.page.goto(await a.page.evaluate(() => location.href));
  await waitForChart(b.page);
  assert.equal(await labsText(b.page), labs, 'same labs');
  assert.equal((await canvasPixels(b.page)).hash, pixels.hash, 'same chart, pixel for pixel');
  assert.deepEqual([...a.problems, ...b.problems], []);
  await a.context.close();
  await b.context.close();
});

test('a preset opens by query, pressed and explained, until an edit departs from it', async () => {
  const { page, context, problems } = await openApp(env, '/?preset=post-trt-restart');
  assert.match(await page.getByLabel('Testosterone therapy before week 0').locator('option:checked').innerText(), /^1 year at 100 mg weekly/);
  assert.equal(await page.getByRole('switch', { name: /Clomiphene citrate/ }).isChecked(), true);
  const button = page.locator('[data-preset=post-trt-restart]');
  assert.equal(await button.getAttribute('aria-pressed'), 'true');
  assert.match(await page.locator('.preset-summary').innerText(), /year of TRT, then clomiphene/);
  // The link the page now carries (v=1&r=...) is the same preset: still pressed after a reload.
  await page.waitForFunction(() => location.search.includes('r='));
  await page.reload();
  await page.waitForFunction(() => document.querySelector('[data-preset=post-trt-restart]')?.getAttribute('aria-pressed') === 'true');
  await page.getByLabel('Clomiphene citrate dose').fill('50');
  await page.getByLabel('Clomiphene citrate dose').press('Tab');
  await page.waitForFunction(() => document.querySelector('[data-preset=post-trt-restart]').getAttribute('aria-pressed') === 'false');
  assert.match(await page.locator('.preset-summary').innerText(), /Choose a preset/);
  assert.deepEqual(problems, []);
  await context.close();
});

for (const [bad, says] of [
  ['?r=unobtainium_im_1mg_w0to1', /unknown agent "unobtainium"/],
  ['?v=99', /version 99 is not supported/],
  ['?r=hcg_sc_-500IU_q2d_w0to4', /dose must be a positive number/],
  ['?r=hcg_sc_100000IU_q2d_w0to4', /above the accepted maximum/],
  ['?weeks=1e9', /horizon/],
  ['?r=hcg_sc_500IU_q2d_w0to4&name=%E2%8', /escape|UTF-8/],
  ['?preset=nope', /no preset named/],
]) {
  test(`a bad link (${bad}) shows why and leaves a working page`, async () => {
    const { page, context, problems } = await openApp(env, '/' + bad);
    assert.match(await page.getByRole('alert').innerText(), says);
    // Nothing of these links is left to show: the untreated man, said in words either way.
    assert.match(await page.getByRole('alert').innerText(), /untreated man instead|left out.*The rest of it is shown/s);
    // The page works: switching a drug on changes the chart.
    const before = await canvasPixels(page);
    await page.getByRole('switch', { name: /Testosterone cypionate/ }).check();
    await waitForRedraw(page, before.hash);
    assert.deepEqual(problems, []);
    await context.close();
  });
}

test('the copy-link button copies the link, or shows it when the clipboard is closed', async () => {
  const { page, context, problems } = await openPage(env.browser, env.origin);
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: env.origin });
  await page.goto(env.origin + '/?preset=trt');
  await waitForChart(page);
  await page.getByRole('button', { name: 'Copy link' }).click();
  const status = page.locator('.share-status, .share-url');
  await status.first().waitFor();
  if (await page.locator('.share-status').count()) {
    assert.equal(await page.locator('.share-status').innerText(), 'Link copied.');
    const clip = await page.evaluate(() => navigator.clipboard.readText());
    assert.match(clip, /r=cypionate_im_100mg_q7d_w0to52/);
  } else {
    assert.match(await page.locator('.share-url').inputValue(), /r=cypionate_im_100mg_q7d_w0to52/);
  }
  assert.deepEqual(problems, []);
  await context.close();
});
