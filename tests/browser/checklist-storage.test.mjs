// Browser tests of saving the checklist: the real wasm bundle in Chromium on the built site,
// with the page's own IndexedDB. Each test is named after a bug in which saved work was lost
// (issue 10): data past 1 MiB, failed writes, unreadable data and its backup, two tabs, and
// data an earlier version left in localStorage. The record layout read here is the one
// checklist-wasm/src/idb.rs writes: database `cc-vendor-checklist`, object store `records`,
// records `workspace` and `unreadable-backup`, each `{revision, text}`. The text is the
// workspace in the compact form the page saves in (checklist_core::saved); `savedJson` reads
// it as the export JSON it stands for, written by the page's own on-demand module.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { watchPage, useServerAndBrowser } from './harness.mjs';
import { asExport } from './checklist-page.mjs';

const LEGACY_KEY = 'cc-vendor-checklist/v1';
const LEGACY_BACKUP_KEY = 'cc-vendor-checklist/v1/unreadable-backup';
const NOTE_LIMIT = 10000;
// These tests type into the one-vendor cards, which are the view below the grid's breakpoint.
const CARDS_VIEWPORT = { width: 1000, height: 800 };

let server;
let browser;

useServerAndBrowser((started, launched) => {
  server = started;
  browser = launched;
});

/** Opens the English checklist in a context and waits for the engine. */
async function openChecklist(ctx) {
  const page = await ctx.newPage();
  const watch = watchPage(page, server.origin);
  await page.goto(`${server.origin}/en/checklist/`);
  await page.waitForSelector('#checklist-app[data-state="ready"]', { timeout: 15000 });
  return { page, watch };
}

/** Opens the checklist in a fresh context with one vendor, `Vendor 1`, saved. */
async function openWithVendor(ctx) {
  const opened = await openChecklist(ctx);
  await addVendor(opened.page, 'Vendor 1');
  await settled(opened.page);
  return opened;
}

/** Waits until no save is pending. */
async function settled(page) {
  await page.waitForSelector('#checklist-app:not([data-save="saving"])');
}

/** Reads a record of the page's database (`null` if missing), once no save is pending. */
async function record(page, key) {
  await settled(page);
  return page.evaluate((key) => new Promise((resolve, reject) => {
    const open = indexedDB.open('cc-vendor-checklist');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const get = open.result.transaction('records').objectStore('records').get(key);
      get.onerror = () => reject(get.error);
      get.onsuccess = () => { open.result.close(); resolve(get.result ?? null); };
    };
  }), key);
}

/** Reads a record's workspace as the export JSON it stands for (see `asExport`). */
async function savedJson(page, key = 'workspace') {
  return JSON.parse(await asExport((await record(page, key)).text));
}

/** The start of a save in the compact form: its format and version. */
const COMPACT = 'ccw1;';

/** Returns a save in the compact form with its first field, the checklist `id@version`, replaced. */
function withReference(text, reference) {
  const [head, length] = /^ccw1;(\d+):/.exec(text);
  return `${COMPACT}${reference.length}:${reference}${text.slice(head.length + Number(length))}`;
}

/** Puts a record into the page's database, as another version of the page might. */
function putRecord(page, key, value) {
  return page.evaluate(([key, value]) => new Promise((resolve, reject) => {
    const open = indexedDB.open('cc-vendor-checklist');
    open.onsuccess = () => {
      const tx = open.result.transaction('records', 'readwrite');
      tx.objectStore('records').put(value, key);
      tx.oncomplete = () => { open.result.close(); resolve(); };
      tx.onerror = () => reject(tx.error);
    };
  }), [key, value]);
}

/** Makes every IndexedDB `put` of the page throw, as a full disk does, while `window.failPuts` is true. */
function stubFailingPuts(page) {
  return page.addInitScript(() => {
    window.failPuts = false;
    const put = IDBObjectStore.prototype.put;
    IDBObjectStore.prototype.put = function failingPut(...args) {
      if (window.failPuts) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      return put.apply(this, args);
    };
  });
}

/** Picks an answer of a question of the vendor being edited. */
async function answer(page, question, value) {
  await page.check(`input[name="cl-a-${question}"][value="${value}"]`);
}

