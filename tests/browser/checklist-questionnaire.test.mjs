// Browser tests of the questionnaire file (issue 11 §1), for vendors who prefer a file to the
// link, on the real built site in Chromium, in both languages: the buyer adds an own question
// and downloads the questionnaire file beside the link for vendors (named after the checklist
// and the day in the page's language, holding the own question and no weights, must-haves,
// credits, notes or vendors); a vendor with a draft opens bad files in response mode (damaged,
// another format, a newer version, too large), each refused in plain words with the draft
// byte-identical, then opens the good file by the picker or by a drop, sees and answers the
// own question, finds it again after a reload and exports; the buyer imports that response and
// finds the own question answered. And axe-core finds no violation, and no page scrolls
// sideways, at 320, 390 and 1280 px in light and dark: in response mode with a questionnaire file
// open, and in the buyer's review of a response. The flows make the README's pictures of the
// buyer's link and file (docs/checklist-send.png, docs/checklist-send-de.png) and of the German
// response mode with a questionnaire file open (docs/checklist-respond-de.png). Response mode
// keeps working when a file is dropped, or another tab's answers come in, while the vendor
// types in a field the form rebuilds.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { startStaticServer, launchBrowser, watchPage } from './harness.mjs';
import { axeViolations, COLOR_SCHEMES } from './axe.mjs';
import { useSession, openChecklist, stored, addVendor, onDemand, importText, CARDS_VIEWPORT } from './checklist-page.mjs';
import { pictureContext, PICTURE_ORIGIN } from './pictures.mjs';
import {
  definition, yesNoQuestions, record, addOwnQuestion, pick, drop, nextMessage, respondReady, shownQuestions,
} from './respond-page.mjs';

