// Browser tests of the checklist workspace: the question × vendor grid (ARIA grid keyboard
// use, in-cell editing, sticky vendor header), the detail panel, the filters, evidence dates,
// number entry, both languages, and axe-core on the grid and on the narrow cards. The real
// wasm bundle runs in Chromium on the built site; every test asserts that nothing errors
// and no request leaves the origin. It also saves docs/checklist-workspace.png for the README.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { axeViolations } from './axe.mjs';
import { SITE_DIR, watchPage, useServerAndBrowser } from './harness.mjs';
import { WORK } from './checklist-page.mjs';
import { definition, workspaceExport, importWorkspace } from './workspace-fixture.mjs';

const SCREENSHOT = new URL('../../docs/checklist-workspace.png', import.meta.url).pathname;
const WIDE = { width: 1280, height: 900 };

let server;
let browser;
let def;

useServerAndBrowser((started, launched) => {
  server = started;
  browser = launched;
  def = definition();
});

/**
 * Opens the checklist in a fresh profile at a viewport size and waits for the engine;
 * `editDefinition` may change the checklist definition the page loads, for cases the real
 * content does not have: it edits the full definition JSON, which the core then writes in the
 * compact form the page loads (the `compact_definition` example).
 */
async function open(path, { viewport = WIDE, colorScheme = 'light', editDefinition } = {}) {
  const ctx = await browser.newContext({ viewport, colorScheme });
  if (editDefinition) {
    const json = JSON.parse(readFileSync(join(SITE_DIR, 'static/checklist/checklist.json'), 'utf8'));
    editDefinition(json);
    const edited = join(WORK, `definition-${Date.now()}.json`);
    writeFileSync(edited, JSON.stringify(json));
    const lang = path.startsWith('/de/') ? 'de' : 'en';
    const body = execFileSync('cargo', [
      'run', '-q', '--release', '-p', 'checklist-core', '--example', 'compact_definition', '--', edited, lang,
    ], { cwd: new URL('../..', import.meta.url).pathname, encoding: 'utf8' });
    await ctx.route((url) => url.pathname.endsWith('/checklist.txt'), (route) => route.fulfill({ body, contentType: 'text/plain' }));
  }
  const page = await ctx.newPage();
  const watch = watchPage(page, server.origin);
  await page.goto(`${server.origin}${path}`);
  await page.waitForSelector('#checklist-app[data-state="ready"]', { timeout: 15000 });
  return { ctx, page, watch };
}

/** Returns the id of the focused element. */
const focusedId = (page) => page.evaluate(() => document.activeElement.id);

/** Returns the grid index of a question. */
const row = (id) => def.questions.findIndex((q) => q.id === id);

/** Loads three vendors that answered nothing yet. */
async function threeEmptyVendors(page) {
  const doc = workspaceExport(def, 3, ['Acme Cloud', 'Beta Voice', 'Callisto']);
  for (const vendor of doc.vendors) vendor.answers = {};
  await importWorkspace(page, doc);
  await page.waitForSelector('#cl-grid');
}

/** Asserts that the page does not scroll sideways. */
async function assertNoSidewaysScroll(page, label) {
  const { scroll, client } = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth,
  }));
  assert.ok(scroll <= client, `${label}: page is ${scroll} px wide in a ${client} px window`);
}

