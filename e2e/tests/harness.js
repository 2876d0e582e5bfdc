// Shared end-to-end harness: a static server for dist/ on 127.0.0.1, and headless Debian Chromium
// driven by playwright-core. Every page records console errors and requests to other origins.
import http from 'node:http';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { before, after } from 'node:test';
import { chromium } from 'playwright-core';
import AxeBuilder from '@axe-core/playwright';

const here = path.dirname(fileURLToPath(import.meta.url));
export const DIST = path.resolve(here, '..', '..', 'dist');
export const ARTIFACTS = path.resolve(here, '..', 'artifacts');

const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
};

/** Serves dist/ on an ephemeral loopback port, at `base` (a folder path such as `/tools/hpg/`); with `gzip`,
 *  compressed as a static host would serve it to a browser that accepts gzip. */
export async function serve({ base = '/', gzip = false, root = DIST } = {}) {
  const compressed = new Map();
  if (!fs.existsSync(path.join(root, 'index.html'))) {
    throw new Error(`no release build in ${root}: run \`trunk build --release\` first`);
  }
  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url, 'http://127.0.0.1');
    if (!url.pathname.startsWith(base)) {
      res.writeHead(404).end('not found');
      return;
    }
    let file = path.normalize(path.join(root, decodeURIComponent(url.pathname.slice(base.length - 1))));
    if (!file.startsWith(root)) {
      res.writeHead(403).end();
      return;
    }
    try {
      if ((await fsp.stat(file)).isDirectory()) file = path.join(file, 'index.html');
      const body = await fsp.readFile(file);
      const type = MIME[path.extname(file)] ?? 'application/octet-stream';
      if (gzip && /gzip/.test(req.headers['accept-encoding'] ?? '') && type !== 'image/png') {
        if (!compressed.has(file)) compressed.set(file, zlib.gzipSync(body, { level: 9 }));
        res.writeHead(200, { 'content-type': type, 'content-encoding': 'gzip', vary: 'accept-encoding' });
        res.end(compressed.get(file));
        return;
      }
      res.writeHead(200, { 'content-type': type });
      res.end(body);
    } catch {
      res.writeHead(404).end('not found');
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${server.address().port}`;
  return { origin, close: () => new Promise((r) => server.close(r)) };
}

/** Launches Debian's Chromium headless; Playwright gives each launch a fresh temporary profile. */
export async function launch() {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  return {
    browser,
    close: () => browser.close(),
  };
}

/** Opens a page that records console errors, page errors and requests to any other origin than `origins` (one or a list). */
export async function openPage(browser, origins, options = {}) {
  const { newcomer = false, ...contextOptions } = options;
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, ...contextOptions });
  // A returning visitor unless a test asks for a newcomer: the first-minute walk opens only for newcomers.
  if (!newcomer) {
    await context.addInitScript(() => {
      try {
        localStorage.setItem('hpg-explorer:tour-seen', '1');
      } catch {
        // An opaque origin (a test's host page) has no storage, and needs none.
      }
    });
  }
  const page = await context.newPage();
  const problems = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(`console error: ${msg.text()}`);
  });
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  page.on('request', (req) => {
    const u = req.url();
    if (![origins].flat().some((o) => u.startsWith(o)) && !u.startsWith('data:') && !u.startsWith('blob:')) {
      problems.push(`request to another origin: ${u}`);
    }
  });
  return { page, context, problems };
}

/**
 * Opens the app at `path` (e.g. '/?preset=trt') in a fresh recording page of `env` (from `useBrowser`) and
 * waits for the first chart. Returns what `openPage` returns.
 */
export async function openApp(env, path, options = {}) {
  const opened = await openPage(env.browser, env.origin, options);
  await opened.page.goto(env.origin + path);
  await waitForChart(opened.page);
  return opened;
}

/**
 * The three places a person's flow must hold (issue 24): a desktop, a phone, and the whole page in an iframe
 * 560 px tall (the embed height EMBED.md documents) on a lesson's page.
 */
export const PLACES = [
  { name: '1440x900', viewport: { width: 1440, height: 900 } },
  { name: '360x740', viewport: { width: 360, height: 740 } },
  { name: 'a 560 px iframe', frame: { width: 760, height: 560 } },
];

/**
 * Opens the app at `path` in `place` (one of `PLACES`) and waits for the first chart. Returns what `openPage`
 * returns, plus `app` (the page, or the iframe's frame: act on the app through it), `reload()`, and the
 * browser's `back()` and `forward()` (in a lesson, the tab's: they walk the frame's entries too).
 */
export async function openAt(env, place, path, options = {}) {
  if (!place.frame) {
    const opened = await openApp(env, path, { viewport: place.viewport, ...options });
    const { page } = opened;
    return { ...opened, app: page, reload: () => page.reload(), back: () => page.goBack(), forward: () => page.goForward() };
  }
  const opened = await openInFrame(env, path, { ...place.frame, ...options });
  const { page, frame } = opened;
  return {
    ...opened,
    app: frame,
    reload: async () => { await frame.goto(await frame.evaluate(() => location.href)); },
    // The lesson's own document does not change, so there is no navigation of the tab to wait for.
    back: () => page.evaluate(() => history.back()),
    forward: () => page.evaluate(() => history.forward()),
  };
}

/**
 * A lesson's page (`hostWidth` px wide, text `above` px tall over the frame) on another site (the lesson server
 * of `useBrowser`, as an education site is), with an iframe of `path` `width` x `height` px (`width` may be
 * '100%'), opened and drawn. Returns what `openPage` returns, plus `frame`.
 */
export async function openInFrame(env, path, { width = 760, height = 560, above = 300, hostWidth = 1024, ...options } = {}) {
  const opened = await openPage(env.browser, [env.origin, env.lessonOrigin], { viewport: { width: hostWidth, height: 900 }, ...options });
  const lesson = new URLSearchParams({ src: env.origin + path, width: typeof width === 'number' ? `${width}px` : width, height: `${height}px`, above: `${above}px` });
  await opened.page.goto(`${env.lessonOrigin}/lesson?${lesson}`);
  const frame = await (await opened.page.waitForSelector('#f')).contentFrame();
  await waitForChart(frame);
  return { ...opened, frame };
}

/** Serves a lesson's page with the app in an iframe, on `localhost` (another site than the app's 127.0.0.1). */
export async function serveLesson() {
  const attr = (v) => String(v).replace(/[^\w.:/?&=%~-]/g, '');
  const server = http.createServer((req, res) => {
    const q = new URL(req.url, 'http://localhost').searchParams;
    if (!req.url.startsWith('/lesson?')) {
      res.writeHead(404).end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(`<!doctype html><html lang="en"><title>A lesson</title><link rel="icon" href="data:,">
      <div style="height:${attr(q.get('above'))}">A lesson about the HPG axis.</div>
      <iframe id="f" title="HPG Explorer" src="${attr(q.get('src'))}"
        style="width:${attr(q.get('width'))};height:${attr(q.get('height'))};border:0;display:block"></iframe>
      <div style="height:2000px">More of the lesson.</div></html>`);
  });
  await new Promise((resolve) => server.listen(0, 'localhost', resolve));
  return { origin: `http://localhost:${server.address().port}`, close: () => new Promise((r) => server.close(r)) };
}

