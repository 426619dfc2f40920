// Browser tests of the buyer's side of issue 11 §4–§5 on the real built site in Chromium, in
// both languages: the buyer tunes the checklist (two weights, an own question) and sees what
// differs from the guide; the respond link carries the own question and nothing else; the buyer
// imports three response files at once (one for an older checklist version, one damaged),
// overrides two answers, records a contract condition and exports the comparison report and
// the CSV, which list the condition; a tuned respond link shows the vendor no weights, scores,
// verdicts, must-haves or conditions; every rejection (a damaged response file, an export with
// a damaged tuning or condition) leaves the saved data byte-identical; and axe-core finds no
// violation in the tuning and condition panels at 320, 390 and 1280 px, light and dark. The
// English flow makes the README's docs/checklist-tuning.png. An English buyer's own question
// reads on the German page (it once made the saved work unreadable there).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { SITE_DIR, startStaticServer, launchBrowser, watchPage } from './harness.mjs';
import { axeViolations, COLOR_SCHEMES } from './axe.mjs';
import { useSession, openChecklist, answer, stored, addVendor, onDemand, CARDS_VIEWPORT } from './checklist-page.mjs';
import { addOwnQuestion } from './respond-page.mjs';

const PAGES = { en: '/en/checklist/', de: '/de/checkliste/' };
const T = {
  en: {
    untuned: 'This checklist follows the guide’s recommendation.',
    one: /^Tuned for this tender: 1 change /,
    three: /^Tuned for this tender: 3 changes /,
    noText: /^Enter the question/,
    question: 'Do you run a tested =disaster recovery plan?',
    imported: /Imported 2 vendors: Acme Cloud GmbH, Nimbus Voice\./,
    damaged: /damaged\.json: /,
    conditions: 'Contract conditions',
    csvCondition: 'Contract condition',
  },
  de: {
    untuned: 'Diese Checkliste folgt der Empfehlung des Leitfadens.',
    one: /^Für diese Ausschreibung angepasst: 1 Abweichung /,
    three: /^Für diese Ausschreibung angepasst: 3 Abweichungen /,
    noText: /^Geben Sie die Frage ein/,
    question: 'Betreiben Sie einen getesteten =Notfallplan?',
    imported: /2 Anbieter importiert: Acme Cloud GmbH, Nimbus Voice\./,
    damaged: /damaged\.json: /,
    conditions: 'Vertragsbedingungen',
    csvCondition: 'Vertragsbedingung',
  },
};

let server;
let browser;

