// Helpers shared by the browser tests of the vendors' side of the questionnaire (response
// mode, `?respond`) and of what gives a vendor the buyer's own questions (the link's
// `#questions=` fragment, the questionnaire file): adding own questions through the buyer's
// tuning panel, opening a file in response mode by the picker or a drop, waiting for response
// mode and its messages, reading the records response mode keeps in IndexedDB, and making and
// reading a link's fragment the way the page does (raw DEFLATE, base64url). The buyer's page
// helpers are checklist-page.mjs's; the test file hands over its session there.
import { readFileSync } from 'node:fs';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { SITE_DIR } from './harness.mjs';
import { onDemand } from './checklist-page.mjs';

/** The IndexedDB database the page saves in (see checklist-wasm/src/idb.rs). */
const DB = 'cc-vendor-checklist';

/** The checklist definition the page serves. */
export const definition = () => JSON.parse(readFileSync(`${SITE_DIR}/static/checklist/checklist.json`, 'utf8'));

/**
 * The yes/no questions of the checklist the page serves (never a hard-coded count) that every
 * vendor sees: a follow-up (`visible_if`) is answerable in response mode, but its row in the
 * buyer's grid stays hidden until the vendor's answer it follows makes it apply, and a hidden
 * cell cannot take focus.
 */
export const yesNoQuestions = () => definition().questions.filter((q) => q.kind.type === 'yes_no' && !q.visible_if).map((q) => q.id);

/** Reads one record of the page's IndexedDB store (`workspace`, `vendor-response-draft`, `vendor-questionnaire`). */
export function record(page, key) {
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

/** Opens the tuning panel's controls, which the on-demand module brings, once. */
export async function openOwnForm(page) {
  if (!(await page.$('#cl-own-form'))) {
    await page.click('#cl-tune-open');
    await onDemand(page);
    await page.waitForSelector('#cl-own-form');
  }
}

/** The ids of the buyer's own questions, in the tuning panel's order (its remove buttons). */
export async function ownQuestionIds(page) {
  return page.$$eval('button[data-role="own-remove"]', (buttons) => buttons.map((b) => b.dataset.item));
}

/**
 * Adds an own question through the tuning panel, into the first section: a yes/no question,
 * or a choice when `options` holds `label = credit` lines. Returns its id, which the page
 * draws at random (`own.q` and eight letters or digits), once the checklist shows it.
 */
export async function addOwnQuestion(page, text, options = '') {
  await openOwnForm(page);
  const before = await ownQuestionIds(page);
  await page.fill('#cl-own-text', text);
  await page.selectOption('#cl-own-section', { index: 0 });
  await page.fill('#cl-own-options', options);
  await page.click('#cl-own-form button[type="submit"]');
  await page.waitForFunction(
    (count) => document.querySelectorAll('button[data-role="own-remove"]').length > count,
    before.length,
  );
  const added = (await ownQuestionIds(page)).filter((id) => !before.includes(id));
  if (added.length !== 1 || !/^own\.q[a-z0-9]{8}$/.test(added[0])) {
    throw new Error(`adding "${text}" gave the own questions ${JSON.stringify(added)}`);
  }
  await page.waitForSelector(`input[name="cl-a-${added[0]}"]`);
  return added[0];
}

/** Opens a file in response mode by the picker. */
export async function pick(page, name, buffer) {
  await page.setInputFiles('#cl-r-questionnaire', { name, mimeType: 'application/json', buffer });
}

/** Opens a file in response mode by dropping it on the form, as a file manager would. */
export async function drop(page, name, buffer) {
  const transfer = await page.evaluateHandle(([name, text]) => {
    const data = new DataTransfer();
    data.items.add(new File([text], name, { type: 'application/json' }));
    return data;
  }, [name, buffer.toString('utf8')]);
  await page.dispatchEvent('#cl-r-questions', 'dragover', { dataTransfer: transfer });
  await page.dispatchEvent('#cl-r-questions', 'drop', { dataTransfer: transfer });
}

/** Clears the message line, runs `open`, and returns the new message with its role. */
export async function nextMessage(page, open) {
  await page.evaluate(() => { document.getElementById('cl-message').textContent = ''; });
  await open();
  await page.waitForFunction(() => document.getElementById('cl-message').textContent !== '');
  return { text: await page.textContent('#cl-message'), role: await page.getAttribute('#cl-message', 'role') };
}

/** Waits until response mode is ready after a navigation or reload. */
export const respondReady = (page) => page.waitForSelector('#checklist-app[data-mode="respond"][data-state="ready"]', { timeout: 15000 });

/** Waits until response mode has written the draft. */
export const draftSaved = (page) => page.waitForSelector('#checklist-app[data-save="saved"]');

/** The ids of the questions response mode shows, in order. */
export const shownQuestions = (page) => page.$$eval('#cl-r-questions fieldset.cl-question', (list) => list.map((q) => q.id));

/** The own questions (`own.…`) response mode shows, by question id, in order. */
export async function shownOwnQuestions(page) {
  return (await shownQuestions(page)).filter((id) => id.startsWith('cl-q-own.')).map((id) => id.slice('cl-q-'.length));
}

/** Reads the own questions a respond link carries (its `#questions=v1.` fragment), as the page would. */
export function linkQuestions(link) {
  const data = new URL(link).hash.replace(/^#questions=v1\./, '');
  return JSON.parse(inflateRawSync(Buffer.from(data, 'base64url')).toString('utf8'));
}

/** Makes a respond link's fragment for own questions (the tuning JSON `{sections, questions}`), as the page would. */
export function questionsFragment(questions) {
  return `#questions=v1.${deflateRawSync(Buffer.from(JSON.stringify(questions))).toString('base64url')}`;
}
