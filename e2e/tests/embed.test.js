// Embed mode: fills an iframe, posts ready and every change to its parent, accepts a scenario by message.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useBrowser, openPage } from './harness.js';

const env = useBrowser();

test('an embedded page talks to its host and fills the frame', async () => {
  const { page, context, problems } = await openPage(env.browser, env.origin);
  // A host page somewhere else (about:blank, an opaque origin) with an iframe of the embed. The app's own
  // page would not do: its Content-Security-Policy refuses the host's inline script.
  await page.setContent(`<!doctype html><title>host</title><link rel="icon" href="data:,">
    <iframe id="f" title="HPG Explorer" src="${env.origin}/?embed=1&preset=trt" style="width:700px;height:520px;border:0"></iframe>
    <script>window.msgs = []; addEventListener('message', (e) => window.msgs.push(e.data));</script>`);
  await page.waitForFunction(() => window.msgs.some((m) => m.type === 'hpg-explorer:ready'));
  const frame = page.frameLocator('#f');
  await frame.locator('canvas.chart').waitFor();
  const fill = await page.frames()[1].evaluate(() => {
    const c = document.querySelector('canvas.chart');
    const box = c.getBoundingClientRect();
    return { canvas: box.bottom, panel: (box.height - 34) / 6, view: innerHeight, full: !!document.querySelector('a[href*="v=1"]') };
  });
  // The chart takes the rest of the frame, but a panel never less than 64 px: a small frame scrolls.
  assert.ok(fill.canvas > fill.view * 0.7, `chart fills the frame: ${JSON.stringify(fill)}`);
  assert.ok(fill.canvas <= fill.view || fill.panel >= 64, `a small frame scrolls: ${JSON.stringify(fill)}`);
  assert.ok(fill.full, 'links to the full app');
  const first = await page.evaluate(() => window.msgs.filter((m) => m.type === 'hpg-explorer:scenario').at(-1));
  assert.match(first.query, /cypionate_im_100mg/);
  assert.equal(first.scenario.regimen[0].agent, 'testosterone_cypionate');

  // The host sends a scenario in.
  await page.evaluate(() => document.getElementById('f').contentWindow.postMessage({ type: 'hpg-explorer:set-scenario', query: 'preset=tamoxifen' }, '*'));
  await page.waitForFunction(() => window.msgs.some((m) => m.type === 'hpg-explorer:scenario' && m.query.includes('tamoxifen_oral')));
  assert.equal(await frame.getByRole('switch', { name: /Testosterone cypionate/ }).isChecked(), false);

  // A bad scenario is refused with an error message back and on the page; the chart stays.
  await page.evaluate(() => document.getElementById('f').contentWindow.postMessage({ type: 'hpg-explorer:set-scenario', scenario: { horizon_days: 1e9 } }, '*'));
  await page.waitForFunction(() => window.msgs.some((m) => m.type === 'hpg-explorer:error'));
  assert.match(await frame.getByRole('alert').innerText(), /horizon.*Nothing changed/);
  assert.deepEqual(problems, []);
  await context.close();
});

test('the Embed dialog gives a snippet for the scenario on screen', async () => {
  const { page, context, problems } = await openPage(env.browser, env.origin);
  await page.goto(env.origin + '/?preset=trt-hcg');
  await page.getByRole('button', { name: 'Embed' }).click();
  const code = await page.getByLabel('Embed code').inputValue();
  assert.match(code, /^<iframe src="http:\/\/127\.0\.0\.1:\d+\/\?embed=1&v=1&weeks=26&r=cypionate_im_100mg_q7d_w0to26~hcg_sc_500IU_q2d_w0to26&name=TRT%20%2B%20hCG" title="HPG Explorer"/);
  await page.getByRole('button', { name: 'Close' }).click();
  assert.deepEqual(problems, []);
  await context.close();
});
