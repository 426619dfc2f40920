// Browser tests of the interactive vendor checklist: the real wasm bundle in Chromium on the
// built site. Scores shown in the page are checked against the core's own computation (the
// `score` example of checklist-core, fed with the page's JSON export), and every test asserts
// that no request leaves the origin and nothing errors. Helpers live here; harness.mjs is shared.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  SITE_DIR, startStaticServer, startNginx, launchBrowser, watchPage, reportCspViolations,
} from './harness.mjs';

const REPO = new URL('../..', import.meta.url).pathname;
// Where the page saves (IndexedDB database, object store, record); see checklist-wasm/src/idb.rs.
const STORAGE_DB = 'cc-vendor-checklist';
const WORK = mkdtempSync(join(tmpdir(), 'cc-checklist-test-'));

let server;
let browser;
// These tests use the one-vendor-at-a-time cards, which windows narrower than 64rem show;
// the question × vendor grid of wider windows is tested in checklist-grid.test.mjs.
const CARDS_VIEWPORT = { width: 1000, height: 800 };

before(async () => {
  server = await startStaticServer();
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

/** Opens a checklist page in a context (a fresh profile unless one is given) and waits for the engine. */
async function openChecklist(url, { context, origin = server.origin } = {}) {
  const ctx = context ?? await browser.newContext({ viewport: CARDS_VIEWPORT });
  const page = await ctx.newPage();
  const watch = watchPage(page, origin);
  const dialogs = [];
  page.on('dialog', async (dialog) => { dialogs.push(dialog.message()); await dialog.dismiss(); });
  await page.goto(url);
  await page.waitForSelector('#checklist-app[data-state="ready"]', { timeout: 15000 });
  // Wide windows open the grid; these tests use the cards (see CARDS_VIEWPORT).
  if (!(await page.isChecked('#cl-view-cards'))) await page.check('#cl-view-cards');
  return { ctx, page, watch, dialogs };
}

/** Picks an answer (radio value `v:yes`, `o:<option>`) of a question of the vendor being edited. */
async function answer(page, question, value) {
  await page.check(`input[name="cl-a-${question}"][value="${value}"]`);
}

/** Returns the stored export JSON (what autosave wrote), once no save is pending. */
async function stored(page) {
  await page.waitForSelector('#checklist-app:not([data-save="saving"])');
  return page.evaluate((name) => new Promise((resolve, reject) => {
    const open = indexedDB.open(name);
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const get = open.result.transaction('records').objectStore('records').get('workspace');
      get.onerror = () => reject(get.error);
      get.onsuccess = () => { open.result.close(); resolve(get.result?.text ?? null); };
    };
  }), STORAGE_DB);
}

/** Clicks the JSON export button and returns the downloaded text. */
async function exportJson(page) {
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#cl-export-json')]);
  assert.equal(download.suggestedFilename(), 'vendor-checklist.json');
  return readFileSync(await download.path(), 'utf8');
}

/** Scores an export with the core natively (`checklist-core`'s `score` example). */
function scoreNatively(exportText) {
  const exportPath = join(WORK, `export-${Date.now()}.json`);
  writeFileSync(exportPath, exportText);
  const output = execFileSync('cargo', [
    'run', '-q', '--release', '-p', 'checklist-core', '--example', 'score', '--',
    join(SITE_DIR, 'static/checklist/checklist.json'), exportPath,
  ], { cwd: REPO, encoding: 'utf8' });
  return JSON.parse(output);
}

/** Adds a vendor by name through the add form. */
async function addVendor(page, name) {
  await page.fill('#cl-new-vendor', name);
  await page.click('#cl-add-vendor');
}

/** Waits until the comparison, rendered right after the next paint when an answer changes, is current. */
function settled(page) {
  return page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0))));
}

/** Fills two vendors partly: one strong on certificates, one that fails the DPA rule. */
async function fillTwoVendors(page) {
  await addVendor(page, 'Acme Cloud');
  await answer(page, 'cert.soc2', 'o:type2');
  await answer(page, 'cert.scope', 'v:yes');
  await answer(page, 'gdpr.dpa', 'v:yes');
  await answer(page, 'tsc.cuec', 'v:partial');
  await page.selectOption('#cl-ev-cert\\.soc2', 'independent_report');
  await page.fill('#cl-num-avail\\.sla', '99.9');
  await page.fill('#cl-note-cert\\.scope', 'Scope covers EU hosting.');
  await addVendor(page, 'Beta Voice');
  await answer(page, 'cert.iso27001', 'o:valid');
  await answer(page, 'gdpr.dpa', 'v:no');
  await page.check('input[name="cl-a-cert.other"][value]:not([value=""])');
  await page.uncheck('#cl-rule-ko\\.uptime');
  await settled(page);
}

