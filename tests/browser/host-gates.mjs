// The browser gates every host of the site must pass, shared by the nginx, Apache and
// header-less host tests: which headers arrive, what a reader's browser does on every page
// (no CSP violation, console error, uncaught exception or request to another origin), how
// the wasm is served, whether the checklist starts, and what an unknown address gets.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { SITE_DIR, reportCspViolations, watchPage } from './harness.mjs';

/**
 * Returns a header the build recommends, read from the `_headers` file it writes (lines
 * `  Name: value` under the site's path), so no test keeps its own copy of hosting.rs's values.
 */
export function builtHeader(name, dir = SITE_DIR) {
  const line = readFileSync(`${dir}/_headers`, 'utf8')
    .split('\n')
    .find((text) => text.startsWith(`  ${name}: `));
  assert.ok(line, `${dir}/_headers names no ${name}`);
  return line.slice(`  ${name}: `.length);
}

/** The policy the build recommends, as the hosts must send it. */
export const EXPECTED_CSP = builtHeader('Content-Security-Policy');
// Read from the build, the policy still has to be the strict one: same origin, no inline code.
assert.match(EXPECTED_CSP, /^default-src 'self';/);
assert.doesNotMatch(EXPECTED_CSP, /'unsafe-inline'|'unsafe-eval'|\*/);

/** Headers only a configured host sends; a header-less host sends none of them. */
const SECURITY_HEADERS = [
  'content-security-policy',
  'strict-transport-security',
  'x-content-type-options',
  'referrer-policy',
  'permissions-policy',
  'cross-origin-opener-policy',
];

/** Asserts that every page is served with status 200 and the recommended security headers. */
export async function assertSecurityHeaders(origin, pages) {
  assert.ok(pages.length >= 25, `found ${pages.length} pages`);
  for (const path of pages) {
    const response = await fetch(`${origin}${path}`);
    assert.equal(response.status, 200, path);
    const headers = response.headers;
    assert.equal(headers.get('content-security-policy'), EXPECTED_CSP, path);
    assert.match(headers.get('strict-transport-security') ?? '', /max-age=\d{8,}/, path);
    assert.equal(headers.get('x-content-type-options'), 'nosniff', path);
    assert.equal(headers.get('referrer-policy'), 'no-referrer', path);
    assert.match(headers.get('permissions-policy') ?? '', /camera=\(\)/, path);
    assert.equal(headers.get('cross-origin-opener-policy'), 'same-origin', path);
  }
}

/** Asserts that every page is served with status 200 and none of the security headers. */
export async function assertNoSecurityHeaders(origin, pages) {
  assert.ok(pages.length >= 25, `found ${pages.length} pages`);
  for (const path of pages) {
    const response = await fetch(`${origin}${path}`);
    assert.equal(response.status, 200, path);
    for (const name of SECURITY_HEADERS) assert.equal(response.headers.get(name), null, `${path}: ${name}`);
  }
}

/** Asserts that an unknown address gets status 404, with the site's own page when `sitePage`. */
export async function assertNotFound(base, { sitePage = true } = {}) {
  const missing = await fetch(`${base}en/no-such-page/`);
  assert.equal(missing.status, 404);
  if (sitePage) assert.match(await missing.text(), /Page not found/, 'the 404 page is served for unknown addresses');
}

/** Walks every page in one tab and asserts no CSP violation, console error or foreign request. */
export async function assertEveryPageClean(browser, origin, pages) {
  const page = await browser.newPage();
  await reportCspViolations(page);
  const watcher = watchPage(page, origin);
  for (const path of pages) {
    const response = await page.goto(`${origin}${path}`, { waitUntil: 'networkidle' });
    assert.equal(response.status(), 200, path);
  }
  watcher.assertClean(assert);
  await page.close();
}

/**
 * Asserts that the wasm bundle is served whole, with content type `type` when given, or
 * with any type but `notType` when that is given.
 */
export async function assertWasmServed(base, { type, notType } = {}) {
  const response = await fetch(`${base}static/checklist/checklist_bg.wasm`);
  assert.equal(response.status, 200);
  const bytes = new Uint8Array(await response.arrayBuffer());
  assert.deepEqual([...bytes.slice(0, 4)], [0x00, 0x61, 0x73, 0x6d], 'the body is a wasm module');
  if (type) assert.equal(response.headers.get('content-type'), type);
  if (notType) assert.notEqual(response.headers.get('content-type'), notType);
}

/** Opens the checklist in both languages and asserts that it starts, with a clean page. */
export async function assertChecklistStarts(browser, origin, base) {
  for (const path of ['en/checklist/', 'de/checkliste/']) {
    const page = await browser.newPage();
    await reportCspViolations(page);
    const watcher = watchPage(page, origin);
    await page.goto(`${base}${path}`);
    await page.waitForSelector('#checklist-app[data-state="ready"]', { timeout: 15000 });
    watcher.assertClean(assert);
    await page.close();
  }
}
