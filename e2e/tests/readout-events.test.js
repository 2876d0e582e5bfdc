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
