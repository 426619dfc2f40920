// Browser tests of saving the checklist: the real wasm bundle in Chromium on the built site,
// with the page's own IndexedDB. Each test is named after a bug in which saved work was lost
// (issue 10): data past 1 MiB, failed writes, two tabs, and data an earlier version left in
// localStorage. The backup of unreadable data is checklist-backup.test.mjs's; the record
// layout and the helpers are storage-page.mjs's. `savedJson` reads a record's text (the
// compact form the page saves in, checklist_core::saved) as the export JSON it stands for,
// written by the page's own on-demand module.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { watchPage, useServerAndBrowser } from './harness.mjs';
import {
  CARDS_VIEWPORT, COMPACT, useSession, openChecklist, openWithVendor, settled, record, savedJson,
  withReference, putRecord, stubFailingPuts, answer, addVendor, panel,
} from './storage-page.mjs';

const LEGACY_KEY = 'cc-vendor-checklist/v1';
const LEGACY_BACKUP_KEY = 'cc-vendor-checklist/v1/unreadable-backup';
const NOTE_LIMIT = 10000;

let server;
let browser;

useServerAndBrowser((started, launched) => {
  server = started;
  browser = launched;
  useSession({ server });
});

test('data loss at 1 MiB: nine vendors with 10,000-character notes reload intact', async () => {
  const ctx = await browser.newContext({ viewport: CARDS_VIEWPORT });
  const { page, watch } = await openWithVendor(ctx);
  const questions = await page.$$eval('#cl-questions textarea[data-role="note"]', (notes) => notes.filter((n) => n.checkVisibility()).map((n) => n.dataset.q));
  const perVendor = questions.slice(0, 12);
  for (let v = 1; v <= 9; v += 1) {
    if (v > 1) await addVendor(page, `Vendor ${v}`);
    for (const [i, question] of perVendor.entries()) {
      const note = `${v}/${i} `.padEnd(NOTE_LIMIT, 'x');
      await page.fill(`#cl-note-${question.replace('.', '\\.')}`, note);
    }
  }
  const saved = await record(page, 'workspace');
  assert.ok(saved.text.length > 1024 * 1024, `the saved state passes 1 MiB (${saved.text.length})`);
  await page.reload();
  await page.waitForSelector('#checklist-app[data-state="ready"]');
  assert.deepEqual(await panel(page), { shown: false, text: '', buttons: false }, 'no storage message');
  assert.equal(await page.$$eval('#cl-vendor-select option', (o) => o.length), 9);
  await page.selectOption('#cl-vendor-select', { label: 'Vendor 5' });
  const note = await page.inputValue(`#cl-note-${perVendor[11].replace('.', '\\.')}`);
  assert.equal(note, '5/11 '.padEnd(NOTE_LIMIT, 'x'));
  assert.equal((await record(page, 'workspace')).text, saved.text, 'reloading changed nothing');
  assert.equal(await record(page, 'unreadable-backup'), null);
  watch.assertClean(assert);
  await ctx.close();
});

test('a failed save says so in plain words and keeps the last good state', async () => {
  const ctx = await browser.newContext({ viewport: CARDS_VIEWPORT });
  const { page, watch } = await openWithVendor(ctx);
  await stubFailingPuts(page);
  await page.reload();
  await page.waitForSelector('#checklist-app[data-state="ready"]');
  await answer(page, 'cert.scope', 'v:yes');
  const good = await record(page, 'workspace');
  assert.match(good.text, /cert\.scope/);

  await page.evaluate(() => { window.failPuts = true; });
  await answer(page, 'cert.scope', 'v:no');
  await page.waitForSelector('#checklist-app[data-save="failed"]');
  const shown = await panel(page);
  assert.equal(shown.shown, true);
  assert.match(shown.text, /could not be saved in this browser/);
  assert.match(shown.text, /last saved answers are kept/);
  assert.equal(shown.buttons, false, 'no backup is offered, as none exists');
  assert.equal(await page.getAttribute('#cl-storage-text', 'role'), 'alert');
  assert.deepEqual(await record(page, 'workspace'), good, 'the last good state is intact');

  // Once the store takes writes again, the next change saves everything and the message goes.
  await page.evaluate(() => { window.failPuts = false; });
  await page.fill('#cl-note-cert\\.scope', 'saved again');
  await settled(page);
  assert.equal((await panel(page)).shown, false);
  const saved = await savedJson(page);
  assert.equal(saved.vendors[0].answers['cert.scope'].note, 'saved again');
  assert.equal(saved.vendors[0].answers['cert.scope'].value.answer, 'no');
  watch.assertClean(assert);
  await ctx.close();
});

function selectedName(page) {
  return page.$eval('#cl-vendor-select option:checked', (o) => o.textContent);
}