const PAGES = { en: '/en/checklist/', de: '/de/checkliste/' };
/** Where the README's screenshots go. */
const DOCS = new URL('../../docs/', import.meta.url).pathname;
/** The README's pictures' names in each language. */
const SUFFIX = { en: '', de: '-de' };
const T = {
  en: {
    question: 'Do you keep a tested =disaster recovery plan?',
    fileName: /^questionnaire-cc-vendor-security-[0-9.]+-2026-11-30\.json$/,
    downloaded: /was downloaded\. It holds the checklist’s questions with your own and nothing else/,
    opened: /is open: it adds 1 question of the buyer’s own\. Your answers so far are kept\./,
    damaged: /^damaged\.json: this questionnaire file is damaged and cannot be read\. .*Your answers are unchanged\.$/,
    wrong: /^response\.json: this is not a questionnaire file /,
    newer: /^newer\.json: this questionnaire file was made by a newer version of this page \(format version 2\)/,
    large: /^large\.json: this file is too large for a questionnaire file /,
    imported: /Imported 1 vendor: Acme Cloud GmbH\./,
  },
  de: {
    question: 'Betreiben Sie einen getesteten =Notfallplan?',
    fileName: /^fragebogen-cc-vendor-security-[0-9.]+-2026-11-30\.json$/,
    downloaded: /wurde heruntergeladen\. Sie enthält die Fragen der Checkliste mit Ihren eigenen und sonst nichts/,
    opened: /ist geöffnet: Die Datei ergänzt 1 eigene Frage des Auftraggebers\. Ihre bisherigen Antworten bleiben erhalten\./,
    damaged: /^damaged\.json: Diese Fragebogen-Datei ist beschädigt und lässt sich nicht lesen\. .*Ihre Antworten sind unverändert\.$/,
    wrong: /^response\.json: Dies ist keine Fragebogen-Datei /,
    newer: /^newer\.json: Diese Fragebogen-Datei stammt aus einer neueren Version dieser Seite \(Formatversion 2\)/,
    large: /^large\.json: Diese Datei ist zu groß für eine Fragebogen-Datei /,
    imported: /1 Anbieter importiert: Acme Cloud GmbH\./,
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


for (const lang of ['en', 'de']) {
  test(`${lang}: the buyer downloads the questionnaire file; the vendor opens it (bad files refused, draft unchanged), answers the own question and exports`, async () => {
    const t = T[lang];
    // Good files by the picker in English and by a drop in German; bad ones the other way.
    const [openGood, openBad] = lang === 'en' ? [pick, drop] : [drop, pick];
    // The flow makes the README's pictures, so it runs at their fixed origin and day.
    const origin = PICTURE_ORIGIN;
    const context = await pictureContext(browser, server, { viewport: CARDS_VIEWPORT });
    const { ctx, page, watch } = await openChecklist(`${origin}${PAGES[lang]}`, { context, origin });
    await addVendor(page, 'Eigener Anbieter');
    const own = await addOwnQuestion(page, t.question);
    // A weight changed too, which must not travel.
    await page.click('.cl-tune-details summary');
    const weight = await page.$eval('select[data-role="tune-weight"]', (s) => ({ id: s.id, value: s.value }));
    await page.selectOption(`[id="${weight.id}"]`, weight.value === 'critical' ? 'minor' : 'critical');
    const buyerData = JSON.parse(await stored(page));

    // The file sits beside the link for vendors and carries what the link carries.
    await page.click('#cl-respond-create');
    await onDemand(page);
    await page.waitForSelector('#cl-questionnaire-download');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#cl-questionnaire-download')]);
    assert.match(download.suggestedFilename(), t.fileName);
    const file = readFileSync(await download.path(), 'utf8');
    const doc = JSON.parse(file);
    assert.equal(doc.format, 'cc-vendor-questionnaire');
    assert.equal(doc.version, 1);
    assert.deepEqual(Object.keys(doc).sort(), ['checklist', 'format', 'questions', 'version']);
    assert.equal(doc.questions.questions[0].text, t.question);
    for (const secret of ['weights', 'must_haves', 'Eigener Anbieter', 'vendors', 'conditions', 'notes']) {
      assert.ok(!file.includes(secret), `the questionnaire file holds no ${secret}`);
    }
    assert.equal(Object.keys(buyerData.tuning.weights).length, 1, 'the buyer changed a weight');
    const message = await page.textContent('#cl-message');
    assert.match(message, t.downloaded);
    assert.ok(message.includes(download.suggestedFilename()));
    assert.ok(message.includes(`${origin}${PAGES[lang]}?respond`), 'the message names the page to open it on');
    // The README's picture of what the buyer sends: the panel with the link and the file.
    await page.locator('#cl-respond-field').evaluate((field) => field.scrollIntoView({ block: 'center' }));
    await page.locator('section:has(#cl-respond-field)').screenshot({ path: `${DOCS}checklist-send${SUFFIX[lang]}.png` });

    // A vendor with a draft on the plain page for vendors.
    const vendorCtx = await pictureContext(browser, server, { viewport: CARDS_VIEWPORT });
    const vendor = await vendorCtx.newPage();
    const vendorWatch = watchPage(vendor, origin);
    await vendor.goto(`${origin}${PAGES[lang]}?respond`);
    await vendor.waitForSelector('#checklist-app[data-mode="respond"][data-state="ready"]', { timeout: 15000 });
    assert.equal(await vendor.$('input[name^="cl-a-own."]'), null, 'no own question before the file');
    await vendor.fill('#cl-r-company', 'Acme Cloud GmbH');
    await vendor.waitForSelector('#checklist-app[data-save="saved"]');
    const draft = await record(vendor, 'vendor-response-draft');
    assert.ok(draft);

    // Bad files: each refused in plain words, nothing changed.
    const rejected = [
      ['damaged.json', Buffer.from(file.slice(0, file.length / 2)), t.damaged],
      ['response.json', Buffer.from(file.replace('cc-vendor-questionnaire', 'cc-vendor-response')), t.wrong],
      ['newer.json', Buffer.from(file.replace('"version": 1', '"version": 2')), t.newer],
      ['large.json', Buffer.alloc(3 * 1024 * 1024, 32), t.large],
    ];
    for (const [name, buffer, expected] of rejected) {
      const shown = await nextMessage(vendor, () => openBad(vendor, name, buffer));
      assert.match(shown.text, expected, name);
      assert.equal(shown.role, 'alert', name);
      assert.equal(await record(vendor, 'vendor-response-draft'), draft, `${name}: the draft is byte-identical`);
      assert.equal(await record(vendor, 'vendor-questionnaire'), null, `${name}: nothing kept`);
      assert.equal(await vendor.$('input[name^="cl-a-own."]'), null, `${name}: no question added`);
      assert.equal(await vendor.inputValue('#cl-r-company'), 'Acme Cloud GmbH');
    }

    // The good file: the own question joins the form, the draft stays.
    const opened = await nextMessage(vendor, () => openGood(vendor, download.suggestedFilename(), Buffer.from(file)));
    assert.match(opened.text, t.opened);
    assert.equal(opened.role, 'status');
    assert.equal(await record(vendor, 'vendor-response-draft'), draft, 'opening the file leaves the draft as it was');
    assert.ok((await vendor.textContent('#cl-r-questions')).includes(t.question), 'the vendor sees the own question');
    assert.equal(await vendor.inputValue('#cl-r-company'), 'Acme Cloud GmbH');
    await vendor.check(`input[name="cl-a-${own}"][value="v:yes"]`);
    if (lang === 'de') {
      // The README's picture of the German response mode with the file open.
      await vendor.locator('#cl-message').evaluate((line) => line.scrollIntoView({ block: 'start', behavior: 'instant' }));
      await vendor.screenshot({ path: `${DOCS}checklist-respond-de.png` });
    }
    await vendor.waitForSelector('#checklist-app[data-save="saved"]');
    // Kept for the next visit: the question is there again after a reload, with its answer.
    await vendor.reload();
    await vendor.waitForSelector('#checklist-app[data-mode="respond"][data-state="ready"]');
    assert.equal(await vendor.isChecked(`input[name="cl-a-${own}"][value="v:yes"]`), true);
    const [response] = await Promise.all([vendor.waitForEvent('download'), vendor.click('#cl-r-export')]);
    const responseText = readFileSync(await response.path(), 'utf8');
    assert.deepEqual(JSON.parse(responseText).answers[own].value, { answer: 'yes' });
    vendorWatch.assertClean(assert);
    await vendorCtx.close();

    // The buyer imports the response: the own question is answered.
    await importText(page, response.suggestedFilename(), responseText);
    await page.waitForFunction(() => /Acme/.test(document.getElementById('cl-message').textContent));
    assert.match(await page.textContent('#cl-message'), t.imported);
    const acme = JSON.parse(await stored(page)).vendors.find((v) => v.name === 'Acme Cloud GmbH');
    assert.deepEqual(acme.answers[own].value, { answer: 'yes' });
    watch.assertClean(assert);
    await ctx.close();
  });
}

/** The files the accessibility tests start from, made once through the real pages: a
 * questionnaire file with an own question, and an English vendor's response with a comment. */
let materials;
function makeMaterials() {
  materials ??= (async () => {
    const { ctx, page } = await openChecklist(`${server.origin}${PAGES.en}`);
    await addVendor(page, 'Eigener Anbieter');
    const own = await addOwnQuestion(page, T.en.question);
    await page.click('#cl-respond-create');
    await onDemand(page);
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#cl-questionnaire-download')]);
    const questionnaire = { name: download.suggestedFilename(), text: readFileSync(await download.path(), 'utf8'), own };
    await ctx.close();
    const vendorCtx = await browser.newContext({ viewport: CARDS_VIEWPORT });
    const vendor = await vendorCtx.newPage();
    await vendor.goto(`${server.origin}${PAGES.en}?respond`);
    await vendor.waitForSelector('#checklist-app[data-mode="respond"][data-state="ready"]', { timeout: 15000 });
    await pick(vendor, questionnaire.name, Buffer.from(questionnaire.text));
    await vendor.waitForSelector(`input[name="cl-a-${own}"]`);
    await vendor.fill('#cl-r-company', 'Acme Cloud GmbH');
    const first = yesNoQuestions()[0];
    await vendor.check(`input[name="cl-a-${first}"][value="v:partial"]`);
    await vendor.fill(`[id="cl-r-comment-${first}"]`, 'Audited yearly; see “Appendix B”.');
    await vendor.fill(`[id="cl-r-document-${first}"]`, 'SOC 2 Type II report 2026');
    await vendor.check(`input[name="cl-a-${own}"][value="v:yes"]`);
    await vendor.waitForSelector('#checklist-app[data-save="saved"]');
    const [exported] = await Promise.all([vendor.waitForEvent('download'), vendor.click('#cl-r-export')]);
    const response = { name: exported.suggestedFilename(), text: readFileSync(await exported.path(), 'utf8'), first };
    await vendorCtx.close();
    return { questionnaire, response };
  })();
  return materials;
}

/** Runs axe at 1280, 390 and 320 px and checks that the page never scrolls sideways. */
async function accessibleAtEveryWidth(page, what) {
  for (const width of [1280, 390, 320]) {
    await page.setViewportSize({ width, height: 800 });
    assert.deepEqual(await axeViolations(page), [], `${what} at ${width} px`);
    const { scroll, client } = await page.evaluate(() => ({
      scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth,
    }));
    assert.ok(scroll <= client, `${what} at ${width} px: the page is ${scroll} px wide in ${client} px`);
  }
}

for (const colorScheme of COLOR_SCHEMES) {
  for (const lang of ['en', 'de']) {
    test(`axe finds no violations in response mode with a questionnaire file and in the review of a response at 320, 390 and 1280 px (${lang}, ${colorScheme})`, async () => {
      const { questionnaire, response } = await makeMaterials();

      // Response mode with the questionnaire file open and an own question answered.
      const vendorCtx = await browser.newContext({ viewport: { width: 1280, height: 800 }, colorScheme });
      const vendor = await vendorCtx.newPage();
      const vendorWatch = watchPage(vendor, server.origin);
      await vendor.goto(`${server.origin}${PAGES[lang]}?respond`);
      await vendor.waitForSelector('#checklist-app[data-mode="respond"][data-state="ready"]', { timeout: 15000 });
      await pick(vendor, questionnaire.name, Buffer.from(questionnaire.text));
      await vendor.waitForSelector(`input[name="cl-a-${questionnaire.own}"]`);
      await vendor.check(`input[name="cl-a-${questionnaire.own}"][value="v:no"]`);
      await accessibleAtEveryWidth(vendor, 'response mode');
      vendorWatch.assertClean(assert);
      await vendorCtx.close();

      // The buyer's review of that vendor's answer, in the grid the buyer picked.
      const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 }, colorScheme });
      const { page, watch } = await openChecklist(`${server.origin}${PAGES[lang]}`, { context: ctx });
      await importText(page, response.name, response.text);
      await page.waitForFunction(() => /Acme/.test(document.getElementById('cl-message').textContent));
      await page.check('#cl-view-grid');
      const index = definition().questions.findIndex((q) => q.id === response.first);
      await page.focus(`#cl-gc-${index}-1`);
      await page.waitForSelector('#cl-review table');
      assert.ok((await page.textContent('#cl-review')).includes('Audited yearly; see “Appendix B”.'));
      await accessibleAtEveryWidth(page, 'the review');
      assert.ok(await page.isVisible('#cl-review table'), 'the review is still shown at 320 px');
      watch.assertClean(assert);
      await ctx.close();
    });
  }
}

