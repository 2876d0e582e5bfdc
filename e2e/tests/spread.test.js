// The spread between men as a patient and a clinician meet it: after therapy stops the page draws a
// 10-90 % band behind the curves and says how likely recovery is, month by month, without freezing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useBrowser, screenshot, openApp, openPage, waitForChart, canvasPixels } from './harness.js';

const env = useBrowser();

async function waitForSpread(page) {
  await page.waitForFunction(() => /^Band: 10-90 % of \d+ men/.test(document.querySelector('[data-testid=spread-status]')?.textContent || ''), null, { timeout: 60000 });
}

test('a restart scenario shows the band and how likely recovery is, and no task blocks the page', async () => {
  const { page, context, problems } = await openApp(env, '/');
  const before = await canvasPixels(page);
  await page.getByRole('button', { name: 'Stop TRT cold', exact: true }).click();
  // Long tasks are recorded once the preset's own run has drawn, before the population starts (it waits
  // for the scenario to rest 150 ms): the population's slices are what is measured.
  await page.evaluate(() => new Promise(requestAnimationFrame));
  await page.evaluate(() => {
    window.__long = [];
    new PerformanceObserver((l) => window.__long.push(...l.getEntries().map((e) => e.duration))).observe({ type: 'longtask' });
  });
  assert.equal(await page.getByLabel('Spread between men (10-90 %)').isChecked(), true, 'on by default after therapy');
  await waitForSpread(page);
  const long = await page.evaluate(() => window.__long);
  assert.deepEqual(long.filter((d) => d > 50), [], `no main-thread task over 50 ms: ${long}`);
  const likely = page.getByTestId('likely');
  const words = await likely.locator('.likely-words').innerText();
  // "Of 100 men like this, A by month 3, B by month 6, C by month 12 had sperm back above 20 million/mL."
  const counts = (what) => {
    const line = words.split('\n').find((l) => l.includes(what));
    assert.ok(line, `${what} in ${words}`);
    return [...line.matchAll(/(\d+) by month (\d+)/g)].map((m) => Number(m[1]));
  };
  for (const what of ['LH back to 90 % of his untreated level', 'total testosterone back above 350 ng/dL', 'sperm back above 20 million/mL']) {
    const c = counts(what);
    assert.equal(c.length, 3);
    assert.ok(c[0] <= c[1] && c[1] <= c[2] && c[2] <= 100, `${what}: ${c}`);
  }
  // The lab table gives each value the 10-90 % range of men like this one.
  const cell = page.getByTestId('labs').locator('tbody tr', { hasText: 'LH' }).first().locator('td').last();
  const range = await cell.locator('.men-range').innerText();
  const [, lo, hi] = /([0-9.]+)-([0-9.]+)$/.exec(range) || [];
  assert.ok(Number(lo) > 0 && Number(lo) <= Number(hi), `LH at week 24: ${await cell.innerText()}`);
  const sperm = counts('sperm');
  assert.ok(sperm[0] < 50 && sperm[2] > 50, `sperm back by months 3/6/12: ${sperm}`);
  // The table beside the chart carries the same numbers.
  await likely.getByText('The numbers, month by month').click();
  const month6 = await likely.locator('tbody tr', { hasText: 'Month 6' }).locator('td').allInnerTexts();
  assert.equal(month6[2], `${sperm[1]} %`);
  await page.getByRole('group', { name: 'Explanations' }).getByLabel('Basics').check();
  assert.match(await likely.locator('.likely-why').innerText(), /not a forecast for you/);
  await screenshot(page, 'spread-stop-trt');
  // The band is ink on the chart: switching it off removes pixels.
  const withBand = await canvasPixels(page);
  await page.getByLabel('Spread between men (10-90 %)').uncheck();
  await page.waitForFunction(() => !document.querySelector('[data-testid=likely]'));
  await page.waitForTimeout(300);
  const without = await canvasPixels(page);
  assert.ok(withBand.inked > without.inked + 2000, `band pixels: ${withBand.inked} vs ${without.inked}`);
  assert.ok(before.inked > 0);
  // The link carries the setting: off stays off after a reload.
  await page.waitForFunction(() => location.search.includes('pop=0'));
  await page.reload();
  assert.equal(await page.getByLabel('Spread between men (10-90 %)').isChecked(), false);
  assert.deepEqual(problems, []);
  await context.close();
});

test('a link sets the population; a bad one says why and keeps a working page', async () => {
  const { page, context, problems } = await openApp(env, '/?preset=stop-trt-cold');
  await waitForSpread(page);
  const a = await page.getByTestId('likely').locator('.likely-words').innerText();
  await page.goto(env.origin + '/?v=1&weeks=52&r=cypionate_im_150mg_q7d_w-156to0&pop=20&seed=5');
  await waitForSpread(page);
  assert.match(await page.getByTestId('spread-status').innerText(), /of 20 men/);
  assert.match(await page.getByTestId('likely').locator('.likely-words').innerText(), /^Of 20 men like this/);
  assert.notEqual(a, '');
  await page.goto(env.origin + '/?v=1&pop=1');
  await page.waitForSelector('text=/between 2 and 1000 men/');
  assert.deepEqual(problems, []);
  await context.close();
});

