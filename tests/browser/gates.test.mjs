// Quality gates over the whole built site, served by nginx under /guide/ with the headers the
// generator recommends: security headers and zero CSP violations, console errors and
// foreign requests on every page; zero axe-core violations of WCAG 2.1 A/AA; zero errors of
// the Nu HTML Checker; zero broken internal links or fragments; every page readable without
// JavaScript; .wasm served with the right type; and the former URL of a moved page leading
// to its new URL.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { axeOnEveryPage } from './axe.mjs';
import { nuCheckerErrors } from './nu-checker.mjs';
import { GUIDE_SITE_DIR, launchBrowser, listPages, reportCspViolations, startNginx, watchPage } from './harness.mjs';
import { EXPECTED_CSP, assertEveryPageClean, assertNotFound, assertSecurityHeaders, assertWasmServed } from './host-gates.mjs';

const BASE_PATH = '/guide/';

let server;
let browser;
let pages;
let redirectPages;

/** Returns the file on disk of a URL path below the base path. */
const fileOf = (path) => {
  const file = path.slice(BASE_PATH.length);
  return `${GUIDE_SITE_DIR}/${file === '' || file.endsWith('/') ? `${file}index.html` : file}`;
};

before(async () => {
  server = await startNginx();
  browser = await launchBrowser();
  const all = await listPages(GUIDE_SITE_DIR, BASE_PATH);
  // A redirect page at a moved page's former URL sends the browser on at once, so walking it
  // would test its target twice; it has its own test below.
  const isRedirect = (path) => readFileSync(fileOf(path), 'utf8').includes('http-equiv="refresh"');
  pages = all.filter((path) => !isRedirect(path));
  redirectPages = all.filter(isRedirect);
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

test('every page is served with the recommended security headers, and unknown addresses get the 404 page', async () => {
  await assertSecurityHeaders(server.origin, pages);
  await assertNotFound(`${server.origin}${BASE_PATH}`);
});

test('walking every page causes no CSP violation, console error or foreign request', async () => {
  await assertEveryPageClean(browser, server.origin, pages);
});

test('every page has zero axe-core violations of WCAG 2.1 A and AA, in light and dark mode', async () => {
  assert.ok(pages.length >= 25, `found ${pages.length} pages`);
  assert.deepEqual(await axeOnEveryPage(browser, server.origin, pages), []);
});

test('every HTML file passes the Nu HTML Checker without errors', async () => {
  // Throws unless the checker ran, checked every file and reported (see nu-checker.mjs).
  assert.deepEqual(await nuCheckerErrors(GUIDE_SITE_DIR), []);
});

test('every internal link and fragment in the output resolves under the base path', async () => {
  const files = new Map();
  for (const path of pages) {
    const file = path.slice(BASE_PATH.length) || '';
    const onDisk = file === '' || file.endsWith('/') ? `${file}index.html` : file;
    files.set(path, readFileSync(`${GUIDE_SITE_DIR}/${onDisk}`, 'utf8'));
  }
  const idsOf = (html) => new Set([...html.matchAll(/\sid="([^"]+)"/g)].map((match) => match[1]));
  const broken = [];
  let checked = 0;
  for (const [path, html] of files) {
    for (const [, attribute, value] of html.matchAll(/\s(href|src|data-definition|data-wasm)="([^"]*)"/g)) {
      if (/^(https?:|mailto:|tel:)/.test(value)) continue;
      checked += 1;
      const url = new URL(value, `http://site${path}`);
      if (!url.pathname.startsWith(BASE_PATH)) {
        broken.push(`${path}: ${attribute}="${value}" leaves the base path`);
        continue;
      }
      const target = url.pathname.endsWith('/') ? `${url.pathname}index.html` : url.pathname;
      let targetHtml;
      try {
        targetHtml = readFileSync(`${GUIDE_SITE_DIR}/${target.slice(BASE_PATH.length)}`, 'utf8');
      } catch {
        broken.push(`${path}: ${attribute}="${value}" points to a missing file`);
        continue;
      }
      const fragment = decodeURIComponent(url.hash.slice(1));
      if (fragment && !idsOf(targetHtml).has(fragment)) {
        broken.push(`${path}: ${attribute}="${value}" points to a missing fragment`);
      }
    }
  }
  assert.ok(checked > 500, `only ${checked} links checked`);
  assert.deepEqual(broken, []);
});

test('without JavaScript every page reads completely and the checklist shows its printable form', async () => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  const guidePages = pages.filter((p) => /\/(en|de)\//.test(p));
  assert.ok(guidePages.length >= 25, `only ${guidePages.length} guide pages`);
  for (const path of guidePages) {
    await page.goto(`${server.origin}${path}`);
    const main = page.locator('main');
    assert.ok(await main.isVisible(), path);
    assert.ok((await page.locator('h1').textContent()).trim().length > 0, `${path}: heading`);
    const text = await main.innerText();
    assert.ok(text.length > 200, `${path}: only ${text.length} characters readable`);
  }
  for (const path of [`${BASE_PATH}en/checklist/`, `${BASE_PATH}de/checkliste/`]) {
    await page.goto(`${server.origin}${path}`);
    assert.ok(await page.locator('#checklist-printable').isVisible(), `${path}: printable form`);
    assert.ok(await page.locator('#checklist-noscript').isVisible(), `${path}: note about the printable form`);
    assert.ok((await page.locator('#checklist-printable fieldset').count()) >= 30, `${path}: every question`);
  }
  await context.close();
});

test('the former URL of a moved page leads to its new URL, without script and within the CSP', async () => {
  assert.ok(redirectPages.includes(`${BASE_PATH}de/warum-sicherheit-zaehlt/`), `redirect pages: ${redirectPages}`);
  for (const javaScriptEnabled of [true, false]) {
    const context = await browser.newContext({ javaScriptEnabled });
    const page = await context.newPage();
    await reportCspViolations(page);
    const watcher = watchPage(page, server.origin);
    const response = await page.request.get(`${server.origin}${BASE_PATH}de/warum-sicherheit-zaehlt/`);
    assert.equal(response.headers()['content-security-policy'], EXPECTED_CSP);
    await page.goto(`${server.origin}${BASE_PATH}de/warum-sicherheit-zaehlt/`);
    await page.waitForURL(`${server.origin}${BASE_PATH}de/warum-cybersicherheit/`);
    assert.equal(await page.locator('h1').textContent(), 'Warum es bei Contact Centern auf Cybersicherheit ankommt');
    watcher.assertClean(assert);
    await context.close();
  }
});

test('the wasm bundle is served as application/wasm', async () => {
  await assertWasmServed(`${server.origin}${BASE_PATH}`, { type: 'application/wasm' });
});
