// Lighthouse report (mobile) for one guide page and the checklist page, served by nginx under
// /guide/ with the recommended headers. It prints the four category scores and every audit
// that did not pass. It is a report, not a timed gate: scores move with machine load.
import lighthouse from 'lighthouse';
import * as chromeLauncher from 'chrome-launcher';
import { startNginx } from './harness.mjs';

const PAGES = ['en/soc-2/', 'de/checkliste/'];
const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'];

const server = await startNginx();
const chrome = await chromeLauncher.launch({
  chromePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
  chromeFlags: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
try {
  const rows = [];
  for (const path of PAGES) {
    const url = `${server.base}${path}`;
    const result = await lighthouse(url, { port: chrome.port, onlyCategories: CATEGORIES, logLevel: 'error' });
    const { categories, audits, runtimeError, runWarnings } = result.lhr;
    if (runtimeError) console.log(`  ${path}: Lighthouse could not audit the page: ${runtimeError.code}: ${runtimeError.message}`);
    for (const warning of runWarnings ?? []) console.log(`  ${path}: ${warning}`);
    const scores = CATEGORIES.map((id) => Math.round((categories[id].score ?? 0) * 100));
    rows.push(`| /guide/${path} | ${scores.join(' | ')} |`);
    for (const id of CATEGORIES) {
      for (const ref of categories[id].auditRefs) {
        const audit = audits[ref.id];
        if (ref.weight > 0 && audit.score !== null && audit.score < 1) {
          console.log(`  ${path} ${id}: ${audit.id} (${Math.round(audit.score * 100)}): ${audit.title}`);
        }
      }
    }
  }
  console.log(`\n| page (mobile) | ${CATEGORIES.join(' | ')} |\n|---|---|---|---|---|\n${rows.join('\n')}`);
} finally {
  await chrome.kill();
  await server.stop();
}
