// Smoke test of the built guide in a real browser on a real static server: both languages
// load with the right language and title, the switcher lands on the translated page, and
// nothing errs or leaves the origin.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { watchPage, useServerAndBrowser } from './harness.mjs';

let server;
let browser;

useServerAndBrowser((started, launched) => {
  server = started;
  browser = launched;
});

test('english and german home pages declare their language and title', async () => {
  const page = await browser.newPage();
  const watcher = watchPage(page, server.origin);
  await page.goto(`${server.origin}/en/`);
  assert.equal(await page.getAttribute('html', 'lang'), 'en');
  assert.match(await page.title(), /Secure Contact Center Software/);
  await page.goto(`${server.origin}/de/`);
  assert.equal(await page.getAttribute('html', 'lang'), 'de');
  assert.match(await page.title(), /Sichere Contact-Center-Software/);
  watcher.assertClean(assert);
  await page.close();
});

test('language switcher lands on the translated page, both ways', async () => {
  const page = await browser.newPage();
  const watcher = watchPage(page, server.origin);
  await page.goto(`${server.origin}/en/gdpr/`);
  await page.getByRole('navigation', { name: 'Language' }).getByRole('link', { name: 'Deutsch' }).click();
  await page.waitForURL(`${server.origin}/de/dsgvo/`);
  assert.equal(await page.getAttribute('html', 'lang'), 'de');
  assert.equal(await page.locator('h1').textContent(), 'DSGVO und rechtliche Fragen');
  await page.getByRole('navigation', { name: 'Sprache' }).getByRole('link', { name: 'English' }).click();
  await page.waitForURL(`${server.origin}/en/gdpr/`);
  assert.equal(await page.getAttribute('html', 'lang'), 'en');
  watcher.assertClean(assert);
  await page.close();
});

test('root page lets the reader choose a language without javascript', async () => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(`${server.origin}/`);
  await page.getByRole('link', { name: /Deutsch/ }).click();
  await page.waitForURL(`${server.origin}/de/`);
  assert.equal(await page.getAttribute('html', 'lang'), 'de');
  await context.close();
});

test('every guide page loads without console errors or foreign requests', async () => {
  const page = await browser.newPage();
  const watcher = watchPage(page, server.origin);
  for (const lang of ['en', 'de']) {
    await page.goto(`${server.origin}/${lang}/`);
    const links = await page.locator('.site-nav a').evaluateAll((anchors) => anchors.map((a) => a.href));
    assert.ok(links.length >= 10, `${lang}: navigation lists the guide's pages`);
    for (const link of links) {
      const response = await page.goto(link);
      assert.equal(response.status(), 200, link);
      assert.equal(await page.getAttribute('html', 'lang'), lang, link);
    }
  }
  watcher.assertClean(assert);
  await page.close();
});

test('search finds a page by a word of its text, and keeps the query in the address', async () => {
  const page = await browser.newPage();
  const watcher = watchPage(page, server.origin);
  await page.goto(`${server.origin}/de/`);
  await page.getByRole('navigation', { name: 'Leitfaden' }).getByRole('link', { name: 'Suche' }).click();
  await page.getByRole('searchbox', { name: 'Leitfaden durchsuchen' }).fill('Auftragsverarbeitungsvertrag');
  await page.locator('#search-results li').first().waitFor();
  const titles = await page.locator('#search-results a').allTextContents();
  assert.ok(titles.includes('DSGVO und rechtliche Fragen'), `results: ${titles.join(', ')}`);
  assert.match(page.url(), /\/de\/suche\/\?q=Auftragsverarbeitungsvertrag$/);
  await page.reload();
  await page.locator('#search-results li').first().waitFor();
  watcher.assertClean(assert);
  await page.close();
});
