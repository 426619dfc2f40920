// Runs axe-core against WCAG 2.1 A and AA, on one page (axeViolations) or on every page of a
// site in light and dark mode (axeOnEveryPage), for every browser test that checks
// accessibility. It throws unless axe really checked: axe only logs a warning for a tag it
// does not know and then runs no rule of it, which would read as "no violations". So one
// rule of each level (A, AA, 2.1 AA) must be among the rules axe ran, whether it found
// something to check on the page or not.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** The WCAG 2.1 A and AA tags of axe-core's rules. */
export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** One rule of each level that axe runs by default on every page; each must run. */
const RULES_THAT_MUST_RUN = ['document-title', 'color-contrast', 'avoid-inline-spacing'];

/**
 * Runs axe-core (WCAG 2.1 A and AA) on the page's document and returns its violations as
 * `rule: target, target` lines; throws when a rule of `RULES_THAT_MUST_RUN` did not run.
 * page.evaluate runs through the DevTools protocol, which the page's CSP does not block.
 */
export async function axeViolations(page, tags = WCAG_TAGS) {
  await page.evaluate(AXE_SOURCE);
  const result = await page.evaluate((values) => window.axe.run(document, { runOnly: { type: 'tag', values } }), tags);
  const ran = new Set([result.passes, result.violations, result.incomplete, result.inapplicable].flat().map((rule) => rule.id));
  const missing = RULES_THAT_MUST_RUN.filter((id) => !ran.has(id));
  if (missing.length > 0) {
    throw new Error(`axe-core did not run ${missing.join(', ')} (tags ${tags.join(', ')}; ${ran.size} rules ran)`);
  }
  return result.violations.map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.slice(0, 5).map((n) => n.target.join(' ')).join(', ')}`);
}

/** The colour schemes every page is checked in. */
export const COLOR_SCHEMES = ['light', 'dark'];

/**
 * Loads every path of `paths` below `origin` in each colour scheme and runs axeViolations on
 * it; returns the violations of all of them as `scheme path: violation` lines (none: `[]`),
 * so one failing page does not hide the others.
 */
export async function axeOnEveryPage(browser, origin, paths, colorSchemes = COLOR_SCHEMES) {
  const failures = [];
  for (const colorScheme of colorSchemes) {
    const context = await browser.newContext({ colorScheme });
    const page = await context.newPage();
    for (const path of paths) {
      await page.goto(`${origin}${path}`, { waitUntil: 'networkidle' });
      for (const violation of await axeViolations(page)) failures.push(`${colorScheme} ${path}: ${violation}`);
    }
    await context.close();
  }
  return failures;
}
