// Builds checklist workspaces for the browser tests and the benchmark: vendors with an
// answer to every question of the real definition (the JSON the generator writes), in the
// page's export format, so they load through the page's own import.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SITE_DIR } from './harness.mjs';

/** Reads the checklist definition the generator wrote into the built site. */
export function definition() {
  return JSON.parse(readFileSync(join(SITE_DIR, 'static/checklist/checklist.json'), 'utf8'));
}

/** Returns the export value of answer number `n` to a question (varied, always valid). */
function value(question, n) {
  const kind = question.kind ?? {};
  switch (kind.type) {
    case 'choice': return { option: kind.options[n % kind.options.length].id };
    case 'multi': return { options: [kind.options[n % kind.options.length].id] };
    case 'number': return { number: kind.max - ((kind.max - kind.min) * (n % 5)) / 10 };
    default: return { answer: ['yes', 'partial', 'no'][n % 3] };
  }
}

/**
 * Returns an export document with `count` vendors named `names[i]` (or "Vendor i"), each
 * answering every question.
 */
export function workspaceExport(def, count, names = []) {
  const reference = `${def.meta.id}@${def.meta.version}`;
  const vendors = [];
  for (let v = 0; v < count; v += 1) {
    const answers = {};
    def.questions.forEach((question, i) => {
      answers[question.id] = { value: value(question, i + v), evidence: 'document' };
    });
    vendors.push({ id: `v${v + 1}`, name: names[v] ?? `Vendor ${v + 1}`, answers });
  }
  return { format: 'cc-vendor-checklist', version: 1, checklist: reference, vendors };
}

/** Loads a workspace into an open checklist page through its import, replacing its vendors. */
export async function importWorkspace(page, doc) {
  await page.setInputFiles('#cl-import-file', {
    name: 'workspace.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(doc)),
  });
  const replace = page.locator('#cl-import-replace');
  await Promise.race([
    replace.waitFor({ state: 'visible', timeout: 15000 }).then(() => replace.click()),
    page.waitForFunction((n) => document.querySelectorAll('#cl-vendor-select option').length === n, doc.vendors.length, { timeout: 15000 }),
  ]);
  await page.waitForFunction((n) => document.querySelectorAll('#cl-vendor-select option').length === n, doc.vendors.length);
}
