// Browser tests of the checklist's backup of saved data it cannot read: the real wasm bundles
// in Chromium on the built site, with the page's own IndexedDB. The backup is kept as a record
// of its own (`unreadable-backup`) and offered in the storage panel, whose Restore, Download
// and Delete are the on-demand module's (checklist-wasm/src/ondemand/backup.rs). Each test is
// named after a way the backup could be lost or the buyer left without a word: a backup that
// cannot be made, a store that cannot be opened, a module that cannot load.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { watchPage, useServerAndBrowser } from './harness.mjs';
import {
  CARDS_VIEWPORT, COMPACT, useSession, openChecklist, openWithVendor, openWithUnreadableSave,
  settled, record, putRecord, stubFailingPuts, answer, addVendor, download, panel,
} from './storage-page.mjs';

let server;
let browser;

useServerAndBrowser((started, launched) => {
  server = started;
  browser = launched;
  useSession({ server });
});

test('unreadable saved data is kept as a real backup that can be downloaded, and the page says so', async () => {
  const ctx = await browser.newContext({ viewport: CARDS_VIEWPORT });
  const { page, watch } = await openChecklist(ctx);
  const broken = '{"format": "cc-vendor-checklist", "vendors": [';
  await openWithUnreadableSave(page, broken, 7);
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
  await openWithUnreadableSave(page, broken, 7);
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
