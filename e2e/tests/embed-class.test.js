// The class: a story in an iframe as an education site embeds it (560 px, the documented height, and 768 px),
// the Embed button on a story step, a tiny frame, and a newcomer's first minute on a phone.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useBrowser, openApp, openAt, openInFrame, PLACES } from './harness.js';

const env = useBrowser();

/** A host page with text above an iframe of `src`; returns the page and the frame. */
const host = (src, frame = {}) => openInFrame(env, src, frame);

// The documented 560 px on a desktop lesson and on a phone (the frame as wide as the phone), and 768 px.
for (const [where, size] of [
  ['560 px frame on a 1440 px page', { height: 560, hostWidth: 1440 }],
  ['560 px frame on a 360 px phone', { height: 560, hostWidth: 360, width: '100%' }],
  ['768 px frame', { height: 768 }],
]) {
  test(`a story step in a ${where} shows its text and Back/Next, and the host page does not jump`, async () => {
    const { page, context, problems, frame } = await host('/?embed=1&story=trt-sperm&step=2', size);
    await frame.waitForSelector('[data-testid=story]');
    await page.waitForTimeout(800);
    const box = await frame.evaluate(() => {
      const story = document.querySelector('[data-testid=story]');
      const next = [...story.querySelectorAll('button')].find((b) => /Next/.test(b.textContent));
      const back = [...story.querySelectorAll('button')].find((b) => /Back/.test(b.textContent));
      const r = (e) => e.getBoundingClientRect();
      return { shown: story.clientHeight, content: story.scrollHeight, next: next && r(next), back: back && r(back), view: innerHeight };
    });
    assert.ok(box.shown >= box.content - 1, `the story box shows all its text: ${box.shown} of ${box.content} px`);
    for (const b of [box.next, box.back]) {
      assert.ok(b && b.top >= 0 && b.bottom <= box.view, `Back and Next in view: ${JSON.stringify(box)}`);
    }
    assert.equal(await page.evaluate(() => scrollY), 0, 'the host page stays where it was');
    // Next moves the story; the host still does not move.
    await frame.getByRole('button', { name: /Next/ }).click();
    await frame.waitForFunction(() => /step 3 of/.test(document.querySelector('[data-testid=story]').textContent));
    await page.waitForTimeout(500);
    assert.equal(await page.evaluate(() => scrollY), 0, 'the host page stays where it was after Next');
    assert.deepEqual(problems, []);
    await context.close();
  });
}

for (const [where, size] of [['1440 px page', { hostWidth: 1440 }], ['360 px phone', { hostWidth: 360, width: '100%' }]]) test(`a step that speaks of the band and How likely shows them in a 560 px embed on a ${where}`, async () => {
  const { context, problems, frame } = await host('/?embed=1&story=recovery-months&step=6', size);
  await frame.waitForSelector('.likely', { timeout: 60000 });
  assert.ok(await frame.locator('.likely').isVisible(), 'How likely is shown');
  assert.match(await frame.locator('.likely').innerText(), /Of 100 men like this, .* had LH back to 90 % of his untreated level/);
  assert.deepEqual(problems, []);
  await context.close();
});

for (const place of PLACES) test(`the Embed button on a story step embeds that step (${place.name})`, async () => {
  const { app: page, context, problems } = await openAt(env, place, '/?story=trt-sperm&step=2');
  await page.getByRole('button', { name: 'Embed' }).click();
  const code = await page.getByLabel('Embed code').inputValue();
  assert.match(code, /\?embed=1&story=trt-sperm&step=2" title="HPG Explorer"/);
  assert.deepEqual(problems, []);
  await context.close();
});

for (const place of PLACES) test(`the first-visit tour does not open over a story (${place.name})`, async () => {
  const { app: page, context, problems } = await openAt(env, place, '/?story=trt-sperm&step=1', { newcomer: true });
  await page.getByTestId('story').waitFor();
  await page.waitForTimeout(500);
  assert.equal(await page.locator('.tour').count(), 0, 'no tour card over the story');
  assert.deepEqual(problems, []);
  await context.close();
});

test('a 200 x 150 frame has one scrollbar, not two', async () => {
  const { context, problems, frame } = await host('/?embed=1&preset=trt', { width: 200, height: 150 });
  const scrollers = await frame.evaluate(() =>
    [document.documentElement, ...document.querySelectorAll('body, body *')]
      .filter((e) => {
        const s = getComputedStyle(e);
        const y = e.scrollHeight > e.clientHeight + 1 && (e === document.documentElement ? s.overflowY !== 'hidden' : /auto|scroll/.test(s.overflowY));
        return y;
      })
      .map((e) => e.tagName + '.' + e.className),
  );
  assert.equal(scrollers.length, 1, `scrolling boxes: ${scrollers.join(', ')}`);
  assert.deepEqual(problems, []);
  await context.close();
});

test('on a phone, the first visit opens at the top with the tour card in view', async () => {
  const { page, context, problems } = await openApp(env, '/', { newcomer: true, viewport: { width: 360, height: 740 } });
  const card = page.locator('.tour');
  await card.waitFor();
  await page.waitForTimeout(500);
  const r = await card.evaluate((e) => { const b = e.getBoundingClientRect(); return { top: b.top, bottom: b.bottom, view: innerHeight, y: scrollY }; });
  assert.ok(r.top >= 0 && r.top < r.view, `the tour card is in view: ${JSON.stringify(r)}`);
  assert.deepEqual(problems, []);
  await context.close();
});