test('shown scores, verdicts and ranking equal the core’s computation for two vendors', async () => {
  const { ctx, page, watch } = await openChecklist(`${server.origin}/en/checklist/`);
  await fillTwoVendors(page);
  const exported = await exportJson(page);
  assert.equal(exported, await stored(page), 'the export equals what autosave stored');
  const expected = scoreNatively(exported);
  assert.equal(expected.length, 2);

  const rows = await page.$$eval('#cl-compare tbody tr', (trs) => trs.map((tr) => ({
    vendor: tr.dataset.vendor, rank: Number(tr.dataset.rank), score: Number(tr.dataset.score), verdict: tr.dataset.verdict,
    text: tr.textContent,
  })));
  assert.deepEqual(rows.map((r) => r.vendor), expected.map((e) => e.vendor), 'ranking order');
  for (const [i, e] of expected.entries()) {
    assert.equal(rows[i].rank, e.rank);
    assert.ok(Math.abs(rows[i].score - e.overall.score) < 1e-9, `score of ${e.name}`);
    assert.equal(rows[i].verdict, e.verdict, `verdict of ${e.name}`);
    const points = Math.round(e.overall.points * 10) / 10;
    const max = Math.round(e.overall.max_points * 10) / 10;
    assert.ok(rows[i].text.includes(`${Math.round(e.overall.score)}\u00a0% (${points} of ${max} points)`), rows[i].text);
  }

  for (const e of expected) {
    await page.selectOption('#cl-vendor-select', e.vendor);
    const shown = await page.$eval('#cl-overall', (dl) => ({
      score: Number(dl.querySelector('#cl-overall-score').dataset.score),
      completeness: Number(dl.querySelector('#cl-overall-completeness').dataset.completeness),
      confidence: Number(dl.querySelector('#cl-overall-confidence').dataset.confidence),
      points: Number(dl.dataset.points),
      max: Number(dl.dataset.maxPoints),
    }));
    assert.ok(Math.abs(shown.score - e.overall.score) < 1e-9);
    assert.ok(Math.abs(shown.completeness - e.overall.completeness) < 1e-9);
    assert.ok(Math.abs(shown.confidence - e.overall.confidence) < 1e-9);
    assert.ok(Math.abs(shown.points - e.overall.points) < 1e-9);
    assert.ok(Math.abs(shown.max - e.overall.max_points) < 1e-9);
    assert.equal(await page.getAttribute('#cl-verdict', 'data-verdict'), e.verdict);
    // The one-line summary above the questions shows the same result while answering.
    const verdictWord = (await page.textContent('#cl-verdict')).trim();
    assert.equal((await page.textContent('#cl-summary .cl-badge')).trim(), verdictWord);
    const summary = await page.textContent('#cl-summary .cl-summary-text');
    assert.ok(summary.startsWith(`${e.name}: ${Math.round(e.overall.score)}\u00a0%`), summary);
    const reasons = await page.$$eval('#cl-reasons li', (lis) => lis.map((li) => li.dataset.reason));
    assert.deepEqual(reasons, e.reasons.map((r) => r.kind), `reasons of ${e.name}`);
    const sections = await page.$$eval('#cl-section-scores tbody tr', (trs) => trs.map((tr) => Number(tr.dataset.score)));
    assert.deepEqual(sections.map((s) => s.toFixed(9)), e.sections.map((s) => s.totals.score.toFixed(9)));
  }
  // The vendor without a DPA fails the hard rule, and the page says why in words.
  const beta = expected.find((e) => e.name === 'Beta Voice');
  assert.equal(beta.verdict, 'excluded');
  await page.selectOption('#cl-vendor-select', beta.vendor);
  assert.match(await page.textContent('#cl-reasons'), /data processing agreement/);
  watch.assertClean(assert);
  await ctx.close();
});

test('answers survive a reload and a switch to the German page', async () => {
  const { ctx, page, watch } = await openChecklist(`${server.origin}/en/checklist/`);
  await addVendor(page, 'Acme');
  await answer(page, 'cert.scope', 'v:partial');
  await page.fill('#cl-note-cert\\.scope', 'Only EU region');
  await page.reload();
  await page.waitForSelector('#checklist-app[data-state="ready"]');
  assert.ok(await page.isChecked('input[name="cl-a-cert.scope"][value="v:partial"]'));
  assert.equal(await page.inputValue('#cl-note-cert\\.scope'), 'Only EU region');
  const before = await stored(page);
  await page.click('.language-switcher a[hreflang="de"]');
  await page.waitForURL(/\/de\/checkliste\/$/);
  await page.waitForSelector('#checklist-app[data-state="ready"]');
  assert.ok(await page.isChecked('input[name="cl-a-cert.scope"][value="v:partial"]'));
  assert.equal(await page.inputValue('#cl-note-cert\\.scope'), 'Only EU region');
  assert.match(await page.textContent('#cl-overall'), /von \d+ Punkten/);
  assert.equal(await stored(page), before);
  watch.assertClean(assert);
  await ctx.close();
});

