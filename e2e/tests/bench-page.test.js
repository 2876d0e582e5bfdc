// The engine benchmark page (?bench=engine) that `make bench` reads: it runs the standard scenarios in the
// shipped WebAssembly module and shows finite timings for each.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useBrowser, openPage } from './harness.js';

const env = useBrowser();

test('the engine benchmark page runs both standard scenarios', async () => {
  const { page, context, problems } = await openPage(env.browser, env.origin);
  await page.goto(env.origin + '/?bench=engine');
  await page.waitForSelector('[data-testid=engine-bench][data-done]', { timeout: 60_000 });
  const rows = await page.$$eval('[data-testid=engine-bench] tbody tr', (trs) =>
    trs.map((t) => ({ name: t.dataset.name, median: Number(t.dataset.median), samples: Number(t.cells[1].innerText) })),
  );
  assert.deepEqual(rows.map((r) => r.name), ['protocol_700d_averaged', 'pulse_window_3d']);
  for (const r of rows) {
    assert.ok(Number.isFinite(r.median) && r.median > 0.1 && r.median < 1000, `${r.name}: ${r.median} ms`);
    assert.ok(r.samples >= 20, `${r.name}: ${r.samples} samples`);
  }
  assert.deepEqual(problems, []);
  await context.close();
});
