// Browser tests of the checklist's on-demand module (checklist-wasm/src/lazy.rs and ondemand/):
// the first load of the checklist page does not fetch it; the first import, share link, CSV
// export or comparison report does, with a status while it loads; and a load that fails
// (offline, a server error) changes nothing, says so in plain words and offers "Try again",
// in both languages. The moved features themselves are tested where they were before
// (checklist.test.mjs, checklist-bugs.test.mjs, checklist-responses.test.mjs).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { useServerAndBrowser } from './harness.mjs';
import {
  CARDS_VIEWPORT, useSession, openChecklist, stored, addVendor, answer, fillTwoVendors, onDemand, settled,
} from './checklist-page.mjs';

let server;
let browser;

useServerAndBrowser((started, launched) => {
  server = started;
  browser = launched;
  useSession({ server, browser });
});

const ON_DEMAND = /\/static\/checklist\/ondemand(\.js|_bg\.wasm)(\?|$)/;

/** A fresh profile whose requests the test can hold or break: Playwright cannot route requests
 * that the site's service worker (offline reading) makes, so it is blocked here. */
function routable() {
  return browser.newContext({ viewport: CARDS_VIEWPORT, serviceWorkers: 'block' });
}

test('the first load of the checklist page does not fetch the on-demand module; the first CSV export does, and says it is loading', async () => {
  const { ctx, page, watch } = await openChecklist(`${server.origin}/en/checklist/`, { context: await routable() });
  const fetched = [];
  page.on('request', (request) => { if (ON_DEMAND.test(request.url())) fetched.push(request.url()); });
  await addVendor(page, 'Acme');
  await answer(page, 'cert.scope', 'v:yes');
  await settled(page);
  assert.deepEqual(fetched, [], 'nothing of the on-demand module is fetched to show and score the checklist');
  assert.equal(await page.evaluate(() => performance.getEntriesByType('resource')
    .filter((entry) => /ondemand/.test(entry.name)).length), 0, 'nor was it fetched before the listener');

  // Hold the module back to see the busy state.
  let release;
  const held = new Promise((resolve) => { release = resolve; });
  await page.route(ON_DEMAND, async (route) => { await held; await route.continue(); });
  const download = page.waitForEvent('download');
  await page.click('#cl-export-csv');
  await page.waitForSelector('#cl-app[data-on-demand="loading"]');
  assert.equal(await page.textContent('#cl-live'), 'Loading this part of the checklist …', 'the busy state is announced');
  assert.equal(await page.getAttribute('#cl-live', 'aria-live'), 'polite');
  assert.equal(await page.evaluate(() => getComputedStyle(document.getElementById('cl-app')).cursor), 'progress');
  release();
  assert.equal((await download).suggestedFilename(), 'vendor-checklist.csv');
  await onDemand(page);
  assert.equal(await page.textContent('#cl-live'), '', 'the busy announcement goes when the module is there');
  assert.deepEqual(fetched.map((url) => new URL(url).pathname),
    ['/static/checklist/ondemand.js', '/static/checklist/ondemand_bg.wasm']);
  watch.assertClean(assert);
  await ctx.close();
});

