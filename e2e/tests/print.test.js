// The print view: one clean page (A4 or Letter, either language, one plan or two, a story's step) with the
// scenario in words, charts, labs, flags, disclaimer and link.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useBrowser, screenshot, openApp, openAt, PLACES } from './harness.js';

const env = useBrowser();

test('printing gives the consult view on one page', async () => {
  const { page, context, problems } = await openApp(env, '/?preset=post-trt-restart');
  // The paper chart is drawn once the page rests after its last change.
  await page.waitForFunction(() => document.querySelector('canvas.chart-print').width > 0);
  await page.emulateMedia({ media: 'print' });
  const shown = (sel) => page.locator(sel).first().evaluate((e) => getComputedStyle(e).display !== 'none');
  for (const sel of ['.print-only', '.disclaimer', 'canvas.chart-print', '[data-testid=labs]', '[data-testid=flags]']) {
    assert.ok(await shown(sel), `${sel} printed`);
  }
  for (const sel of ['.presets', '.controls', '.export', '.chart-tools', '.chart-wrap']) assert.equal(await shown(sel), false, `${sel} hidden`);
  const words = await page.locator('.print-only').innerText();
  assert.match(words, /Testosterone cypionate 100 mg every 7 days, weeks -52 to 0; Clomiphene citrate 25 mg daily, weeks 2 to 18/);
  assert.match(words, /\?v=1&weeks=48&r=cypionate_im_100mg_q7d_w-52to0~clomiphene_oral_25mg_q1d_w2to18/);
  assert.match(words, /Shaded band: 10-90 % of 100 men like this one \(seed \d+\)\./);
  // The recovery panel is folded into the words on paper: when LH, T and sperm are back.
  assert.match(words, /After 1 year of testosterone cypionate at 100 mg weekly, with the protocol from week 0, counted from week \d+ when his last testosterone or hCG has washed out: LH is back .* sperm is back above 20 million\/mL at week \d+/);
  const pdf = await page.pdf({ format: 'A4', printBackground: true });
  const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) || []).length;
  assert.equal(pages, 1, 'one clean page');
  await screenshot(page, 'print-view');
  assert.deepEqual(problems, []);
  await context.close();
});

const AB = 'v=1&weeks=48&r=cypionate_im_100mg_q7d_w-52to0~clomiphene_oral_25mg_q1d_w2to18&b.v=1&b.weeks=48&b.r=cypionate_im_100mg_q7d_w-52to0';
for (const [what, path] of [
  ['two plans', `/?${AB}`],
  ['two plans in Spanish', `/?lang=es&${AB}`],
  ['the restart preset in Spanish', '/?lang=es&preset=post-trt-restart'],
  ['a story step with two plans', '/?story=trt-sperm&step=5'],
  ['a story step in Spanish', '/?lang=es&story=recovery-months&step=4'],
]) {
  // The paper is laid out for its own size, but what the page holds when printed (folds, a phone's order)
  // follows the screen it was set on.
  for (const place of PLACES.filter((p) => !p.frame)) test(`${what} print on one page of A4 and of Letter (set on ${place.name})`, async () => {
    const { page, context, problems } = await openAt(env, place, path);
    await page.waitForFunction(() => document.querySelector('canvas.chart-print').width > 0);
    await page.emulateMedia({ media: 'print' });
    if (path.includes('b.v=1') || path.includes('trt-sperm')) {
      assert.ok(await page.getByTestId('compare').isVisible(), 'both plans are on paper');
    }
    for (const format of ['A4', 'Letter']) {
      const pdf = await page.pdf({ format, printBackground: true });
      const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) || []).length;
      assert.equal(pages, 1, `${format}: ${pages} pages`);
    }
    assert.deepEqual(problems, []);
    await context.close();
  });
}

test('in a lesson\'s iframe, Print prints the page itself (the document the tests above print), not the lesson', async () => {
  const place = PLACES.find((p) => p.frame);
  const { app, page, context, problems } = await openAt(env, place, `/?${AB}`);
  // The browser's print dialog cannot be driven headless: the frame's own print() records what it would print.
  await app.evaluate(() => {
    window.print = () => { window.printed = document.querySelector('[data-testid=compare]') ? 'the page with both plans' : 'the page'; };
  });
  await app.getByRole('button', { name: 'Print or save as PDF' }).click();
  assert.equal(await app.evaluate(() => window.printed), 'the page with both plans');
  assert.equal(await page.evaluate(() => window.printed), undefined, 'the lesson is not printed');
  assert.notEqual(await page.evaluate(() => document.title), await app.evaluate(() => document.title), 'the frame is not the lesson');
  assert.deepEqual(problems, []);
  await context.close();
});
