// Browser tests of what gives a vendor the buyer's own questions (the respond link's
// `#questions=` fragment and the questionnaire file, issue 11 §1 and §4) at its edges, on the
// real built site in Chromium, in both languages. A damaged link (cut short by an e-mail
// program, a space put into it, its data gone) opened when the vendor already has a draft,
// with answers to the buyer's own questions from an earlier link, loses nothing of the draft
// and says so in plain words. The limit of 30 own questions: the buyer who has 30 is told that
// a 31st does not fit, and nothing changes; the link and the questionnaire file carry all 30,
// and the vendor sees, answers and exports them, and the buyer imports the answers; a link or
// file crafted with 31, and an export with 31, are refused in plain words and change nothing;
// a file whose 30 questions push 30 answered ones off the page says so, and their answers stay
// in the response file. And the buyer whose own questions are too long for a link the
// vendor's page opens is told so and sends the questionnaire file with the plain link instead.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { startStaticServer, launchBrowser, watchPage } from './harness.mjs';
import {
  useSession, openChecklist, stored, addVendor, onDemand, importText, CARDS_VIEWPORT,
} from './checklist-page.mjs';
import {
  definition, yesNoQuestions, record, addOwnQuestion, ownQuestionIds, openOwnForm, pick, nextMessage, respondReady, draftSaved,
  shownOwnQuestions, linkQuestions, questionsFragment,
} from './respond-page.mjs';