for (const [lang, url, words] of [
  ['en', '/en/checklist/', { failed: /^This part of the checklist could not be loaded\. Are you offline\? Your data is unchanged\./, retry: 'Try again' }],
  ['de', '/de/checkliste/', { failed: /^Dieser Teil der Checkliste konnte nicht geladen werden\. Sind Sie offline\? Ihre Daten sind unverändert\./, retry: 'Erneut versuchen' }],
]) {
  test(`a failed load of the on-demand module leaves the data byte-identical, says so, and "Try again" finishes the share link (${lang})`, async () => {
    const { ctx, page, watch } = await openChecklist(`${server.origin}${url}`, { context: await routable() });
    let broken = true;
    await page.route(ON_DEMAND, (route) => (broken ? route.abort('internetdisconnected') : route.continue()));
    // The second vendor's comparison already tries the module (and fails) without moving focus.
    await fillTwoVendors(page);
    await page.waitForSelector('#cl-app[data-on-demand="failed"]');
    const before = await stored(page);
    await page.click('#cl-share');
    // The share link's own load fails too, and this time the buyer asked: focus moves to "Try again".
    await page.waitForFunction(() => document.activeElement.id === 'cl-on-demand-retry');
    await page.waitForSelector('#cl-app[data-on-demand="failed"]');
    assert.match(await page.textContent('#cl-message'), words.failed);
    assert.equal(await page.getAttribute('#cl-message', 'role'), 'alert');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'cl-on-demand-retry', 'focus is on "Try again"');
    assert.equal(await page.textContent('#cl-on-demand-retry'), words.retry);
    assert.equal(await page.isVisible('#cl-share-field'), false, 'no link is offered');
    assert.equal(await stored(page), before, 'the saved data is byte-identical');
    // The workspace itself keeps working while the module is missing.
    await answer(page, 'cert.scope', 'v:no');
    const edited = await stored(page);
    assert.notEqual(edited, before);

    broken = false;
    await page.focus('#cl-on-demand-retry');
    await page.keyboard.press('Enter');
    await onDemand(page);
    await page.waitForSelector('#cl-share-field:not([hidden])');
    assert.match(await page.inputValue('#cl-share-url'), /#share=v1\./);
    assert.equal(await page.evaluate(() => document.activeElement.id), 'cl-share-url', 'focus lands on the link');
    assert.equal(await page.isVisible('#cl-on-demand'), false, '"Try again" goes');
    assert.equal(await stored(page), edited, 'loading changed nothing');
    await page.waitForSelector('#cl-compare tbody tr >> nth=1');
    assert.equal(await page.$('#cl-comparison-status'), null, 'the comparison that waited is filled too');
    // The aborted requests are the only errors.
    const { consoleErrors, pageErrors } = watch.problems;
    assert.deepEqual(pageErrors, []);
    assert.ok(consoleErrors.length > 0 && consoleErrors.every((e) => /ERR_INTERNET_DISCONNECTED|ondemand/.test(e)), consoleErrors.join('\n'));
    watch.problems.consoleErrors.length = 0;
    watch.assertClean(assert);
    await ctx.close();
  });
}

for (const [lang, url, words] of [
  ['en', '/en/checklist/', { loading: 'Loading the comparison of all vendors …', failed: /^The comparison of all vendors could not be loaded\. Your data and each vendor’s results are unchanged/ }],
  ['de', '/de/checkliste/', { loading: 'Der Vergleich aller Anbieter wird geladen …', failed: /^Der Vergleich aller Anbieter konnte nicht geladen werden\. Ihre Daten und die Ergebnisse jedes Anbieters sind unverändert/ }],
]) {
  test(`the comparison of a returning buyer's vendors appears when the on-demand module loads late, and says so when it cannot load (${lang})`, async () => {
    const ctx = await routable();
    const { page, watch } = await openChecklist(`${server.origin}${url}`, { context: ctx });
    await fillTwoVendors(page);
    await page.waitForSelector('#cl-compare tbody tr >> nth=1');
    const before = await stored(page);

    // Back later, with the module held back: the workspace is ready and usable first.
    let release;
    const held = new Promise((resolve) => { release = resolve; });
    await page.route(ON_DEMAND, async (route) => { await held; await route.continue(); });
    await page.reload();
    await page.waitForSelector('#checklist-app[data-state="ready"]', { timeout: 15000 });
    if (!(await page.isChecked('#cl-view-cards'))) await page.check('#cl-view-cards');
    await page.waitForSelector('#cl-app[data-on-demand="loading"]');
    assert.equal(await page.textContent('#cl-comparison-status'), words.loading, 'the comparison region says it is loading');
    assert.equal(await page.getAttribute('#cl-live', 'aria-live'), 'polite');
    assert.equal(await page.$('#cl-compare'), null);
    assert.ok(await page.isVisible('#cl-verdict'), 'the vendor’s own results stay');
    assert.ok(await page.$('#cl-summary .cl-badge'), 'the verdict badge stays');
    await answer(page, 'cert.scope', 'v:no');
    assert.notEqual(await stored(page), before, 'the workspace works while the module loads');
    release();
    await page.waitForSelector('#cl-compare tbody tr >> nth=1');
    assert.equal(await page.$('#cl-comparison-status'), null);
    assert.ok(await page.$('#cl-chart'));
    await page.unroute(ON_DEMAND);

    // Back again while the module cannot load: plain words and "Try again", focus left alone.
    let broken = true;
    await page.route(ON_DEMAND, (route) => (broken ? route.abort('internetdisconnected') : route.continue()));
    await page.reload();
    await page.waitForSelector('#checklist-app[data-state="ready"]', { timeout: 15000 });
    await page.waitForSelector('#cl-app[data-on-demand="failed"]');
    assert.match(await page.textContent('#cl-comparison-status'), words.failed);
    assert.equal(await page.getAttribute('#cl-message', 'role'), 'alert');
    assert.ok(await page.isVisible('#cl-on-demand-retry'));
    assert.notEqual(await page.evaluate(() => document.activeElement.id), 'cl-on-demand-retry', 'a load the page started does not take focus');
    broken = false;
    await page.click('#cl-on-demand-retry');
    await page.waitForSelector('#cl-compare tbody tr >> nth=1');
    assert.equal(await page.$('#cl-comparison-status'), null);
    watch.problems.consoleErrors.length = 0;
    watch.assertClean(assert);
    await ctx.close();
  });
}

