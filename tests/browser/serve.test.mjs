// `generator serve` end to end: a copy of the real site is served live; editing a page makes
// the open page reload by itself and show the change. The time from saving the file to the
// change being visible is printed as a figure, not asserted, since machines are noisy (the
// budget is printed by `bench serve`). Later tests edit the title of a page others list, break
// a link by renaming a heading, and rename the theme's class names.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { launchBrowser, watchPage } from './harness.mjs';

const REPO = new URL('../..', import.meta.url).pathname;
const GENERATOR = join(REPO, 'target/release/generator');

let root;
let server;
let origin;
let browser;

before(async () => {
  root = mkdtempSync(join(tmpdir(), 'cc-guide-serve-'));
  for (const entry of ['site.toml', 'content', 'theme']) cpSync(join(REPO, entry), join(root, entry), { recursive: true });
  server = spawn(GENERATOR, ['serve', '--root', root, '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  let errors = '';
  server.stdout.on('data', (chunk) => { output += chunk; });
  server.stderr.on('data', (chunk) => { errors += chunk; });
  origin = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve did not start: ${output}`)), 20000);
    server.stdout.on('data', () => {
      const match = /serving (http:\/\/127\.0\.0\.1:\d+)\//.exec(output);
      if (match) { clearTimeout(timer); resolve(match[1]); }
    });
  });
  server.output = () => output;
  server.errors = () => errors;
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  server?.kill();
});

test('editing a page reloads the open page with the change', async () => {
  const page = await browser.newPage();
  const watcher = watchPage(page, origin);
  await page.goto(`${origin}/de/soc-2/`, { waitUntil: 'load' });
  const file = join(root, 'content/de/soc-2.md');
  const latencies = [];
  for (let edit = 1; edit <= 3; edit += 1) {
    const marker = `Frisch gespeicherter Absatz Nummer ${edit} für den Live-Reload-Test.`;
    const saved = performance.now();
    writeFileSync(file, `${readFileSync(file, 'utf8')}\n${marker}\n`);
    await page.getByText(marker).waitFor({ timeout: 10000 });
    latencies.push(performance.now() - saved);
    await page.waitForTimeout(300);
  }
  const rebuilds = [...server.output().matchAll(/rebuilt in (\d+) ms/g)].map((match) => Number(match[1]));
  const median = [...latencies].sort((a, b) => a - b)[1];
  console.log(`live reload: rebuilds ${rebuilds.join(', ')} ms; change visible ${latencies.map((l) => l.toFixed(0)).join(', ')} ms after saving, median ${median.toFixed(0)} ms (target < 100 ms)`);
  assert.equal(rebuilds.length, 3, 'one rebuild per save');
  watcher.assertClean(assert);
  await page.close();
});

test('editing the stylesheet reloads the page with the new styles', async () => {
  const page = await browser.newPage();
  await page.goto(`${origin}/en/`);
  const file = join(root, 'theme/static/style.css');
  writeFileSync(file, `${readFileSync(file, 'utf8')}\nh1 { letter-spacing: 7px; }\n`);
  await page.waitForFunction(() => getComputedStyle(document.querySelector('h1')).letterSpacing === '7px', null, { timeout: 10000 });
  await page.close();
});

test('the reload script is served only by serve, never written into a build', async () => {
  const html = await (await fetch(`${origin}/en/`)).text();
  assert.match(html, /__live-reload\.js/);
  const built = readFileSync(join(REPO, 'target/test-site/public/en/index.html'), 'utf8');
  // The theme's `data-live-reload` markers are in every page; the script and its events are not.
  assert.doesNotMatch(built, /__live-reload/);
  assert.match(built, /data-live-reload="main"/);
});

/** Waits until the server has printed `count` lines matching `pattern` on stdout or stderr. */
async function waitForServer(stream, pattern, count = 1) {
  const deadline = Date.now() + 10000;
  while ([...server[stream]().matchAll(pattern)].length < count) {
    if (Date.now() > deadline) throw new Error(`serve never printed ${pattern}: ${server[stream]()}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

test('editing a title updates the navigation of an open page that lists it', async () => {
  const page = await browser.newPage();
  const watcher = watchPage(page, origin);
  await page.goto(`${origin}/en/gdpr/`, { waitUntil: 'load' });
  const file = join(root, 'content/en/iso-27001.md');
  const title = 'ISO 27001, retitled for the live-reload test';
  writeFileSync(file, readFileSync(file, 'utf8').replace(/^title = ".*"$/m, `title = "${title}"`));
  await page.locator('[data-live-reload="nav"]').getByRole('link', { name: title }).waitFor({ timeout: 10000 });
  watcher.assertClean(assert);
  await page.close();
});

test('a renamed heading that another page links to is reported, and the last good build stays', async () => {
  const file = join(root, 'content/en/gdpr.md');
  const original = readFileSync(file, 'utf8');
  assert.match(original, /\{#sub-processors[ }]/, 'the guide links to gdpr.md#sub-processors');
  const failures = [...server.errors().matchAll(/rebuild failed/g)].length;
  writeFileSync(file, original.replace('{#sub-processors', '{#subprocessors'));
  await waitForServer('errors', /rebuild failed/g, failures + 1);
  assert.match(server.errors(), /content\/en\/[a-z0-9-]+\.md: line \d+: link to `gdpr\.md#sub-processors` matches no heading of `content\/en\/gdpr\.md` \(did you mean `#subprocessors`\?\)/);
  const html = await (await fetch(`${origin}/en/gdpr/`)).text();
  assert.match(html, /id="sub-processors"/, 'the last good build is still served');
  const rebuilds = [...server.output().matchAll(/rebuilt in/g)].length;
  writeFileSync(file, original);
  await waitForServer('output', /rebuilt in/g, rebuilds + 1);
});

test('live reload swaps the page by its data attributes, whatever the theme calls its classes', async () => {
  const template = join(root, 'theme/templates/base.html');
  const original = readFileSync(template, 'utf8');
  assert.match(original, /class="site-nav"/);
  const rebuilds = [...server.output().matchAll(/rebuilt in/g)].length;
  writeFileSync(template, original.replaceAll('site-nav', 'renamed-nav').replace('<main id="main"', '<main id="main" class="renamed-main"'));
  await waitForServer('output', /rebuilt in/g, rebuilds + 1);
  const page = await browser.newPage();
  const watcher = watchPage(page, origin);
  await page.goto(`${origin}/en/soc-2/`, { waitUntil: 'load' });
  assert.equal(await page.locator('.renamed-nav').count(), 1, 'the renamed theme is served');
  // A swap keeps the document; a reload would start a new one without this property.
  await page.evaluate(() => { window.keptAcrossTheSwap = true; });
  const file = join(root, 'content/en/soc-2.md');
  const marker = 'Swapped in without a reload, under renamed theme classes.';
  writeFileSync(file, `${readFileSync(file, 'utf8')}\n${marker}\n`);
  await page.getByText(marker).waitFor({ timeout: 10000 });
  assert.equal(await page.evaluate(() => window.keptAcrossTheSwap), true, 'the page was swapped, not reloaded');
  writeFileSync(template, original);
  watcher.assertClean(assert);
  await page.close();
});
