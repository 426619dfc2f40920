// Browser tests of the vendors' side of the questionnaire (issue 11): the buyer copies the link
// for vendors; a vendor answers in response mode (`?respond`, a bundle of its own), reloads,
// finishes and exports a response file whose digest covers its content; response mode shows no
// weights, scores or verdicts; and the buyer's data and the vendor's draft in one browser never
// mix. Both languages, the real wasm bundles in Chromium on the built site. It saves
// docs/checklist-respond.png for the README.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import {
  SITE_DIR, startStaticServer, startNginx, launchBrowser, watchPage, reportCspViolations,
} from './harness.mjs';

const DOCS = new URL('../../docs/', import.meta.url).pathname;
const WIDE = { width: 1280, height: 900 };
const PAGES = { en: '/en/checklist/', de: '/de/checkliste/' };
const DB = 'cc-vendor-checklist';

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

/** Opens a page of a context and waits for the engine. */
async function open(ctx, path) {
  const page = await ctx.newPage();
  const watch = watchPage(page, server.origin);
  await page.goto(`${server.origin}${path}`);
  await page.waitForSelector('#checklist-app[data-state="ready"]', { timeout: 15000 });
  return { page, watch };
}

/** Reads one record of the page's IndexedDB store (`workspace`, `vendor-response-draft`). */
function record(page, key) {
  return page.evaluate(([name, key]) => new Promise((resolve, reject) => {
    const request = indexedDB.open(name);
    request.onerror = () => reject(request.error);
    request.onsuccess = () => {
      const get = request.result.transaction('records').objectStore('records').get(key);
      get.onsuccess = () => { request.result.close(); resolve(get.result?.text ?? null); };
      get.onerror = () => reject(get.error);
    };
  }), [DB, key]);
}

/** Waits until response mode has written the draft. */
const draftSaved = (page) => page.waitForSelector('#checklist-app[data-save="saved"]');

/** The checklist definition the page serves. */
const definition = () => JSON.parse(readFileSync(`${SITE_DIR}/static/checklist/checklist.json`, 'utf8'));

/** The yes/no questions of the checklist the page serves (never a hard-coded count). */
const yesNoQuestions = () => definition().questions.filter((q) => q.kind.type === 'yes_no').map((q) => q.id);

/** Recomputes a response file's digest the way the core does: SHA-256 of the compact JSON without `digest`. */
function withDigest(doc) {
  const { digest, ...content } = doc;
  void digest;
  return { ...content, digest: `sha256:${createHash('sha256').update(JSON.stringify(content)).digest('hex')}` };
}

/** A vendor answers part, reloads, answers the rest and downloads the response file. */
async function respond(ctx, lang, company) {
  const [first, second, third] = yesNoQuestions();
  const { page, watch } = await open(ctx, `${PAGES[lang]}?respond`);
  assert.equal(await page.getAttribute('#checklist-app', 'data-mode'), 'respond');
  // No weights, scores, verdicts or rules: none of the buyer's panels, and no weight line.
  for (const selector of ['#cl-results', '#cl-comparison', '#cl-summary', '#cl-rule-switches', '.cl-meta', '#cl-grid']) {
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
    const ctx = await browser.newContext({ viewport: WIDE });
    // The buyer's workspace first, in the same browser profile.
    const buyer = await open(ctx, PAGES[lang]);
    await buyer.page.click('#cl-respond-create');
    assert.equal(await buyer.page.inputValue('#cl-respond-url'), `${server.origin}${PAGES[lang]}?respond`);
    assert.equal(await buyer.page.evaluate(() => document.activeElement.id), 'cl-respond-url');
    await buyer.page.fill('#cl-new-vendor', 'Typed by the buyer');
    await buyer.page.click('#cl-add-vendor');
    await buyer.page.waitForSelector('#checklist-app:not([data-save="saving"])');
    const saved = await record(buyer.page, 'workspace');
    assert.ok(saved);
    const { page } = await respond(ctx, lang, 'Acme Cloud GmbH');
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