test('export, removing every vendor, and import round-trip exactly', async () => {
  const { ctx, page, watch } = await openChecklist(`${server.origin}/en/checklist/`);
  await fillTwoVendors(page);
  const first = await exportJson(page);
  const file = join(WORK, 'roundtrip.json');
  writeFileSync(file, first);
  while (await page.$('#cl-remove-vendor')) {
    await page.click('#cl-remove-vendor');
    // The confirmation gets focus, and nothing is removed before it is confirmed.
    assert.equal(await page.evaluate(() => document.activeElement.id), 'cl-confirm-remove-no');
    await page.click('#cl-confirm-remove-yes');
  }
  assert.ok(await page.$('#cl-no-vendors'));
  assert.deepEqual(JSON.parse(await stored(page)).vendors, []);
  await page.setInputFiles('#cl-import-file', file);
  await page.waitForSelector('#cl-vendor-select');
  assert.equal(await exportJson(page), first);
  assert.match(await page.textContent('#cl-message'), /^Imported 2 vendors: Acme Cloud, Beta Voice\.$/);
  watch.assertClean(assert);
  await ctx.close();
});

// Oversized files: the limit is now the largest export the page can write (about 100 MB,
// `exchange::max_import_bytes`), so the core's native tests cover it, not a browser upload.
test('malformed and future-version imports are rejected and change nothing', async () => {
  const { ctx, page, watch } = await openChecklist(`${server.origin}/en/checklist/`);
  await fillTwoVendors(page);
  const before = await stored(page);
  const future = JSON.stringify({ ...JSON.parse(before), version: 99 });
  const cases = [
    ['bad.json', '{"format": "cc-vendor-checklist", "vendors": [', /not a checklist export/],
    ['future.json', future, /newer version/],
  ];
  for (const [name, text, message] of cases) {
    await page.evaluate(() => { document.getElementById('cl-message').textContent = ''; });
    await page.setInputFiles('#cl-import-file', { name, mimeType: 'application/json', buffer: Buffer.from(text) });
    await page.waitForFunction(() => document.getElementById('cl-message').textContent !== '');
    assert.match(await page.textContent('#cl-message'), message, name);
    assert.match(await page.textContent('#cl-message'), /Your data is unchanged/);
    assert.equal(await page.getAttribute('#cl-message', 'role'), 'alert');
    assert.equal(await stored(page), before, `${name} left the data alone`);
    assert.equal(await page.$$eval('#cl-vendor-select option', (o) => o.length), 2);
  }
  watch.assertClean(assert);
  await ctx.close();
});

test('a share link opens in a fresh profile and imports exactly', async () => {
  const { ctx, page, watch } = await openChecklist(`${server.origin}/en/checklist/`);
  await fillTwoVendors(page);
  const original = await stored(page);
  await page.click('#cl-share');
  const link = await page.inputValue('#cl-share-url');
  assert.match(link, /#share=v1\./);
  await ctx.close();

  const fresh = await openChecklist(link);
  assert.equal(await fresh.page.isVisible('#cl-prompt'), true);
  assert.match(await fresh.page.textContent('#cl-prompt'), /Acme Cloud, Beta Voice/);
  assert.equal(await fresh.page.evaluate(() => location.hash), '', 'the fragment is removed');
  assert.equal(await fresh.page.evaluate(() => document.activeElement.id), 'cl-import-replace');
  await fresh.page.click('#cl-import-replace');
  assert.equal(await stored(fresh.page), original);
  assert.equal(await fresh.page.isVisible('#cl-prompt'), false);
  watch.assertClean(assert);
  fresh.watch.assertClean(assert);
  await fresh.ctx.close();
});

test('the print button prepares a report of the selected vendor for print media', async () => {
  const { ctx, page, watch } = await openChecklist(`${server.origin}/en/checklist/`);
  await fillTwoVendors(page);
  await page.selectOption('#cl-vendor-select', { label: 'Acme Cloud' });
  await page.click('#cl-print');
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.isVisible('#cl-report'), true);
  assert.equal(await page.isVisible('#cl-questions'), false);
  const report = await page.textContent('#cl-report');
  assert.match(report, /Vendor report: Acme Cloud/);
  assert.match(report, /Scope covers EU hosting\./);
  assert.match(report, /\d+\u00a0% \(\d+(\.\d)? of \d+ points\)/);
  await page.emulateMedia({ media: 'screen' });
  assert.equal(await page.isVisible('#cl-report'), false);
  watch.assertClean(assert);
  await ctx.close();
});

test('a vendor name that looks like HTML is shown as text', async () => {
  const { ctx, page, watch, dialogs } = await openChecklist(`${server.origin}/en/checklist/`);
  const name = '<img src=x onerror=alert(1)>';
  await addVendor(page, name);
  await answer(page, 'cert.scope', 'v:yes');
  assert.equal(await page.$eval('#cl-vendor-select option:checked', (o) => o.textContent), name);
  assert.equal(await page.inputValue('#cl-vendor-name'), name);
  assert.equal(await page.textContent('#cl-results-title'), `Results for ${name}`);
  const rowNames = await page.$$eval('#cl-compare tbody th', (ths) => ths.map((th) => th.textContent));
  assert.ok(rowNames.includes(name));
  assert.equal(await page.$$eval('#checklist-app img', (imgs) => imgs.length), 0);
  await page.waitForTimeout(200);
  assert.deepEqual(dialogs, []);
  watch.assertClean(assert);
  await ctx.close();
});

