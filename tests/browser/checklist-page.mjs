// Helpers shared by the checklist's browser test files: opening the checklist page in the
// one-vendor cards, answering, adding vendors, reading what autosave stored, exporting and
// importing through the page, and scoring an export natively with the core. Each test file
// starts its own server and browser and hands them over with `useSession`.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { SITE_DIR, watchPage } from './harness.mjs';

const REPO = new URL('../..', import.meta.url).pathname;
// Where the page saves (IndexedDB database, object store, record); see checklist-wasm/src/idb.rs.
const STORAGE_DB = 'cc-vendor-checklist';
export const WORK = mkdtempSync(join(tmpdir(), 'cc-checklist-test-'));

// These tests use the one-vendor-at-a-time cards, which windows narrower than 64rem show;
// the question × vendor grid of wider windows is tested in checklist-grid.test.mjs.
export const CARDS_VIEWPORT = { width: 1000, height: 800 };

let server;
let browser;

/** Hands the test file's static server and browser to the helpers below. */
export function useSession(session) {
  ({ server, browser } = session);
}

/** Opens a checklist page in a context (a fresh profile unless one is given) and waits for the engine. */
export async function openChecklist(url, { context, origin = server.origin } = {}) {
  const ctx = context ?? await browser.newContext({ viewport: CARDS_VIEWPORT });
  const page = await ctx.newPage();
  const watch = watchPage(page, origin);
  const dialogs = [];
  page.on('dialog', async (dialog) => { dialogs.push(dialog.message()); await dialog.dismiss(); });
  await page.goto(url);
  await page.waitForSelector('#checklist-app[data-state="ready"]', { timeout: 15000 });
  // Wide windows open the grid; these tests use the cards (see CARDS_VIEWPORT).
  if (!(await page.isChecked('#cl-view-cards'))) await page.check('#cl-view-cards');
  return { ctx, page, watch, dialogs };
}

/** Picks an answer (radio value `v:yes`, `o:<option>`) of a question of the vendor being edited. */
export async function answer(page, question, value) {
  await page.check(`input[name="cl-a-${question}"][value="${value}"]`);
}

let nodeModule = null;

/**
 * Returns saved text as the export JSON it stands for: the page saves the workspace in a
 * compact form (checklist_core::saved), which the page's own on-demand module, loaded here in
 * Node, writes as the export of the checklist it names (as for a backup's download);
 * anything else comes back as it is.
 */
export async function asExport(text) {
  nodeModule ??= (async () => {
    const module = await import(pathToFileURL(join(SITE_DIR, 'static/checklist/ondemand.js')).href);
    await module.default({ module_or_path: readFileSync(join(SITE_DIR, 'static/checklist/ondemand_bg.wasm')) });
    return module;
  })();
  return text === null ? null : (await nodeModule).backup_file(text);
}

/** Returns what autosave wrote, as export JSON (see `asExport`), once no save is pending. */
export async function stored(page) {
  return asExport(await storedText(page));
}

/** Returns the text autosave wrote (the compact form), once no save is pending. */
export async function storedText(page) {
  await page.waitForSelector('#checklist-app:not([data-save="saving"])');
  return page.evaluate((name) => new Promise((resolve, reject) => {
    const open = indexedDB.open(name);
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const get = open.result.transaction('records').objectStore('records').get('workspace');
      get.onerror = () => reject(get.error);
      get.onsuccess = () => { open.result.close(); resolve(get.result?.text ?? null); };
    };
  }), STORAGE_DB);
}

/** Clicks the JSON export button and returns the downloaded text. */
export async function exportJson(page) {
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#cl-export-json')]);
  assert.equal(download.suggestedFilename(), 'vendor-checklist.json');
  return readFileSync(await download.path(), 'utf8');
}

/** Scores an export with the core natively (`checklist-core`'s `score` example). */
export function scoreNatively(exportText) {
  const exportPath = join(WORK, `export-${Date.now()}.json`);
  writeFileSync(exportPath, exportText);
  const output = execFileSync('cargo', [
    'run', '-q', '--release', '-p', 'checklist-core', '--example', 'score', '--',
    join(SITE_DIR, 'static/checklist/checklist.json'), exportPath,
  ], { cwd: REPO, encoding: 'utf8' });
  return JSON.parse(output);
}

/** Adds a vendor by name through the add form. */
export async function addVendor(page, name) {
  await page.fill('#cl-new-vendor', name);
  await page.click('#cl-add-vendor');
}

/** Waits until the comparison, rendered right after the next paint when an answer changes, is current;
 * with two vendors the on-demand module fills it, so this also waits for that module's load to end. */
export async function settled(page) {
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0))));
  await page.waitForFunction(() => !document.getElementById('cl-comparison-status')
    || document.getElementById('cl-app').dataset.onDemand === 'failed');
}

/** Waits until the on-demand module is no longer loading: the page loads it the first time an
 * import, a share link, the CSV export, the comparison report or the comparison of two vendors
 * needs it (checklist-wasm/src/lazy.rs). */
export function onDemand(page) {
  return page.waitForSelector('#cl-app:not([data-on-demand="loading"])');
}

/** Fills two vendors partly: one strong on certificates, one that fails the DPA rule. */
export async function fillTwoVendors(page) {
  await addVendor(page, 'Acme Cloud');
  await answer(page, 'cert.soc2', 'o:type2');
  await answer(page, 'cert.scope', 'v:yes');
  await answer(page, 'gdpr.dpa', 'v:yes');
  await answer(page, 'tsc.cuec', 'v:partial');
  await page.selectOption('#cl-ev-cert\\.soc2', 'independent_report');
  await page.fill('#cl-num-avail\\.sla', '99.9');
  await page.fill('#cl-note-cert\\.scope', 'Scope covers EU hosting.');
  await addVendor(page, 'Beta Voice');
  await answer(page, 'cert.iso27001', 'o:valid');
  await answer(page, 'gdpr.dpa', 'v:no');
  await page.check('input[name="cl-a-cert.other"][value]:not([value=""])');
  await page.uncheck('#cl-rule-ko\\.uptime');
  await settled(page);
}

/** Returns an export of this page with its vendors replaced by `vendors` (id and name each). */
export async function exportWith(page, vendors) {
  const doc = JSON.parse(await exportJson(page));
  doc.vendors = vendors.map(([id, name]) => ({ id, name, answers: {}, disabled_soft_rules: [] }));
  return JSON.stringify(doc);
}

/** Picks a file with this text in the import field. */
export async function importText(page, name, text) {
  await page.setInputFiles('#cl-import-file', { name, mimeType: 'application/json', buffer: Buffer.from(text) });
}