test('the grid is the wide-screen view: arrow keys, Home/End and Enter edit, Escape returns to the cell', async () => {
  const { ctx, page, watch } = await open('/en/checklist/');
  await threeEmptyVendors(page);
  assert.equal(await page.getAttribute('#cl-grid', 'role'), 'grid');
  assert.ok(await page.isChecked('#cl-view-grid'));
  assert.equal(await page.isVisible('#cl-questions'), false, 'no cards beside the grid');
  // One tab stop: Tab from the view switch and filters lands on one cell of the grid.
  // The last filter is the review filter "changed by the reviewer".
  await page.focus('#cl-filter-changed');
  await page.keyboard.press('Tab');
  assert.equal(await focusedId(page), 'cl-gs-0', 'Tab enters the grid at its first cell');
  assert.equal(await page.$$eval('#cl-grid [tabindex="0"]', (e) => e.length), 1);
  await page.keyboard.press('ArrowDown');
  assert.equal(await focusedId(page), 'cl-gc-0-0');
  await page.keyboard.press('ArrowRight');
  assert.equal(await focusedId(page), 'cl-gc-0-1');
  await page.keyboard.press('End');
  assert.equal(await focusedId(page), 'cl-gc-0-3');
  await page.keyboard.press('ArrowRight');
  assert.equal(await focusedId(page), 'cl-gc-0-3', 'focus does not wrap');
  await page.keyboard.press('Home');
  assert.equal(await focusedId(page), 'cl-gc-0-0');
  assert.equal(await page.$$eval('#cl-grid [tabindex="0"]', (e) => e.map((x) => x.id)).then((ids) => ids.join()), 'cl-gc-0-0');

  // Edit the third vendor's answer to a yes/no question with the keyboard.
  const q = row('cert.scope');
  await page.focus(`#cl-gc-${q}-3`);
  assert.match(await page.textContent('#cl-gh-2'), /Callisto/);
  const before = await page.textContent('#cl-ghs-2');
  await page.keyboard.press('Enter');
  assert.equal(await page.evaluate(() => document.activeElement.tagName), 'SELECT');
  assert.match(await page.getAttribute(`#cl-gc-${q}-3 select`, 'aria-label'), /Callisto/);
  await page.selectOption(`#cl-gc-${q}-3 select`, 'v:yes');
  await page.keyboard.press('Enter');
  assert.equal(await focusedId(page), `cl-gc-${q}-3`, 'focus returns to the cell');
  assert.match(await page.textContent(`#cl-gc-${q}-3`), /^Yes/);
  assert.equal(await page.getAttribute(`#cl-gc-${q}-3`, 'data-state'), 'pass');
  assert.notEqual(await page.textContent('#cl-ghs-2'), before, 'the vendor’s header follows');
  // The results follow the focused vendor.
  assert.match(await page.textContent('#cl-results-title'), /Callisto/);
  // Space edits too; Escape puts the old answer back and returns focus.
  await page.keyboard.press('Space');
  await page.selectOption(`#cl-gc-${q}-3 select`, 'v:no');
  assert.equal(await page.getAttribute(`#cl-gc-${q}-3`, 'data-state'), 'fail');
  await page.keyboard.press('Escape');
  assert.equal(await focusedId(page), `cl-gc-${q}-3`);
  assert.match(await page.textContent(`#cl-gc-${q}-3`), /^Yes/, 'Escape restored the answer');
  // Collapsing a section hides its questions and keeps the heading reachable.
  await page.keyboard.press('Control+Home');
  assert.equal(await focusedId(page), 'cl-gs-0');
  await page.keyboard.press('Enter');
  assert.equal(await page.getAttribute('#cl-gs-0', 'aria-expanded'), 'false');
  assert.equal(await page.isVisible('#cl-gr-0'), false);
  await page.keyboard.press('ArrowDown');
  // Sections whose questions all wait for another answer have no rows yet.
  const [, nextSection] = await page.$$eval('#cl-grid tr.cl-grid-section:not([hidden]) button', (bs) => bs.map((b) => b.id));
  assert.equal(await focusedId(page), nextSection, 'the next section’s heading follows');
  watch.assertClean(assert);
  await ctx.close();
});

test('the sticky header shows each vendor’s verdict in words and its live score', async () => {
  const { ctx, page, watch } = await open('/en/checklist/');
  await threeEmptyVendors(page);
  const headers = await page.$$eval('#cl-grid thead th[data-vendor]', (ths) => ths.map((th) => ({
    text: th.textContent, verdict: th.querySelector('.cl-badge').dataset.verdict, sticky: getComputedStyle(th).position,
  })));
  assert.equal(headers.length, 3);
  for (const h of headers) {
    assert.equal(h.sticky, 'sticky');
    assert.match(h.text, /(Strong|Acceptable|Conditional|Provisional|Insufficient|Excluded) \d+\u00a0%/);
  }
  // Answering the DPA question "No" excludes the vendor; the header says so in words.
  const q = row('gdpr.dpa');
  await page.click(`#cl-gc-${q}-1`);
  await page.selectOption(`#cl-gc-${q}-1 select`, 'v:no');
  assert.equal(await page.getAttribute('#cl-ghs-0 .cl-badge', 'data-verdict'), 'excluded');
  await page.keyboard.press('Enter');
  assert.match(await page.textContent('#cl-ghs-0'), /Excluded/);
  assert.match(await page.textContent(`#cl-gc-${q}-1`), /fails/);
  watch.assertClean(assert);
  await ctx.close();
});

