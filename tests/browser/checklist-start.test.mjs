// How the checklist page starts: the loader takes the printable form out of the page before
// the browser lays it out, and any failed start, also one after the loader handed over to the
// engine, brings it back. Timings are the benchmark's (bench-checklist.mjs); these tests check
// what the page does, which no machine load changes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useServerAndBrowser, watchPage } from './harness.mjs';

let server;
let browser;
useServerAndBrowser((s, b) => { server = s; browser = b; });

test('the printable form\'s hundreds of fields held up the start (a long task at DOMContentLoaded): they are out of the page before it', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const watcher = watchPage(page, server.origin);
  await page.addInitScript(() => {
    document.addEventListener('DOMContentLoaded', () => {
      window.formAtStart = ['checklist-printable', 'checklist-noscript'].filter((id) => document.getElementById(id));
    });
  });
  await page.goto(`${server.origin}/en/checklist/`);
  await page.waitForSelector('#checklist-app[data-state="ready"]');
  assert.deepEqual(await page.evaluate(() => window.formAtStart), [], 'printable parts in the page at DOMContentLoaded');
  assert.equal(await page.locator('#checklist-printable').count(), 0, 'the printable form stays out of the running checklist');
  assert.ok(await page.locator('#cl-vendors').isVisible(), 'the workspace is shown');
  watcher.assertClean(assert);
  await context.close();
});

test('a start that fails after the engine read the saved work brings the printable form back', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));
  // The engine builds the workspace once the store has opened, after the loader's `mount`
  // call returned; without its message element the engine throws there.
  await page.addInitScript(() => {
    const find = Document.prototype.getElementById;
    Document.prototype.getElementById = function getElementById(id) {
      return id === 'cl-message' ? null : find.call(this, id);
    };
  });
  await page.goto(`${server.origin}/en/checklist/`);
  await page.waitForSelector('#checklist-app[data-state="failed"]', { timeout: 15000 });
  assert.ok(await page.locator('#checklist-printable').isVisible(), 'the printable form is back');
  assert.ok(await page.locator('#checklist-noscript').isVisible(), 'with its note');
  assert.ok((await page.locator('#checklist-printable fieldset').count()) >= 30, 'with every question');
  assert.match(errors.join('\n'), /cl-message/, 'the engine\'s error reached the page');
  await context.close();
});

test('the printable form is not laid out before the loader runs, and appears when the loader never does', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  // The loader's file does not load (a failed request): nothing takes the form out or puts it back.
  await page.route('**/checklist-loader.js', (route) => route.abort());
  await page.goto(`${server.origin}/en/checklist/`);
  assert.equal(await page.evaluate(() => getComputedStyle(document.getElementById('checklist-printable')).display), 'none',
    'not laid out while the loader is awaited');
  await page.waitForSelector('#checklist-printable', { state: 'visible', timeout: 8000 });
  assert.ok(await page.locator('#checklist-noscript').isVisible(), 'with its note');
  await context.close();
});

test('without WebAssembly the printable form stays, at once', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.addInitScript(() => { delete globalThis.WebAssembly; });
  await page.goto(`${server.origin}/en/checklist/`);
  await page.waitForSelector('#checklist-app[data-state="failed"]');
  assert.ok(await page.locator('#checklist-printable').isVisible(), 'the printable form');
  assert.ok(await page.locator('#checklist-noscript').isVisible(), 'its note');
  await context.close();
});
