// `make bench`: every benchmark of docs/PERFORMANCE.md in one table, each against its budget.
//  - engine: criterion's native medians (cargo bench, run first by make) and the same scenarios as
//    WebAssembly in headless Chromium (the app's own release module, page ?bench=engine);
//  - interaction: 100 dose changes on the 700-day view (interaction.mjs), three runs;
//  - population: 100 men on the 700-day restart protocol, from a dose change to the band on screen, and the
//    longest main-thread task while they run; and the first band of that scenario, from choosing it;
//  - fit to my labs: four labs, from the click to the fitted man in words;
//  - size: the release build's wasm and JS, raw and gzip -9;
//  - load: navigation -> first chart, 10 cold loads on localhost; and as a phone feels it (load-mobile.mjs:
//    Slow 4G, CPU 4x, gzip-served), cold and repeat, the budget users feel (issue 25).
// Needs the release build in dist/ (make bench builds it). Exits non-zero when a budget is missed.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { serve, launch, openPage, waitForChart, DIST } from '../tests/harness.js';
import { measureInteraction, openRestartProtocol } from './interaction.mjs';
import { measureMobileLoad } from './load-mobile.mjs';

const ROOT = path.resolve(DIST, '..');
const median = (xs) => quantile(xs, 0.5);
function quantile(xs, p) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(p * s.length))];
}
const ms = (x) => `${x.toFixed(2)} ms`;
const rows = [];
const row = (measure, budget, result, ok) => rows.push({ measure, budget, result, ok });

/** Criterion's median for a benchmark, ms, or undefined if `cargo bench` has not run. */
function criterionMedian(name) {
  const file = path.join(ROOT, 'target', 'criterion', 'engine', name, 'new', 'estimates.json');
  if (!fs.existsSync(file)) return undefined;
  return JSON.parse(fs.readFileSync(file, 'utf8')).median.point_estimate / 1e6;
}

