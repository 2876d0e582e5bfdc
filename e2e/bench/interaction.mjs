// Interaction: a dose change -> model run -> chart drawn -> the frame with it committed, over 100 changes on
// the whole-protocol view of the post-TRT restart preset (a year of TRT, then clomiphene: 700 days).
import { openPage, waitForChart } from '../tests/harness.js';

/** A recording page with the restart preset chosen as a person would (a click), its dose field on screen. */
export async function openRestartProtocol(browser, origin) {
  const opened = await openPage(browser, origin);
  await opened.page.goto(origin + '/');
  await waitForChart(opened.page);
  await opened.page.getByRole('button', { name: 'Post-TRT restart with clomiphene', exact: true }).click();
  await opened.page.waitForFunction(() => document.querySelector("input[aria-label='Clomiphene citrate dose']"));
  return opened;
}

/** Returns one sample per change: times from the input event, ms, and whether the canvas changed. */
export async function measureInteraction(browser, origin) {
  const { page, context, problems } = await openRestartProtocol(browser, origin);
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
      // The change runs the app's effects (simulate, draw, the other views) as microtasks; the browser then
      // renders and commits the frame; a zero timeout set now runs after that.
      await new Promise((r) => setTimeout(r, 0));
      const committed = performance.now() - t0;
      await frame();
      const nextFrame = performance.now() - t0;
      const of = (name) => entries.filter((e) => e.name === name);
      const draw = of('hpg:draw').at(-1);
      out.push({
        committed,
        nextFrame,
        drawn: draw ? draw.startTime + draw.duration - t0 : NaN,
        simulate: of('hpg:simulate').reduce((s, e) => s + e.duration, 0),
        draw: draw ? draw.duration : NaN,
        changed: probe() !== before,
      });
    }
    return out;
  });
  // Switching a drug on or off: a PK chain comes or goes, and a row of fields opens or closes.
  const toggles = await page.evaluate(async () => {
    const toggle = document.querySelector('#switch-anastrozole');
    const frame = () => new Promise((r) => requestAnimationFrame(() => r()));
    const out = [];
    for (let i = 0; i < 20; i++) {
      await frame();
      const t0 = performance.now();
      toggle.click();
      await new Promise((r) => setTimeout(r, 0));
      out.push(performance.now() - t0);
    }
    return out;
  });
  await context.close();
  return { samples, toggles, problems };
}