test('the whole checklist can be completed with the keyboard alone', async () => {
  const { ctx, page, watch } = await openChecklist(`${server.origin}/en/checklist/`);
  const focused = () => page.evaluate(() => {
    const el = document.activeElement;
    const inQuestions = Boolean(el.closest('#cl-questions'));
    const group = el.name ? [...document.getElementsByName(el.name)] : [];
    return {
      inQuestions, tag: el.tagName, type: el.type, role: el.dataset.role, question: el.dataset.q,
      answered: group.some((i) => i.checked), hint: el.getAttribute('aria-describedby')
        ? document.getElementById(el.getAttribute('aria-describedby'))?.textContent : '',
    };
  });
  await addVendor(page, 'Acme');
  // Tab from the top of the page into the questions.
  let state = await focused();
  for (let i = 0; i < 200 && !state.inQuestions; i += 1) {
    await page.keyboard.press('Tab');
    state = await focused();
  }
  assert.ok(state.inQuestions, 'Tab reaches the questions');
  let arrowsTried = false;
  for (let i = 0; i < 800 && state.inQuestions; i += 1) {
    state = await focused();
    if (!state.inQuestions) break;
    if (state.type === 'radio' && !arrowsTried) {
      // Arrow keys move within a radio group and pick; Shift+Tab comes back to the group.
      arrowsTried = true;
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('ArrowUp');
      await page.keyboard.press('Tab');
      await page.keyboard.press('Shift+Tab');
      state = await focused();
      assert.equal(state.type, 'radio');
      assert.ok(state.answered, 'arrow keys picked an answer');
    }
    if ((state.type === 'radio' || state.role === 'option') && !state.answered) {
      await page.keyboard.press('Space');
    } else if (state.role === 'number') {
      const min = /(\d+(?:\.\d+)?)/.exec(state.hint ?? '')?.[1] ?? '0';
      await page.keyboard.type(min);
    }
    await page.keyboard.press('Tab');
    state = await focused();
  }
  const completeness = Number(await page.getAttribute('#cl-overall-completeness', 'data-completeness'));
  assert.equal(completeness, 1, 'every applicable question is answered');
  assert.match(await page.textContent('#cl-overall-completeness'), /^100\u00a0%$/);
  watch.assertClean(assert);
  await ctx.close();
});