/** Opens the drugs' fold, as a person on a phone does (it opens folded there), by its heading. */
export async function openDrugs(app) {
  const fold = app.locator('details.agents-fold');
  if (!(await fold.evaluate((d) => d.open))) await fold.locator(':scope > summary').click();
}

/** axe-core's serious and critical violations on the page as it is now, each in words with up to three places. */
export async function seriousViolations(page) {
  const result = await new AxeBuilder({ page }).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
}

/** Waits until the chart canvas has been sized and painted. */
export async function waitForChart(page) {
  await page.waitForFunction(() => {
    const c = document.querySelector('canvas.chart');
    return c && c.width > 0 && c.getContext('2d').getImageData(c.width / 2, 0, 1, c.height).data.some((v) => v !== 255 && v !== 0);
  });
}

/** A digest of the canvas pixels, to tell whether the drawing changed. */
export async function canvasPixels(page) {
  return page.evaluate(() => {
    const c = document.querySelector('canvas.chart');
    const data = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    let hash = 0;
    let inked = 0;
    for (let i = 0; i < data.length; i += 4) {
      hash = (hash * 31 + data[i] * 3 + data[i + 1] * 5 + data[i + 2] * 7) >>> 0;
      if (data[i] < 250 || data[i + 1] < 250 || data[i + 2] < 250) inked++;
    }
    return { hash, inked, width: c.width, height: c.height, cssWidth: c.clientWidth, cssHeight: c.clientHeight };
  });
}

/** Waits until the chart's pixels differ from the digest `hash` (from `canvasPixels`): it was redrawn. */
export async function waitForRedraw(page, hash) {
  await page.waitForFunction((before) => {
    const c = document.querySelector('canvas.chart');
    const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    let x = 0;
    for (let i = 0; i < d.length; i += 4) x = (x * 31 + d[i] * 3 + d[i + 1] * 5 + d[i + 2] * 7) >>> 0;
    return x !== before;
  }, hash);
}

export async function screenshot(page, name) {
  await fsp.mkdir(ARTIFACTS, { recursive: true });
  const file = path.join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/**
 * Starts the static server and Chromium before a file's tests and stops them after.
 * Returns an object whose `origin` and `browser` are ready inside tests. With `addFiles` (an async function of a
 * folder), a copy of the build is served, to which it adds files first (a hosted copy's own).
 */
export function useBrowser({ addFiles } = {}) {
  const env = {};
  let server;
  let lesson;
  let browser;
  let copy;
  before(async () => {
    if (addFiles) {
      copy = await fsp.mkdtemp(path.join(os.tmpdir(), 'hpg-hosted-'));
      await fsp.cp(DIST, copy, { recursive: true });
      await addFiles(copy);
    }
    server = await serve(copy ? { root: copy } : {});
    lesson = await serveLesson();
    env.lessonOrigin = lesson.origin;
    browser = await launch();
    env.origin = server.origin;
    env.browser = browser.browser;
  });
  after(async () => {
    await browser?.close();
    await server?.close();
    await lesson?.close();
    if (copy) await fsp.rm(copy, { recursive: true, force: true });
  });
  return env;
}