const server = await serve();
const chromium = await launch();
const problems = [];
try {
  // Engine as WebAssembly: three fresh pages, the median of their medians.
  const wasm = {};
  for (let i = 0; i < 3; i++) {
    const { page, context, problems: p } = await openPage(chromium.browser, server.origin);
    await page.goto(server.origin + '/?bench=engine');
    await page.waitForSelector('[data-testid=engine-bench][data-done]', { timeout: 120_000 });
    for (const r of await page.$$eval('[data-testid=engine-bench] tbody tr', (trs) => trs.map((t) => [t.dataset.name, Number(t.dataset.median)]))) {
      (wasm[r[0]] ??= []).push(r[1]);
    }
    problems.push(...p);
    await context.close();
  }
  const budgets = { protocol_700d_averaged: ['700-day protocol (averaged)', 3], pulse_window_3d: ['3-day window (pulse-resolved)', 2] };
  for (const [name, [label, nativeBudget]] of Object.entries(budgets)) {
    const native = criterionMedian(name);
    const w = median(wasm[name]);
    if (native === undefined) {
      row(`engine: ${label}, native (criterion median)`, `<= ${nativeBudget} ms`, 'not measured: run `cargo bench --bench engine`', false);
    } else {
      row(`engine: ${label}, native (criterion median)`, `<= ${nativeBudget} ms`, ms(native), native <= nativeBudget);
    }
    const ratio = native === undefined ? NaN : w / native;
    row(`engine: ${label}, WebAssembly in Chromium (median of 3 pages)`, '<= 2x native', `${ms(w)} (${ratio.toFixed(2)}x)`, ratio <= 2);
  }

  // Interaction: three fresh pages; each figure is the median over the three runs' figures.
  const runs = [];
  for (let i = 0; i < 3; i++) {
    const r = await measureInteraction(chromium.browser, server.origin);
    problems.push(...r.problems);
    runs.push(r);
  }
  const over = (pick) => median(runs.map(pick));
  const pct = (key, p) => over((r) => quantile(r.samples.map((s) => s[key]), p));
  const both = (key) => `${ms(pct(key, 0.5))} / ${ms(pct(key, 0.95))}`;
  const repainted = runs.every((r) => r.samples.every((s) => s.changed));
  const p95 = pct('committed', 0.95);
  const p95s = runs.map((r) => quantile(r.samples.map((s) => s.committed), 0.95));
  row(
    'interaction: dose change -> frame with the new chart committed (p50 / p95 of 100; median of 3 runs)',
    'p95 <= 16 ms',
    `${both('committed')} (p95 of the runs: ${p95s.map((x) => x.toFixed(1)).join(', ')})`,
    p95 <= 16 && repainted,
  );
  row('  of which: -> chart drawn on the canvas (p50 / p95)', '-', both('drawn'), true);
  row('  of which: simulation, WebAssembly (p50 / p95)', '-', both('simulate'), true);
  row('  of which: drawing six panels (p50 / p95)', '-', both('draw'), true);
  row('  -> the next animation frame begins (p50 / p95)', '-', both('nextFrame'), true);
  row('  every change repainted the chart', 'all', repainted ? 'all 300' : 'no', repainted);
  const toggle = (p) => over((r) => quantile(r.toggles, p));
  row('interaction: a drug switched on or off (p50 / p95 of 20; median of 3 runs)', '-', `${ms(toggle(0.5))} / ${ms(toggle(0.95))}`, true);

  // Size.
  const files = fs.readdirSync(DIST);
  // The page's module (hashed hpg-explorer-*), and the population worker's, loaded when a population runs.
  const sizeOf = (ext, name = 'hpg-explorer-') => {
    const f = files.find((n) => n.startsWith(name) && n.endsWith(ext));
    const raw = fs.readFileSync(path.join(DIST, f));
    return { raw: raw.length, gz: zlib.gzipSync(raw, { level: 9 }).length };
  };
  const wasmSize = sizeOf('_bg.wasm');
  const jsSize = sizeOf('.js');
  const kb = (b) => `${(b / 1000).toFixed(1)} KB`;
  const total = wasmSize.gz + jsSize.gz;
  row('size: wasm (raw / gzip)', '-', `${kb(wasmSize.raw)} / ${kb(wasmSize.gz)}`, true);
  row('size: JS (raw / gzip)', '-', `${kb(jsSize.raw)} / ${kb(jsSize.gz)}`, true);
  // Bytes matter as the seconds they cost on a phone: the budget is the mobile load below (issue 25).
  row('size: wasm + JS, gzip (the mobile load is the budget)', '-', kb(total), true);
  const workerSize = ['population-worker_bg.wasm', 'population-worker.js', 'population-worker-loader.js']
    .map((f) => zlib.gzipSync(fs.readFileSync(path.join(DIST, f)), { level: 9 }).length)
    .reduce((a, b) => a + b, 0);
  row('size: population worker (wasm + JS, gzip; fetched once the first chart is on screen, off the main thread)', '-', kb(workerSize), true);

  // Population: after an edit rests, 100 men run in slices; from the edit to the band on screen.
  const bandShown = (page) =>
    page.waitForFunction(() => /^Band/.test(document.querySelector('[data-testid=spread-status]')?.textContent || ''), null, { timeout: 120000 });
  const pops = [];
  for (let i = 0; i < 3; i++) {
    const { page, context, problems: p } = await openRestartProtocol(chromium.browser, server.origin);
    await bandShown(page);
    const t0 = await page.evaluate(() => {
      window.__long = [];
      new PerformanceObserver((l) => window.__long.push(...l.getEntries().map((e) => e.duration))).observe({ type: 'longtask' });
      const input = document.querySelector("input[aria-label='Clomiphene citrate dose']");
      input.value = '50';
      input.dispatchEvent(new Event('change', { bubbles: true }));
      return performance.now();
    });
    // The old band goes in the task after the edit; then the new one comes.
    await page.waitForFunction(() => !/^Band/.test(document.querySelector('[data-testid=spread-status]')?.textContent || ''));
    await bandShown(page);
    pops.push(await page.evaluate((t0) => ({ shown: performance.now() - t0, longest: Math.max(0, ...window.__long) }), t0));
    problems.push(...p);
    await context.close();
  }
  const popShown = median(pops.map((r) => r.shown));
  row('population: 100 men, 700-day protocol, edit -> band on screen (median of 3)', '<= 500 ms', ms(popShown), popShown <= 500);
  const longest = Math.max(...pops.map((r) => r.longest));
  // The Long Tasks API reports only tasks over 50 ms: no entry means none was that long.
  row('  longest main-thread task from the edit to the band (all 3 runs)', '<= 50 ms', longest > 0 ? ms(longest) : 'none over 50 ms (Long Tasks API)', longest <= 50);

  // The first band of a scenario: on the opened page (its first chart drawn), the 700-day restart preset
  // chosen; from the click to that scenario's band, 100 men from scratch (no checkpoints of theirs yet).
  const firsts = [];
  for (let i = 0; i < 3; i++) {
    const { page, context, problems: p } = await openPage(chromium.browser, server.origin);
    await page.goto(server.origin + '/');
    await waitForChart(page);
    const preset = page.getByRole('button', { name: 'Post-TRT restart with clomiphene', exact: true });
    await page.evaluate(() => {
      document.addEventListener('click', () => (window.__presetClicked = performance.now()), { capture: true, once: true });
    });
    await preset.click();
    await bandShown(page);
    firsts.push(await page.evaluate(() => performance.now() - window.__presetClicked));
    problems.push(...p);
    await context.close();
  }
  const firstShown = median(firsts);
  row('population: first band of a scenario (700-day restart preset chosen -> its band, 100 men; median of 3)', '<= 300 ms', ms(firstShown), firstShown <= 300);

  // Fit to my labs: four labs (T and LH on TRT and 12 weeks after stopping) on a 48-week plan after a year of
  // cypionate; from the click to the fitted man said in words. Three fresh pages, the median.
  const FOUR_LABS = '/?v=1&weeks=48&r=cypionate_im_150mg_q7d_w-52to0&labs=tt_900ngdl_w-1~lh_0.2iul_w-1~lh_2.5iul_w12~tt_380ngdl_w12';
  const fits = [];
  for (let i = 0; i < 3; i++) {
    const { page, context, problems: p } = await openPage(chromium.browser, server.origin);
    await page.goto(server.origin + FOUR_LABS);
    const button = page.getByRole('button', { name: 'Fit to my labs' });
    await button.waitFor();
    // As a person clicks it: after the page has settled (the band of 100 men on screen).
    await page.waitForFunction(() => /^Band/.test(document.querySelector('[data-testid=spread-status]')?.textContent || ''), null, { timeout: 120000 });
    await page.evaluate(() => {
      document.querySelector('[data-testid=measured]').addEventListener('click', () => (window.__fitClicked = performance.now()), { capture: true, once: true });
    });
    await button.click();
    await page.waitForFunction(() => /Fitted in/.test(document.querySelector('[data-testid=fit-result]')?.textContent || ''), null, { timeout: 60_000 });
    fits.push(await page.evaluate(() => performance.now() - window.__fitClicked));
    problems.push(...p);
    await context.close();
  }
  const fitMedian = median(fits);
  row('fit to my labs: four labs, 48-week plan after a year of TRT, click -> fitted man said (median of 3)', '<= 1000 ms', ms(fitMedian), fitMedian <= 1000);

  // Load: cold (a fresh browser context each time: no HTTP cache, no service worker).
  const loads = [];
  for (let i = 0; i < 10; i++) {
    const { page, context, problems: p } = await openPage(chromium.browser, server.origin);
    await page.addInitScript(() => {
      // Start times of animation frames, to find the first one after the chart was drawn.
      window.__frames = [];
      const tick = (t) => {
        window.__frames.push(performance.now());
        if (window.__frames.length < 2000) requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    });
    await page.goto(server.origin + '/');
    await page.waitForFunction(() => performance.getEntriesByName('hpg:first-chart').length > 0);
    await page.waitForFunction(() => window.__frames.at(-1) > performance.getEntriesByName('hpg:first-chart')[0].startTime);
    loads.push(
      await page.evaluate(() => {
        const drawn = performance.getEntriesByName('hpg:first-chart')[0].startTime;
        return { drawn, shown: window.__frames.find((t) => t > drawn) };
      }),
    );
    problems.push(...p);
    await context.close();
  }
  const shown = loads.map((l) => l.shown);
  const loadMedian = median(shown);
  row('load: navigation -> frame showing the first chart (median / max of 10 cold loads)', '<= 500 ms', `${ms(loadMedian)} / ${ms(Math.max(...shown))}`, loadMedian <= 500);
  row('  of which: -> chart drawn (median)', '-', ms(median(loads.map((l) => l.drawn))), true);

  // Load as a person on a phone feels it: Slow 4G and a 4x slower CPU, gzip-served.
  const gzipped = await serve({ gzip: true });
  try {
    const mobile = await measureMobileLoad(chromium.browser, gzipped.origin, 3);
    row('load on a phone (Slow 4G, CPU 4x, gzip): navigation -> first chart on screen, cold (median of 3)', '<= 2500 ms', ms(mobile.cold), mobile.cold <= 2500);
    row('  the same, a repeat visit (HTTP cache and service worker; median of 3)', '<= 1000 ms', ms(mobile.repeat), mobile.repeat <= 1000);
  } finally {
    await gzipped.close();
  }
} finally {
  await chromium.close();
  await server.close();
}

console.log('| measure | budget | result | met |');
console.log('|---|---|---|---|');
for (const r of rows) console.log(`| ${r.measure} | ${r.budget} | ${r.result} | ${r.budget === '-' ? '' : r.ok ? 'yes' : '**no**'} |`);
if (problems.length) console.log('\nproblems:', problems);
process.exit(rows.every((r) => r.ok) && problems.length === 0 ? 0 : 1);