/** Adds a vendor by name through the add form. */
async function addVendor(page, name) {
  await page.fill('#cl-new-vendor', name);
  await page.click('#cl-add-vendor');
}

/** Clicks a button that downloads a file and returns the file's name and text. */
async function download(page, selector) {
  const [file] = await Promise.all([page.waitForEvent('download'), page.click(selector)]);
  return { name: file.suggestedFilename(), text: readFileSync(await file.path(), 'utf8') };
}

/** The storage panel: whether it shows, its text, and whether its backup buttons show. */
async function panel(page) {
  return {
    shown: await page.isVisible('#cl-storage'),
    text: await page.textContent('#cl-storage-text'),
    buttons: await page.isVisible('#cl-backup-restore'),
  };
}

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

test('unreadable saved data is kept as a real backup that can be downloaded, and the page says so', async () => {
  const ctx = await browser.newContext({ viewport: CARDS_VIEWPORT });
  const { page, watch } = await openChecklist(ctx);
  const broken = '{"format": "cc-vendor-checklist", "vendors": [';
  await putRecord(page, 'workspace', { revision: 7, text: broken });
  await page.reload();
  await page.waitForSelector('#checklist-app[data-state="ready"]');
  await settled(page);
  const shown = await panel(page);
  assert.equal(shown.shown, true);
  assert.match(shown.text, /could not be read/);
  assert.match(shown.text, /copy of them is kept in this browser/);
  assert.equal(shown.buttons, true);
  // The message is true: the backup exists.
  assert.deepEqual(await record(page, 'unreadable-backup'), { revision: 7, text: broken });
  const file = await download(page, '#cl-backup-download');
  assert.equal(file.name, 'vendor-checklist-backup.json');
  assert.equal(file.text, broken);
  // A backup that is no export cannot be restored; the page says why and keeps it.
  await page.click('#cl-backup-restore');
  await page.waitForFunction(() => /not a checklist export/.test(document.getElementById('cl-storage-text').textContent));
  assert.equal((await record(page, 'unreadable-backup')).text, broken);
  // New work is saved over the unreadable record only now that the backup exists.
  await addVendor(page, 'New start');
  assert.match((await record(page, 'workspace')).text, /New start/);
  assert.equal((await record(page, 'unreadable-backup')).text, broken);
  await page.click('#cl-backup-delete');
  await page.waitForFunction(() => /copy was deleted/.test(document.getElementById('cl-storage-text').textContent));
  assert.equal(await record(page, 'unreadable-backup'), null);
  assert.equal(await page.isVisible('#cl-backup-restore'), false);
  watch.assertClean(assert);
  await ctx.close();
});

test('a backup action whose store cannot be opened leaves the backup as it is, and the page says so', async () => {
  const ctx = await browser.newContext({ viewport: CARDS_VIEWPORT });
  const { page, watch } = await openChecklist(ctx);
  const broken = '{"format": "cc-vendor-checklist", "vendors": [';
  await putRecord(page, 'workspace', { revision: 7, text: broken });
  await page.reload();
  await page.waitForSelector('#checklist-app[data-state="ready"]');
  await settled(page);
  assert.equal((await panel(page)).buttons, true);
  // The page's own connection is open; the on-demand module opens one of its own
  // (checklist-wasm/src/ondemand/backup.rs), which now fails as a broken store does.
  await page.evaluate(() => {
    indexedDB.open = () => { throw new DOMException('The store is broken.', 'UnknownError'); };
  });
  const downloads = [];
  page.on('download', (download) => downloads.push(download));
  for (const button of ['#cl-backup-restore', '#cl-backup-download', '#cl-backup-delete']) {
    // Cleared, so that each button's own answer is waited for.
    await page.evaluate(() => { document.getElementById('cl-storage-text').textContent = ''; });
    await page.click(button);
    await page.waitForFunction(() => /could not be read or changed in this browser’s storage/.test(document.getElementById('cl-storage-text').textContent));
    const shown = await panel(page);
    assert.ok(shown.shown && shown.buttons, `${button}: the backup is still offered`);
  }
  assert.equal(downloads.length, 0, 'no file is offered for a backup that could not be read');
  // Once the store opens again, the same buttons work, and the backup was kept meanwhile.
  await page.evaluate(() => { delete indexedDB.open; });
  assert.deepEqual(await record(page, 'unreadable-backup'), { revision: 7, text: broken });
  await page.click('#cl-backup-delete');
  await page.waitForFunction(() => /copy was deleted/.test(document.getElementById('cl-storage-text').textContent));
  assert.equal(await record(page, 'unreadable-backup'), null);
  watch.assertClean(assert);
  await ctx.close();
});

