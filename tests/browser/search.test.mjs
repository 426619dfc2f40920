// Browser tests of search: the header field on every page, used by keyboard only (`/` focuses
// it, results appear as the reader types with the count announced, arrow keys move through
// the results, Enter opens one, Escape closes), the wasm engine and the index fetched only
// after the first keystroke, results grouped under their page with marked excerpts, the
// search page keeping `?q=` and showing ten results at a time, and axe-core finding no WCAG 2.1
// AA violation with results shown.
// The site runs under nginx with the generated strict headers (CSP), so a CSP violation fails.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { axeViolations } from './axe.mjs';
import { startNginx, watchPage, reportCspViolations, useServerAndBrowser } from './harness.mjs';
import { definition, workspaceExport, importWorkspace } from './workspace-fixture.mjs';

let server;
let browser;

useServerAndBrowser((started, launched) => {
  server = started;
  browser = launched;
}, startNginx);

const base = () => `${server.origin}/guide`;

async function open(path) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const watcher = watchPage(page, server.origin);
  // A CSP violation becomes a console error, which the watcher fails on.
  await reportCspViolations(page);
  const requests = [];
  page.on('request', (request) => requests.push(new URL(request.url()).pathname));
  await page.goto(`${base()}${path}`);
  return { context, page, watcher, requests };
}

test('header search by keyboard: / focuses, results as you type, arrows move, Enter opens the section', async () => {
  const { context, page, watcher, requests } = await open('/de/soc-2/');
  assert.equal(requests.filter((path) => path.includes('/search-index/') || path.includes('/static/search/')).length, 0, 'nothing of search loads before a keystroke');
  await page.keyboard.press('/');
  const input = page.getByRole('searchbox', { name: 'Leitfaden durchsuchen' });
  assert.ok(await input.evaluate((node) => node === document.activeElement), '/ focuses the header field');
  await page.keyboard.type('Verschluesselung');
  const results = page.locator('#site-search-results');
  await results.locator('a').first().waitFor();
  assert.match(await page.locator('#site-search-status').textContent(), /^\d+ Treffer\.$/);
  assert.ok(await page.isVisible('#site-search-panel'), 'the results panel opens');
  assert.ok(requests.some((path) => path.endsWith('/static/search/search_bg.wasm')), 'the wasm is fetched after the first keystroke');
  assert.ok(requests.some((path) => /\/search-index\/de\/[0-9a-f]{16}\/manifest\.bin$/.test(path)));
  assert.ok(!requests.some((path) => path.endsWith('search-index.json')), 'no whole-site index');
  // Results are grouped under their page, with the matched words marked.
  assert.ok(await results.locator('.search-result-page').count() >= 1);
  assert.ok(await results.locator('mark').count() >= 1, 'excerpts mark the matched words');
  // Arrow keys move through the result links, Escape returns to the field and closes.
  const focusedIndex = () => page.evaluate(() => Array.from(document.querySelectorAll('#site-search-results a')).indexOf(document.activeElement));
  await page.keyboard.press('ArrowDown');
  assert.equal(await focusedIndex(), 0, 'ArrowDown focuses the first result');
  await page.keyboard.press('ArrowDown');
  assert.equal(await focusedIndex(), 1, 'ArrowDown moves to the next result');
  await page.keyboard.press('ArrowUp');
  assert.equal(await focusedIndex(), 0, 'ArrowUp moves back');
  await page.keyboard.press('Escape');
  assert.ok(await input.evaluate((node) => node === document.activeElement), 'Escape returns to the field');
  assert.equal(await page.isVisible('#site-search-panel'), false, 'Escape closes the results');
  // Enter opens the focused result: a section of a page, at its heading anchor.
  await page.keyboard.type(' ');
  await page.keyboard.press('Backspace');
  await results.locator('a').first().waitFor();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  const target = await page.evaluate(() => document.activeElement.getAttribute('href'));
  await page.keyboard.press('Enter');
  await page.waitForURL((url) => url.pathname + url.hash === target);
  watcher.assertClean(assert);
  await context.close();
});

test('a query finds a checklist question, and the search page keeps ?q= in the address', async () => {
  const { context, page, watcher } = await open('/en/search/?q=pen%20test');
  const results = page.locator('#search-results');
  await results.locator('a').first().waitFor();
  const hrefs = await results.locator('a').evaluateAll((links) => links.map((a) => a.getAttribute('href')));
  assert.ok(hrefs.slice(0, 6).some((href) => href.endsWith('/en/checklist/#q-ir.pentest')), `results: ${hrefs.join(', ')}`);
  await page.getByRole('searchbox', { name: 'Search the guide' }).fill('data processing agreement');
  await page.waitForURL(/\?q=data\+processing\+agreement$/);
  await results.locator('a[href$="/en/gdpr/#dpa"]').first().waitFor();
  watcher.assertClean(assert);
  await context.close();
});

