// Browser tests of the vendors' side of the questionnaire (issue 11): the buyer copies the link
// for vendors; a vendor answers in response mode (`?respond`, a bundle of its own), reloads,
// finishes and exports a response file whose digest covers its content; response mode shows no
// weights, scores or verdicts; and the buyer's data and the vendor's draft in one browser never
// mix; the buyer imports three response files at once (one for an older version, one damaged),
// reviews, accepts and overrides answers and filters what is left; files over the import's
// limits (too large, nested too deeply, too many answers), every other bad file and a digest warning
// declined leave the buyer's data byte-identical; nothing a vendor writes (company, contact,
// comment, evidence) is read as HTML or as a spreadsheet formula in the review, the report or
// the CSV; and the bilingual round trip: an English vendor answers every question, and the
// German buyer who imports the file reads every question, answer value and section in German,
// the vendor's free text as written. Both languages, the real wasm bundles in Chromium on the
// built site. It saves docs/checklist-respond.png and docs/checklist-review.png for the README.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import {
  startStaticServer, startNginx, launchBrowser, watchPage, reportCspViolations,
} from './harness.mjs';
import { asExport } from './checklist-page.mjs';
import { definition, yesNoQuestions, record, draftSaved } from './respond-page.mjs';
import { pictureContext, PICTURE_ORIGIN } from './pictures.mjs';

const DOCS = new URL('../../docs/', import.meta.url).pathname;
const WIDE = { width: 1280, height: 900 };
const PAGES = { en: '/en/checklist/', de: '/de/checkliste/' };

let server;
let browser;

