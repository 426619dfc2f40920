// Section links in a real browser: each heading's permalink appears on keyboard focus and
// names its section in the page's language, and the table of contents marks the section
// being read as the page scrolls (progressive enhancement from `static/toc.js`).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { watchPage, useServerAndBrowser } from './harness.mjs';

let server;
let browser;

useServerAndBrowser((started, launched) => {
  server = started;
  browser = launched;
});

test('a heading permalink shows on keyboard focus and names its section', async () => {
  const page = await browser.newPage();
  const watcher = watchPage(page, server.origin);
  await page.goto(`${server.origin}/de/dsgvo/`);
  const heading = page.locator('.prose h2').first();
  const id = await heading.getAttribute('id');
  const text = (await heading.textContent()).trim();
  const link = page.getByRole('link', { name: `Link zum Abschnitt: ${text}` });
  assert.equal(await link.getAttribute('href'), `#${id}`);
  assert.equal(await link.evaluate((a) => getComputedStyle(a).opacity), '0', 'hidden until focus or hover');
  await link.focus();
  assert.equal(await link.evaluate((a) => getComputedStyle(a).opacity), '1', 'visible on focus');
  await page.keyboard.press('Enter');
  await page.waitForURL(`${server.origin}/de/dsgvo/#${id}`);
  assert.equal(await heading.evaluate((h) => h.getAttribute('aria-label')), null, 'the heading keeps its own name');
  assert.equal(await page.getByRole('heading', { name: text, exact: true }).count(), 1);
  watcher.assertClean(assert);
  await page.close();
});

test('the table of contents marks the section being read as the reader scrolls', async () => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 700 } });
  const watcher = watchPage(page, server.origin);
  await page.goto(`${server.origin}/en/gdpr/`);
  const current = () => page.locator('.toc a[aria-current="location"]').getAttribute('href', { timeout: 2000 });
  const ids = await page.locator('.toc a').evaluateAll((links) => links.map((a) => a.getAttribute('href')));
  assert.ok(ids.length >= 3, 'the page has a table of contents');
  for (const href of [ids[2], ids[1]]) {
    await page.locator(href).evaluate((h) => h.scrollIntoView({ block: 'start' }));
    await page.waitForFunction((want) => document.querySelector('.toc a[aria-current]')?.getAttribute('href') === want, href);
    assert.equal(await current(), href);
  }
  assert.equal(await page.locator('.toc a[aria-current]').count(), 1, 'one entry at a time');
  watcher.assertClean(assert);
  await page.close();
});