test('the detail panel shows the focused cell’s help, what to ask for, and edits evidence, date and note', async () => {
  const { ctx, page, watch } = await open('/en/checklist/');
  await threeEmptyVendors(page);
  const q = row('cert.soc2');
  await page.focus(`#cl-gc-${q}-2`);
  const panel = await page.textContent('#cl-detail');
  assert.match(panel, /Does the vendor have a current SOC 2 report\?/);
  assert.match(panel, /Vendor: Beta Voice/);
  assert.match(panel, /Ask the vendor for/);
  const askFor = def.questions[q].ask_for;
  assert.ok(askFor.length > 0 && askFor.every((item) => panel.includes(item.en)), 'every document to ask for');
  await page.selectOption('#cl-d-ev', 'independent_report');
  await page.fill('#cl-d-until', '2099-06-30');
  await page.fill('#cl-d-note', 'Report received on 2 May.');
  const exported = await exportedVendors(page);
  const answer = exported.find((v) => v.name === 'Beta Voice').answers['cert.soc2'];
  assert.equal(answer.evidence, 'independent_report');
  assert.equal(answer.valid_until, '2099-06-30');
  assert.equal(answer.note, 'Report received on 2 May.');
  watch.assertClean(assert);
  await ctx.close();
});

test('a question without documents to ask for says in the detail panel what to ask instead', async () => {
  // Every question of the real checklist names documents, so one is emptied for this case.
  const q = row('cert.soc2');
  const { ctx, page, watch } = await open('/en/checklist/', {
    editDefinition: (json) => { json.questions[q].ask_for = []; },
  });
  await threeEmptyVendors(page);
  await page.focus(`#cl-gc-${q}-1`);
  assert.match(await page.textContent('#cl-detail'), /ask the vendor for the evidence behind the answer/);
  watch.assertClean(assert);
  await ctx.close();
});

/** Exports the workspace through the page's JSON export and returns its vendors. */
async function exportedVendors(page) {
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#cl-export-json')]);
  return JSON.parse(readFileSync(await download.path(), 'utf8')).vendors;
}

test('evidence valid until a past day is flagged expired in words, in the grid, the panel and the cards', async () => {
  const { ctx, page, watch } = await open('/en/checklist/');
  await threeEmptyVendors(page);
  const q = row('cert.scope');
  await page.click(`#cl-gc-${q}-1`);
  await page.selectOption(`#cl-gc-${q}-1 select`, 'v:yes');
  await page.keyboard.press('Enter');
  const confidence = async () => Number(await page.getAttribute('#cl-overall-confidence', 'data-confidence'));
  await page.selectOption('#cl-d-ev', 'independent_report');
  const valid = await confidence();
  await page.fill('#cl-d-until', '2020-01-31');
  assert.match(await page.textContent('#cl-d-exp'), /Expired on 2020-01-31: this evidence counts only as a vendor statement/);
  assert.match(await page.textContent(`#cl-gc-${q}-1`), /evidence expired/);
  assert.ok(await confidence() < valid, 'expired evidence counts for less confidence');
  await page.fill('#cl-d-until', '2099-01-31');
  assert.equal(await page.isVisible('#cl-d-exp'), false);
  assert.doesNotMatch(await page.textContent(`#cl-gc-${q}-1`), /evidence expired/);
  await page.fill('#cl-d-until', '2020-01-31');
  // The cards say the same, in German too.
  await page.check('#cl-view-cards');
  await page.selectOption('#cl-vendor-select', { label: 'Acme Cloud' });
  assert.match(await page.textContent(`#cl-exp-cert\\.scope`), /Expired on 2020-01-31/);
  await page.click('.language-switcher a[hreflang="de"]');
  await page.waitForSelector('#checklist-app[data-state="ready"]');
  await page.check('#cl-view-cards');
  assert.match(await page.textContent(`#cl-exp-cert\\.scope`), /Abgelaufen am 31\.01\.2020/);
  watch.assertClean(assert);
  await ctx.close();
});