before(async () => {
  server = await startStaticServer();
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

/** Opens a page of a context (at `origin`: the server's, or a picture context's) and waits for the engine. */
async function open(ctx, path, origin = server.origin) {
  const page = await ctx.newPage();
  const watch = watchPage(page, origin);
  await page.goto(`${origin}${path}`);
  await page.waitForSelector('#checklist-app[data-state="ready"]', { timeout: 15000 });
  return { page, watch };
}

/** Recomputes a response file's digest the way the core does: SHA-256 of the compact JSON without `digest`. */
function withDigest(doc) {
  const { digest, ...content } = doc;
  void digest;
  return { ...content, digest: `sha256:${createHash('sha256').update(JSON.stringify(content)).digest('hex')}` };
}

/** The buyer's panels (weights, scores, verdicts, rules, the grid), which response mode never shows. */
const BUYER_ONLY = ['#cl-results', '#cl-comparison', '#cl-summary', '#cl-rule-switches', '.cl-meta', '#cl-grid'];

/** A vendor answers part, reloads, answers the rest and downloads the response file. */
async function respond(ctx, lang, company, origin = server.origin) {
  const [first, second, third] = yesNoQuestions();
  const { page, watch } = await open(ctx, `${PAGES[lang]}?respond`, origin);
  assert.equal(await page.getAttribute('#checklist-app', 'data-mode'), 'respond');
  // No weights, scores, verdicts or rules: none of the buyer's panels, and no weight line.
  for (const selector of BUYER_ONLY) {
    assert.equal(await page.$(selector), null, `${selector} is not in response mode`);
  }
  assert.equal(await page.isVisible('#checklist-printable'), false);
  const text = await page.textContent('#checklist-app');
  assert.doesNotMatch(text, /\(\d+ (points?|Punkte?)\)|Score|Punktzahl|Verdict|Excluded|Ausgeschlossen/);
  assert.match(text, lang === 'de' ? /Der Auftraggeber wird Sie um Folgendes bitten:/ : /The buyer will ask you for:/);
  assert.equal(await page.$$eval('.cl-question', (q) => q.length), definition().questions.length);
  await page.fill('#cl-r-company', company);
  await page.fill('#cl-r-contact', 'Jana Roth, security@acme.example');
  await page.check(`input[name="cl-a-${first}"][value="v:yes"]`);
  await page.fill(`#cl-r-document-${first.replace('.', '\\.')}`, 'SOC 2 Type II report 2026');
  await page.fill(`#cl-r-expires-${first.replace('.', '\\.')}`, '2027-09-30');
  await page.fill(`#cl-r-comment-${first.replace('.', '\\.')}`, '<b>=1+1</b> „see section 4“');
  await draftSaved(page);
  await page.reload();
  await page.waitForSelector('#checklist-app[data-state="ready"]');
  assert.equal(await page.inputValue('#cl-r-company'), company, 'the draft survives a reload');
  assert.equal(await page.isChecked(`input[name="cl-a-${first}"][value="v:yes"]`), true);
  assert.equal(await page.inputValue(`#cl-r-comment-${first.replace('.', '\\.')}`), '<b>=1+1</b> „see section 4“');
  await page.check(`input[name="cl-a-${second}"][value="v:partial"]`);
  await page.check(`input[name="cl-a-${third}"][value="v:no"]`);
  await draftSaved(page);
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#cl-r-export')]);
  assert.match(download.suggestedFilename(), /^response-[a-zäöü-]+-\d{4}-\d\d-\d\d\.json$/);
  const file = readFileSync(await download.path(), 'utf8');
  const doc = JSON.parse(file);
  assert.equal(doc.format, 'cc-vendor-response');
  assert.equal(doc.company, company);
  assert.equal(doc.language, lang);
  assert.deepEqual(Object.keys(doc.answers).sort(), [first, second, third].sort());
  assert.deepEqual(withDigest(doc), doc, 'the digest covers the compact content');
  assert.match(await page.textContent('#cl-message'), new RegExp(download.suggestedFilename().replace(/\./g, '\\.')));
  watch.assertClean(assert);
  return { file, name: download.suggestedFilename(), page };
}

for (const lang of ['en', 'de']) {
  test(`${lang}: a vendor answers in part, reloads, finishes and exports; the buyer's data in the same browser stays apart`, async () => {
    // The flow makes the README's picture of response mode, so it runs at the pictures' origin and day.
    const origin = PICTURE_ORIGIN;
    const ctx = await pictureContext(browser, server, { viewport: WIDE });
    // The buyer's workspace first, in the same browser profile.
    const buyer = await open(ctx, PAGES[lang], origin);
    await buyer.page.click('#cl-respond-create');
    // The link is made by the on-demand module (it carries any own questions).
    await buyer.page.waitForSelector('#cl-app:not([data-on-demand="loading"])');
    assert.equal(await buyer.page.inputValue('#cl-respond-url'), `${origin}${PAGES[lang]}?respond`);
    assert.equal(await buyer.page.evaluate(() => document.activeElement.id), 'cl-respond-url');
    await buyer.page.fill('#cl-new-vendor', 'Typed by the buyer');
    await buyer.page.click('#cl-add-vendor');
    await buyer.page.waitForSelector('#checklist-app:not([data-save="saving"])');
    const saved = await record(buyer.page, 'workspace');
    assert.ok(saved);
    // The selectors response mode must lack do find the buyer's panels (the weight line
    // `.cl-meta` is in the cards), so their absence there means something.
    const onBuyersPage = async (selector) => assert.ok(await buyer.page.$(selector), `${selector} is on the buyer's page`);
    for (const selector of BUYER_ONLY.filter((s) => s !== '.cl-meta')) await onBuyersPage(selector);
    await buyer.page.check('#cl-view-cards');
    await onBuyersPage('.cl-meta');
    await buyer.page.check('#cl-view-grid');
    const { page } = await respond(ctx, lang, 'Acme Cloud GmbH', origin);
    if (lang === 'en') {
      await page.evaluate(() => document.getElementById('cl-r-title').scrollIntoView({ behavior: 'instant' }));
      await page.screenshot({ path: `${DOCS}checklist-respond.png` });
    }
    assert.equal(await record(page, 'workspace'), saved, 'the vendor draft never touches the buyer’s record');
    const draft = await record(page, 'vendor-response-draft');
    await buyer.page.reload();
    await buyer.page.waitForSelector('#checklist-app[data-state="ready"]');
    await buyer.page.fill('#cl-new-vendor', 'Second vendor');
    await buyer.page.click('#cl-add-vendor');
    await buyer.page.waitForSelector('#checklist-app:not([data-save="saving"])');
    assert.equal(await record(buyer.page, 'vendor-response-draft'), draft, 'the buyer never touches the draft');
    await ctx.close();
  });
}

test('under nginx with the strict CSP at /guide/ response mode loads its own bundle without violations', async () => {
  const nginx = await startNginx();
  try {
    const ctx = await browser.newContext({ viewport: WIDE });
    const page = await ctx.newPage();
    await reportCspViolations(page);
    const watch = watchPage(page, nginx.origin);
    const wasm = [];
    page.on('request', (request) => { if (request.url().endsWith('.wasm')) wasm.push(new URL(request.url()).pathname); });
    await page.goto(`${nginx.base}de/checkliste/?respond`);
    await page.waitForSelector('#checklist-app[data-mode="respond"][data-state="ready"]', { timeout: 15000 });
    assert.deepEqual(wasm, ['/guide/static/checklist/respond_bg.wasm'], 'only the vendors’ bundle is loaded');
    await page.fill('#cl-r-company', 'Acme');
    await draftSaved(page);
    watch.assertClean(assert);
    await ctx.close();
  } finally {
    await nginx.stop();
  }
});

/** What the buyer reads while importing and reviewing responses, in each language. */
const REVIEW = {
  en: {
    damaged: /^damaged\.json: This file is damaged and cannot be read as a vendor’s response file or as an export of this page\. If a vendor sent it, ask them to export it again\. Your data is unchanged\.$/,
    other: /another checklist/,
    newer: /newer version/,
    nobody: /could not be imported/,
    imported: /Imported 2 vendors: Acme Cloud GmbH, Nimbus Voice\./,
    unmapped: /nimbus-0\.9\.json answers checklist version 0\.9; 1 answer could not be taken over: legacy\.question\./,
    damagedNamed: /damaged\.json: This file is damaged and cannot be read as a vendor’s response file/,
    title: /Vendor’s answer and yours/,
    yes: /Yes/,
    evidence: /SOC 2 Type II report 2026 · Evidence valid until: 2027-09-30/,
    notReviewed: /Not yet reviewed/,
    accepted: /Accepted/,
    changed: /Changed by you/,
    two: /^Showing 2 of \d+ questions/,
  },
  de: {
    damaged: /^damaged\.json: Diese Datei ist beschädigt und lässt sich weder als Antwortdatei eines Anbieters noch als Export dieser Seite lesen\. Wenn ein Anbieter sie geschickt hat, bitten Sie ihn, sie erneut zu exportieren\. Ihre Daten sind unverändert\.$/,
    other: /anderen Checkliste/,
    newer: /neueren Version/,
    nobody: /konnte nicht importiert werden/,
    imported: /2 Anbieter importiert: Acme Cloud GmbH, Nimbus Voice\./,
    unmapped: /nimbus-0\.9\.json beantwortet die Checklisten-Version 0\.9; 1 Antwort konnte nicht übernommen werden: legacy\.question\./,
    damagedNamed: /damaged\.json: Diese Datei ist beschädigt und lässt sich weder als Antwortdatei eines Anbieters/,
    title: /Antwort des Anbieters und Ihre/,
    yes: /Ja/,
    evidence: /SOC 2 Type II report 2026 · Nachweis gültig bis: 2027-09-30/,
    notReviewed: /Noch nicht geprüft/,
    accepted: /Übernommen/,
    changed: /Von Ihnen geändert/,
    two: /^2 von \d+ Fragen/,
  },
};

for (const lang of ['en', 'de']) {
  test(`${lang}: the buyer imports three files at once (one older, one damaged), reviews and overrides two answers`, async () => {
    const t = REVIEW[lang];
    // The flow makes the README's picture of the review (the file's name, dates and digest
    // show the day), so it runs at the pictures' origin and day.
    const origin = PICTURE_ORIGIN;
    const vendorCtx = await pictureContext(browser, server, { viewport: WIDE });
    const { file: acme, name } = await respond(vendorCtx, 'en', 'Acme Cloud GmbH', origin);
    await vendorCtx.close();
    const older = JSON.parse(acme);
    older.company = 'Nimbus Voice';
    older.checklist = older.checklist.replace(/@.*/, '@0.9');
    older.answers['legacy.question'] = { value: { answer: 'yes' } };
    // The writer keeps answers sorted by question id; so must a file whose digest matches.
    older.answers = Object.fromEntries(Object.entries(older.answers).sort(([a], [b]) => (a < b ? -1 : 1)));
    const olderText = JSON.stringify(withDigest(older), null, 2);
    const ctx = await pictureContext(browser, server, { viewport: WIDE });
    const { page, watch } = await open(ctx, PAGES[lang], origin);
    await page.fill('#cl-new-vendor', 'Eigener Anbieter');
    await page.click('#cl-add-vendor');
    await page.waitForSelector('#checklist-app:not([data-save="saving"])');

    // Every rejection leaves the saved data byte-identical.
    const before = await record(page, 'workspace');
    const rejected = [
      ['damaged.json', acme.slice(0, acme.length / 2), t.damaged],
      ['other.json', acme.replace(/"checklist": "[^@]*@/, '"checklist": "other-list@'), t.other],
      ['newer.json', acme.replace('"version": 1', '"version": 7'), t.newer],
      ['nobody.json', acme.replace(/"company": "[^"]*"/, '"company": " "'), t.nobody],
    ];
    for (const [file, text, message] of rejected) {
      await page.evaluate(() => { document.getElementById('cl-message').textContent = ''; });
      await page.setInputFiles('#cl-import-file', { name: file, mimeType: 'application/json', buffer: Buffer.from(text) });
      await page.waitForFunction(() => document.getElementById('cl-message').textContent !== '');
      const shown = await page.textContent('#cl-message');
      assert.match(shown, message, file);
      assert.match(shown, new RegExp(`^${file.replace('.', '\\.')}: `));
      assert.equal(await page.getAttribute('#cl-message', 'role'), 'alert');
      assert.equal(await record(page, 'workspace'), before, `${file} changed nothing`);
    }

    // Three at once: the English vendor's file, one for version 0.9, one damaged.
    await page.setInputFiles('#cl-import-file', [
      { name, mimeType: 'application/json', buffer: Buffer.from(acme) },
      { name: 'nimbus-0.9.json', mimeType: 'application/json', buffer: Buffer.from(olderText) },
      { name: 'damaged.json', mimeType: 'application/json', buffer: Buffer.from('{"format": "cc-vendor-response",') },
    ]);
    await page.waitForFunction(() => /Acme Cloud GmbH, Nimbus/.test(document.getElementById('cl-message').textContent));
    const message = await page.textContent('#cl-message');
    assert.match(message, t.imported);
    assert.match(message, t.unmapped);
    assert.match(message, t.damagedNamed);
    await page.waitForSelector('#checklist-app:not([data-save="saving"])');
    const imported = JSON.parse(await asExport(await record(page, 'workspace')));
    assert.deepEqual(imported.vendors.map((v) => v.name), ['Eigener Anbieter', 'Acme Cloud GmbH', 'Nimbus Voice']);
    const acmeVendor = imported.vendors[1];
    assert.equal(acmeVendor.response.file, name);
    assert.equal(acmeVendor.response.digest_matched, true);
    assert.equal(acmeVendor.response.language, 'en');

    // Review in the grid's detail panel: the page's labels, the vendor's words as written.
    const [first, second, third] = yesNoQuestions();
    const def = JSON.parse(readFileSync(new URL('../../target/test-site/public/static/checklist/checklist.json', import.meta.url), 'utf8'));
    const row = (id) => def.questions.findIndex((q) => q.id === id);
    await page.focus(`#cl-gc-${row(first)}-2`);
    await page.waitForSelector('#cl-review table');
    const review = await page.textContent('#cl-review');
    assert.match(review, t.title);
    assert.match(review, t.yes);
    assert.match(review, t.evidence);
    assert.match(review, /<b>=1\+1<\/b> „see section 4“/, 'vendor text is shown as text, as written');
    assert.match(await page.textContent('#cl-review-state'), t.notReviewed);
    await page.click('#cl-review-accept');
    assert.match(await page.textContent('#cl-review-state'), t.accepted);
    if (lang === 'de') await page.screenshot({ path: `${DOCS}checklist-review.png` });

    // Two overrides: a value in the grid, an evidence level in the panel.
    await page.focus(`#cl-gc-${row(second)}-2`);
    await page.keyboard.press('Enter');
    await page.selectOption(`#cl-gc-${row(second)}-2 select`, 'v:no');
    await page.keyboard.press('Enter');
    await page.waitForFunction((id) => document.activeElement.id === id, `cl-gc-${row(second)}-2`);
    await page.focus(`#cl-gc-${row(third)}-2`);
    const thirdText = def.questions[row(third)].text[lang];
    await page.waitForFunction((text) => (document.querySelector('.cl-detail-question')?.textContent ?? '').startsWith(text.slice(0, 12)), thirdText);
    await page.selectOption('#cl-d-ev', 'independent_report');
    await page.fill('#cl-d-note', 'Bericht geprüft, Seite 12.');
    assert.match(await page.textContent('#cl-review-state'), t.changed, 'a stronger evidence level overrides');
    await page.focus(`#cl-gc-${row(second)}-2`);
    assert.match(await page.textContent('#cl-review-state'), t.changed);
    await page.check('#cl-filter-changed');
    assert.match(await page.textContent('#cl-filter-count'), t.two);
    await page.uncheck('#cl-filter-changed');
    await page.check('#cl-filter-not_reviewed');
    const unreviewed = await page.textContent('#cl-filter-count');
    assert.doesNotMatch(unreviewed, /^0 /);
    await page.uncheck('#cl-filter-not_reviewed');
    await page.waitForSelector('#checklist-app:not([data-save="saving"])');
    const reviewed = JSON.parse(await asExport(await record(page, 'workspace'))).vendors[1];
    assert.deepEqual(reviewed.answers[second].value, { answer: 'no' }, 'scoring uses the buyer’s answer');
    assert.deepEqual(reviewed.response.statements[second].value, { answer: 'partial' }, 'the vendor’s stays');
    assert.equal(reviewed.answers[third].evidence, 'independent_report');
    assert.deepEqual(reviewed.response.reviewed, [first]);

    // Back to the vendor's answer.
    await page.click('#cl-review-restore');
    assert.match(await page.textContent('#cl-review-state'), t.notReviewed);
    watch.assertClean(assert);
    await ctx.close();
  });
}

test('a response file whose digest does not match is added only after a warning, and an export chosen with it is named as left out', async () => {
  const vendorCtx = await browser.newContext({ viewport: WIDE });
  const { file } = await respond(vendorCtx, 'en', 'Changed Ltd');
  await vendorCtx.close();
  const changed = file.replace('"v:no"', '"v:no"').replace('"no"', '"yes"');
  assert.notEqual(changed, file);
  const ctx = await browser.newContext({ viewport: WIDE });
  const { page, watch } = await open(ctx, PAGES.en);
  await page.setInputFiles('#cl-import-file', { name: 'changed.json', mimeType: 'application/json', buffer: Buffer.from(changed) });
  await page.waitForSelector('#cl-prompt:not([hidden])');
  assert.match(await page.textContent('#cl-prompt'), /does not match its content: Changed Ltd\./);
  assert.equal(await page.$('#cl-import-replace'), null, 'responses are only ever added');
  assert.equal(await record(page, 'workspace'), null, 'nothing saved before the buyer agrees');
  await page.click('#cl-import-merge');
  await page.waitForSelector('#checklist-app:not([data-save="saving"])');
  const exported = await asExport(await record(page, 'workspace'));
  const saved = JSON.parse(exported);
  assert.equal(saved.vendors[0].response.digest_matched, false);

  // Chosen with an export of this page, the file is offered as before, and the export, which
  // the one prompt cannot offer too, is named as left out: it was silently dropped before.
  const before = await record(page, 'workspace');
  await page.setInputFiles('#cl-import-file', [
    { name: 'changed-again.json', mimeType: 'application/json', buffer: Buffer.from(changed) },
    { name: 'team.json', mimeType: 'application/json', buffer: Buffer.from(exported) },
  ]);
  await page.waitForSelector('#cl-prompt:not([hidden])');
  assert.match(await page.textContent('#cl-prompt'), /does not match its content: Changed Ltd\./);
  assert.match(await page.textContent('#cl-message'), /team\.json: This is an export of this page\. It was left out because the response files whose digest does not match need your answer first\. Import it again afterwards\./);
  assert.equal(await record(page, 'workspace'), before, 'nothing changes before the buyer answers');
  await page.click('#cl-import-dismiss');
  await page.waitForSelector('#cl-prompt', { state: 'hidden' });
  assert.equal(await record(page, 'workspace'), before, 'declined, and the export was not taken in');
  watch.assertClean(assert);
  await ctx.close();
});

/** The answer an English vendor gives to each question in the bilingual round trip, by kind
 * (yes/no answers in turn, a choice's first option, a multiple choice's second option, a number
 * typed the English way), with the German words the buyer must then read. */
function bilingualAnswers() {
  const def = definition();
  const turns = ['yes', 'partial', 'no', 'unknown'];
  let turn = 0;
  return def.questions.map((q) => {
    const kind = q.kind;
    if (kind.type === 'yes_no') {
      const answer = turns[turn++ % turns.length];
      return { q, input: `input[name="cl-a-${q.id}"][value="v:${answer}"]`, de: def.answer_set[answer].label.de, en: def.answer_set[answer].label.en };
    }
    if (kind.type === 'choice') {
      const [option] = kind.options;
      return { q, input: `input[name="cl-a-${q.id}"][value="o:${option.id}"]`, de: option.label.de, en: option.label.en };
    }
    if (kind.type === 'multi') {
      const option = kind.options[1];
      return { q, input: `input[name="cl-a-${q.id}"][value="${option.id}"]`, de: option.label.de, en: option.label.en };
    }
    // A number with a decimal part, typed with the English decimal point.
    const number = Math.min(kind.max, kind.min + 1.5);
    return { q, number: String(number), de: `${String(number).replace('.', ',')} ${kind.unit.de}`, en: `${number} ${kind.unit.en}` };
  });
}

test('de: an English vendor’s response reads in German for the buyer: every question, answer value and section; free text as written', async () => {
  const def = definition();
  const answers = bilingualAnswers();
  // The vendor answers every question on the English page.
  const vendorCtx = await browser.newContext({ viewport: WIDE });
  const vendor = await open(vendorCtx, `${PAGES.en}?respond`);
  await vendor.page.fill('#cl-r-company', 'Acme Cloud Ltd');
  for (const { q, input, number } of answers) {
    if (number !== undefined) await vendor.page.fill(`[id="cl-num-${q.id}"]`, number);
    else await vendor.page.check(input);
  }
  const [first] = yesNoQuestions();
  await vendor.page.fill(`[id="cl-r-comment-${first}"]`, 'Audited yearly; see “Appendix B” & <i>page 4</i>.');
  await vendor.page.fill(`[id="cl-r-document-${first}"]`, 'Security whitepaper 2026 (English)');
  await draftSaved(vendor.page);
  const [download] = await Promise.all([vendor.page.waitForEvent('download'), vendor.page.click('#cl-r-export')]);
  const file = readFileSync(await download.path(), 'utf8');
  assert.equal(JSON.parse(file).language, 'en');
  assert.equal(Object.keys(JSON.parse(file).answers).length, def.questions.length, 'every question answered');
  vendor.watch.assertClean(assert);
  await vendorCtx.close();

  // The German buyer imports it and reads everything in German in the grid.
  const ctx = await browser.newContext({ viewport: WIDE });
  const { page, watch } = await open(ctx, PAGES.de);
  await page.setInputFiles('#cl-import-file', { name: download.suggestedFilename(), mimeType: 'application/json', buffer: Buffer.from(file) });
  await page.waitForSelector('#cl-gc-0-1');
  const sections = await page.$$eval('.cl-grid-toggle > span:first-child', (spans) => spans.map((s) => s.textContent));
  assert.deepEqual(sections, def.sections.map((s) => s.title.de), 'every section in German');
  const rows = await page.$$eval('tr[id^="cl-gr-"]', (trs) => trs.map((tr) => ({
    index: Number(tr.id.slice('cl-gr-'.length)),
    question: tr.querySelector('th').firstChild.textContent,
    state: tr.querySelector('td').dataset.state,
    answer: tr.querySelector('td > span').textContent,
  })));
  assert.equal(rows.length, def.questions.length);
  const notApplicable = [];
  assert.deepEqual(rows.map((row) => row.index).sort((a, b) => a - b), def.questions.map((_, i) => i));
  rows.forEach((row) => {
    const { q, de, en } = answers[row.index];
    assert.equal(row.question, q.text.de, `${q.id}: the question in German`);
    if (row.state === 'na') return notApplicable.push(q.id);
    assert.equal(row.answer, de, `${q.id}: the answer value in German`);
    // German labels may name the English term in brackets ("Vertraulichkeit (Confidentiality)").
    if (de !== en) assert.notEqual(row.answer, en, `${q.id}: not the English words`);
  });
  // Only follow-ups whose question the vendor's answer does not open may be not applicable.
  const followUps = def.questions.filter((q) => q.visible_if).map((q) => q.id);
  assert.ok(notApplicable.every((id) => followUps.includes(id)), `not applicable: ${notApplicable}`);

  // The vendor's free text, as written, under German labels.
  await page.focus(`#cl-gc-${def.questions.findIndex((q) => q.id === first)}-1`);
  await page.waitForSelector('#cl-review table');
  const review = await page.textContent('#cl-review');
  assert.match(review, /Antwort des Anbieters und Ihre/);
  assert.match(await page.textContent('#cl-message'), /1 Anbieter importiert: Acme Cloud Ltd\./);
  assert.ok(review.includes('Audited yearly; see “Appendix B” & <i>page 4</i>.'), 'the comment as written');
  assert.ok(review.includes('Security whitepaper 2026 (English)'), 'the evidence as written');
  assert.ok(review.includes(answers.find((a) => a.q.id === first).de), 'the vendor’s answer in German');
  watch.assertClean(assert);
  await ctx.close();
});

/** What the buyer is told about refused response files, in each language: named as a
 * vendor's response file, what is wrong in plain words, with the limit, sizes in MB. */
const REFUSED = {
  en: {
    large: /^large\.json: This vendor’s response file is too large \(\d+\u00a0MB\); a response file has at most 8\.2\u00a0MB\. Your data is unchanged\.$/,
    malformed: /^deep\.json: This file is nested too deeply \(more than 32 levels\) to be a vendor’s response file or an export of this page, so it cannot be read\. Your data is unchanged\.$/,
    many: /^many\.json: This vendor’s response file has too many answers \(1001\); a response file has at most 1000\. Your data is unchanged\.$/,
    unmapped: /bulky\.json answers checklist version 0\.9; 990 answers could not be taken over: ([\w.]+, ){4}[\w.]+ and 985 more\./,
  },
  de: {
    large: /^large\.json: Diese Antwortdatei eines Anbieters ist zu groß \(\d+\u00a0MB\); eine Antwortdatei hat höchstens 8,2\u00a0MB\. Ihre Daten sind unverändert\.$/,
    malformed: /^deep\.json: Diese Datei ist zu tief verschachtelt \(mehr als 32 Ebenen\), um eine Antwortdatei eines Anbieters oder ein Export dieser Seite zu sein, und kann daher nicht gelesen werden\. Ihre Daten sind unverändert\.$/,
    many: /^many\.json: Diese Antwortdatei eines Anbieters enthält zu viele Antworten \(1001\); eine Antwortdatei enthält höchstens 1000\. Ihre Daten sind unverändert\.$/,
    unmapped: /bulky\.json beantwortet die Checklisten-Version 0\.9; 990 Antworten konnten nicht übernommen werden: ([\w.]+, ){4}[\w.]+ und 985 weitere\./,
  },
};

for (const lang of ['en', 'de']) {
  test(`${lang}: response files over the import's limits (too large, nested too deeply, too many answers) and a digest warning declined leave the buyer's data byte-identical; a note of 990 unmapped answers stays short`, async () => {
    const vendorCtx = await browser.newContext({ viewport: WIDE });
    const { file } = await respond(vendorCtx, lang, 'Acme Cloud GmbH');
    await vendorCtx.close();
    const doc = JSON.parse(file);
    const [first] = yesNoQuestions();
    // A comment nested deeper than the import's reader goes, and more answers than a response holds.
    const deep = file.replace('"<b>=1+1</b> „see section 4“"', `${'['.repeat(40)}${']'.repeat(40)}`);
    assert.notEqual(deep, file);
    // For an older checklist version, whose unknown answers are reported rather than refused.
    const many = { ...doc, checklist: doc.checklist.replace(/@.*/, '@0.9'), answers: { ...doc.answers } };
    for (let i = 0; many.answers && Object.keys(many.answers).length <= 1000; i += 1) {
      many.answers[`${first}.x${String(i).padStart(4, '0')}`] = { value: { answer: 'yes' } };
    }
    many.answers = Object.fromEntries(Object.entries(many.answers).sort(([a], [b]) => (a < b ? -1 : 1)));
    const changed = file.replace('"Acme Cloud GmbH"', '"Acme Cloud AG"');

    const ctx = await browser.newContext({ viewport: WIDE });
    const { page, watch } = await open(ctx, PAGES[lang]);
    await page.fill('#cl-new-vendor', 'Eigener Anbieter');
    await page.click('#cl-add-vendor');
    await page.waitForSelector('#checklist-app:not([data-save="saving"])');
    const before = await record(page, 'workspace');
    assert.ok(before);
    for (const [name, text, expected] of [
      // 12 MB: larger than every response file the caps allow, smaller than an export may be.
      ['large.json', file.replace('{', `{${' '.repeat(12 * 1024 * 1024)}`), REFUSED[lang].large],
      ['deep.json', deep, REFUSED[lang].malformed],
      ['many.json', JSON.stringify(withDigest(many), null, 2), REFUSED[lang].many],
    ]) {
      await page.evaluate(() => { document.getElementById('cl-message').textContent = ''; });
      await page.setInputFiles('#cl-import-file', { name, mimeType: 'application/json', buffer: Buffer.from(text) });
      await page.waitForFunction(() => document.getElementById('cl-message').textContent !== '');
      assert.match(await page.textContent('#cl-message'), expected, name);
      assert.equal(await page.getAttribute('#cl-message', 'role'), 'alert', name);
      assert.equal(await page.isVisible('#cl-prompt'), false, `${name} offers nothing`);
      assert.equal(await record(page, 'workspace'), before, `${name} changed nothing`);
    }
    // A file whose digest does not match, declined by the button and by Escape.
    for (const decline of [() => page.click('#cl-import-dismiss'), () => page.keyboard.press('Escape')]) {
      await page.setInputFiles('#cl-import-file', { name: 'changed.json', mimeType: 'application/json', buffer: Buffer.from(changed) });
      await page.waitForSelector('#cl-prompt:not([hidden])');
      assert.match(await page.textContent('#cl-prompt'), /Acme Cloud AG/);
      await decline();
      await page.waitForSelector('#cl-prompt', { state: 'hidden' });
      await page.waitForSelector('#checklist-app:not([data-save="saving"])');
      assert.equal(await record(page, 'workspace'), before, 'a declined file changed nothing');
      assert.deepEqual(await page.$$eval('#cl-vendor-select option', (o) => o.map((x) => x.textContent)), ['Eigener Anbieter']);
    }
    // An older version's file with 990 answers this checklist lacks imports with a note that
    // names five of them and counts the rest (it listed every id before).
    const bulky = { ...doc, checklist: doc.checklist.replace(/@.*/, '@0.9'), answers: { ...doc.answers } };
    for (let i = 0; i < 990; i += 1) {
      bulky.answers[`${first}.x${String(i).padStart(4, '0')}`] = { value: { answer: 'yes' } };
    }
    bulky.answers = Object.fromEntries(Object.entries(bulky.answers).sort(([a], [b]) => (a < b ? -1 : 1)));
    await page.evaluate(() => { document.getElementById('cl-message').textContent = ''; });
    await page.setInputFiles('#cl-import-file', { name: 'bulky.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(withDigest(bulky), null, 2)) });
    await page.waitForFunction(() => /bulky\.json/.test(document.getElementById('cl-message').textContent));
    const note = await page.textContent('#cl-message');
    assert.match(note, REFUSED[lang].unmapped);
    assert.ok(!note.includes(`${first}.x0989`), 'the note does not list every id');
    assert.ok(note.length < 600, `the note stays short (${note.length} characters)`);
    watch.assertClean(assert);
    await ctx.close();
  });
}

test('de: nothing a vendor writes is read as HTML or as a spreadsheet formula: company, contact, comment and evidence in the review, the report and the CSV', async () => {
  const company = '=HYPERLINK("https://evil.example","Acme <b>Cloud</b>")';
  const contact = '@SUM(1) <script>document.title="owned"</script>';
  const comment = '+1 <img src=x onerror="document.title=\'owned\'">';
  const documentName = '-2 <a href="https://evil.example">report</a>';
  const [first] = yesNoQuestions();
  const vendorCtx = await browser.newContext({ viewport: WIDE });
  const vendor = await open(vendorCtx, `${PAGES.en}?respond`);
  await vendor.page.fill('#cl-r-company', company);
  await vendor.page.fill('#cl-r-contact', contact);
  await vendor.page.check(`input[name="cl-a-${first}"][value="v:no"]`);
  await vendor.page.fill(`[id="cl-r-comment-${first}"]`, comment);
  await vendor.page.fill(`[id="cl-r-document-${first}"]`, documentName);
  await draftSaved(vendor.page);
  const [download] = await Promise.all([vendor.page.waitForEvent('download'), vendor.page.click('#cl-r-export')]);
  const file = readFileSync(await download.path(), 'utf8');
  assert.equal(JSON.parse(file).company, company);
  vendor.watch.assertClean(assert);
  await vendorCtx.close();

  const ctx = await browser.newContext({ viewport: WIDE });
  const { page, watch } = await open(ctx, PAGES.de);
  const title = await page.title();
  await page.setInputFiles('#cl-import-file', { name: download.suggestedFilename(), mimeType: 'application/json', buffer: Buffer.from(file) });
  await page.waitForFunction(() => /importiert/.test(document.getElementById('cl-message').textContent));
  await page.waitForSelector('#checklist-app:not([data-save="saving"])');
  assert.deepEqual(await page.$$eval('#cl-vendor-select option', (o) => o.map((x) => x.textContent)), [company]);
  // The review shows every text as written.
  const row = definition().questions.findIndex((q) => q.id === first);
  await page.focus(`#cl-gc-${row}-1`);
  await page.waitForSelector('#cl-review table');
  const review = await page.textContent('#cl-review');
  for (const text of [comment, documentName]) assert.ok(review.includes(text), `the review shows ${text} as text`);
  // The comparison report, printed.
  await page.click('#cl-print-comparison');
  await page.emulateMedia({ media: 'print' });
  assert.ok((await page.textContent('#cl-report')).includes(company), 'the report names the vendor as written');
  await page.emulateMedia({ media: 'screen' });
  // No element the vendor's words could have made, and no script of theirs ran.
  const made = await page.$$eval('#checklist-app img, #checklist-app script, #checklist-app b, #checklist-app a[href*="evil"]', (list) => list.length);
  assert.equal(made, 0, 'no element from the vendor’s words');
  assert.equal(await page.title(), title);
  // The CSV: the company's formula is defused in every row, where a spreadsheet would read it.
  const [csvDownload] = await Promise.all([page.waitForEvent('download'), page.click('#cl-export-csv')]);
  const csv = readFileSync(await csvDownload.path(), 'utf8');
  const cells = csv.split(/\r?\n/).filter((line) => line.includes('HYPERLINK'));
  assert.ok(cells.length >= 2, 'the summary row and the answer rows name the vendor');
  for (const line of cells) {
    assert.ok(line.startsWith(`"'=HYPERLINK(""https://evil.example"",""Acme <b>Cloud</b>"")"`), `defused: ${line.slice(0, 80)}`);
  }
  watch.assertClean(assert);
  await ctx.close();
});
