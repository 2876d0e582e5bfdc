// The engine as WebAssembly in several release builds, alternated in one headless Chromium so the machine's
// drift falls on all of them (docs/PERFORMANCE.md asks for side-by-side figures): each round opens every
// build's `?bench=engine` page once, in turn, and reads the median of each benchmark scenario.
// Usage: node e2e/bench/engine-side-by-side.mjs DIST [DIST...]   (ROUNDS=3 by default; a DIST is the dist/ of
// a `trunk build --release`, say of another commit built in a worktree, or of another profile)
import { serve, launch, openPage } from '../tests/harness.js';

const dists = process.argv.slice(2);
if (dists.length === 0) {
  console.error('usage: node e2e/bench/engine-side-by-side.mjs DIST [DIST...]');
  process.exit(2);
}
const builds = [];
for (const root of dists) builds.push([root, await serve({ root })]);
const chromium = await launch();
const medians = new Map(dists.map((d) => [d, {}]));
try {
  for (let round = 0; round < Number(process.env.ROUNDS ?? 3); round++) {
    for (const [root, server] of builds) {
      const { page, context } = await openPage(chromium.browser, server.origin);
      await page.goto(server.origin + '/?bench=engine');
      await page.waitForSelector('[data-testid=engine-bench][data-done]', { timeout: 120_000 });
      const rows = await page.$$eval('[data-testid=engine-bench] tbody tr', (trs) => trs.map((t) => [t.dataset.name, Number(t.dataset.median)]));
      for (const [name, ms] of rows) (medians.get(root)[name] ??= []).push(ms);
      await context.close();
    }
  }
} finally {
  await chromium.close();
  for (const [, server] of builds) await server.close();
}
const middle = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
for (const [root, byName] of medians) {
  const words = Object.entries(byName).map(([name, xs]) => `${name} ${middle(xs).toFixed(2)} ms (${xs.map((x) => x.toFixed(2)).join(', ')})`);
  console.log(`${root}: ${words.join('; ')}`);
}