before(async () => {
  server = await startStaticServer();
  browser = await launchBrowser();
  useSession({ server, browser });
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

/** Where the README's screenshots go. */
const DOCS = new URL('../../docs/', import.meta.url).pathname;
/** The buyer's panels (scores, verdicts, rules, the grid, tuning, conditions), which response mode never shows. */
const BUYER_ONLY = ['#cl-results', '#cl-comparison', '#cl-summary', '#cl-rule-switches', '.cl-meta', '#cl-grid', '#cl-tune', '#cl-conditions'];

/** The checklist definition the page serves. */
const definition = () => JSON.parse(readFileSync(`${SITE_DIR}/static/checklist/checklist.json`, 'utf8'));

/** Yes/no questions every vendor sees (no follow-ups), from the served definition. */
const yesNoQuestions = () => definition().questions.filter((q) => q.kind.type === 'yes_no' && !q.visible_if).map((q) => q.id);

/** An element by id, whatever characters (dots) the id has. */
const byId = (id) => `[id="${id}"]`;

/** Recomputes a response file's digest the way the core does. */
function withDigest(doc) {
  const { digest, ...content } = doc;
  void digest;
  return { ...content, digest: `sha256:${createHash('sha256').update(JSON.stringify(content)).digest('hex')}` };
}

/** Opens the tuning panel's controls, which the on-demand module brings (checklist-wasm/src/lazy.rs). */
async function openTuning(page) {
  if (await page.isVisible('#cl-tune-open')) await page.click('#cl-tune-open');
  await onDemand(page);
  await page.waitForSelector('#cl-own-form');
}

/** Opens the contract-condition panel's fields, which the on-demand module brings. */
async function openConditions(page) {
  if (await page.isVisible('#cl-conditions-open')) await page.click('#cl-conditions-open');
  await onDemand(page);
}

/** The first two weight choices that may be switched off, with their current values. */
async function switchableWeights(page) {
  return page.$$eval('select[data-role="tune-weight"]', (selects) => selects
    .filter((s) => [...s.options].some((o) => o.value === 'off'))
    .slice(0, 2)
    .map((s) => ({ id: s.id, item: s.dataset.item, value: s.value })));
}

for (const lang of ['en', 'de']) {
  test(`${lang}: the buyer tunes, sends own questions, imports three responses, overrides two answers, records a condition and exports the report and CSV`, async () => {
    const t = T[lang];
    const [first, second, third] = yesNoQuestions();
    const { ctx, page, watch } = await openChecklist(`${server.origin}${PAGES[lang]}`);
    await addVendor(page, 'Eigener Anbieter');
    assert.equal(await page.textContent('#cl-tune-summary'), t.untuned);
    await openTuning(page);

    // A refused own question says why and changes nothing.
    let saved = await stored(page);
    await page.click('#cl-own-form button[type="submit"]');
    assert.match(await page.textContent('#cl-message'), t.noText);
    assert.equal(await page.getAttribute('#cl-message', 'role'), 'alert');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'cl-own-text');
    assert.equal(await stored(page), saved, 'a refused question changed nothing');

    // An own question, then two weights: one changed, one switched off.
    const own = await addOwnQuestion(page, t.question);
    assert.match(await page.textContent('#cl-tune-summary'), t.one);
    await page.click('.cl-tune-details summary');
    const [changed, off] = await switchableWeights(page);
    const weight = changed.value === 'critical' ? 'minor' : 'critical';
    await page.selectOption(byId(changed.id), weight);
    assert.equal(await page.evaluate(() => document.activeElement.id), changed.id, 'focus stays on the weight');
    await page.selectOption(byId(off.id), 'off');
    assert.match(await page.textContent('#cl-tune-summary'), t.three);
    assert.equal(await page.$$eval('#cl-tune-differences li', (li) => li.length), 3);
    if (lang === 'en') {
      // The README's picture of the tuning panel, with the list of questions folded.
      // A tall window and the panel in its middle, so the sticky score bar covers none of it.
      await page.click('.cl-tune-details summary');
      await page.setViewportSize({ width: CARDS_VIEWPORT.width, height: 1600 });
      await page.locator('#cl-tune').evaluate((panel) => panel.scrollIntoView({ block: 'center' }));
      await page.locator('#cl-tune').screenshot({ path: `${DOCS}checklist-tuning.png` });
      await page.setViewportSize(CARDS_VIEWPORT);
      await page.click('.cl-tune-details summary');
    }
    assert.equal(await page.$(`input[name="cl-a-${off.item}"]`), null, 'a question switched off is not asked');
    assert.ok(await page.$(`[data-role="tune-reset"][data-item="${changed.item}"]`), 'a changed weight offers a reset');
    saved = JSON.parse(await stored(page));
    assert.deepEqual(saved.tuning.weights, { [changed.item]: weight, [off.item]: 'off' });
    assert.equal(saved.tuning.questions[0].text, t.question);

    // The respond link carries the own question, never weights.
    await page.click('#cl-respond-create');
    await onDemand(page);
    const link = await page.inputValue('#cl-respond-url');
    assert.match(link, /\?respond#questions=v1\./);
    const vendorCtx = await browser.newContext({ viewport: CARDS_VIEWPORT });
    const vendor = await vendorCtx.newPage();
    const vendorWatch = watchPage(vendor, server.origin);
    await vendor.goto(link);
    await vendor.waitForSelector('#checklist-app[data-mode="respond"][data-state="ready"]', { timeout: 15000 });
    const asked = await vendor.textContent('#checklist-app');
    assert.ok(asked.includes(t.question), 'the vendor sees the own question');
    assert.doesNotMatch(asked, /Tuned|angepasst|Critical instead|statt/);
    // A tuned link shows no weights, scores, verdicts, rules or conditions either.
    for (const selector of BUYER_ONLY) {
      assert.equal(await vendor.$(selector), null, `${selector} is not in response mode`);
    }
    // What the vendor sees (the hidden printable form is the guide's, with weights).
    const shown = await vendor.innerText('#checklist-app');
    assert.ok(shown.includes(t.question));
    assert.doesNotMatch(shown, /\(\d+ (points?|Punkte?)\)|Score|Punktzahl|Verdict|Excluded|Ausgeschlossen|Weight|Gewichtung|Must-have|Muss-Kriterium/);
    await vendor.fill('#cl-r-company', 'Acme Cloud GmbH');
    await vendor.check(`input[name="cl-a-${own}"][value="v:yes"]`);
    await vendor.check(`input[name="cl-a-${first}"][value="v:yes"]`);
    await vendor.check(`input[name="cl-a-${second}"][value="v:partial"]`);
    await vendor.check(`input[name="cl-a-${third}"][value="v:no"]`);
    await vendor.waitForSelector('#checklist-app[data-save="saved"]');
    const [download] = await Promise.all([vendor.waitForEvent('download'), vendor.click('#cl-r-export')]);
    const acme = readFileSync(await download.path(), 'utf8');
    assert.deepEqual(JSON.parse(acme).answers[own].value, { answer: 'yes' });
    vendorWatch.assertClean(assert);
    await vendorCtx.close();

    // An older version's file and a damaged one, all three at once.
    const older = JSON.parse(acme);
    older.company = 'Nimbus Voice';
    older.checklist = older.checklist.replace(/@.*/, '@0.9');
    older.answers['legacy.question'] = { value: { answer: 'yes' } };
    older.answers = Object.fromEntries(Object.entries(older.answers).sort(([a], [b]) => (a < b ? -1 : 1)));
    saved = await stored(page);
    await page.setInputFiles('#cl-import-file', { name: 'damaged.json', mimeType: 'application/json', buffer: Buffer.from(acme.slice(0, 200)) });
    await page.waitForFunction(() => /damaged/.test(document.getElementById('cl-message').textContent));
    assert.equal(await stored(page), saved, 'a damaged file alone changed nothing');
    await page.setInputFiles('#cl-import-file', [
      { name: download.suggestedFilename(), mimeType: 'application/json', buffer: Buffer.from(acme) },
      { name: 'nimbus-0.9.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(withDigest(older), null, 2)) },
      { name: 'damaged.json', mimeType: 'application/json', buffer: Buffer.from('{"format": "cc-vendor-response",') },
    ]);
    await page.waitForFunction(() => /Nimbus/.test(document.getElementById('cl-message').textContent));
    const message = await page.textContent('#cl-message');
    assert.match(message, t.imported);
    assert.match(message, t.damaged);
    assert.match(message, /legacy\.question/);
    let workspace = JSON.parse(await stored(page));
    const acmeVendor = workspace.vendors.find((v) => v.name === 'Acme Cloud GmbH');
    assert.deepEqual(acmeVendor.answers[own].value, { answer: 'yes' }, 'the own question’s answer is imported');
    assert.deepEqual(acmeVendor.response.statements[own].value, { answer: 'yes' });

    // Two overrides by the buyer.
    await page.selectOption('#cl-vendor-select', { label: 'Acme Cloud GmbH' });
    await answer(page, second, 'v:yes');
    await answer(page, own, 'v:no');
    // A condition for the answer that falls short (the vendor's "no"), cut off from formulas.
    const conditionField = byId(`cl-ct-${third}`);
    await openConditions(page);
    await page.waitForSelector(conditionField);
    await page.fill(conditionField, '=SUM(1) SOC 2 Type II report by Q3');
    await page.fill(byId(`cl-cd-${third}`), '2027-09-30');
    await page.keyboard.press('Tab');
    await page.waitForFunction(() => !document.querySelector('#checklist-app[data-save="saving"]'));
    workspace = JSON.parse(await stored(page));
    const reviewed = workspace.vendors.find((v) => v.name === 'Acme Cloud GmbH');
    assert.deepEqual(reviewed.answers[second].value, { answer: 'yes' });
    assert.deepEqual(reviewed.answers[own].value, { answer: 'no' });
    assert.deepEqual(reviewed.conditions[third], { text: '=SUM(1) SOC 2 Type II report by Q3', due: '2027-09-30' });
    assert.deepEqual(reviewed.response.statements[second].value, { answer: 'partial' }, 'the vendor’s answer stays');

    // The CSV and the comparison report list the condition and count the own question.
    const [csvDownload] = await Promise.all([page.waitForEvent('download'), page.click('#cl-export-csv')]);
    const csv = readFileSync(await csvDownload.path(), 'utf8');
    assert.ok(csv.includes(t.csvCondition));
    assert.ok(csv.includes("'=SUM(1) SOC 2 Type II report by Q3"), 'the formula is defused');
    assert.ok(csv.includes('2027-09-30'));
    assert.ok(csv.includes(own));
    assert.ok(!csv.split('\n').some((line) => line.includes(`${off.item}${lang === 'de' ? ';' : ','}`)), 'a question switched off is not in the CSV');
    await page.click('#cl-print-comparison');
    await page.emulateMedia({ media: 'print' });
    const report = await page.textContent('#cl-report');
    assert.ok(report.includes(t.conditions));
    assert.ok(report.includes('=SUM(1) SOC 2 Type II report by Q3'));
    assert.match(report, new RegExp(t.three.source.slice(1)), "the report says how the checklist was tuned");
    await page.emulateMedia({ media: 'screen' });

    // Reset puts the guide's weight back and keeps focus on the weight.
    await page.click(`[data-role="tune-reset"][data-item="${changed.item}"]`);
    assert.equal(await page.evaluate(() => document.activeElement.id), changed.id);
    assert.equal(await page.inputValue(byId(changed.id)), changed.value);
    watch.assertClean(assert);
    await ctx.close();
  });
}

for (const colorScheme of COLOR_SCHEMES) {
  for (const lang of ['en', 'de']) {
    test(`axe finds no violations in the tuning and condition panels at 320, 390 and 1280 px (${lang}, ${colorScheme})`, async () => {
      const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 }, colorScheme });
      const { page, watch } = await openChecklist(`${server.origin}${PAGES[lang]}`, { context: ctx });
      await addVendor(page, 'Acme Cloud');
      const own = await addOwnQuestion(page, T[lang].question);
      await answer(page, own, 'v:partial');
      await page.click('.cl-tune-details summary');
      const [changed] = await switchableWeights(page);
      await page.selectOption(byId(changed.id), 'off');
      await openConditions(page);
      await page.waitForSelector(byId(`cl-ct-${own}`));
      for (const width of [1280, 390, 320]) {
        await page.setViewportSize({ width, height: 800 });
        assert.deepEqual(await axeViolations(page), [], `${width} px`);
        const { scroll, client } = await page.evaluate(() => ({
          scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth,
        }));
        assert.ok(scroll <= client, `${width} px: page is ${scroll} px wide`);
      }
      watch.assertClean(assert);
      await ctx.close();
    });
  }
}