test('invalid numbers: "99.95 %" and "99,95" are accepted, other entries explain what is wrong and clear the scored value', async () => {
  const { ctx, page, watch } = await open('/en/checklist/');
  await threeEmptyVendors(page);
  const q = row('avail.sla');
  const cell = `#cl-gc-${q}-1`;
  // The detail panel shows the value the engine scores.
  const scored = () => page.textContent('#cl-d-answer');
  await page.click(cell);
  const input = `${cell} input`;
  for (const [typed, shown] of [['99.95 %', '99.95 %'], ['99,9', '99.9 %'], [' 99.5 ', '99.5 %']]) {
    await page.fill(input, typed);
    assert.equal(await page.getAttribute(input, 'aria-invalid'), 'false', typed);
    assert.equal(await page.textContent('#cl-g-error'), '', typed);
    assert.equal(await scored(), `Answer: ${shown}`, typed);
  }
  // A word: a message tied to the field, and no stale value is scored.
  await page.fill(input, 'ninety-nine');
  assert.equal(await page.getAttribute(input, 'aria-invalid'), 'true');
  assert.match(await page.getAttribute(input, 'aria-describedby'), /cl-g-error/);
  assert.match(await page.textContent('#cl-g-error'), /“ninety-nine” is not a number/);
  assert.equal(await scored(), 'Answer: Not answered', 'the refused entry cleared the value');
  // Out of range: the message names the range.
  await page.fill(input, '150');
  assert.match(await page.textContent('#cl-g-error'), /between 90 and 100 %/);
  assert.equal(await scored(), 'Answer: Not answered');
  await page.fill(input, '99.9 %');
  assert.equal(await scored(), 'Answer: 99.9 %');
  await page.keyboard.press('Enter');
  assert.equal(await focusedId(page), `cl-gc-${q}-1`);
  assert.match(await page.textContent(cell), /99\.9 %/);
  // The cards, in German: the comma form and a German message.
  await page.click('.language-switcher a[hreflang="de"]');
  await page.waitForSelector('#checklist-app[data-state="ready"]');
  await page.check('#cl-view-cards');
  const card = '#cl-num-avail\\.sla';
  await page.fill(card, '99,95 %');
  assert.equal(await page.getAttribute(card, 'aria-invalid'), 'false');
  await page.fill(card, 'abc');
  assert.match(await page.textContent('#cl-num-avail\\.sla-error'), /„abc“ ist keine Zahl/);
  const described = await page.getAttribute(card, 'aria-describedby');
  assert.match(await page.evaluate((id) => document.getElementById(id).textContent, described), /keine Zahl/);
  assert.equal(await page.getAttribute('#cl-overall', 'data-points') === null, false);
  watch.assertClean(assert);
  await ctx.close();
});

test('filters show only unanswered, critical, must-have or failing questions, in the grid and the cards', async () => {
  const { ctx, page, watch } = await open('/en/checklist/');
  await threeEmptyVendors(page);
  const visibleRows = () => page.$$eval('#cl-grid tbody tr[id^="cl-gr-"]:not([hidden])', (trs) => trs.map((tr) => Number(tr.id.slice(6))));
  const all = await visibleRows();
  await page.check('#cl-filter-critical');
  const critical = await visibleRows();
  assert.ok(critical.length > 0 && critical.length < all.length);
  const weightOf = (q) => (q.group ? def.groups.find((g) => g.id === q.group).weight : q.weight);
  assert.ok(critical.every((i) => weightOf(def.questions[i]) === 'critical'));
  assert.match(await page.textContent('#cl-filter-count'), new RegExp(`Showing ${critical.length} of ${def.questions.length} questions`));
  await page.uncheck('#cl-filter-critical');
  await page.check('#cl-filter-must_have');
  const ruled = new Set(def.rules.flatMap((r) => r.conditions.map((c) => c.question)));
  const mustHave = await visibleRows();
  assert.ok(mustHave.length > 0 && mustHave.length < all.length, `must-have filter shows ${mustHave.length} of ${all.length}`);
  assert.ok(mustHave.every((i) => ruled.has(def.questions[i].id)));
  await page.uncheck('#cl-filter-must_have');
  // Failing: nothing fails until an answer does.
  await page.check('#cl-filter-failing');
  assert.deepEqual(await visibleRows(), []);
  await page.uncheck('#cl-filter-failing');
  const q = row('gdpr.dpa');
  await page.click(`#cl-gc-${q}-2`);
  await page.selectOption(`#cl-gc-${q}-2 select`, 'v:no');
  await page.keyboard.press('Enter');
  await page.check('#cl-filter-failing');
  assert.deepEqual(await visibleRows(), [q]);
  await page.uncheck('#cl-filter-failing');
  // Unanswered: a question every vendor answered leaves the list.
  await page.check('#cl-filter-unanswered');
  const unanswered = await visibleRows();
  assert.ok(unanswered.includes(q), 'two vendors still have to answer it');
  // The cards apply the same filter to the selected vendor.
  await page.check('#cl-view-cards');
  await page.selectOption('#cl-vendor-select', { label: 'Beta Voice' });
  assert.equal(await page.isVisible('#cl-q-gdpr\\.dpa'), false, 'answered by this vendor');
  assert.equal(await page.isVisible('#cl-q-cert\\.scope'), true);
  watch.assertClean(assert);
  await ctx.close();
});

