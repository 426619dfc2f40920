// Regression tests of the checklist bugs a buyer found (the workspace issue), each named
// after its bug, plus the results, reports and axe checks of the one-vendor view: the real
// wasm bundle in Chromium on the built site, with no request leaving the origin and nothing
// erroring. The helpers are in checklist-page.mjs; the main flows are in checklist.test.mjs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { axeViolations } from './axe.mjs';
import { useServerAndBrowser } from './harness.mjs';
import {
  useSession, openChecklist, answer, stored, addVendor, settled,
  fillTwoVendors, exportWith, importText,
  onDemand,
} from './checklist-page.mjs';

let server;
let browser;

useServerAndBrowser((started, launched) => {
  server = started;
  browser = launched;
  useSession({ server, browser });
});

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
  await onDemand(page);
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
  await onDemand(page);
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
    const sizes = await page.evaluate(() => {
      const boxes = [...document.querySelectorAll('#cl-questions fieldset')].map((f) => f.getBoundingClientRect().right);
      return { scroll: document.documentElement.scrollWidth, inner: window.innerWidth, boxes: boxes.length, widest: Math.max(...boxes) };
    });
    // Math.max of no boxes is -Infinity, which would pass the width check below.
    assert.ok(sizes.boxes >= 30, `only ${sizes.boxes} question boxes measured`);
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
  await onDemand(page);
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

for (const colorScheme of ['light', 'dark']) {
  for (const width of [320, 390, 1280]) {
    test(`axe finds no WCAG 2.1 AA violations with results shown at ${width} px (${colorScheme})`, async () => {
      const ctx = await browser.newContext({ colorScheme, viewport: { width, height: 900 } });
      const { page, watch } = await openChecklist(`${server.origin}/en/checklist/`, { context: ctx });
      await fillTwoVendors(page);
      await page.click('#cl-remove-vendor');
      assert.equal(await page.isVisible('#cl-results'), true);
      assert.ok(await page.$('#cl-chart'));
      assert.deepEqual(await axeViolations(page), []);
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
    await onDemand(page);
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

test('an unsubmitted vendor rename is lost when the buyer switches vendor: it is kept as a draft until Rename', async () => {
  const { ctx, page, watch } = await openChecklist(`${server.origin}/en/checklist/`);
  await addVendor(page, 'Acme');
  await addVendor(page, 'Beta');
  // Beta is selected: a new name is typed but Rename is not pressed.
  await page.fill('#cl-vendor-name', 'Beta Voice');
  await page.selectOption('#cl-vendor-select', { label: 'Acme' });
  assert.equal(await page.inputValue('#cl-vendor-name'), 'Acme');
  assert.equal(await page.$('#cl-rename-draft'), null, 'Acme has no draft');
  // Not applied on its own: a half-typed name is not a decision.
  const names = () => page.$$eval('#cl-vendor-select option', (o) => o.map((x) => x.textContent));
  assert.deepEqual(await names(), ['Acme', 'Beta']);
  assert.doesNotMatch(await stored(page), /Beta Voice/);
  // Back on Beta, the typed name is still there, and the page says it is not applied yet.
  await page.selectOption('#cl-vendor-select', { label: 'Beta' });
  assert.equal(await page.inputValue('#cl-vendor-name'), 'Beta Voice');
  assert.match(await page.textContent('#cl-rename-draft'), /Not renamed yet/);
  assert.equal(await page.getAttribute('#cl-vendor-name', 'aria-describedby'), 'cl-rename-draft');
  await page.click('#cl-rename-form button[type="submit"]');
  assert.deepEqual(await names(), ['Acme', 'Beta Voice']);
  assert.equal(await page.$('#cl-rename-draft'), null, 'a confirmed rename is no draft');
  assert.match(await stored(page), /Beta Voice/);
  watch.assertClean(assert);
  await ctx.close();
});

test('a checklist page that names no language was shown in English: the engine refuses it and the printable form stays', async () => {
  const ctx = await browser.newContext();
  await ctx.route((url) => url.pathname.endsWith('/de/checkliste/'), async (route) => {
    const response = await route.fetch();
    const html = (await response.text()).replace(/(<div id="checklist-app"[^>]*?) data-lang="de"/, '$1');
    assert.doesNotMatch(html, /<div id="checklist-app"[^>]*data-lang=/, 'the test removed the attribute');
    await route.fulfill({ response, body: html });
  });
  const page = await ctx.newPage();
  const errors = [];
  page.on('console', (message) => { if (message.type() === 'error') errors.push(message.text()); });
  await page.goto(`${server.origin}/de/checkliste/`);
  await page.waitForSelector('#checklist-app[data-state="failed"]', { timeout: 15000 });
  assert.ok(errors.some((text) => /data-lang/.test(text)), `the console says why: ${errors.join(' | ')}`);
  assert.ok(await page.isVisible('#checklist-app form.checklist-form'), 'the printable form stays in place');
  assert.equal(await page.$('#cl-app'), null, 'no interactive checklist in a guessed language');
  await ctx.close();
});