test('under nginx with the strict CSP at /guide/ the checklist works without violations', async () => {
  const nginx = await startNginx();
  try {
    const ctx = await browser.newContext({ viewport: CARDS_VIEWPORT });
    const page = await ctx.newPage();
    await reportCspViolations(page);
    const watch = watchPage(page, nginx.origin);
    await page.goto(`${nginx.base}en/checklist/`);
    await page.waitForSelector('#checklist-app[data-state="ready"]', { timeout: 15000 });
    assert.equal(await page.isHidden('#checklist-printable'), true);
    await addVendor(page, 'Acme');
    await answer(page, 'cert.scope', 'v:yes');
    assert.match(await page.textContent('#cl-overall-score'), /\(\d+ of \d+ points\)/);
    assert.ok(await page.$('#cl-chart rect.cl-chart-track'));
    const guideLink = await page.getAttribute('#cl-q-cert\\.scope .cl-meta a', 'href');
    assert.match(guideLink, /^\/guide\//, 'guide links keep the base path');
    await page.click('#cl-share');
    await page.click('#cl-export-csv');
    watch.assertClean(assert);
    await ctx.close();
  } finally {
    await nginx.stop();
  }
});

test('wasm sent as application/octet-stream still starts the checklist', async () => {
  const nginx = await startNginx({ genericWasmType: true });
  try {
    const ctx = await browser.newContext({ viewport: CARDS_VIEWPORT });
    const page = await ctx.newPage();
    const watch = watchPage(page, nginx.origin);
    await page.goto(`${nginx.base}de/checkliste/`);
    await page.waitForSelector('#checklist-app[data-state="ready"]', { timeout: 15000 });
    assert.deepEqual(watch.problems.pageErrors, []);
    assert.deepEqual(watch.problems.foreignRequests, []);
    await ctx.close();
  } finally {
    await nginx.stop();
  }
});

/** Returns an export of this page with its vendors replaced by `vendors` (id and name each). */
async function exportWith(page, vendors) {
  const doc = JSON.parse(await exportJson(page));
  doc.vendors = vendors.map(([id, name]) => ({ id, name, answers: {}, disabled_soft_rules: [] }));
  return JSON.stringify(doc);
}

/** Picks a file with this text in the import field. */
async function importText(page, name, text) {
  await page.setInputFiles('#cl-import-file', { name, mimeType: 'application/json', buffer: Buffer.from(text) });
}

test('import at the 50-vendor cap says exactly what was imported and what was not', async () => {
  const { ctx, page, watch } = await openChecklist(`${server.origin}/en/checklist/`);
  const first = Array.from({ length: 49 }, (_, i) => [`v${i + 1}`, `Old ${i + 1}`]);
  await importText(page, 'many.json', await exportWith(page, first));
  await page.waitForFunction(() => document.querySelectorAll('#cl-vendor-select option').length === 49);
  await importText(page, 'more.json', await exportWith(page, [['v1', 'New A'], ['v2', 'New B'], ['v3', 'New C']]));
  await page.waitForSelector('#cl-import-merge');
  await page.click('#cl-import-merge');
  const message = await page.textContent('#cl-message');
  assert.doesNotMatch(message, /Import complete/);
  assert.match(message, /^Imported 1 vendor: New A\. 2 vendors were not imported, because this page compares at most 50 vendors: New B, New C\./);
  assert.equal(await page.$$eval('#cl-vendor-select option', (o) => o.length), 50);
  watch.assertClean(assert);
  await ctx.close();
});

test('a file with 0 vendors offers no "Replace my vendors" and Enter wipes nothing', async () => {
  const { ctx, page, watch } = await openChecklist(`${server.origin}/en/checklist/`);
  await fillTwoVendors(page);
  const before = await stored(page);
  await importText(page, 'empty.json', await exportWith(page, []));
  await page.waitForFunction(() => /no vendors/.test(document.getElementById('cl-message').textContent));
  assert.equal(await page.isVisible('#cl-prompt'), false);
  assert.equal(await page.$('#cl-import-replace'), null);
  await page.keyboard.press('Enter');
  assert.match(await page.textContent('#cl-message'), /nothing was imported\. Your data is unchanged\./);
  assert.equal(await stored(page), before);
  assert.equal(await page.$$eval('#cl-vendor-select option', (o) => o.length), 2);
  watch.assertClean(assert);
  await ctx.close();
});

test('"See the details" moves focus to the results and keeps them clear of the sticky bar', async () => {
  // Without smooth scrolling, positions can be measured right after the jump.
  const ctx = await browser.newContext({ reducedMotion: 'reduce' });
  const { page, watch } = await openChecklist(`${server.origin}/en/checklist/`, { context: ctx });
  await fillTwoVendors(page);
  await page.evaluate(() => document.getElementById('cl-section-gdpr')?.scrollIntoView());
  await page.click('#cl-summary-link');
  await page.waitForTimeout(100);
  assert.equal(await page.evaluate(() => document.activeElement.id), 'cl-results-title');
  const { titleTop, barBottom } = await page.evaluate(() => ({
    titleTop: document.getElementById('cl-results-title').getBoundingClientRect().top,
    barBottom: document.getElementById('cl-summary').getBoundingClientRect().bottom,
  }));
  assert.ok(titleTop >= barBottom, `the heading (top ${titleTop}) is below the sticky bar (bottom ${barBottom})`);
  watch.assertClean(assert);
  await ctx.close();
});

test('"1 points" / „1 Punkte“: one point is singular in both languages', async () => {
  for (const [url, singular, wrong] of [
    ['/en/checklist/', /\(1 point\)/, /\b1 points\b/],
    ['/de/checkliste/', /\(1 Punkt\)/, /\b1 Punkte\b/],
  ]) {
    const { ctx, page, watch } = await openChecklist(`${server.origin}${url}`);
    await addVendor(page, 'Acme');
    const metas = await page.$$eval('#cl-questions .cl-meta', (ps) => ps.map((p) => p.textContent));
    assert.ok(metas.some((m) => singular.test(m)), `${url}: a minor question shows one point`);
    assert.ok(metas.every((m) => !wrong.test(m)), url);
    watch.assertClean(assert);
    await ctx.close();
  }
});

test('"Vendor 1" is never made up: the German page starts with a clear first step in German', async () => {
  const { ctx, page, watch } = await openChecklist(`${server.origin}/de/checkliste/`);
  assert.equal(await page.$('#cl-vendor-select'), null, 'no vendor is pre-created');
  assert.match(await page.textContent('#cl-no-vendors'), /Geben Sie zuerst den Namen/);
  await page.click('#cl-add-vendor');
  assert.match(await page.textContent('#cl-message'), /^Geben Sie zuerst den Namen des Anbieters ein\.$/);
  assert.equal(await page.evaluate(() => document.activeElement.id), 'cl-new-vendor');
  assert.equal(await page.$('#cl-vendor-select'), null);
  assert.doesNotMatch(await page.textContent('#cl-app'), /Vendor \d/);
  watch.assertClean(assert);
  await ctx.close();
});

test('placeholders inside a vendor name ({score}) stay as typed', async () => {
  const { ctx, page, watch } = await openChecklist(`${server.origin}/en/checklist/`);
  const name = 'Evil {score} {verdict} {name}';
  await addVendor(page, name);
  await answer(page, 'cert.scope', 'v:yes');
  assert.equal(await page.textContent('#cl-results-title'), `Results for ${name}`);
  assert.ok((await page.textContent('#cl-summary .cl-summary-text')).startsWith(`${name}: `));
  assert.ok((await page.textContent('#cl-live')).startsWith(`${name}: `));
  watch.assertClean(assert);
  await ctx.close();
});

test('status messages go stale: they are replaced or cleared when the state changes', async () => {
  const { ctx, page, watch } = await openChecklist(`${server.origin}/en/checklist/`);
  await addVendor(page, 'Acme');
  assert.equal(await page.textContent('#cl-message'), 'Vendor added.');
  await answer(page, 'cert.scope', 'v:yes');
  assert.equal(await page.isHidden('#cl-message'), true, 'an answer clears "Vendor added."');
  await page.click('#cl-remove-vendor');
  await page.click('#cl-confirm-remove-yes');
  assert.equal(await page.textContent('#cl-message'), 'Vendor removed.');
  await addVendor(page, 'Beta');
  assert.equal(await page.textContent('#cl-message'), 'Vendor added.');
  watch.assertClean(assert);
  await ctx.close();
});

test('Escape closes the remove prompt and returns focus to its button', async () => {
  const { ctx, page, watch } = await openChecklist(`${server.origin}/en/checklist/`);
  await addVendor(page, 'Acme');
  await page.click('#cl-remove-vendor');
  assert.equal(await page.isVisible('#cl-confirm-remove'), true);
  await page.keyboard.press('Escape');
  assert.equal(await page.$('#cl-confirm-remove'), null);
  assert.equal(await page.evaluate(() => document.activeElement.id), 'cl-remove-vendor');
  assert.equal(await page.$$eval('#cl-vendor-select option', (o) => o.length), 1);
  watch.assertClean(assert);
  await ctx.close();
});

test('Escape dismisses the import prompt and changes nothing', async () => {
  const { ctx, page, watch } = await openChecklist(`${server.origin}/en/checklist/`);
  await addVendor(page, 'Acme');
  const before = await stored(page);
  await importText(page, 'one.json', await exportWith(page, [['v1', 'Other']]));
  await page.waitForSelector('#cl-import-replace');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'cl-import-replace');
  await page.keyboard.press('Escape');
  assert.equal(await page.isVisible('#cl-prompt'), false);
  assert.equal(await page.evaluate(() => document.activeElement.id), 'cl-import-file');
  assert.equal(await stored(page), before);
  watch.assertClean(assert);
  await ctx.close();
});