test('the chosen view (grid vs one-vendor cards) is not remembered across reload', async () => {
  // Wide window: the grid is the default; the buyer picks the cards, and reloads.
  const { ctx, page, watch } = await open('/en/checklist/');
  await threeEmptyVendors(page);
  await page.check('#cl-view-cards');
  assert.equal(await page.isVisible('#cl-grid'), false);
  await page.reload();
  await page.waitForSelector('#checklist-app[data-state="ready"]', { timeout: 15000 });
  assert.equal(await page.isChecked('#cl-view-cards'), true, 'the cards stay chosen after reload');
  assert.equal(await page.isVisible('#cl-q-gdpr\\.dpa'), true);
  assert.equal(await page.isVisible('#cl-grid'), false);
  // A chosen view also wins over a later change of the window's width.
  await page.setViewportSize({ width: 1400, height: 900 });
  assert.equal(await page.isVisible('#cl-grid'), false);
  // Narrow window: the cards are the default; the buyer picks the grid, and it stays too.
  await page.setViewportSize({ width: 390, height: 800 });
  await page.check('#cl-view-grid');
  await page.reload();
  await page.waitForSelector('#checklist-app[data-state="ready"]', { timeout: 15000 });
  assert.equal(await page.isChecked('#cl-view-grid'), true, 'the grid stays chosen after reload');
  assert.equal(await page.isVisible('#cl-grid'), true);
  watch.assertClean(assert);
  await ctx.close();
});

test('the German grid speaks German', async () => {
  const { ctx, page, watch } = await open('/de/checkliste/');
  await threeEmptyVendors(page);
  assert.match(await page.textContent('#cl-grid caption'), /Antworten nach Frage und Anbieter/);
  assert.match(await page.textContent('#cl-gp-0'), /von \d+ beantwortet/);
  await page.focus('#cl-gc-0-1');
  assert.match(await page.textContent('#cl-detail'), /Anbieter: Acme Cloud/);
  assert.match(await page.textContent('#cl-detail'), /Nachweis gültig bis/);
  assert.match(await page.textContent('#cl-gc-0-1'), /Nicht beantwortet/);
  await page.keyboard.press('Enter');
  assert.match(await page.getAttribute('#cl-gc-0-1 select', 'aria-label'), /– Acme Cloud$/);
  watch.assertClean(assert);
  await ctx.close();
});

for (const colorScheme of ['light', 'dark']) {
  test(`axe finds no violations on the grid at 1280 px and the cards at 320 and 390 px (${colorScheme}); no sideways scroll`, async () => {
    const { ctx, page, watch } = await open('/en/checklist/', { colorScheme });
    // The dark run adds a vendor with a 200-character name, which must not widen the page.
    const names = colorScheme === 'light' ? ['Acme Cloud', 'Beta Voice', 'Callisto Contact'] : ['Acme Cloud', 'Beta Voice', 'C'.repeat(200)];
    const doc = workspaceExport(def, 3, names);
    // The first vendor answers every question with its best option, for a telling screenshot.
    def.questions.forEach((q, i) => {
      const kind = q.kind;
      const best = kind.type === 'yes_no' ? { answer: 'yes' }
        : kind.type === 'number' ? { number: kind.direction === 'at_most' ? kind.min : kind.max }
          : kind.type === 'multi' ? { options: [kind.options[0].id] } : { option: kind.options[0].id };
      doc.vendors[0].answers[q.id] = { value: best, evidence: i % 3 ? 'independent_report' : 'document' };
    });
    await importWorkspace(page, doc);
    await page.waitForSelector('#cl-grid');
    await page.focus(`#cl-gc-${row('cert.scope')}-1`);
    await page.keyboard.press('Enter');
    assert.deepEqual(await axeViolations(page), [], 'grid at 1280 px');
    await assertNoSidewaysScroll(page, '1280 px');
    await page.keyboard.press('Escape');
    if (colorScheme === 'light') {
      await page.focus(`#cl-gc-${row('cert.soc2')}-2`);
      await page.evaluate(() => window.scrollTo(0, 0));
      const clip = await page.evaluate(() => {
        const top = document.getElementById('cl-workspace-tools').getBoundingClientRect();
        const bottom = document.getElementById('cl-workspace').getBoundingClientRect();
        return { x: top.left - 8, y: top.top - 8, width: top.width + 16, height: Math.min(bottom.bottom - top.top + 16, 1150) };
      });
      await page.screenshot({ path: SCREENSHOT, fullPage: true, clip });
    }
    for (const width of [320, 390]) {
      await page.setViewportSize({ width, height: 800 });
      await page.waitForSelector('#cl-questions:not([hidden]) .cl-question');
      assert.ok(await page.isChecked('#cl-view-cards'), `${width} px shows the cards`);
      assert.deepEqual(await axeViolations(page), [], `cards at ${width} px`);
      await assertNoSidewaysScroll(page, `${width} px`);
    }
    watch.assertClean(assert);
    await ctx.close();
  });
}
