// Helpers shared by the browser tests of saving the checklist (checklist-storage.test.mjs)
// and of its backup of unreadable data (checklist-backup.test.mjs): opening the page, reading
// and writing records of its IndexedDB database, failing its writes, and reading the storage
// panel. The record layout is the one checklist-wasm/src/idb.rs writes: database
// `cc-vendor-checklist`, object store `records`, records `workspace` and `unreadable-backup`,
// each `{revision, text}`. Each test file starts its own server and browser and hands them
// over with `useSession`.
import { readFileSync } from 'node:fs';
import { watchPage } from './harness.mjs';
import { asExport } from './checklist-page.mjs';

// These tests type into the one-vendor cards, which are the view below the grid's breakpoint.
export const CARDS_VIEWPORT = { width: 1000, height: 800 };

let server;

/** Hands the test file's static server to the helpers below. */
export function useSession(session) {
  ({ server } = session);
}

/** Opens the English checklist in a context and waits for the engine. */
export async function openChecklist(ctx) {
  const page = await ctx.newPage();
  const watch = watchPage(page, server.origin);
  await page.goto(`${server.origin}/en/checklist/`);
  await page.waitForSelector('#checklist-app[data-state="ready"]', { timeout: 15000 });
  return { page, watch };
}

/** Opens the checklist in a fresh context with one vendor, `Vendor 1`, saved. */
export async function openWithVendor(ctx) {
  const opened = await openChecklist(ctx);
  await addVendor(opened.page, 'Vendor 1');
  await settled(opened.page);
  return opened;
}

/** Waits until no save is pending. */
export async function settled(page) {
  await page.waitForSelector('#checklist-app:not([data-save="saving"])');
}

/** Reads a record of the page's database (`null` if missing), once no save is pending. */
export async function record(page, key) {
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
export async function savedJson(page, key = 'workspace') {
  return JSON.parse(await asExport((await record(page, key)).text));
}

/** The start of a save in the compact form: its format and version. */
export const COMPACT = 'ccw1;';

/** Returns a save in the compact form with its first field, the checklist `id@version`, replaced. */
export function withReference(text, reference) {
  const [head, length] = /^ccw1;(\d+):/.exec(text);
  return `${COMPACT}${reference.length}:${reference}${text.slice(head.length + Number(length))}`;
}

/** Puts a record into the page's database, as another version of the page might. */
export function putRecord(page, key, value) {
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
export function stubFailingPuts(page) {
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
export async function answer(page, question, value) {
  await page.check(`input[name="cl-a-${question}"][value="${value}"]`);
}

/** Adds a vendor by name through the add form. */
export async function addVendor(page, name) {
  await page.fill('#cl-new-vendor', name);
  await page.click('#cl-add-vendor');
}

/** Clicks a button that downloads a file and returns the file's name and text. */
export async function download(page, selector) {
  const [file] = await Promise.all([page.waitForEvent('download'), page.click(selector)]);
  return { name: file.suggestedFilename(), text: readFileSync(await file.path(), 'utf8') };
}

/** The storage panel: whether it shows, its text, and whether its backup buttons show. */
export async function panel(page) {
  return {
    shown: await page.isVisible('#cl-storage'),
    text: await page.textContent('#cl-storage-text'),
    buttons: await page.isVisible('#cl-backup-restore'),
  };
}

/** Saves data the page cannot read, reloads, and waits until the page has kept it as a backup. */
export async function openWithUnreadableSave(page, text, revision) {
  await putRecord(page, 'workspace', { revision, text });
  await page.reload();
  await page.waitForSelector('#checklist-app[data-state="ready"]');
  await settled(page);
}
