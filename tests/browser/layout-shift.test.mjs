// Layout shifts while a page arrives: the server here sends the checklist page's HTML in two
// parts with a pause between them, as a busy server or a slow network does, so Chromium paints
// the part it has. Nothing painted then may move when the rest comes in (Lighthouse counts it
// as cumulative layout shift), on a phone (Lighthouse's mobile viewport) and on a desktop.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { once } from 'node:events';
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { SITE_DIR, launchBrowser } from './harness.mjs';

const PAGE = '/de/checkliste/';
const PAUSE_MS = 600;
const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css',
  '.wasm': 'application/wasm', '.svg': 'image/svg+xml', '.json': 'application/json',
};

let server;
let origin;
let browser;
let html;
// Where the server pauses in the page's HTML, set by each test before it loads the page.
let cut = 0;

before(async () => {
  html = await readFile(`${SITE_DIR}${PAGE}index.html`);
  server = http.createServer(async (request, response) => {
    let path = decodeURIComponent(new URL(request.url, 'http://localhost').pathname);
    if (path.endsWith('/')) path += 'index.html';
    let body;
    try {
      body = path === `${PAGE}index.html` ? html : await readFile(SITE_DIR + path);
    } catch {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { 'content-type': TYPES[extname(path)] ?? 'application/octet-stream' });
    if (body !== html) {
      response.end(body);
      return;
    }
    response.write(body.subarray(0, cut));
    await new Promise((resolve) => setTimeout(resolve, PAUSE_MS));
    response.end(body.subarray(cut));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  origin = `http://127.0.0.1:${server.address().port}`;
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  server?.close();
});

// Loads the page with the pause after `marker` (plus `offset` bytes) at `viewport` and returns
// the layout shifts seen until the checklist is ready, each with the elements that moved.
async function shiftsWhileArriving(viewport, marker, offset) {
  const at = html.indexOf(marker);
  assert.ok(at > 0, `the page has ${marker}`);
  cut = at + offset;
  const context = await browser.newContext({ viewport, isMobile: viewport.width < 500 });
  try {
    const page = await context.newPage();
    await page.addInitScript(() => {
      window.shifts = [];
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) {
          window.shifts.push(`${entry.value.toFixed(3)}: ${entry.sources.map((source) => source.node?.className ?? '?').join(', ')}`);
        }
      }).observe({ type: 'layout-shift', buffered: true });
    });
    await page.goto(`${origin}${PAGE}`);
    await page.waitForSelector('#checklist-app[data-state="ready"]');
    const painted = await page.evaluate(() => performance.getEntriesByName('first-paint')[0]?.startTime ?? Infinity);
    const shifts = await page.evaluate(() => new Promise((resolve) => {
      requestAnimationFrame(() => requestAnimationFrame(() => resolve(window.shifts)));
    }));
    const navShown = await page.locator('.site-nav').isVisible();
    return { shifts, painted, navShown };
  } finally {
    await context.close();
  }
}

const PHONE = { width: 412, height: 823 };
const DESKTOP = { width: 1280, height: 900 };

for (const [where, marker, offset] of [
  ['inside the navigation', 'class="site-nav"', 200],
  ['at the start of the text', '<main', 60],
  ['in the middle of the text', 'id="checklist-app"', -1200],
]) {
  test(`the navigation jumps down while a long page arrives on a phone (layout shift 0.35): pause ${where}`, async () => {
    const { shifts, painted, navShown } = await shiftsWhileArriving(PHONE, marker, offset);
    // The test means something only if the browser painted the page before the rest came in.
    assert.ok(painted < PAUSE_MS + 2000, `first paint at ${painted} ms`);
    assert.deepEqual(shifts, [], 'layout shifts while the page arrived');
    assert.ok(navShown, 'the navigation is shown once the page is complete');
  });
}

test('the checklist moves down 8 px on a desktop when the workspace replaces the printable form', async () => {
  const { shifts, navShown } = await shiftsWhileArriving(DESKTOP, '<main', 60);
  assert.deepEqual(shifts, []);
  assert.ok(navShown);
});