test('a share link opened while the on-demand module cannot load stays in the address and opens with "Try again"', async () => {
  const { ctx, page } = await openChecklist(`${server.origin}/en/checklist/`);
  await fillTwoVendors(page);
  await page.click('#cl-share');
  await onDemand(page);
  const link = await page.inputValue('#cl-share-url');
  await ctx.close();

  const fresh = await routable();
  let broken = true;
  await fresh.route(ON_DEMAND, (route) => (broken ? route.abort('internetdisconnected') : route.continue()));
  const { page: opened } = await openChecklist(link, { context: fresh });
  await opened.waitForSelector('#cl-app[data-on-demand="failed"]');
  assert.equal(await opened.evaluate(() => location.hash.startsWith('#share=v1.')), true, 'the link is kept');
  assert.equal(await opened.isVisible('#cl-prompt'), false);
  broken = false;
  await opened.click('#cl-on-demand-retry');
  await opened.waitForSelector('#cl-prompt:not([hidden])');
  assert.match(await opened.textContent('#cl-prompt'), /Acme Cloud, Beta Voice/);
  assert.equal(await opened.evaluate(() => location.hash), '', 'the fragment is removed once read');
  assert.equal(await opened.evaluate(() => document.activeElement.id), 'cl-import-replace');
  await fresh.close();
});

for (const [lang, url] of [['en', '/en/checklist/'], ['de', '/de/checkliste/']]) {
  test(`opening the tuning and the condition panel loads their controls on demand, and focus lands on the first (${lang})`, async () => {
    const { ctx, page, watch } = await openChecklist(`${server.origin}${url}`, { context: await routable() });
    const fetched = [];
    page.on('request', (request) => { if (ON_DEMAND.test(request.url())) fetched.push(request.url()); });
    await addVendor(page, 'Acme');
    await answer(page, 'cert.scope', 'v:no');
    assert.equal(await page.$('#cl-own-form'), null, 'the tuning controls are not there before they are asked for');
    assert.equal(await page.$('#cl-tune-body *'), null);
    await page.focus('#cl-tune-open');
    await page.keyboard.press('Enter');
    await onDemand(page);
    await page.waitForSelector('#cl-own-form');
    assert.equal(await page.evaluate(() => document.activeElement.tagName), 'SUMMARY', 'focus is on the first control');
    assert.equal(await page.isVisible('#cl-tune-open'), false, 'the opening button goes');
    assert.equal(fetched.length, 2, 'the module is fetched once');
    await page.focus('#cl-conditions-open');
    await page.keyboard.press('Enter');
    await page.waitForSelector('[id="cl-ct-cert.scope"]');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'cl-ct-cert.scope', 'focus is on the first condition');
    assert.equal(fetched.length, 2, 'and not fetched again');
    watch.assertClean(assert);
    await ctx.close();
  });
}

test('the offline list of each language saves the on-demand module with the checklist', () => {
  for (const lang of ['en', 'de']) {
    const files = JSON.parse(readFileSync(new URL(`../../target/test-site/public/offline/${lang}.json`, import.meta.url), 'utf8'));
    for (const file of ['static/checklist/checklist_bg.wasm', 'static/checklist/ondemand.js', 'static/checklist/ondemand_bg.wasm']) {
      assert.ok(files.some((f) => f.endsWith(file)), `${lang}: ${file} is saved for offline reading`);
    }
  }
});