/** Waits until a tab has loaded or written at least the revision another tab saved. */
async function caughtUp(page, other) {
  await settled(other);
  const revision = Number(await other.getAttribute('#checklist-app', 'data-revision'));
  await page.waitForFunction((r) => Number(document.getElementById('checklist-app').dataset.revision) >= r, revision);
  await settled(page);
}

test('two tabs overwrite each other no more: A adds a vendor, B changes an answer, both survive in both', async () => {
  const ctx = await browser.newContext({ viewport: CARDS_VIEWPORT });
  const a = await openWithVendor(ctx);
  const b = await openChecklist(ctx);
  await addVendor(a.page, 'Added in A');
  // B sees A's vendor arrive, and keeps the vendor it is editing.
  await caughtUp(b.page, a.page);
  assert.equal(await b.page.$$eval('#cl-vendor-select option', (o) => o.length), 2);
  assert.equal(await selectedName(b.page), 'Vendor 1');
  // The buyer in A is typing a note when B's change arrives.
  await a.page.focus('#cl-note-cert\\.scope');
  await a.page.keyboard.type('typing in A');
  await caughtUp(b.page, a.page);
  await answer(b.page, 'cert.scope', 'v:no');
  await caughtUp(a.page, b.page);
  assert.equal(await selectedName(a.page), 'Added in A', 'A keeps its selected vendor');
  const focus = await a.page.evaluate(() => ({ id: document.activeElement.id, caret: document.activeElement.selectionStart }));
  assert.deepEqual(focus, { id: 'cl-note-cert.scope', caret: 'typing in A'.length }, 'A keeps focus and caret');
  await a.page.keyboard.type(', and on');
  await caughtUp(b.page, a.page);
  // Both tabs, and a reload, show both edits.
  for (const page of [a.page, b.page]) {
    // As a buyer does, leave the note before picking another vendor.
    await page.focus('#cl-vendor-select');
    await page.selectOption('#cl-vendor-select', { label: 'Vendor 1' });
    assert.ok(await page.isChecked('input[name="cl-a-cert.scope"][value="v:no"]'));
    await page.selectOption('#cl-vendor-select', { label: 'Added in A' });
    assert.equal(await page.inputValue('#cl-note-cert\\.scope'), 'typing in A, and on');
  }
  await settled(a.page);
  await settled(b.page);
  const saved = await savedJson(a.page);
  assert.deepEqual(saved.vendors.map((v) => v.name), ['Vendor 1', 'Added in A']);
  assert.equal(saved.vendors[0].answers['cert.scope'].value.answer, 'no');
  assert.equal(saved.vendors[1].answers['cert.scope'].note, 'typing in A, and on');
  a.watch.assertClean(assert);
  b.watch.assertClean(assert);
  await ctx.close();
});

test('two tabs overwrite each other no more even when a tab misses the other’s notice', async () => {
  const ctx = await browser.newContext({ viewport: CARDS_VIEWPORT });
  const a = await openWithVendor(ctx);
  // B hears nothing from A: its save must find A's newer record inside the write and merge.
  const deaf = await ctx.newPage();
  await deaf.addInitScript(() => { delete window.BroadcastChannel; });
  const watchB = watchPage(deaf, server.origin);
  await deaf.goto(`${server.origin}/en/checklist/`);
  await deaf.waitForSelector('#checklist-app[data-state="ready"]', { timeout: 15000 });
  await addVendor(a.page, 'Added in A');
  await settled(a.page);
  assert.equal(await deaf.$$eval('#cl-vendor-select option', (o) => o.length), 1, 'B has not seen it');
  await answer(deaf, 'cert.scope', 'v:no');
  await settled(deaf);
  const saved = await savedJson(deaf);
  assert.deepEqual(saved.vendors.map((v) => v.name), ['Vendor 1', 'Added in A']);
  assert.equal(saved.vendors[0].answers['cert.scope'].value.answer, 'no');
  assert.equal(await deaf.$$eval('#cl-vendor-select option', (o) => o.length), 2, 'B now shows A’s vendor');
  assert.equal(await selectedName(deaf), 'Vendor 1');
  a.watch.assertClean(assert);
  watchB.assertClean(assert);
  await ctx.close();
});

