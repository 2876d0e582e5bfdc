// The consult's lab table: every week column in view where the page is wide enough, and where it is not (a
// phone, a narrow frame), the page says the table scrolls sideways.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useBrowser, openAt, PLACES } from './harness.js';

const env = useBrowser();

for (const place of PLACES) test(`the lab table shows every week, or says that it scrolls sideways (${place.name})`, async () => {
  const { app: page, context, problems } = await openAt(env, place, '/?preset=post-trt-restart');
  const wrap = page.locator('.labs .table-wrap');
  await wrap.waitFor();
  const seen = await wrap.evaluate((w) => ({ shown: w.clientWidth, wide: w.scrollWidth, weeks: w.querySelectorAll('thead th').length }));
  const hint = page.locator('.labs .scroll-hint');
  if (place.name === '1440x900') assert.ok(seen.wide <= seen.shown, `every week in view at 1440 px: ${JSON.stringify(seen)}`);
  if (place.name === '360x740') assert.ok(seen.wide > seen.shown, `a phone cannot show every week: ${JSON.stringify(seen)}`);
  if (seen.wide > seen.shown) {
    assert.ok(await hint.isVisible(), `the table is ${seen.wide} px in ${seen.shown} px and says it scrolls`);
    assert.equal(await hint.innerText(), 'The table scrolls sideways: swipe it to see every week.');
    assert.equal(await wrap.getAttribute('tabindex'), '0', 'a keyboard can scroll it');
  } else {
    assert.equal(await hint.isVisible(), false, 'no scroll hint when every week is in view');
  }
  assert.deepEqual(problems, []);
  await context.close();
});