const PAGES = { en: '/en/checklist/', de: '/de/checkliste/' };
const DRAFT = 'vendor-response-draft';
const KEPT = 'vendor-questionnaire';
/** The most own questions a tuning holds (checklist-wasm/core/src/tuning/read.rs). */
const MAX_OWN_QUESTIONS = 30;
const T = {
  en: {
    question: 'Do you keep a tested disaster recovery plan?',
    own: (n) => `Own question ${n}: do you meet requirement ${n} of the tender?`,
    damagedKept: 'The buyer’s own questions in this link could not be read, so the page shows the questions you were given before. Your answers so far are kept. Ask the buyer to send the link again.',
    full: 'This checklist already has the most own questions (30) or own sections (10) it can hold.',
    openedNone: (file) => `${file} is open: all its questions are on the page already. Your answers so far are kept.`,
    changed: /^The buyer’s own questions in this link were joined with those you were given before\. Your answers so far are kept\. The buyer changed 1 question you had answered; please check your answer to it\.$/,
    damagedFile: (file) => `${file}: this questionnaire file is damaged and cannot be read. Ask the buyer to send it again. Your answers are unchanged.`,
    malformed: 'This file is damaged and cannot be read as a vendor’s response file or as an export of this page. If a vendor sent it, ask them to export it again. Your data is unchanged.',
    imported: /Imported 1 vendor: Acme Cloud GmbH\./,
    hint: 'Send this link to each vendor. It opens the questions without your answers, weights, rules or notes. Each vendor answers in their own browser and sends you a response file.',
    tooLong: /^Your own questions are too long for this link \(\d+ characters; the vendors’ page accepts 65536\), so it carries none of them\. Send the questionnaire file below with it: the vendor opens the link and then the file\.$/,
  },
  de: {
    question: 'Betreiben Sie einen getesteten Notfallplan?',
    own: (n) => `Eigene Frage ${n}: Erfüllen Sie Anforderung ${n} der Ausschreibung?`,
    damagedKept: 'Die eigenen Fragen des Auftraggebers in diesem Link ließen sich nicht lesen; die Seite zeigt deshalb die Fragen, die Sie vorher erhalten hatten. Ihre bisherigen Antworten bleiben erhalten. Bitten Sie den Auftraggeber, den Link erneut zu senden.',
    full: 'Diese Checkliste enthält bereits die höchstmögliche Zahl eigener Fragen (30) oder eigener Abschnitte (10).',
    openedNone: (file) => `${file} ist geöffnet: Alle Fragen der Datei stehen bereits auf der Seite. Ihre bisherigen Antworten bleiben erhalten.`,
    changed: /^Die eigenen Fragen des Auftraggebers aus diesem Link wurden mit denen zusammengeführt, die Sie vorher erhalten hatten\. Ihre bisherigen Antworten bleiben erhalten\. Der Auftraggeber hat 1 Frage geändert, die Sie bereits beantwortet hatten; bitte prüfen Sie Ihre Antwort darauf\.$/,
    damagedFile: (file) => `${file}: Diese Fragebogen-Datei ist beschädigt und lässt sich nicht lesen. Bitten Sie den Auftraggeber, sie erneut zu senden. Ihre Antworten sind unverändert.`,
    malformed: 'Diese Datei ist beschädigt und lässt sich weder als Antwortdatei eines Anbieters noch als Export dieser Seite lesen. Wenn ein Anbieter sie geschickt hat, bitten Sie ihn, sie erneut zu exportieren. Ihre Daten sind unverändert.',
    imported: /1 Anbieter importiert: Acme Cloud GmbH\./,
    hint: 'Senden Sie diesen Link an jeden Anbieter. Er öffnet die Fragen ohne Ihre Antworten, Gewichtungen, Regeln und Notizen. Jeder Anbieter antwortet im eigenen Browser und sendet Ihnen eine Antwortdatei.',
    tooLong: /^Ihre eigenen Fragen sind zu umfangreich für diesen Link \(\d+ Zeichen; die Seite für Anbieter akzeptiert 65536\), daher enthält er keine davon\. Senden Sie die Fragebogen-Datei unten zusammen mit dem Link: Die Anbieter öffnen den Link und dann die Datei\.$/,
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


/** Makes the buyer's link for vendors and returns it. */
async function vendorLink(page) {
  await page.click('#cl-respond-create');
  await onDemand(page);
  await page.waitForSelector('#cl-respond-field:not([hidden])');
  return page.inputValue('#cl-respond-url');
}

/** Downloads the buyer's questionnaire file (beside the link for vendors) and returns its name and text. */
async function questionnaireFile(page) {
  await page.waitForSelector('#cl-questionnaire-download');
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#cl-questionnaire-download')]);
  return { name: download.suggestedFilename(), text: readFileSync(await download.path(), 'utf8') };
}

/** Opens `url` in a new tab of the vendor's browser profile and waits for response mode. */
async function vendorTab(context, url) {
  const page = await context.newPage();
  const watch = watchPage(page, server.origin);
  await page.goto(url);
  await respondReady(page);
  return { page, watch };
}

for (const lang of ['en', 'de']) {
  test(`${lang}: a damaged respond link opened over a draft with answers to the buyer's own questions loses nothing of the draft and says so plainly`, async () => {
    const t = T[lang];
    const { ctx, page, watch } = await openChecklist(`${server.origin}${PAGES[lang]}`);
    await addVendor(page, 'Eigener Anbieter');
    const own = await addOwnQuestion(page, t.question);
    const link = await vendorLink(page);
    assert.match(link, /\?respond#questions=v1\.[A-Za-z0-9_-]{40,}$/);
    watch.assertClean(assert);
    await ctx.close();

    // The vendor answers a guide question and the link's own question, with evidence and a comment.
    const [first, second] = yesNoQuestions();
    const vendorCtx = await browser.newContext({ viewport: CARDS_VIEWPORT });
    const earlier = await vendorTab(vendorCtx, link);
    await earlier.page.fill('#cl-r-company', 'Acme Cloud GmbH');
    await earlier.page.check(`input[name="cl-a-${first}"][value="v:yes"]`);
    await earlier.page.fill(`[id="cl-r-document-${first}"]`, 'SOC 2 Type II report 2026');
    await earlier.page.check(`input[name="cl-a-${own}"][value="v:partial"]`);
    await earlier.page.fill(`[id="cl-r-comment-${own}"]`, 'Tested twice a year; see „Anhang B“.');
    await draftSaved(earlier.page);
    const draft = await record(earlier.page, DRAFT);
    const kept = await record(earlier.page, KEPT);
    assert.ok(draft && kept, 'the draft and the questions given are kept');
    earlier.watch.assertClean(assert);
    await earlier.page.close();

    // Each damaged link, opened later in the same browser: everything stays, in plain words.
    const [address, fragment] = link.split('#');
    const damagedLinks = {
      'cut short by an e-mail program': link.slice(0, link.length - 9),
      'with a space put into it': `${address}#${fragment.slice(0, 40)}%20${fragment.slice(40)}`,
      'without its data': `${address}#questions=`,
    };
    let tab;
    for (const [how, damaged] of Object.entries(damagedLinks)) {
      tab = await vendorTab(vendorCtx, damaged);
      assert.equal(await tab.page.textContent('#cl-message'), t.damagedKept, how);
      assert.equal(await tab.page.getAttribute('#cl-message', 'role'), 'alert', how);
      assert.equal(await tab.page.isVisible('#cl-message'), true, how);
      assert.deepEqual(await shownOwnQuestions(tab.page), [own], `${how}: the own question stays`);
      assert.ok((await tab.page.textContent('#cl-r-questions')).includes(t.question), how);
      assert.equal(await tab.page.isChecked(`input[name="cl-a-${own}"][value="v:partial"]`), true, how);
      assert.equal(await tab.page.inputValue(`[id="cl-r-comment-${own}"]`), 'Tested twice a year; see „Anhang B“.', how);
      assert.equal(await tab.page.isChecked(`input[name="cl-a-${first}"][value="v:yes"]`), true, how);
      assert.equal(await tab.page.inputValue(`[id="cl-r-document-${first}"]`), 'SOC 2 Type II report 2026', how);
      assert.equal(await tab.page.inputValue('#cl-r-company'), 'Acme Cloud GmbH', how);
      assert.equal(await record(tab.page, DRAFT), draft, `${how}: the draft is byte-identical`);
      assert.equal(await record(tab.page, KEPT), kept, `${how}: the questions given are byte-identical`);
      tab.watch.assertClean(assert);
      if (how !== 'without its data') await tab.page.close();
    }

    // The vendor goes on on the last damaged link's page: the new answer joins all the others.
    await tab.page.check(`input[name="cl-a-${second}"][value="v:no"]`);
    await draftSaved(tab.page);
    const [download] = await Promise.all([tab.page.waitForEvent('download'), tab.page.click('#cl-r-export')]);
    const answers = JSON.parse(readFileSync(await download.path(), 'utf8')).answers;
    assert.deepEqual(answers[first], { value: { answer: 'yes' }, evidence: { document: 'SOC 2 Type II report 2026' } });
    assert.deepEqual(answers[own], { value: { answer: 'partial' }, comment: 'Tested twice a year; see „Anhang B“.' });
    assert.deepEqual(answers[second], { value: { answer: 'no' } });
    assert.equal(await record(tab.page, KEPT), kept, 'the questions given are still byte-identical');
    tab.watch.assertClean(assert);

    // The good link again is no news, and shows everything.
    const again = await vendorTab(vendorCtx, link);
    assert.equal(await again.page.isHidden('#cl-message'), true, 'the good link again says nothing');
    assert.equal(await again.page.isChecked(`input[name="cl-a-${own}"][value="v:partial"]`), true);
    assert.equal(await again.page.isChecked(`input[name="cl-a-${second}"][value="v:no"]`), true);
    again.watch.assertClean(assert);
    await vendorCtx.close();
  });
}

for (const lang of ['en', 'de']) {
  test(`${lang}: at 30 own questions a 31st is refused in plain words; the link and the questionnaire file carry all 30 to the vendor; 31 crafted into a link, a file or an export are refused and change nothing`, async () => {
    const t = T[lang];
    const { ctx, page, watch } = await openChecklist(`${server.origin}${PAGES[lang]}`);
    await addVendor(page, 'Eigener Anbieter');
    const ids = [];
    for (let n = 1; n <= MAX_OWN_QUESTIONS; n += 1) ids.push(await addOwnQuestion(page, t.own(n)));

    // The 31st: the buyer is told why, and nothing changes.
    const saved = await stored(page);
    await page.fill('#cl-own-text', t.own(MAX_OWN_QUESTIONS + 1));
    const refused = await nextMessage(page, () => page.click('#cl-own-form button[type="submit"]'));
    assert.deepEqual(refused, { text: t.full, role: 'alert' });
    assert.equal(await page.evaluate(() => document.activeElement.id), 'cl-own-text', 'focus goes back to the question');
    assert.deepEqual(await ownQuestionIds(page), ids, 'no question was added');
    assert.equal(await stored(page), saved, 'a refused question changed nothing');

    // The link and the file carry all 30 and nothing else.
    const link = await vendorLink(page);
    const carried = linkQuestions(link);
    assert.deepEqual(carried.questions.map((q) => q.id), ids);
    assert.deepEqual(Object.keys(carried).sort(), ['questions']);
    assert.equal(await page.textContent('#cl-respond-hint'), t.hint, 'the usual hint: the questions fit the link');
    const file = await questionnaireFile(page);
    const questionnaire = JSON.parse(file.text);
    assert.deepEqual(questionnaire.questions.questions.map((q) => q.id), ids);
    assert.deepEqual(questionnaire.questions.questions, carried.questions, 'the file carries what the link carries');

    // The vendor gets all 30 by the link, answers the first and the last, and the file adds nothing.
    const vendorCtx = await browser.newContext({ viewport: CARDS_VIEWPORT });
    const vendor = await vendorTab(vendorCtx, link);
    assert.deepEqual(await shownOwnQuestions(vendor.page), ids);
    assert.ok((await vendor.page.textContent('#cl-r-questions')).includes(t.own(MAX_OWN_QUESTIONS)));
    assert.equal(await vendor.page.isHidden('#cl-message'), true, 'the first link needs no words');
    await vendor.page.fill('#cl-r-company', 'Acme Cloud GmbH');
    await vendor.page.check(`input[name="cl-a-${ids[0]}"][value="v:no"]`);
    await vendor.page.check(`input[name="cl-a-${ids.at(-1)}"][value="v:yes"]`);
    await draftSaved(vendor.page);
    const opened = await nextMessage(vendor.page, () => pick(vendor.page, file.name, Buffer.from(file.text)));
    assert.deepEqual(opened, { text: t.openedNone(file.name), role: 'status' });
    assert.deepEqual(await shownOwnQuestions(vendor.page), ids);
    await vendor.page.waitForSelector('#checklist-app:not([data-save="pending"])');
    const draft = await record(vendor.page, DRAFT);
    const kept = await record(vendor.page, KEPT);

    // A file crafted with a 31st question: refused in plain words, nothing changes.
    const crafted = JSON.parse(file.text);
    const extra = { ...crafted.questions.questions[0], id: `own.q${MAX_OWN_QUESTIONS + 1}`, text: t.own(MAX_OWN_QUESTIONS + 1) };
    crafted.questions.questions.push(extra);
    const over = await nextMessage(vendor.page, () => pick(vendor.page, 'over.json', Buffer.from(JSON.stringify(crafted, null, 2))));
    assert.deepEqual(over, { text: t.damagedFile('over.json'), role: 'alert' });
    assert.deepEqual(await shownOwnQuestions(vendor.page), ids);
    assert.equal(await vendor.page.isChecked(`input[name="cl-a-${ids.at(-1)}"][value="v:yes"]`), true);
    assert.equal(await record(vendor.page, DRAFT), draft, 'the draft is byte-identical');
    assert.equal(await record(vendor.page, KEPT), kept, 'the questions given are byte-identical');
    vendor.watch.assertClean(assert);
    await vendor.page.close();

    // Links made here the page's way: 30 questions, one reworded, are read; 31 are refused.
    const [address] = link.split('#');
    const reworded = structuredClone(carried);
    reworded.questions[0].text = `${t.own(1)} (2)`;
    const joined = await vendorTab(vendorCtx, `${address}${questionsFragment(reworded)}`);
    assert.match(await joined.page.textContent('#cl-message'), t.changed, 'a crafted link of 30 reads');
    assert.ok((await joined.page.textContent('#cl-r-questions')).includes(`${t.own(1)} (2)`));
    const draftJoined = await record(joined.page, DRAFT);
    const keptJoined = await record(joined.page, KEPT);
    assert.notEqual(keptJoined, kept, 'the reworded question is kept');
    joined.watch.assertClean(assert);
    await joined.page.close();
    const thirtyOne = { ...reworded, questions: [...reworded.questions, extra] };
    const overLink = await vendorTab(vendorCtx, `${address}${questionsFragment(thirtyOne)}`);
    assert.equal(await overLink.page.textContent('#cl-message'), t.damagedKept);
    assert.equal(await overLink.page.getAttribute('#cl-message', 'role'), 'alert');
    assert.deepEqual(await shownOwnQuestions(overLink.page), ids);
    assert.equal(await overLink.page.isChecked(`input[name="cl-a-${ids[0]}"][value="v:no"]`), true, 'the answer stays');
    assert.equal(await record(overLink.page, DRAFT), draftJoined, 'the draft is byte-identical');
    assert.equal(await record(overLink.page, KEPT), keptJoined, 'the questions given are byte-identical');

    // The vendor exports; the buyer imports the answers to the first and the 30th question.
    const [download] = await Promise.all([overLink.page.waitForEvent('download'), overLink.page.click('#cl-r-export')]);
    const response = readFileSync(await download.path(), 'utf8');
    const answers = JSON.parse(response).answers;
    assert.deepEqual(answers[ids[0]].value, { answer: 'no' });
    assert.deepEqual(answers[ids.at(-1)].value, { answer: 'yes' });
    overLink.watch.assertClean(assert);
    await vendorCtx.close();
    await importText(page, download.suggestedFilename(), response);
    await page.waitForFunction(() => /Acme/.test(document.getElementById('cl-message').textContent));
    assert.match(await page.textContent('#cl-message'), t.imported);
    const acme = JSON.parse(await stored(page)).vendors.find((v) => v.name === 'Acme Cloud GmbH');
    assert.deepEqual(acme.answers[ids.at(-1)].value, { answer: 'yes' });

    // An export crafted with a 31st own question: refused in plain words, nothing changes.
    const before = await stored(page);
    const exported = JSON.parse(before);
    exported.tuning.questions.push({ ...exported.tuning.questions[0], id: `own.q${MAX_OWN_QUESTIONS + 1}` });
    const overExport = await nextMessage(page, () => page.setInputFiles('#cl-import-file', {
      name: 'over-export.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(exported, null, 2)),
    }));
    assert.deepEqual(overExport, { text: `over-export.json: ${t.malformed}`, role: 'alert' });
    assert.equal(await page.isVisible('#cl-import-replace'), false, 'nothing is offered');
    assert.equal(await stored(page), before, 'the refused export changed nothing');
    watch.assertClean(assert);
    await ctx.close();
  });
}

/** Returns `length` characters of made-up words that compress about as badly as text can
 * (the same every run), so a question is as long on the wire as the form lets it be. */
function longText(seed, length) {
  let state = seed;
  let text = '';
  while (text.length < length) {
    state = (state * 1103515245 + 12345) % 2147483648;
    text += (state % 7 === 0 ? ' ' : String.fromCharCode(97 + (state >> 8) % 26));
  }
  return text.slice(0, length);
}

test('a respond link with the buyer’s 30 longest own questions was refused by the vendor’s page as damaged', async () => {
  const t = T.en;
  const { ctx, page, watch } = await openChecklist(`${server.origin}${PAGES.en}`);
  await addVendor(page, 'Eigener Anbieter');
  await openOwnForm(page);
  const ids = [];
  // 30 choice questions with the longest text and ten options with the longest labels the form takes.
  for (let n = 1; n <= MAX_OWN_QUESTIONS; n += 1) {
    const options = Array.from({ length: 10 }, (_, o) => `${longText(n * 100 + o, 190)} = ${o / 10}`).join('\n');
    ids.push(await addOwnQuestion(page, longText(n, 500), options));
  }
  const link = await vendorLink(page);
  const hint = await page.textContent('#cl-respond-hint');
  const focused = await page.evaluate(() => document.activeElement.getAttribute('aria-describedby'));
  const file = await questionnaireFile(page);
  assert.equal(JSON.parse(file.text).questions.questions.length, MAX_OWN_QUESTIONS);
  watch.assertClean(assert);
  await ctx.close();

  // The link offered opens on the vendors' page without a word of damage.
  const vendorCtx = await browser.newContext({ viewport: CARDS_VIEWPORT });
  const vendor = await vendorTab(vendorCtx, link);
  assert.equal(await vendor.page.isHidden('#cl-message'), true, `the vendor is told: ${await vendor.page.textContent('#cl-message')}`);
  // It is the plain link, and the hint under it, read out with it, tells the buyer to send the
  // questionnaire file with it: the vendor opens the file on its page and gets all 30 questions.
  assert.equal(link, `${server.origin}${PAGES.en}?respond`, 'no link the vendors’ page refuses is offered');
  assert.match(hint, t.tooLong);
  assert.equal(focused, 'cl-respond-hint');
  const opened = await nextMessage(vendor.page, () => pick(vendor.page, file.name, Buffer.from(file.text)));
  assert.equal(opened.role, 'status');
  assert.deepEqual(await shownOwnQuestions(vendor.page), ids);
  vendor.watch.assertClean(assert);
  await vendorCtx.close();
});

/** What the vendor reads when a file's 30 own questions push 30 given before off the page. */
const PUSHED_OFF = {
  en: (file) => `${file} is open: it adds 30 questions of the buyer’s own. Your answers so far are kept. Questions you were given before that no longer fit on the page (at most 30 of the buyer’s own): 30. Your answers to them stay in your response file.`,
  de: (file) => `${file} ist geöffnet: Die Datei ergänzt 30 eigene Fragen des Auftraggebers. Ihre bisherigen Antworten bleiben erhalten. Fragen, die Sie vorher erhalten hatten und die nicht mehr auf die Seite passen (höchstens 30 eigene Fragen des Auftraggebers): 30. Ihre Antworten darauf bleiben in Ihrer Antwortdatei.`,
};

for (const lang of ['en', 'de']) {
  test(`${lang}: a questionnaire file whose 30 own questions push 30 answered ones off the page says so, and the answers stay in the response file`, async () => {
    const t = T[lang];
    const { ctx, page, watch } = await openChecklist(`${server.origin}${PAGES[lang]}`);
    await addVendor(page, 'Eigener Anbieter');
    await addOwnQuestion(page, t.question);
    await vendorLink(page);
    const file = await questionnaireFile(page);
    watch.assertClean(assert);
    await ctx.close();
    // Two files of 30 own questions each, with ids of their own (`own.q…`, `own.b…`), made from
    // the buyer's file: a second tender's questions, say, or a file made by hand.
    const thirty = (stem, text) => {
      const doc = JSON.parse(file.text);
      const [question] = doc.questions.questions;
      doc.questions.questions = Array.from({ length: MAX_OWN_QUESTIONS }, (_, i) => ({ ...question, id: `own.${stem}${i + 1}`, text: `${text} ${i + 1}?` }));
      return JSON.stringify(doc, null, 2);
    };
    const first = thirty('q', t.own(0).replace(/ 0:.*/, ''));
    const second = thirty('b', 'B');

    const vendorCtx = await browser.newContext({ viewport: CARDS_VIEWPORT });
    const vendor = await vendorTab(vendorCtx, `${server.origin}${PAGES[lang]}?respond`);
    await pick(vendor.page, 'first.json', Buffer.from(first));
    await vendor.page.waitForSelector(`input[name="cl-a-own.q${MAX_OWN_QUESTIONS}"]`);
    await vendor.page.fill('#cl-r-company', 'Acme Cloud GmbH');
    await vendor.page.check('input[name="cl-a-own.q1"][value="v:yes"]');
    await vendor.page.check(`input[name="cl-a-own.q${MAX_OWN_QUESTIONS}"][value="v:no"]`);
    await vendor.page.fill(`[id="cl-r-comment-own.q${MAX_OWN_QUESTIONS}"]`, 'Planned for Q3.');
    await draftSaved(vendor.page);

    // The second file: its 30 questions take the page, and the vendor is told what went where.
    const opened = await nextMessage(vendor.page, () => pick(vendor.page, 'second.json', Buffer.from(second)));
    assert.deepEqual(opened, { text: PUSHED_OFF[lang]('second.json'), role: 'status' });
    assert.deepEqual(await shownOwnQuestions(vendor.page), Array.from({ length: MAX_OWN_QUESTIONS }, (_, i) => `own.b${i + 1}`));
    await vendor.page.check('input[name="cl-a-own.b1"][value="v:partial"]');
    await draftSaved(vendor.page);

    // The answers pushed off the page are in the response file, now and after a reload.
    for (const when of ['now', 'after a reload']) {
      if (when !== 'now') {
        await vendor.page.reload();
        await respondReady(vendor.page);
      }
      const [download] = await Promise.all([vendor.page.waitForEvent('download'), vendor.page.click('#cl-r-export')]);
      const answers = JSON.parse(readFileSync(await download.path(), 'utf8')).answers;
      assert.deepEqual(answers['own.q1'], { value: { answer: 'yes' } }, when);
      assert.deepEqual(answers[`own.q${MAX_OWN_QUESTIONS}`], { value: { answer: 'no' }, comment: 'Planned for Q3.' }, when);
      assert.deepEqual(answers['own.b1'], { value: { answer: 'partial' } }, when);
    }
    vendor.watch.assertClean(assert);
    await vendorCtx.close();
  });
}
