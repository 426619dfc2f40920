import { startStaticServer, launchBrowser } from './harness.mjs';
import { definition, workspaceExport, importWorkspace } from './workspace-fixture.mjs';
const server = await startStaticServer();
const browser = await launchBrowser();
const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
const page = await context.newPage();
await page.goto(`${server.origin}/en/checklist/`);
await page.waitForSelector('#checklist-app[data-state="ready"]');
const def = definition();
await importWorkspace(page, workspaceExport(def, 50));
await page.waitForSelector('#cl-grid');
const yesNo = def.questions.map((q, i) => [q, i]).filter(([q]) => q.kind.type === 'yes_no').map(([, i]) => i);
const rows = [];
for (let n = 0; n < 40; n += 1) {
  const cell = `#cl-gc-${yesNo[n % yesNo.length]}-${(n * 7) % 50 + 1}`;
  await page.focus(cell);
  await page.keyboard.press('Enter');
  rows.push(await page.evaluate(async (choice) => {
    const select = document.activeElement;
    select.value = select.value === choice ? 'v:unknown' : choice;
    const t0 = performance.now();
    select.dispatchEvent(new Event('change', { bubbles: true }));
    const t1 = performance.now();
    void document.body.offsetHeight;
    const t2 = performance.now();
    return [t1 - t0, t2 - t1];
  }, ['v:yes', 'v:no', 'v:partial'][n % 3]));
  await page.keyboard.press('Escape');
}
const med = (a) => a.sort((x, y) => x - y)[Math.floor(a.length / 2)];
console.log('script median', med(rows.map((r) => r[0])).toFixed(1), 'max', Math.max(...rows.map((r) => r[0])).toFixed(1));
console.log('layout median', med(rows.map((r) => r[1])).toFixed(1), 'max', Math.max(...rows.map((r) => r[1])).toFixed(1));
// CPU profile of 20 edits
const cdp = await context.newCDPSession(page);
await cdp.send('Profiler.enable');
await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
await cdp.send('Profiler.start');
for (let n = 0; n < 20; n += 1) {
  const cell = `#cl-gc-${yesNo[n % yesNo.length]}-${(n * 3) % 50 + 1}`;
  await page.focus(cell);
  await page.keyboard.press('Enter');
  await page.evaluate((choice) => { const s = document.activeElement; s.value = s.value === choice ? 'v:unknown' : choice; s.dispatchEvent(new Event('change', { bubbles: true })); void document.body.offsetHeight; }, ['v:yes', 'v:no'][n % 2]);
  await page.keyboard.press('Escape');
}
const { profile } = await cdp.send('Profiler.stop');
const self = new Map();
const dt = profile.timeDeltas; const byId = new Map(profile.nodes.map((n) => [n.id, n]));
profile.samples.forEach((id, i) => { const n = byId.get(id); const k = `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.split('/').pop()}`; self.set(k, (self.get(k) ?? 0) + (dt[i] ?? 0)); });
[...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, 25).forEach(([k, v]) => console.log((v / 1000).toFixed(1), 'ms', k));
await browser.close(); await server.stop();
