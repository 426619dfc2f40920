// Browser tests of the interactive vendor checklist's main flows: the real wasm bundle in
// Chromium on the built site. Scores shown in the page are checked against the core's own
// computation (the `score` example of checklist-core, fed with the page's JSON export), and
// every test asserts that no request leaves the origin and nothing errors. The regression
// tests of the workspace issue's bugs are in checklist-bugs.test.mjs; the helpers both use
// are in checklist-page.mjs, and harness.mjs is shared by every browser test.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startNginx, watchPage, reportCspViolations, useServerAndBrowser } from './harness.mjs';
import {
  CARDS_VIEWPORT, WORK, useSession, openChecklist, answer, stored, exportJson, scoreNatively,
  addVendor, fillTwoVendors, settled,
  onDemand,
} from './checklist-page.mjs';

let server;
let browser;

useServerAndBrowser((started, launched) => {
  server = started;
  browser = launched;
  useSession({ server, browser });
});

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

test('two exports chosen at once: the first is offered, and the second is named as left out, not as an unknown file', async () => {
  const { ctx, page, watch } = await openChecklist(`${server.origin}/en/checklist/`);
  await fillTwoVendors(page);
  const exported = await exportJson(page);
  const before = await stored(page);
  const files = ['first.json', 'second.json', 'broken.json'].map((name, at) => ({
    name,
    mimeType: 'application/json',
    buffer: Buffer.from(at < 2 ? exported : '{"format": "cc-vendor-checklist", "vendors": ['),
  }));
  await page.setInputFiles('#cl-import-file', files);
  await page.waitForSelector('#cl-import-replace');
  const message = await page.textContent('#cl-message');
  assert.match(message, /second\.json: This is a second export of this page, and one import takes in one export, so this file was left out\. Import it on its own\./);
  assert.match(message, /broken\.json: This file is damaged/, 'the other files’ notes are kept beside the offer');
  assert.doesNotMatch(message, /neither/);
  assert.equal(await stored(page), before, 'nothing changes before the buyer answers the offer');
  await page.click('#cl-import-merge');
  await page.waitForFunction(() => document.querySelectorAll('#cl-vendor-select option').length === 4);
  watch.assertClean(assert);
  await ctx.close();
});

// Oversized files: the limit is the largest export the page can write for the definition
// (`exchange::max_import_bytes`, 601 MB for the guide's), so the core's native tests cover it,
// not a browser upload.
test('malformed and future-version imports are rejected and change nothing', async () => {
  const { ctx, page, watch } = await openChecklist(`${server.origin}/en/checklist/`);
  await fillTwoVendors(page);
  const before = await stored(page);
  const future = JSON.stringify({ ...JSON.parse(before), version: 99 });
  const cases = [
    ['bad.json', '{"format": "cc-vendor-checklist", "vendors": [', /This file is damaged and cannot be read as a vendor’s response file or as an export of this page\./],
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
  await onDemand(page);
  const link = await page.inputValue('#cl-share-url');
  assert.match(link, /#share=v1\./);
  await ctx.close();

  const fresh = await openChecklist(link);
  await onDemand(fresh.page);
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
  // The comparison shows from two vendors on (filled by the on-demand module).
  await addVendor(page, 'Second');
  await settled(page);
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
    // The chart shows from two vendors on, from the on-demand module, under the same CSP.
    await addVendor(page, 'Beta');
    await settled(page);
    assert.ok(await page.$('#cl-chart rect.cl-chart-track'));
    const guideLink = await page.getAttribute('#cl-q-cert\\.scope .cl-meta a', 'href');
    assert.match(guideLink, /^\/guide\//, 'guide links keep the base path');
    await page.click('#cl-share');
    await onDemand(page);
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
    const wasmType = page.waitForResponse((r) => r.url().endsWith('/checklist_bg.wasm')).then((r) => r.headers()['content-type']);
    await page.goto(`${nginx.base}de/checkliste/`);
    await page.waitForSelector('#checklist-app[data-state="ready"]', { timeout: 15000 });
    assert.equal(await wasmType, 'application/octet-stream', 'the host really sends the generic type');
    assert.deepEqual(watch.problems.pageErrors, []);
    assert.deepEqual(watch.problems.foreignRequests, []);
    await ctx.close();
  } finally {
    await nginx.stop();
  }
});
