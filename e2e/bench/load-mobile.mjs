// The load a person on a phone feels (issue 25): navigation -> the frame that shows the first chart, on the
// mobile profile Lighthouse uses (Slow 4G: 1.6 Mbps down, 750 kbps up, 150 ms round trip; CPU slowed 4x),
// set through the Chrome DevTools Protocol, files served gzip-compressed as a static host would. Cold: a
// fresh browser context each time (no HTTP cache, no service worker); repeat: the same context again.
// Run alone: node e2e/bench/load-mobile.mjs (after a release build); make bench reports it too.
import { pathToFileURL } from 'node:url';
import { serve, launch } from '../tests/harness.js';

const SLOW_4G = { offline: false, latency: 150, downloadThroughput: (1.6 * 1024 * 1024) / 8, uploadThroughput: (750 * 1024) / 8 };
const CPU_SLOWDOWN = 4;

/** One load of `origin` in `context`, throttled: ms from navigation to the frame showing the first chart. */
async function load(context, origin) {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', SLOW_4G);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
  await page.addInitScript(() => {
    localStorage.setItem('hpg-explorer:tour-seen', '1');
    window.__frames = [];
    const tick = () => {
      window.__frames.push(performance.now());
      if (window.__frames.length < 5000) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
  await page.goto(origin + '/', { timeout: 60_000 });
  await page.waitForFunction(() => performance.getEntriesByName('hpg:first-chart').length > 0, null, { timeout: 60_000 });
  await page.waitForFunction(() => window.__frames.at(-1) > performance.getEntriesByName('hpg:first-chart')[0].startTime);
  const shown = await page.evaluate(() => {
    const drawn = performance.getEntriesByName('hpg:first-chart')[0].startTime;
    return window.__frames.find((t) => t > drawn);
  });
  // Let the service worker finish installing before the next (repeat) load.
  await page.evaluate(() => navigator.serviceWorker?.ready.then(() => true)).catch(() => {});
  await page.close();
  return shown;
}

/** Median cold and repeat loads over `runs` contexts, ms. */
export async function measureMobileLoad(browser, origin, runs = 3) {
  const cold = [];
  const repeat = [];
  for (let i = 0; i < runs; i++) {
    const context = await browser.newContext({ viewport: { width: 360, height: 740 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
    cold.push(await load(context, origin));
    repeat.push(await load(context, origin));
    await context.close();
  }
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  return { cold: median(cold), repeat: median(repeat), colds: cold, repeats: repeat };
}

// Alone: `node e2e/bench/load-mobile.mjs [OTHER_DIST]`: with another build's dist/ (say main's, built in a worktree),
// both are measured side by side, alternating, so the machine's drift falls on both.
if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const builds = [['this build', await serve({ gzip: true })]];
  if (process.argv[2]) builds.unshift(['other build', await serve({ gzip: true, root: process.argv[2] })]);
  const chromium = await launch();
  const words = (r) => `cold ${r.cold.toFixed(0)} ms (${r.colds.map((x) => x.toFixed(0)).join(', ')}), repeat ${r.repeat.toFixed(0)} ms (${r.repeats.map((x) => x.toFixed(0)).join(', ')})`;
  try {
    for (let round = 0; round < Number(process.env.ROUNDS ?? 1); round++) {
      for (const [name, server] of builds) {
        const r = await measureMobileLoad(chromium.browser, server.origin, Number(process.env.RUNS ?? 3));
        console.log(`${name}: mobile load (Slow 4G, CPU x${CPU_SLOWDOWN}): ${words(r)}`);
      }
    }
  } finally {
    await chromium.close();
    for (const [, server] of builds) await server.close();
  }
}