test('an edit still being written when the tab is left is not lost', async () => {
  const ctx = await browser.newContext({ viewport: CARDS_VIEWPORT });
  const { page, watch } = await openWithVendor(ctx);
  // From now on every write hangs, as on a slow disk, so the edit is still in flight.
  await page.evaluate(() => {
    const transaction = { abort() {} };
    const records = { get: () => ({ transaction }), put: () => ({}), delete: () => ({}) };
    transaction.objectStore = () => records;
    IDBDatabase.prototype.transaction = () => transaction;
  });
  await page.fill('#cl-note-cert\\.scope', 'written as the tab is left');
  assert.equal(await page.getAttribute('#checklist-app', 'data-save'), 'saving');
  await page.goto(`${server.origin}/en/`);
  const journal = () => page.evaluate(() => localStorage.getItem('cc-vendor-checklist/unsaved'));
  assert.match(await journal(), /written as the tab is left/);
  await page.goto(`${server.origin}/en/checklist/`);
  await page.waitForSelector('#checklist-app[data-state="ready"]');
  assert.equal(await page.inputValue('#cl-note-cert\\.scope'), 'written as the tab is left');
  assert.equal(await page.$$eval('#cl-vendor-select option', (o) => o.length), 1, 'no vendor was added');
  assert.match((await record(page, 'workspace')).text, /written as the tab is left/);
  assert.equal(await journal(), null, 'the journal goes once its work is saved');
  watch.assertClean(assert);
  await ctx.close();
});

test('an edit whose save waits for the next frame is not lost when the tab is left before it', async () => {
  const ctx = await browser.newContext({ viewport: CARDS_VIEWPORT });
  const { page, watch } = await openWithVendor(ctx);
  // Saving waits for the frame after a change (checklist-wasm/src/saving.rs, save_soon); here
  // no frame ever comes, so the tab is left with the write not even started.
  await page.evaluate(() => { window.requestAnimationFrame = () => 0; });
  await page.fill('#cl-note-cert\\.scope', 'left before the next frame');
  assert.equal(await page.getAttribute('#checklist-app', 'data-save'), 'saving');
  await page.goto(`${server.origin}/en/`);
  const journal = () => page.evaluate(() => localStorage.getItem('cc-vendor-checklist/unsaved'));
  assert.match(await journal(), /left before the next frame/);
  await page.goto(`${server.origin}/en/checklist/`);
  await page.waitForSelector('#checklist-app[data-state="ready"]');
  assert.equal(await page.inputValue('#cl-note-cert\\.scope'), 'left before the next frame');
  assert.match((await record(page, 'workspace')).text, /left before the next frame/);
  watch.assertClean(assert);
  await ctx.close();
});

test('legacy localStorage data is moved into IndexedDB, and the old copy removed only after', async () => {
  // What an earlier version saved: an export with one named vendor, and a backup.
  const first = await browser.newContext({ viewport: CARDS_VIEWPORT });
  const maker = await openChecklist(first);
  await addVendor(maker.page, 'Legacy vendor');
  await answer(maker.page, 'gdpr.dpa', 'v:yes');
  const legacy = JSON.stringify(await savedJson(maker.page));
  await first.close();
  const plant = async (page) => {
    await page.goto(`${server.origin}/en/`);
    await page.evaluate(([k, v, bk]) => { localStorage.setItem(k, v); localStorage.setItem(bk, 'old unreadable'); },
      [LEGACY_KEY, legacy, LEGACY_BACKUP_KEY]);
    await page.goto(`${server.origin}/en/checklist/`);
    await page.waitForSelector('#checklist-app[data-state="ready"]', { timeout: 15000 });
    await settled(page);
  };
  const leftInLocalStorage = (page) => page.evaluate(([k, bk]) => [localStorage.getItem(k) !== null, localStorage.getItem(bk) !== null],
    [LEGACY_KEY, LEGACY_BACKUP_KEY]);

  // When the new store refuses the write, the old copy stays and is shown.
  const refusing = await browser.newContext({ viewport: CARDS_VIEWPORT });
  const stuck = await refusing.newPage();
  await stubFailingPuts(stuck);
  await stuck.addInitScript(() => { window.failPuts = true; });
  await plant(stuck);
  assert.deepEqual(await stuck.$$eval('#cl-vendor-select option', (o) => o.map((x) => x.textContent)), ['Legacy vendor']);
  assert.deepEqual(await leftInLocalStorage(stuck), [true, true]);
  await refusing.close();

  const ctx = await browser.newContext({ viewport: CARDS_VIEWPORT });
  const page = await ctx.newPage();
  const watch = watchPage(page, server.origin);
  await plant(page);
  assert.deepEqual(await page.$$eval('#cl-vendor-select option', (o) => o.map((x) => x.textContent)), ['Legacy vendor']);
  assert.ok(await page.isChecked('input[name="cl-a-gdpr.dpa"][value="v:yes"]'));
  // Moved as it was (revision 1), then written again in this page's form at once.
  const moved = await record(page, 'workspace');
  assert.equal(moved.revision, 2);
  assert.ok(moved.text.startsWith(COMPACT));
  assert.deepEqual(await savedJson(page), JSON.parse(legacy));
  assert.deepEqual(await record(page, 'unreadable-backup'), { revision: 0, text: 'old unreadable' });
  assert.deepEqual(await leftInLocalStorage(page), [false, false]);
  assert.equal((await panel(page)).buttons, true, 'the old backup is offered');
  watch.assertClean(assert);
  await ctx.close();
});