test('a vendor’s answers to the link’s own questions were dropped on a visit without the link’s fragment', async () => {
  const { ctx, page, watch } = await openChecklist(`${server.origin}${PAGES.en}`);
  await addVendor(page, 'Eigener Anbieter');
  const own = await addOwnQuestion(page, T.en.question);
  await page.click('#cl-respond-create');
  await onDemand(page);
  const link = await page.inputValue('#cl-respond-url');
  assert.match(link, /#questions=/);
  watch.assertClean(assert);
  await ctx.close();

  const vendorCtx = await browser.newContext({ viewport: CARDS_VIEWPORT });
  const vendor = await vendorCtx.newPage();
  const vendorWatch = watchPage(vendor, server.origin);
  await vendor.goto(link);
  await vendor.waitForSelector('#checklist-app[data-mode="respond"][data-state="ready"]', { timeout: 15000 });
  await vendor.check(`input[name="cl-a-${own}"][value="v:partial"]`);
  await vendor.waitForSelector('#checklist-app[data-save="saved"]');
  // Back later from a bookmark without the fragment: the questions are still there, and an
  // edit saves the draft with the answer to the own question.
  await vendor.goto(`${server.origin}${PAGES.en}?respond`);
  await vendor.waitForSelector('#checklist-app[data-mode="respond"][data-state="ready"]');
  assert.equal(await vendor.isChecked(`input[name="cl-a-${own}"][value="v:partial"]`), true);
  await vendor.fill('#cl-r-company', 'Acme Cloud GmbH');
  await vendor.waitForFunction(() => document.querySelector('#checklist-app').dataset.save === 'saved');
  await vendor.waitForTimeout(200);
  const draft = JSON.parse(await record(vendor, 'vendor-response-draft'));
  assert.deepEqual(draft.answers[own].value, { answer: 'partial' });
  vendorWatch.assertClean(assert);
  await vendorCtx.close();
});

test('a vendor’s draft answer to a question only the questionnaire file has was dropped when the page reached by a link with its own questions was reloaded', async () => {
  // The buyer's link carries one own question; the questionnaire file made later carries two.
  const { ctx, page, watch } = await openChecklist(`${server.origin}${PAGES.en}`);
  await addVendor(page, 'Eigener Anbieter');
  const eu = await addOwnQuestion(page, 'Is your data kept in the EU?');
  await page.click('#cl-respond-create');
  await onDemand(page);
  const link = await page.inputValue('#cl-respond-url');
  assert.match(link, /#questions=/);
  const support = await addOwnQuestion(page, 'Do you offer support in German?');
  await page.click('#cl-respond-create');
  await onDemand(page);
  await page.waitForSelector('#cl-questionnaire-download');
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#cl-questionnaire-download')]);
  const file = readFileSync(await download.path(), 'utf8');
  assert.deepEqual(JSON.parse(file).questions.questions.map((q) => q.id), [eu, support]);
  watch.assertClean(assert);
  await ctx.close();

  // The vendor opens the link, then the file on its page, and answers the file's question.
  const vendorCtx = await browser.newContext({ viewport: CARDS_VIEWPORT });
  const vendor = await vendorCtx.newPage();
  const vendorWatch = watchPage(vendor, server.origin);
  await vendor.goto(link);
  await respondReady(vendor);
  assert.equal(await vendor.$(`input[name="cl-a-${support}"]`), null, 'the link lacks the second question');
  const opened = await nextMessage(vendor, () => pick(vendor, 'questionnaire.json', Buffer.from(file)));
  assert.match(opened.text, /^questionnaire\.json is open: it adds 1 question of the buyer’s own\. Your answers so far are kept\.$/);
  await vendor.check(`input[name="cl-a-${eu}"][value="v:partial"]`);
  await vendor.check(`input[name="cl-a-${support}"][value="v:yes"]`);
  await vendor.fill(`[id="cl-r-comment-${support}"]`, 'Hotline in Berlin.');
  await vendor.waitForSelector('#checklist-app[data-save="saved"]');
  const before = await shownQuestions(vendor);
  assert.ok(before.includes(`cl-q-${support}`));

  // The reload (the link's fragment is still in the address) shows the same questions and answers.
  await vendor.reload();
  await respondReady(vendor);
  assert.deepEqual(await shownQuestions(vendor), before, 'the reload shows the same questions');
  assert.equal(await vendor.isChecked(`input[name="cl-a-${support}"][value="v:yes"]`), true);
  assert.equal(await vendor.inputValue(`[id="cl-r-comment-${support}"]`), 'Hotline in Berlin.');
  assert.equal(await vendor.isChecked(`input[name="cl-a-${eu}"][value="v:partial"]`), true);
  assert.equal(await vendor.isHidden('#cl-message'), true, 'the same link again is no news');

  // A second file over the first: its question joins, the first file's questions and answers stay.
  const second = JSON.parse(file);
  second.questions.questions = [{ ...second.questions.questions[1], id: 'own.q3', text: 'Do you sign the EU standard contractual clauses?' }];
  const joined = await nextMessage(vendor, () => pick(vendor, 'second.json', Buffer.from(JSON.stringify(second, null, 2))));
  assert.match(joined.text, /^second\.json is open: it adds 1 question of the buyer’s own\. Your answers so far are kept\. 2 questions you were given before are missing here; they stay on the page, so nothing you wrote is lost\.$/);
  await vendor.check('input[name="cl-a-own.q3"][value="v:no"]');
  await vendor.waitForSelector('#checklist-app[data-save="saved"]');
  const after = await shownQuestions(vendor);
  assert.deepEqual(after.filter((id) => id.startsWith('cl-q-own.')), [`cl-q-${eu}`, `cl-q-${support}`, 'cl-q-own.q3']);

  // A second tab of response mode, opened by the same link, shows the same questions and answers.
  const tab = await vendorCtx.newPage();
  const tabWatch = watchPage(tab, server.origin);
  await tab.goto(link);
  await respondReady(tab);
  assert.deepEqual(await shownQuestions(tab), after, 'a second tab shows the same questions');
  for (const [question, value] of [[eu, 'partial'], [support, 'yes'], ['own.q3', 'no']]) {
    assert.equal(await tab.isChecked(`input[name="cl-a-${question}"][value="v:${value}"]`), true, question);
  }
  await vendor.reload();
  await respondReady(vendor);
  assert.deepEqual(await shownQuestions(vendor), after, 'and so does a reload');
  await vendor.fill('#cl-r-company', 'Acme Cloud GmbH');
  await vendor.waitForSelector('#checklist-app[data-save="saved"]');
  const [response] = await Promise.all([vendor.waitForEvent('download'), vendor.click('#cl-r-export')]);
  const answers = JSON.parse(readFileSync(await response.path(), 'utf8')).answers;
  assert.deepEqual(answers[eu].value, { answer: 'partial' });
  assert.deepEqual(answers[support], { value: { answer: 'yes' }, comment: 'Hotline in Berlin.' });
  assert.deepEqual(answers['own.q3'].value, { answer: 'no' });
  vendorWatch.assertClean(assert);
  tabWatch.assertClean(assert);
  await vendorCtx.close();
});

test('the first own questions of two buyers had the same id, so a vendor who answered one was told the other was its new wording', async () => {
  const files = [];
  for (const question of ['Do you record calls only with consent?', 'Is support available in German?']) {
    const { ctx, page, watch } = await openChecklist(`${server.origin}${PAGES.en}`);
    await addVendor(page, 'Eigener Anbieter');
    const own = await addOwnQuestion(page, question);
    await page.click('#cl-respond-create');
    await onDemand(page);
    await page.waitForSelector('#cl-questionnaire-download');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#cl-questionnaire-download')]);
    files.push({ own, question, text: readFileSync(await download.path(), 'utf8') });
    watch.assertClean(assert);
    await ctx.close();
  }
  const [consent, german] = files;
  assert.notEqual(consent.own, german.own, 'two buyers, two ids');

  // One vendor answers both buyers in one browser: the second file adds its question.
  const vendorCtx = await browser.newContext({ viewport: CARDS_VIEWPORT });
  const vendor = await vendorCtx.newPage();
  const vendorWatch = watchPage(vendor, server.origin);
  await vendor.goto(`${server.origin}${PAGES.en}?respond`);
  await respondReady(vendor);
  await pick(vendor, 'consent.json', Buffer.from(consent.text));
  await vendor.check(`input[name="cl-a-${consent.own}"][value="v:yes"]`);
  await vendor.waitForSelector('#checklist-app[data-save="saved"]');
  const opened = await nextMessage(vendor, () => pick(vendor, 'german.json', Buffer.from(german.text)));
  assert.match(opened.text, /^german\.json is open: it adds 1 question of the buyer’s own\./);
  assert.doesNotMatch(opened.text, /changed/, 'nothing the vendor answered was reworded');
  const shown = await vendor.textContent('#cl-r-questions');
  assert.ok(shown.includes(consent.question) && shown.includes(german.question), 'both questions, as each buyer wrote them');
  assert.equal(await vendor.isChecked(`input[name="cl-a-${consent.own}"][value="v:yes"]`), true, 'the answer stays with its question');
  assert.equal(await vendor.isChecked(`input[name="cl-a-${german.own}"][value="v:yes"]`), false);
  vendorWatch.assertClean(assert);
  await vendorCtx.close();
});

test('two tabs of response mode erased each other’s answers when both saved, and a file opened in one tab was missing in the other', async () => {
  const { ctx, page } = await openChecklist(`${server.origin}${PAGES.en}`);
  await addVendor(page, 'Eigener Anbieter');
  const own = await addOwnQuestion(page, T.en.question);
  await page.click('#cl-respond-create');
  await onDemand(page);
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#cl-questionnaire-download')]);
  const file = readFileSync(await download.path(), 'utf8');
  await ctx.close();
  const [first, second] = yesNoQuestions();

  const vendorCtx = await browser.newContext({ viewport: CARDS_VIEWPORT });
  const [one, two] = [await vendorCtx.newPage(), await vendorCtx.newPage()];
  const watches = [one, two].map((tab) => watchPage(tab, server.origin));
  for (const tab of [one, two]) {
    await tab.goto(`${server.origin}${PAGES.en}?respond`);
    await respondReady(tab);
  }
  // Tab two opens the questionnaire file and answers its own question and a guide question.
  await pick(two, 'questionnaire.json', Buffer.from(file));
  await two.waitForSelector(`input[name="cl-a-${own}"]`);
  await two.check(`input[name="cl-a-${own}"][value="v:yes"]`);
  await two.check(`input[name="cl-a-${first}"][value="v:no"]`);
  await two.waitForSelector('#checklist-app[data-save="saved"]');
  // Tab one, loaded before all that, answers another question and saves over it.
  await one.fill('#cl-r-company', 'Acme Cloud GmbH');
  await one.check(`input[name="cl-a-${second}"][value="v:partial"]`);
  await one.waitForFunction(() => /another tab/.test(document.getElementById('cl-message').textContent));
  assert.equal(await one.textContent('#cl-message'), 'Answers you gave in another tab or window of this page were added here.');
  await one.waitForSelector('#checklist-app[data-save="saved"]');
  // Tab one now shows both tabs' answers, and the file's question.
  assert.equal(await one.isChecked(`input[name="cl-a-${first}"][value="v:no"]`), true);
  assert.equal(await one.isChecked(`input[name="cl-a-${second}"][value="v:partial"]`), true);
  assert.equal(await one.isChecked(`input[name="cl-a-${own}"][value="v:yes"]`), true);
  // And so does the saved draft, after a reload of either tab.
  await one.waitForTimeout(200);
  await two.reload();
  await respondReady(two);
  assert.equal(await two.inputValue('#cl-r-company'), 'Acme Cloud GmbH');
  for (const [question, value] of [[first, 'no'], [second, 'partial'], [own, 'yes']]) {
    assert.equal(await two.isChecked(`input[name="cl-a-${question}"][value="v:${value}"]`), true, question);
  }
  for (const watch of watches) watch.assertClean(assert);
  await vendorCtx.close();
});

test('response mode trapped (“unreachable”) when a questionnaire file was dropped, or another tab’s answers came in, while the vendor was typing in a field the form rebuilds', async () => {
  // Removing a focused field whose value changed fires its `change` at once, while the form
  // is being rebuilt.
  const { questionnaire } = await makeMaterials();
  const [first, second] = yesNoQuestions();
  const vendorCtx = await browser.newContext({ viewport: CARDS_VIEWPORT });
  const [one, two] = [await vendorCtx.newPage(), await vendorCtx.newPage()];
  const watches = [one, two].map((tab) => watchPage(tab, server.origin));
  for (const tab of [one, two]) {
    await tab.goto(`${server.origin}${PAGES.en}?respond`);
    await respondReady(tab);
  }
  const comment = `[id="cl-r-comment-${first}"]`;
  const active = (tab) => tab.evaluate(() => document.activeElement.id);

  // A file dropped while the vendor types a comment: the comment stays, and so does focus.
  await one.fill('#cl-r-company', 'Acme Cloud GmbH');
  await one.fill(comment, 'Typed just before the drop.');
  assert.equal(await active(one), `cl-r-comment-${first}`);
  await drop(one, questionnaire.name, Buffer.from(questionnaire.text));
  await one.waitForSelector(`input[name="cl-a-${questionnaire.own}"]`);
  assert.equal(await one.inputValue(comment), 'Typed just before the drop.');
  assert.equal(await active(one), `cl-r-comment-${first}`, 'focus stays in the comment');
  await one.waitForSelector('#checklist-app[data-save="saved"]');
  watches[0].assertClean(assert);

  // Another tab's answer comes in while this tab types a comment: both stay, and focus too.
  await two.check(`input[name="cl-a-${second}"][value="v:no"]`);
  await two.waitForSelector('#checklist-app[data-save="saved"]');
  await one.fill(comment, 'Typed while the other tab saved.');
  await one.waitForFunction(() => /another tab/.test(document.getElementById('cl-message').textContent));
  await one.waitForSelector('#checklist-app[data-save="saved"]');
  assert.equal(await one.isChecked(`input[name="cl-a-${second}"][value="v:no"]`), true, 'the other tab’s answer');
  assert.equal(await one.inputValue(comment), 'Typed while the other tab saved.');
  assert.equal(await active(one), `cl-r-comment-${first}`, 'focus stays in the comment');
  for (const watch of watches) watch.assertClean(assert);
  await vendorCtx.close();
});
