// Interaction benchmark: a dose change -> model run -> chart repainted, measured to the next animation
// frame, p50 and p95 over 100 changes on the whole-protocol view of the 700-day restart preset.
// Run: make bench (after a release build). Prints one table; budgets are in docs/PERFORMANCE.md.
import { serve, launch, openPage, waitForChart } from '../tests/harness.js';

const server = await serve();
const chromium = await launch();
const { page, context, problems } = await openPage(chromium.browser, server.origin);
await page.goto(server.origin + '/');
await waitForChart(page);
await page.getByRole('button', { name: 'Post-TRT restart with clomiphene', exact: true }).click();
await page.waitForFunction(() => document.querySelector("input[aria-label='Clomiphene citrate dose']"));

const samples = await page.evaluate(async () => {
  const input = document.querySelector("input[aria-label='Clomiphene citrate dose']");
  const canvas = document.querySelector('canvas.chart');
  const ctx = canvas.getContext('2d');
  const probe = () => ctx.getImageData(0, 0, canvas.width, canvas.height).data.reduce((h, v, i) => (i % 97 ? h : (h * 31 + v) >>> 0), 0);
  const frame = () => new Promise((r) => requestAnimationFrame(() => r()));
  // The app marks its own work (src/app/timing.rs): hpg:simulate and hpg:draw.
  const entries = [];
  new PerformanceObserver((list) => entries.push(...list.getEntries())).observe({ type: 'measure' });
  const out = [];
  for (let i = 0; i < 100; i++) {
    await frame();
    const before = probe();
    entries.length = 0;
    const t0 = performance.now();
    input.value = String(12.5 + (i % 2) * 12.5 + (i % 7));
    input.dispatchEvent(new Event('change', { bubbles: true }));
    // Leptos runs its effects (simulate, draw) as microtasks: a zero timeout runs after all of them.
    await new Promise((r) => setTimeout(r, 0));
    const work = performance.now() - t0;
    await frame();
    const t1 = performance.now();
    const of = (name) => entries.filter((e) => e.name === name);
    const draw = of('hpg:draw').at(-1);
    out.push({
      ms: t1 - t0,
      work,
      drawn: draw ? draw.startTime + draw.duration - t0 : NaN,
      simulate: of('hpg:simulate').reduce((s, e) => s + e.duration, 0),
      draw: draw ? draw.duration : NaN,
      changed: probe() !== before,
    });
  }
  return out;
});

const stats = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const q = (p) => s[Math.min(s.length - 1, Math.floor(p * s.length))];
  return `${q(0.5).toFixed(1)} ms | ${q(0.95).toFixed(1)} ms | ${s[s.length - 1].toFixed(1)} ms`;
};
const changed = samples.filter((s) => s.changed).length;
const row = (what, key) => console.log(`| ${what} | ${stats(samples.map((s) => s[key]))} | ${changed}/100 |`);
console.log('| interaction (700-day protocol, whole view, 100 dose changes) | p50 | p95 | max | repainted |');
console.log('|---|---|---|---|---|');
row('input -> chart drawn on the canvas', 'drawn');
row('input -> page idle (style, layout and paint of that frame included)', 'work');
row('input -> next animation frame', 'ms');
row('inside: simulation (WebAssembly)', 'simulate');
row('inside: drawing the panels', 'draw');
if (problems.length) console.log('problems:', problems);
await context.close();
await chromium.close();
await server.close();
