// The build is a folder of static files that works from any path of a host, not only its root.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, openPage, waitForChart } from './harness.js';

test('the app works from a sub-folder of a host; its address and service worker stay in it', async () => {
  const server = await serve({ base: '/tools/hpg/' });
  const chromium = await launch();
  try {
    const { page, context, problems } = await openPage(chromium.browser, server.origin);
    await page.goto(server.origin + '/tools/hpg/?preset=trt');
    await waitForChart(page);
    assert.equal(await page.getByRole('switch', { name: /Testosterone cypionate/ }).isChecked(), true);
    // The address it keeps current stays in the folder.
    assert.match(page.url(), /\/tools\/hpg\/\?v=1&.*r=cypionate/);
    // The service worker is scoped to the folder and caches the folder's files.
    const scope = await page.evaluate(async () => (await navigator.serviceWorker.ready).scope);
    assert.equal(scope, server.origin + '/tools/hpg/');
    assert.deepEqual(problems, []);
    await context.close();
  } finally {
    await chromium.close();
    await server.close();
  }
});
