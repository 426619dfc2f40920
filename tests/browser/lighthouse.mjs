// Lighthouse report (mobile) for one guide page and the checklist page, served by nginx under
// /guide/ with the recommended headers. It prints the four category scores and every audit
// that did not pass. It is a report, not a timed gate: scores move with machine load. When
// Lighthouse itself fails on a page (a runtime error such as NO_NAVSTART, which leaves every
// score empty), it tries that page once more; if it fails again, the page's row says "not
// audited" with the reason instead of printing scores of 0 that were never measured.
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
// Runs Lighthouse on one page; a thrown error or a missing result counts as a runtime error.
async function audit(url) {
  try {
    const result = await lighthouse(url, { port: chrome.port, onlyCategories: CATEGORIES, logLevel: 'error' });
    return result ?? { lhr: { runtimeError: { code: 'NO_RESULT', message: 'Lighthouse returned no result' } } };
  } catch (error) {
    return { lhr: { runtimeError: { code: error.code ?? 'ERROR', message: error.message } } };
  }
}

try {
  const rows = [];
  const failures = [];
  for (const path of PAGES) {
    const url = `${server.base}${path}`;
    let result = await audit(url);
    if (result.lhr.runtimeError) {
      const { code } = result.lhr.runtimeError;
      console.log(`  ${path}: Lighthouse could not audit the page (${code}); trying once more`);
      result = await audit(url);
    }
    const { categories, audits, runtimeError, runWarnings } = result.lhr;
    for (const warning of runWarnings ?? []) console.log(`  ${path}: ${warning}`);
    if (runtimeError) {
      const reason = `${runtimeError.code}: ${runtimeError.message}`;
      console.log(`  ${path}: Lighthouse could not audit the page twice: ${reason}`);
      rows.push(`| /guide/${path} | ${CATEGORIES.map(() => 'not audited').join(' | ')} |`);
      failures.push(`/guide/${path}: not audited (${reason})`);
      continue;
    }
    const scores = CATEGORIES.map((id) => Math.round((categories[id].score ?? 0) * 100));
    rows.push(`| /guide/${path} | ${scores.join(' | ')} |`);
    for (const id of CATEGORIES) {
      for (const ref of categories[id].auditRefs) {
        const found = audits[ref.id];
        if (ref.weight > 0 && found.score !== null && found.score < 1) {
          console.log(`  ${path} ${id}: ${found.id} (${Math.round(found.score * 100)}): ${found.title}`);
        }
      }
    }
  }
  console.log(`\n| page (mobile) | ${CATEGORIES.join(' | ')} |\n|---|---|---|---|---|\n${rows.join('\n')}`);
  for (const failure of failures) console.log(failure);
} finally {
  await chrome.kill();
  await server.stop();
}