test('duplicate vendor names are refused, and the page says so', async () => {
  const { ctx, page, watch } = await openChecklist(`${server.origin}/en/checklist/`);
  await addVendor(page, 'Acme');
  await addVendor(page, 'Beta');
  await addVendor(page, ' acme ');
  assert.match(await page.textContent('#cl-message'), /already a vendor named “acme”/);
  assert.equal(await page.getAttribute('#cl-message', 'role'), 'alert');
  assert.equal(await page.$$eval('#cl-vendor-select option', (o) => o.length), 2);
  await page.fill('#cl-vendor-name', 'ACME');
  await page.click('#cl-rename-form button[type="submit"]');
  assert.match(await page.textContent('#cl-message'), /already a vendor named “ACME”/);
  assert.deepEqual(await page.$$eval('#cl-vendor-select option', (o) => o.map((x) => x.textContent)), ['Acme', 'Beta']);
  watch.assertClean(assert);
  await ctx.close();
});

test('the section comparison shows percentages with points, and an excluded vendor visibly does not count', async () => {
  const { ctx, page, watch } = await openChecklist(`${server.origin}/en/checklist/`);
  await fillTwoVendors(page);
  const cells = await page.$$eval('#cl-compare-sections tbody td', (tds) => tds.map((td) => td.textContent));
  const scored = cells.filter((c) => c.includes('%'));
  assert.ok(scored.length > 0);
  for (const cell of scored) assert.match(cell, /^\d+\u00a0% \(\d+(\.\d)? of \d+(\.\d)? points?\)$/, cell);
  const beta = await page.$eval('#cl-compare tr[data-verdict="excluded"]', (tr) => ({ cls: tr.className, text: tr.textContent }));
  assert.match(beta.cls, /cl-excluded/);
  assert.match(beta.text, /does not count/);
  assert.ok(await page.$('#cl-chart rect.cl-chart-bar-excluded'), 'the chart marks the excluded vendor');
  assert.equal(await page.getAttribute('#cl-chart', 'role'), 'img');
  assert.ok(await page.$('#cl-compare tr[data-verdict="excluded"] .cl-badge'), 'the verdict is a badge with its word');
  assert.equal(await page.$$eval('#cl-app [style]', (els) => els.length), 0, 'no inline style attributes');
  watch.assertClean(assert);
  await ctx.close();
});