test('the men run in two Web Workers; where the worker cannot load, the page runs them and gets the same numbers', async () => {
  const read = async (page) => {
    await waitForSpread(page);
    await page.waitForTimeout(200);
    return {
      words: await page.getByTestId('likely').locator('.likely-words').innerText(),
      range: await page.getByTestId('labs').locator('tbody tr', { hasText: 'Total testosterone' }).first().locator('.men-range').allInnerTexts(),
      pixels: (await canvasPixels(page)).hash,
    };
  };
  const inWorkers = await openApp(env, '/?preset=stop-trt-cold');
  const fromWorkers = await read(inWorkers.page);
  assert.equal(await inWorkers.page.getByTestId('spread-status').getAttribute('data-ran'), 'workers');
  assert.equal(inWorkers.page.workers().length, 2, 'two workers, one per core');
  assert.deepEqual(inWorkers.problems, []);
  await inWorkers.context.close();
  // The worker's script missing (as offline before it was ever cached): the page's own slices take over.
  const onPage = await openPage(env.browser, env.origin, { serviceWorkers: 'block' });
  await onPage.page.route('**/population-worker-loader.js', (route) => route.fulfill({ status: 404, body: 'gone' }));
  await onPage.page.goto(env.origin + '/?preset=stop-trt-cold');
  await waitForChart(onPage.page);
  const fromPage = await read(onPage.page);
  assert.equal(await onPage.page.getByTestId('spread-status').getAttribute('data-ran'), 'page');
  assert.deepEqual(fromPage, fromWorkers, 'the same men, bit for bit, in a worker or on the page');
  // The failed request for the worker's script is the only complaint, and it is the test's own doing.
  assert.ok(onPage.problems.every((p) => /population-worker-loader|404/.test(p)), onPage.problems.join('\n'));
  await onPage.context.close();
});

test('the workers start once the first chart is on screen and prepare the men, whose band is the same; an embed starts none', async () => {
  const read = async (page) => {
    await waitForSpread(page);
    return {
      words: await page.getByTestId('likely').locator('.likely-words').innerText(),
      range: await page.getByTestId('labs').locator('tbody tr', { hasText: 'Total testosterone' }).first().locator('.men-range').allInnerTexts(),
    };
  };
  const { page, context, problems } = await openApp(env, '/');
  // The untreated man has no band: the workers start anyway, once the chart is on screen, and bring the men
  // like him to their steady states while the person reads.
  await page.waitForFunction(() => performance.getEntriesByName('hpg:first-chart').length > 0);
  const started = Date.now();
  while (page.workers().length < 2 && Date.now() - started < 10_000) await page.waitForTimeout(100);
  assert.equal(page.workers().length, 2, 'two workers ready before any band is asked for');
  await page.waitForTimeout(1500);
  await page.getByRole('button', { name: 'Stop TRT cold', exact: true }).click();
  const prepared = await read(page);
  assert.equal(await page.getByTestId('spread-status').getAttribute('data-ran'), 'workers');
  assert.equal(page.workers().length, 2, 'the band ran in the workers already started, no new ones');
  assert.deepEqual(problems, []);
  await context.close();
  // The same preset opened by a link starts its band at once, with men the workers had not prepared.
  const fresh = await openApp(env, '/?preset=stop-trt-cold');
  assert.deepEqual(await read(fresh.page), prepared, 'prepared men give the band of men simulated from scratch');
  await fresh.context.close();
  const embed = await openApp(env, '/?embed=1');
  await embed.page.waitForTimeout(2500);
  assert.equal(embed.page.workers().length, 0, "an embed's frame fetches no worker until it needs one");
  assert.deepEqual(embed.problems, []);
  await embed.context.close();
});

test('a worker whose WebAssembly cannot load tells the page, which runs the men itself', async () => {
  const { page, context, problems } = await openPage(env.browser, env.origin, { serviceWorkers: 'block' });
  await page.route('**/population-worker_bg.wasm', (route) => route.fulfill({ status: 404, body: 'gone' }));
  await page.goto(env.origin + '/?preset=stop-trt-cold');
  await waitForChart(page);
  await waitForSpread(page);
  assert.equal(await page.getByTestId('spread-status').getAttribute('data-ran'), 'page');
  assert.match(await page.getByTestId('likely').locator('.likely-words').innerText(), /^Of 100 men like this/);
  assert.ok(problems.every((p) => /population-worker|404/.test(p)), problems.join('\n'));
  await context.close();
});
