// Where an interaction's time goes: 30 dose changes on the 700-day view (as in interaction.mjs), recorded
// twice, once with Chromium's tracing (main-thread phases: script, style, layout, paint, commit) and once
// with the JS sampling profiler (self time per function; WebAssembly functions appear by index, JS glue and
// browser APIs by name). Prints both, per change. Run after a release build: node e2e/bench/profile.mjs
import { serve, launch } from '../tests/harness.js';
import { openRestartProtocol } from './interaction.mjs';

const CHANGES = 30;

async function changeDoses(page) {
  await page.evaluate(async (n) => {
    const input = document.querySelector("input[aria-label='Clomiphene citrate dose']");
    const frame = () => new Promise((r) => requestAnimationFrame(() => r()));
    for (let i = 0; i < n; i++) {
      await frame();
      input.value = String(12.5 + (i % 2) * 12.5 + (i % 7));
      input.dispatchEvent(new Event('change', { bubbles: true }));
      await new Promise((r) => setTimeout(r, 0));
      await frame();
    }
  }, CHANGES);
}

const top = (totals, n) =>
  Object.entries(totals)
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([name, t]) => `  ${(t / CHANGES).toFixed(2).padStart(6)} ms  ${name}`)
    .join('\n');

const server = await serve();
const chromium = await launch();
try {
  const { page, context } = await openRestartProtocol(chromium.browser, server.origin);
  await changeDoses(page); // warm up

  // Main-thread phases from a trace (tracing itself costs some time; read the proportions).
  await chromium.browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'blink.user_timing'] });
  await changeDoses(page);
  const trace = JSON.parse((await chromium.browser.stopTracing()).toString());
  const events = trace.traceEvents ?? trace;
  const layouts = {};
  for (const e of events) if (e.name === 'Layout') layouts[`${e.pid}:${e.tid}`] = (layouts[`${e.pid}:${e.tid}`] ?? 0) + 1;
  const main = Object.entries(layouts).sort((a, b) => b[1] - a[1])[0][0];
  const phases = {};
  for (const e of events) {
    if (`${e.pid}:${e.tid}` !== main || e.ph !== 'X') continue;
    if (['FunctionCall', 'UpdateLayoutTree', 'Layout', 'PrePaint', 'Paint', 'Layerize', 'Commit', 'FrameLoader::updateForSameDocumentNavigation'].includes(e.name)) {
      phases[e.name] = (phases[e.name] ?? 0) + e.dur / 1000;
    }
  }
  console.log(`Main thread per dose change (trace, ${CHANGES} changes):\n${top(phases, 10)}`);

  // JS self time from the sampling profiler.
  const cdp = await context.newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 50 });
  await cdp.send('Profiler.start');
  await changeDoses(page);
  const { profile } = await cdp.send('Profiler.stop');
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = {};
  profile.samples.forEach((id, i) => {
    const f = nodes.get(id).callFrame;
    const name = f.functionName || (f.url ? f.url.split('/').pop() : '(anonymous)');
    self[name] = (self[name] ?? 0) + (profile.timeDeltas[i + 1] ?? 0) / 1000;
  });
  delete self['(idle)'];
  console.log(`\nSelf time per dose change (sampling profiler; "(program)" is the browser's own work):\n${top(self, 20)}`);
  await context.close();
} finally {
  await chromium.close();
  await server.close();
}