test('a share link longer than the page accepts is not offered; the file is', async () => {
  const { ctx, page, watch } = await openChecklist(`${server.origin}/en/checklist/`);
  await addVendor(page, 'Acme');
  const notes = await page.$$eval('#cl-questions textarea[data-role="note"]', (areas) => areas.filter((a) => a.offsetParent !== null).slice(0, 14).map((a) => a.id));
  for (const id of notes) {
    let text = '';
    while (text.length < 10000) text += Math.random().toString(36).slice(2);
    await page.fill(`#${id.replace(/\./g, '\\.')}`, text.slice(0, 10000));
  }
  await page.click('#cl-share');
  assert.equal(await page.isVisible('#cl-share-field'), false, 'no link is offered');
  assert.match(await page.textContent('#cl-message'), /too long for a share link .*Export a file \(JSON\) instead/);
  assert.equal(await page.evaluate(() => document.activeElement.id), 'cl-export-json');
  watch.assertClean(assert);
  await ctx.close();
});

test('results, chart and comparison report speak German on the German page', async () => {
  const { ctx, page, watch } = await openChecklist(`${server.origin}/de/checkliste/`);
  await addVendor(page, 'Acme Cloud');
  await answer(page, 'gdpr.dpa', 'v:yes');
  await addVendor(page, 'Beta Voice');
  await answer(page, 'gdpr.dpa', 'v:no');
  assert.equal((await page.textContent('#cl-verdict')).trim(), 'Ausgeschlossen');
  assert.match(await page.textContent('#cl-overall-score'), /von \d+ Punkten\) – zählt nicht/);
  await settled(page);
  assert.match(await page.textContent('#cl-chart-title'), /^Diagramm: Punktzahl nach Abschnitt und Anbieter$/);
  const cells = await page.$$eval('#cl-compare-sections tbody td', (tds) => tds.map((td) => td.textContent));
  assert.ok(cells.some((c) => /^\d+\u00a0% \(\d+(,\d)? von \d+(,\d)? Punkte?n?\)$/.test(c)), cells.join(' | '));
  await page.click('#cl-print-comparison');
  await page.emulateMedia({ media: 'print' });
  assert.match(await page.textContent('#cl-report'), /Anbietervergleich.*Antworten im Vergleich/s);
  watch.assertClean(assert);
  await ctx.close();
});

for (const width of [320, 390, 1280]) {
  test(`mobile: no sideways scrolling at ${width} px, even with a 200-character vendor name`, async () => {
    const ctx = await browser.newContext({ viewport: { width, height: 800 } });
    const { page, watch } = await openChecklist(`${server.origin}/en/checklist/`, { context: ctx });
    await addVendor(page, 'N'.repeat(200));
    await addVendor(page, `Long ${'word'.repeat(49)}`);
    await answer(page, 'cert.scope', 'v:yes');
    const sizes = await page.evaluate(() => ({
      scroll: document.documentElement.scrollWidth,
      inner: window.innerWidth,
      widest: Math.max(...[...document.querySelectorAll('#cl-questions fieldset')].map((f) => f.getBoundingClientRect().right)),
    }));
    assert.ok(sizes.scroll <= sizes.inner, `page is ${sizes.scroll} px wide at ${sizes.inner} px`);
    assert.ok(sizes.widest <= sizes.inner, `a question box reaches ${sizes.widest} px at ${sizes.inner} px`);
    watch.assertClean(assert);
    await ctx.close();
  });
}

test('the comparison report prints every vendor with verdicts, reasons, section scores and answers side by side', async () => {
  const { ctx, page, watch } = await openChecklist(`${server.origin}/en/checklist/`);
  await fillTwoVendors(page);
  await page.click('#cl-print-comparison');
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.isVisible('#cl-report'), true);
  const report = await page.textContent('#cl-report');
  assert.match(report, /Vendor comparison/);
  assert.match(report, /Acme Cloud/);
  assert.match(report, /Beta Voice/);
  assert.match(report, /Fails a must-have rule/);
  const heads = await page.$$eval('#cl-report-answers thead th', (ths) => ths.map((th) => th.textContent));
  assert.equal(heads.length, 3);
  assert.ok(await page.$$eval('#cl-report-sections tbody td', (tds) => tds.some((td) => /points?\)/.test(td.textContent))));
  assert.match(await page.textContent('#cl-report-answers'), /Scope covers EU hosting\./);
  // Printing from the browser menu afterwards still gives the comparison (beforeprint keeps it).
  await page.emulateMedia({ media: 'screen' });
  watch.assertClean(assert);
  await ctx.close();
});

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

