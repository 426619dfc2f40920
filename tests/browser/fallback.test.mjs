// The site's gates on a site with an untranslated page (`translations = "fallback"`): the
// `tests/fixtures/fallback` site, built here under /guide/ and served by nginx with the
// headers the build recommends. Its German fallback page, the German pages whose navigation
// marks it and its English original pass what every page of the guide passes: the security
// headers, no CSP violation, console error or foreign request, zero axe-core violations of
// WCAG 2.1 A/AA in light and dark mode, zero Nu HTML Checker errors, and no broken internal
// link; and a reader sees the notice, and a screen reader hears the navigation's mark.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { axeOnEveryPage } from './axe.mjs';
import { launchBrowser, listPages, reportCspViolations, startNginx, watchPage } from './harness.mjs';
import { nuCheckerErrors } from './nu-checker.mjs';

const REPO = new URL('../..', import.meta.url).pathname;
const DIR = `${REPO}target/test-site-fallback/public`;
const BASE_PATH = '/guide/';

let server;
let browser;
let pages;

before(async () => {
  const built = spawnSync('cargo', [
    'run', '--release', '--locked', '-q', '-p', 'generator', '--',
    'build', '--root', 'tests/fixtures/fallback', '--base-path', BASE_PATH, '--out', DIR,
  ], { cwd: REPO, encoding: 'utf8' });
  assert.equal(built.status, 0, `the fallback fixture builds: ${built.stderr}`);
  server = await startNginx({ dir: DIR });
  browser = await launchBrowser();
  pages = await listPages(DIR, BASE_PATH);
  assert.ok(pages.includes(`${BASE_PATH}de/glossary/`), `the fallback page is built: ${pages}`);
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

test('every page of a site with a fallback page is served with the recommended headers and walks clean', async () => {
  const csp = readFileSync(`${DIR}/_headers`, 'utf8').split('\n')
    .find((line) => line.startsWith('  Content-Security-Policy: '))
    .slice('  Content-Security-Policy: '.length);
  for (const path of pages) {
    const response = await fetch(`${server.origin}${path}`);
    assert.equal(response.status, 200, path);
    assert.equal(response.headers.get('content-security-policy'), csp, path);
    assert.equal(response.headers.get('x-content-type-options'), 'nosniff', path);
  }
  const page = await browser.newPage();
  await reportCspViolations(page);
  const watcher = watchPage(page, server.origin);
  for (const path of pages) await page.goto(`${server.origin}${path}`, { waitUntil: 'networkidle' });
  watcher.assertClean(assert);
  await page.close();
});

test('every page of a site with a fallback page has zero axe-core violations, in light and dark mode', async () => {
  assert.deepEqual(await axeOnEveryPage(browser, server.origin, pages), []);
});

test('every HTML file of a site with a fallback page passes the Nu HTML Checker', async () => {
  assert.deepEqual(await nuCheckerErrors(DIR), []);
});

test('every internal link of a site with a fallback page resolves, fragments included', () => {
  const fileOf = (path) => `${DIR}/${path.slice(BASE_PATH.length).replace(/(^|\/)$/, '$1index.html')}`;
  const broken = [];
  let checked = 0;
  for (const path of pages) {
    const html = readFileSync(fileOf(path), 'utf8');
    for (const [, value] of html.matchAll(/\s(?:href|src)="([^"]*)"/g)) {
      if (/^(https?:|mailto:|tel:)/.test(value)) continue;
      checked += 1;
      const url = new URL(value, `http://site${path}`);
      let target;
      try {
        target = readFileSync(fileOf(url.pathname), 'utf8');
      } catch {
        broken.push(`${path}: ${value} points to a missing file`);
        continue;
      }
      const fragment = decodeURIComponent(url.hash.slice(1));
      if (fragment && !target.includes(` id="${fragment}"`)) broken.push(`${path}: ${value} points to a missing fragment`);
    }
  }
  assert.ok(checked > 100, `only ${checked} links checked`);
  assert.deepEqual(broken, []);
});

test('a German reader sees the notice and the English text, and hears what the navigation mark means', async () => {
  const page = await browser.newPage();
  await page.goto(`${server.origin}${BASE_PATH}de/glossary/`);
  const notice = page.locator('.fallback-notice');
  assert.ok(await notice.isVisible());
  assert.match(await notice.innerText(), /^Diese Seite gibt es noch nicht auf Deutsch\./);
  await page.getByRole('link', { name: 'Zur Originalseite (English)' }).click();
  await page.waitForURL(`${server.origin}${BASE_PATH}en/glossary/`);
  await page.goto(`${server.origin}${BASE_PATH}de/`);
  const marked = page.getByRole('navigation', { name: 'Leitfaden' })
    .getByRole('link', { name: 'Glossary (noch nicht auf Deutsch)' });
  assert.equal(await marked.count(), 1, 'the mark is part of the link\'s accessible name');
  assert.ok(await marked.locator('.nav-fallback').isVisible(), 'the mark is visible');
  await page.close();
});