test('a kept backup is restored into the vendors and then deleted', async () => {
  const ctx = await browser.newContext({ viewport: CARDS_VIEWPORT });
  const { page, watch } = await openWithVendor(ctx);
  await addVendor(page, 'From the backup');
  await answer(page, 'gdpr.dpa', 'v:yes');
  const backup = await record(page, 'workspace');
  // A fresh start that still has that backup, as a visit after unreadable data leaves it.
  await page.click('#cl-remove-vendor');
  await page.click('#cl-confirm-remove-yes');
  await page.click('#cl-remove-vendor');
  await page.click('#cl-confirm-remove-yes');
  await settled(page);
  await putRecord(page, 'unreadable-backup', { revision: 0, text: backup.text });
  await page.reload();
  await page.waitForSelector('#checklist-app[data-state="ready"]');
  const shown = await panel(page);
  assert.equal(shown.shown, true);
  assert.match(shown.text, /A copy of saved answers that could not be read is kept/);
  assert.equal(shown.buttons, true);
  // The backup is in the compact form; its download is the export JSON the page imports.
  assert.ok(backup.text.startsWith(COMPACT));
  const file = JSON.parse((await download(page, '#cl-backup-download')).text);
  assert.equal(file.format, 'cc-vendor-checklist');
  assert.deepEqual(file.vendors.map((v) => v.name), ['Vendor 1', 'From the backup']);
  assert.equal(file.vendors[1].answers['gdpr.dpa'].value.answer, 'yes');
  await page.click('#cl-backup-restore');
  await page.waitForFunction(() => /copy was restored/.test(document.getElementById('cl-storage-text').textContent));
  assert.equal(await page.isVisible('#cl-backup-restore'), false);
  const names = await page.$$eval('#cl-vendor-select option', (o) => o.map((x) => x.textContent));
  assert.deepEqual(names, ['Vendor 1', 'From the backup'], 'restored into the empty workspace');
  assert.equal(await record(page, 'unreadable-backup'), null, 'deleted with the write that restored it');
  assert.equal((await record(page, 'workspace')).text, backup.text);
  watch.assertClean(assert);
  await ctx.close();
});

test('unreadable data that cannot be backed up is left untouched, and the page says so', async () => {
  const ctx = await browser.newContext({ viewport: CARDS_VIEWPORT });
  const { page, watch } = await openChecklist(ctx);
  await stubFailingPuts(page);
  const broken = '{"format": "cc-vendor-checklist", "version": 1, "vendors": "oops"}';
  await putRecord(page, 'workspace', { revision: 3, text: broken });
  await page.evaluate(() => sessionStorage.setItem('fail', '1'));
  await page.addInitScript(() => { if (sessionStorage.getItem('fail')) window.failPuts = true; });
  await page.reload();
  await page.waitForSelector('#checklist-app[data-state="ready"]');
  await page.waitForSelector('#checklist-app[data-save="failed"]');
  const shown = await panel(page);
  assert.match(shown.text, /no copy of them could be made/);
  assert.equal(shown.buttons, false, 'no backup is offered, as none exists');
  await addVendor(page, 'Typed meanwhile');
  await page.evaluate(() => { window.failPuts = false; });
  await addVendor(page, 'And more');
  assert.deepEqual(await record(page, 'workspace'), { revision: 3, text: broken });
  assert.equal(await record(page, 'unreadable-backup'), null);
  watch.assertClean(assert);
  await ctx.close();
});

/** Returns the name of the vendor being edited. */
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

const ON_DEMAND = /\/static\/checklist\/ondemand(\.js|_bg\.wasm)(\?|$)/;

