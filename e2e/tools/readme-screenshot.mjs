// Writes docs/screenshot.png, the README's picture: the post-TRT restart preset with the band of 100 men,
// cursor at week 12, in the
// light theme at 1280x1020. Run after a release build: node e2e/tools/readme-screenshot.mjs
import path from 'node:path';
import { serve, launch, openPage, waitForChart, DIST } from '../tests/harness.js';

const server = await serve();
const chromium = await launch();
try {
  const { page, context, problems } = await openPage(chromium.browser, server.origin, {
    viewport: { width: 1280, height: 1020 },
    colorScheme: 'light',
  });
  await page.goto(server.origin + '/?preset=post-trt-restart');
  await waitForChart(page);
  await page.waitForFunction(() => /^Band/.test(document.querySelector('[data-testid=spread-status]')?.textContent || ''), null, { timeout: 60000 });
  // The cursor at week 12: focus the chart and step with the arrow keys until the readout says so.
  await page.locator('canvas.chart').focus({ preventScroll: true });
  for (let i = 0; i < 400 && !/^Week 12\./.test(await page.getByTestId('readout').innerText()); i++) {
    await page.keyboard.press('ArrowRight');
  }
  await page.locator('canvas.chart').blur();
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: path.resolve(DIST, '..', 'docs', 'screenshot.png') });
  if (problems.length) throw new Error(problems.join('\n'));
  await context.close();
} finally {
  await chromium.close();
  await server.close();
}
