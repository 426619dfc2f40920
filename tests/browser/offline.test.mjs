// Browser tests of offline reading, under nginx with the generated strict headers (CSP) and the
// base path /guide/: the service worker keeps what a reader fetched, so a visited page, the
// checklist and search still work after Playwright takes the browser offline; the footer
// button saves the whole guide of the page's language (progress shown, result announced), so
// pages never visited open offline too; and a new build's worker replaces the old caches.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { axeViolations } from './axe.mjs';
import { GUIDE_SITE_DIR, launchBrowser, startNginx, watchPage, reportCspViolations } from './harness.mjs';

let server;
let browser;

before(async () => {
  server = await startNginx();
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

// Opens a page and waits until the offline worker controls it.
async function openControlled(context, url, origin = server.origin) {
  const page = await context.newPage();
  const watcher = watchPage(page, origin);
  await reportCspViolations(page);
  await page.goto(url);
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  return { page, watcher };
}

// Runs a query in the header field (at once, so no query of its first letters runs) and
// returns the result links.
async function search(page, query) {
  await page.keyboard.press('/');
  await page.locator('#site-search-input').fill(query);
  await page.locator('#site-search-results a').first().waitFor();
  return page.locator('#site-search-results a').evaluateAll((links) => links.map((a) => a.getAttribute('href')));
}

test('a visited page, the checklist and search keep working offline; a page never visited does not', async () => {
  const context = await browser.newContext();
  const { page, watcher } = await openControlled(context, `${server.base}en/gdpr/`);
  // Controlled now: what this visit fetches is kept.
  await page.reload();
  await search(page, 'breach');
  await page.goto(`${server.base}en/checklist/`);
  await page.waitForSelector('#checklist-app[data-state="ready"]');
  await context.setOffline(true);
  await page.goto(`${server.base}en/gdpr/`);
  assert.match(await page.locator('h1').textContent(), /GDPR/);
  assert.ok((await search(page, 'breach')).length > 0, 'search answers offline');
  await page.goto(`${server.base}en/checklist/`);
  await page.waitForSelector('#checklist-app[data-state="ready"]');
  watcher.assertClean(assert);
  await assert.rejects(page.goto(`${server.base}en/iso-27001/`), 'a page never visited is not kept');
  await context.close();
});

test('the footer button makes the whole guide of the language available offline', async () => {
  const context = await browser.newContext();
  const { page, watcher } = await openControlled(context, `${server.base}de/dsgvo/`);
  const button = page.getByRole('button', { name: 'Ganzen Leitfaden offline verfügbar machen' });
  await button.focus();
  await page.keyboard.press('Enter');
  const status = page.getByRole('status').filter({ hasText: /Leitfaden/ });
  await status.filter({ hasText: /^Fertig: Der ganze Leitfaden \(\d+ Dateien\)/ }).waitFor({ timeout: 60000 });
  assert.ok(await button.evaluate((node) => node === document.activeElement), 'the button keeps focus');
  assert.equal(await page.isVisible('#offline-progress'), false, 'the progress bar goes once done');
  assert.deepEqual(await axeViolations(page), []);
  await context.setOffline(true);
  // Every German page opens, though only one was visited; the English ones were not saved.
  // Redirect pages (old addresses) move on by themselves; their targets are in the list.
  const pages = JSON.parse(readFileSync(join(GUIDE_SITE_DIR, 'offline/de.json'), 'utf8'))
    .filter((path) => /^de\/.+\/$/.test(path))
    .filter((path) => !readFileSync(join(GUIDE_SITE_DIR, path, 'index.html'), 'utf8').includes('http-equiv="refresh"'));
  assert.ok(pages.length >= 10, `pages in the list: ${pages.length}`);
  for (const path of pages) {
    await page.goto(`${server.base}${path}`);
    assert.equal(await page.locator('main h1').count(), 1, path);
  }
  assert.ok((await search(page, 'Verschlüsselung')).length > 0, 'a new query is answered offline');
  await page.goto(`${server.base}de/checkliste/`);
  await page.waitForSelector('#checklist-app[data-state="ready"]');
  watcher.assertClean(assert);
  await assert.rejects(page.goto(`${server.base}en/gdpr/`), 'the other language is not saved');
  await context.close();
});

test('a new build replaces the old caches, so a reader never keeps stale pages', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'cc-guide-offline-'));
  cpSync(GUIDE_SITE_DIR, dir, { recursive: true });
  const own = await startNginx({ dir });
  try {
    const context = await browser.newContext();
    const { page } = await openControlled(context, `${own.base}en/gdpr/`, own.origin);
    await page.reload();
    const caches = () => page.evaluate(() => caches.keys());
    const [first] = await caches();
    assert.match(first, /^cc-guide-[0-9a-f]{16}$/);
    // The next build: a page changed, so the worker names another version.
    const rewrite = (path, edit) => {
      const text = edit(readFileSync(join(dir, path), 'utf8'));
      writeFileSync(join(dir, path), text);
      writeFileSync(join(dir, `${path}.gz`), gzipSync(text));
    };
    rewrite('en/gdpr/index.html', (html) => html.replace(/<h1>[^<]*<\/h1>/, '<h1>Changed in the next build</h1>'));
    rewrite('sw.js', (source) => source.replaceAll(first.slice('cc-guide-'.length), '0123456789abcdef'));
    await page.evaluate(async () => (await navigator.serviceWorker.getRegistration()).update());
    for (let tries = 0; (await caches()).includes(first); tries += 1) {
      assert.ok(tries < 100, 'the old cache is deleted');
      await page.waitForTimeout(100);
    }
    await page.reload();
    assert.equal(await page.locator('h1').textContent(), 'Changed in the next build');
    assert.deepEqual(await caches(), ['cc-guide-0123456789abcdef']);
    await context.close();
  } finally {
    await own.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});