test('the search page shows ten results, fetches the texts of those alone, and adds ten more on request', async () => {
  const { context, page, watcher, requests } = await open('/en/search/?q=security');
  const results = page.locator('#search-results');
  await results.locator('a').first().waitFor();
  const links = () => results.locator('a.search-result-title').evaluateAll((all) => all.map((a) => a.getAttribute('href')));
  const first = await links();
  assert.equal(first.length, 10, 'ten results at first');
  const total = Number((await page.locator('#search-status').textContent()).match(/^(\d+) results\.$/)?.[1]);
  assert.ok(total > 20, `enough results to ask for more twice: ${total}`);
  const textChunks = () => new Set(requests.filter((path) => /\/search-index\/en\/[0-9a-f]{16}\/f\/\d+\.bin$/.test(path))).size;
  assert.ok(textChunks() <= 10, `the texts of the ten shown results only: ${textChunks()} chunks`);
  // By keyboard: the button adds the next ten and moves focus to the first added result.
  const more = page.getByRole('button', { name: 'Show more results' });
  await more.focus();
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.querySelectorAll('#search-results a.search-result-title').length === 20);
  const added = await page.evaluate(() => document.activeElement.getAttribute('href'));
  assert.ok(added && !first.includes(added) && (await links()).includes(added), `focus on an added result: ${added}`);
  assert.ok(textChunks() <= 20, `the texts of twenty results at most: ${textChunks()} chunks`);
  assert.deepEqual(await axeViolations(page), []);
  // A new query starts again at ten.
  await page.getByRole('searchbox', { name: 'Search the guide' }).fill('encryption');
  await page.waitForURL(/\?q=encryption$/);
  await page.waitForFunction(() => {
    const shown = document.querySelectorAll('#search-results a.search-result-title').length;
    return shown > 0 && shown <= 10;
  });
  watcher.assertClean(assert);
  await context.close();
});

// The views of the checklist are built by the engine (the printable form's `#q-<id>` fieldset
// is hidden then), so a question result must be revealed by the page: the card's first control
// in the one-vendor view, the row header in the grid, clear of the sticky summary bar (and of
// the grid's sticky vendor header). Reached from the search page (a new page load) in English
// and from the header field on the checklist page itself (only the fragment changes) in German.
const QUESTION_LINKS = [
  { lang: 'en', view: 'grid', width: 1280, checklist: '/en/checklist/', query: 'pen test', via: 'search page' },
  { lang: 'en', view: 'cards', width: 800, checklist: '/en/checklist/', query: 'pen test', via: 'search page' },
  { lang: 'de', view: 'grid', width: 1280, checklist: '/de/checkliste/', query: 'Pentest', via: 'header field' },
  { lang: 'de', view: 'cards', width: 800, checklist: '/de/checkliste/', query: 'Pentest', via: 'header field' },
];

for (const { lang, view, width, checklist, query, via } of QUESTION_LINKS) {
  test(`a checklist question result lands on and focuses the question (${lang}, ${view}, from the ${via})`, async () => {
    const context = await browser.newContext({ viewport: { width, height: 700 } });
    const page = await context.newPage();
    const watcher = watchPage(page, server.origin);
    await reportCspViolations(page);
    await page.goto(`${base()}${checklist}`);
    await page.waitForSelector('#checklist-app[data-state="ready"]');
    const def = definition();
    await importWorkspace(page, workspaceExport(def, 2));
    await page.check(`#cl-view-${view}`);
    const question = 'ir.pentest';
    if (via === 'search page') {
      await page.goto(`${base()}/${lang}/search/?q=${encodeURIComponent(query)}`);
      await page.locator(`#search-results a[href$="#q-${question}"]`).click();
    } else {
      await page.keyboard.press('/');
      await page.keyboard.type(query);
      const link = page.locator(`#site-search-results a[href$="#q-${question}"]`);
      await link.waitFor();
      await link.focus();
      await page.keyboard.press('Enter');
    }
    await page.waitForURL((url) => url.hash === `#q-${question}`);
    const expected = view === 'grid'
      ? `#cl-gc-${def.questions.findIndex((q) => q.id === question)}-0`
      : `#cl-q-${question.replace('.', '\\.')} input`;
    await page.waitForFunction((selector) => document.activeElement?.matches(selector), expected);
    const place = await page.evaluate(async () => {
      // The page scrolls smoothly (without reduced motion): wait until it stands still.
      const frame = () => new Promise(requestAnimationFrame);
      const at = () => `${scrollY} ${document.getElementById('cl-grid-wrap')?.scrollTop}`;
      for (let last = ''; last !== at();) { last = at(); await frame(); await frame(); }
      const box = document.activeElement.getBoundingClientRect();
      const bar = document.querySelector('.cl-summary:not([hidden])')?.getBoundingClientRect();
      const head = document.querySelector('#cl-grid thead')?.getBoundingClientRect();
      return { top: box.top, bottom: box.bottom, below: Math.max(bar?.bottom ?? 0, head?.bottom ?? 0), height: innerHeight };
    });
    assert.ok(place.top >= place.below && place.bottom <= place.height, `the question is in view, under the sticky bar: ${JSON.stringify(place)}`);
    watcher.assertClean(assert);
    await context.close();
  });
}

test('without JavaScript the search page lists every page and the header field stays hidden', async () => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(`${base()}/de/suche/`);
  assert.ok(await page.locator('.search-all li').count() >= 10);
  // The search page has no header field; a guide page has one, which only scripting can run.
  await page.goto(`${base()}/de/dsgvo/`);
  assert.equal(await page.locator('#site-search').count(), 1, 'a guide page carries the header field');
  assert.equal(await page.isVisible('#site-search'), false);
  await context.close();
});

for (const colorScheme of ['light', 'dark']) {
  for (const width of [320, 1280]) {
    test(`axe finds no WCAG 2.1 AA violations with header results shown at ${width} px (${colorScheme})`, async () => {
      const context = await browser.newContext({ viewport: { width, height: 800 }, colorScheme });
      const page = await context.newPage();
      await page.goto(`${base()}/en/gdpr/`);
      await page.keyboard.press('/');
      await page.keyboard.type('breach');
      await page.locator('#site-search-results a').first().waitFor();
      assert.deepEqual(await axeViolations(page), []);
      await context.close();
    });
  }
}