test('saved work from before the guide changed the checklist still loads, without the answers to removed questions', async () => {
  // The workspace bundle reads only saves made against the checklist version it shows; one of
  // another version (as export JSON of an earlier page, or in the compact form) is read by the
  // on-demand module, with every check of an import, before the page starts.
  const ctx = await browser.newContext({ viewport: CARDS_VIEWPORT });
  const { page, watch } = await openWithVendor(ctx);
  await answer(page, 'gdpr.dpa', 'v:yes');
  const saved = await record(page, 'workspace');
  const current = await savedJson(page);
  const olderVersion = `${current.checklist.split('@')[0]}@0.0.1`;
  const older = { ...current, checklist: olderVersion };
  older.vendors[0].answers['gone.question'] = { value: { answer: 'no' } };
  const compactOlder = withReference(saved.text, olderVersion);
  for (const text of [JSON.stringify(older), compactOlder]) {
    await putRecord(page, 'workspace', { revision: saved.revision, text });
    await page.reload();
    await page.waitForSelector('#checklist-app[data-state="ready"]');
    assert.deepEqual(await page.$$eval('#cl-vendor-select option', (o) => o.map((x) => x.textContent)), ['Vendor 1']);
    assert.ok(await page.isChecked('input[name="cl-a-gdpr.dpa"][value="v:yes"]'));
    assert.equal((await panel(page)).shown, false, 'nothing is called unreadable');
    assert.equal(await record(page, 'unreadable-backup'), null, 'and nothing is set aside');
    // It is written again at once, against the checklist shown, without the removed question.
    const rewritten = await savedJson(page);
    assert.equal(rewritten.checklist, current.checklist);
    assert.deepEqual(Object.keys(rewritten.vendors[0].answers), ['gdpr.dpa']);
    assert.equal(rewritten.vendors[0].answers['gdpr.dpa'].value.answer, 'yes');
  }
  await answer(page, 'gdpr.dpa', 'v:no');
  assert.equal((await savedJson(page)).vendors[0].answers['gdpr.dpa'].value.answer, 'no');
  watch.assertClean(assert);
  await ctx.close();
});

test('work saved as JSON by the page before the compact form loads again and is kept in the new form', async () => {
  // What the page before this change saved: its export JSON (the writer is the same), in
  // IndexedDB and in the journal of a tab left before its save was committed.
  const json = readFileSync(new URL('../../fuzz/corpus/import/gen-one-vendor.json', import.meta.url), 'utf8');
  const before = JSON.parse(json);
  const ctx = await browser.newContext({ viewport: CARDS_VIEWPORT });
  const { page, watch } = await openChecklist(ctx);
  await putRecord(page, 'workspace', { revision: 5, text: json });
  await page.reload();
  await page.waitForSelector('#checklist-app[data-state="ready"]');
  await settled(page);
  assert.deepEqual(await page.$$eval('#cl-vendor-select option', (o) => o.map((x) => x.textContent)), [before.vendors[0].name]);
  assert.equal((await panel(page)).shown, false, 'nothing is called unreadable');
  assert.equal(await record(page, 'unreadable-backup'), null, 'and nothing is set aside');
  const rewritten = await record(page, 'workspace');
  assert.equal(rewritten.revision, 6, 'written again at once');
  assert.ok(rewritten.text.startsWith(COMPACT));
  assert.deepEqual(await savedJson(page), before, 'nothing was lost on the way');
  // A reload reads the new form without the on-demand module, and changes nothing.
  await page.reload();
  await page.waitForSelector('#checklist-app[data-state="ready"]');
  await settled(page);
  assert.deepEqual(await record(page, 'workspace'), rewritten);

  // A journal in JSON, left by a tab of the page before this change, is taken in too.
  const edited = structuredClone(before);
  edited.vendors[0].name = 'Renamed before the update';
  await page.goto(`${server.origin}/en/`);
  await page.evaluate((text) => localStorage.setItem('cc-vendor-checklist/unsaved', text), `6\n${JSON.stringify(edited)}`);
  await page.goto(`${server.origin}/en/checklist/`);
  await page.waitForSelector('#checklist-app[data-state="ready"]');
  await settled(page);
  assert.deepEqual(await page.$$eval('#cl-vendor-select option', (o) => o.map((x) => x.textContent)), ['Renamed before the update']);
  assert.equal((await savedJson(page)).vendors[0].name, 'Renamed before the update');
  assert.equal(await page.evaluate(() => localStorage.getItem('cc-vendor-checklist/unsaved')), null);
  watch.assertClean(assert);
  await ctx.close();
});
