// Shared end-to-end harness: a static server for dist/ on 127.0.0.1, and headless Debian Chromium
// driven by playwright-core. Every page records console errors and requests to other origins.
import http from 'node:http';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
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

/** Opens a page that records console errors, page errors and requests to any other origin. */
export async function openPage(browser, origin, options = {}) {
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
    if (!u.startsWith(origin) && !u.startsWith('data:') && !u.startsWith('blob:')) {
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
 * Returns an object whose `origin` and `browser` are ready inside tests.
 */
export function useBrowser() {
  const env = {};
  let server;
  let browser;
  before(async () => {
    server = await serve();
    browser = await launch();
    env.origin = server.origin;
    env.browser = browser.browser;
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });
  return env;
}