for (const colorScheme of ['light', 'dark']) {
  for (const width of [320, 390, 1280]) {
    test(`axe finds no WCAG 2.1 AA violations with results shown at ${width} px (${colorScheme})`, async () => {
      const ctx = await browser.newContext({ colorScheme, viewport: { width, height: 900 } });
      const { page, watch } = await openChecklist(`${server.origin}/en/checklist/`, { context: ctx });
      await fillTwoVendors(page);
      await page.click('#cl-remove-vendor');
      assert.equal(await page.isVisible('#cl-results'), true);
      assert.ok(await page.$('#cl-chart'));
      await page.evaluate(AXE_SOURCE);
      const result = await page.evaluate(() => window.axe.run(document, {
        runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
      }));
      const violations = result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 5).join(', ')}`);
      assert.deepEqual(violations, []);
      watch.assertClean(assert);
      await ctx.close();
    });
  }
}

test('expired evidence is named in words in the results, comparison and both reports, and lowers confidence', async () => {
  for (const [url, words] of [
    [`${server.origin}/en/checklist/`, { title: 'Expired evidence', count: '1 answer with expired evidence', mark: 'evidence expired, was valid until 2020-01-31' }],
    [`${server.origin}/de/checkliste/`, { title: 'Abgelaufene Nachweise', count: '1 Antwort mit abgelaufenem Nachweis', mark: 'Nachweis abgelaufen, gültig bis 2020-01-31' }],
  ]) {
    const { ctx, page, watch } = await openChecklist(url);
    const doc = JSON.parse(await exportWith(page, [['v1', 'Expired Co'], ['v2', 'Current Co']]));
    const certified = (validUntil) => ({ value: { option: 'type2' }, evidence: 'independent_report', valid_until: validUntil });
    doc.vendors[0].answers = { 'cert.soc2': certified('2020-01-31') };
    doc.vendors[1].answers = { 'cert.soc2': certified('2999-12-31') };
    await importText(page, 'dated.json', JSON.stringify(doc));
    await page.waitForFunction(() => document.querySelectorAll('#cl-vendor-select option').length === 2);
    await page.selectOption('#cl-vendor-select', 'v1');
    await settled(page);
    const expired = await page.textContent('#cl-expired');
    assert.match(expired, new RegExp(`^${words.title}`));
    assert.match(expired, /2020-01-31/);
    const confidence = await page.$$eval('#cl-compare tbody tr', (rows) => Object.fromEntries(
      rows.map((r) => [r.dataset.vendor, r.querySelectorAll('td')[4].textContent])));
    assert.ok(confidence.v1.endsWith(` – ${words.count}`), confidence.v1);
    assert.doesNotMatch(confidence.v2, /–/, 'valid evidence is not flagged');
    const percent = (text) => Number(text.match(/^(\d+)/)[1]);
    assert.ok(percent(confidence.v1) < percent(confidence.v2), `expired evidence counts less: ${JSON.stringify(confidence)}`);
    await page.click('#cl-print');
    assert.match(await page.textContent('#cl-report'), new RegExp(words.mark));
    await page.click('#cl-print-comparison');
    const cells = await page.$$eval('#cl-report-answers tbody td', (tds) => tds.map((td) => td.textContent));
    assert.equal(cells.filter((c) => c.includes(words.mark)).length, 1, cells.join(' | '));
    await page.selectOption('#cl-vendor-select', 'v2');
    assert.equal(await page.$('#cl-expired'), null, 'a vendor with valid evidence shows no expired list');
    watch.assertClean(assert);
    await ctx.close();
  }
});

test('"closure invoked recursively": changing vendor while a text field holds an uncommitted edit neither crashes nor loses the edit', async () => {
  const { ctx, page, watch } = await openChecklist(`${server.origin}/en/checklist/`);
  await addVendor(page, 'Acme');
  await addVendor(page, 'Beta');
  // Beta is selected: type into its note and number field, and leave a rename pending.
  await page.fill('#cl-note-cert\\.scope', 'Beta note, left by changing vendor.');
  await page.fill('#cl-num-avail\\.sla', '99,5');
  await page.fill('#cl-vendor-name', 'Beta renamed');
  await page.fill('#cl-note-gdpr\\.dpa', 'Typed last, still focused.');
  // Playwright picks the option without focusing the select, as a script or assistive tool may.
  await page.selectOption('#cl-vendor-select', { label: 'Acme' });
  assert.equal(await page.inputValue('#cl-note-cert\\.scope'), '');
  await page.fill('#cl-note-cert\\.scope', 'Acme note.');
  await page.selectOption('#cl-vendor-select', { label: 'Beta' });
  assert.equal(await page.inputValue('#cl-note-gdpr\\.dpa'), 'Typed last, still focused.');
  const saved = JSON.parse(await stored(page));
  const byName = Object.fromEntries(saved.vendors.map((v) => [v.name, v]));
  assert.equal(byName.Beta.answers['cert.scope'].note, 'Beta note, left by changing vendor.');
  assert.equal(byName.Beta.answers['gdpr.dpa'].note, 'Typed last, still focused.');
  assert.deepEqual(byName.Beta.answers['avail.sla'].value, { number: 99.5 });
  assert.equal(byName.Acme.answers['cert.scope'].note, 'Acme note.');
  watch.assertClean(assert);
  await ctx.close();
});