for (const [lang, url, words] of [
  ['en', '/en/checklist/', { kept: /^A copy of saved answers that could not be read is kept/, failed: /^This part of the checklist could not be loaded\./, restored: /copy was restored/ }],
  ['de', '/de/checkliste/', { kept: /^In diesem Browser liegt eine Kopie/, failed: /^Dieser Teil der Checkliste konnte nicht geladen werden\./, restored: /Kopie wurde wiederhergestellt/ }],
]) {
  test(`a backup action whose on-demand module cannot load keeps the backup, says so, and "Try again" restores it (${lang})`, async () => {
    // The backup's actions are the on-demand module's (checklist-wasm/src/ondemand/backup.rs);
    // Playwright cannot route the service worker's requests, so it is blocked here.
    const ctx = await browser.newContext({ viewport: CARDS_VIEWPORT, serviceWorkers: 'block' });
    const page = await ctx.newPage();
    const watch = watchPage(page, server.origin);
    await page.goto(`${server.origin}${url}`);
    await page.waitForSelector('#checklist-app[data-state="ready"]', { timeout: 15000 });
    await addVendor(page, 'From the backup');
    const backup = await record(page, 'workspace');
    await page.click('#cl-remove-vendor');
    await page.click('#cl-confirm-remove-yes');
    await settled(page);
    await putRecord(page, 'unreadable-backup', { revision: 0, text: backup.text });
    const fetched = [];
    page.on('request', (request) => { if (ON_DEMAND.test(request.url())) fetched.push(request.url()); });
    let broken = true;
    await page.route(ON_DEMAND, (route) => (broken ? route.abort('internetdisconnected') : route.continue()));
    await page.reload();
    await page.waitForSelector('#checklist-app[data-state="ready"]');
    assert.match((await panel(page)).text, words.kept);
    assert.equal((await panel(page)).buttons, true);
    assert.deepEqual(fetched, [], 'offering the backup needs nothing of the on-demand module');
    const before = { workspace: await record(page, 'workspace'), backup: await record(page, 'unreadable-backup') };

    for (const button of ['#cl-backup-restore', '#cl-backup-delete']) {
      await page.click(button);
      await page.waitForFunction(() => document.activeElement.id === 'cl-on-demand-retry');
      assert.equal(await page.getAttribute('#cl-app', 'data-on-demand'), 'failed');
      assert.match(await page.textContent('#cl-message'), words.failed);
      assert.equal(await page.getAttribute('#cl-message', 'role'), 'alert');
      const shown = await panel(page);
      assert.ok(shown.shown && shown.buttons, `${button}: the backup is still offered`);
      assert.match(shown.text, words.kept);
      assert.deepEqual(await record(page, 'unreadable-backup'), before.backup, `${button}: the backup is byte-identical`);
      assert.deepEqual(await record(page, 'workspace'), before.workspace, `${button}: the saved work is byte-identical`);
    }
    assert.ok(fetched.length > 0, 'the buttons asked for the module');

    // Back online, "Try again" does what waited, in order: restore, then delete (of a backup
    // the restore's write already deleted, so the panel says the copy is gone).
    broken = false;
    await page.focus('#cl-on-demand-retry');
    await page.keyboard.press('Enter');
    await page.waitForSelector('#cl-app[data-on-demand="ready"]');
    await page.waitForFunction(() => !document.getElementById('cl-backup-restore').checkVisibility());
    await settled(page);
    assert.deepEqual(await page.$$eval('#cl-vendor-select option', (o) => o.map((x) => x.textContent)), ['From the backup']);
    assert.equal(await record(page, 'unreadable-backup'), null, 'the restored backup is deleted');
    assert.equal((await record(page, 'workspace')).text, backup.text, 'the backup’s vendor is saved');
    const { pageErrors, consoleErrors } = watch.problems;
    assert.deepEqual(pageErrors, []);
    assert.ok(consoleErrors.every((e) => /ERR_INTERNET_DISCONNECTED|ondemand/.test(e)), consoleErrors.join('\n'));
    watch.problems.consoleErrors.length = 0;
    watch.assertClean(assert);
    await ctx.close();
  });
}