test('a respond link whose own questions are damaged says so and shows the guide’s questions', async () => {
  const ctx = await browser.newContext({ viewport: CARDS_VIEWPORT });
  const page = await ctx.newPage();
  const watch = watchPage(page, server.origin);
  await page.goto(`${server.origin}${PAGES.de}?respond#questions=v1.AAAA`);
  await page.waitForSelector('#checklist-app[data-mode="respond"][data-state="ready"]', { timeout: 15000 });
  assert.match(await page.textContent('#cl-message'), /ließen sich nicht lesen/);
  assert.equal(await page.getAttribute('#cl-message', 'role'), 'alert');
  assert.equal(await page.$$eval('.cl-question', (q) => q.length), definition().questions.length);
  watch.assertClean(assert);
  await ctx.close();
});

for (const lang of ['en', 'de']) {
  test(`${lang}: an export with a damaged tuning or condition is refused, and the saved data stays byte-identical`, async () => {
    const [first] = yesNoQuestions();
    const { ctx, page, watch } = await openChecklist(`${server.origin}${PAGES[lang]}`);
    await addVendor(page, 'Eigener Anbieter');
    await addOwnQuestion(page, T[lang].question);
    await answer(page, first, 'v:no');
    await openConditions(page);
    await page.waitForSelector(byId(`cl-ct-${first}`));
    await page.fill(byId(`cl-ct-${first}`), 'SOC 2 Type II report by Q3');
    await page.keyboard.press('Tab');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#cl-export-json')]);
    const exported = readFileSync(await download.path(), 'utf8');
    const doc = JSON.parse(exported);
    assert.equal(doc.version, 2, 'a tuned export is version 2');
    const saved = await stored(page);
    const damaged = (change) => {
      const copy = JSON.parse(exported);
      change(copy);
      return JSON.stringify(copy, null, 2);
    };
    const rejected = [
      ['weight.json', damaged((d) => { d.tuning.weights = { [first]: 'huge' }; })],
      ['section.json', damaged((d) => { d.tuning.questions[0].section = 'no.such.section'; })],
      ['credit.json', damaged((d) => { d.tuning.questions[0].options = [{ id: 'a', label: 'A', credit: 7 }]; })],
      ['condition.json', damaged((d) => { d.vendors[0].conditions[first].text = 'x'.repeat(1001); })],
      ['due.json', damaged((d) => { d.vendors[0].conditions[first].due = '2027-02-30'; })],
    ];
    for (const [name, text] of rejected) {
      await page.evaluate(() => { document.getElementById('cl-message').textContent = ''; });
      await page.setInputFiles('#cl-import-file', { name, mimeType: 'application/json', buffer: Buffer.from(text) });
      await page.waitForFunction(() => document.getElementById('cl-message').textContent !== '');
      assert.equal(await page.getAttribute('#cl-message', 'role'), 'alert', name);
      assert.match(await page.textContent('#cl-message'), new RegExp(`^${name.replace('.', '\\.')}: `), name);
      assert.equal(await page.isVisible('#cl-import-replace'), false, `${name} offers nothing to import`);
      assert.equal(await stored(page), saved, `${name} changed nothing`);
    }
    // The undamaged export is offered again, as before.
    await page.setInputFiles('#cl-import-file', { name: 'good.json', mimeType: 'application/json', buffer: Buffer.from(exported) });
    await page.waitForSelector('#cl-import-replace', { state: 'visible' });
    assert.equal(await stored(page), saved, 'an offer alone changes nothing');
    watch.assertClean(assert);
    await ctx.close();
  });
}

test('an English buyer’s own question made the saved work unreadable on the German page', async () => {
  // Each page loads the definition in its own language only; an own question keeps the
  // language it was written in, and the workspace is shared by both languages.
  const { ctx, page, watch } = await openChecklist(`${server.origin}${PAGES.en}`);
  await addVendor(page, 'Acme Cloud');
  const own = await addOwnQuestion(page, T.en.question);
  await answer(page, own, 'v:partial');
  const saved = await stored(page);
  await page.close();
  const german = await ctx.newPage();
  const germanWatch = watchPage(german, server.origin);
  await german.goto(`${server.origin}${PAGES.de}`);
  await german.waitForSelector('#checklist-app[data-state="ready"]', { timeout: 15000 });
  assert.equal(await german.isVisible('#cl-storage'), false, 'no notice of unreadable saved data');
  assert.ok((await german.textContent('#cl-app')).includes(T.en.question), 'the own question, as written');
  assert.equal(await german.isChecked(`input[name="cl-a-${own}"][value="v:partial"]`), true);
  assert.equal(await stored(german), saved, 'the saved work is untouched');
  watch.assertClean(assert);
  germanWatch.assertClean(assert);
  await ctx.close();
});
