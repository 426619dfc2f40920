// The Nu HTML Checker gate can fail: a page with an HTML error is reported, and a checker
// that does not run (no Java, or a "Java" that exits cleanly without checking anything)
// fails the gate instead of passing as "no messages".
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { nuCheckerErrors } from './nu-checker.mjs';

/** A folder with one valid page and, with `fault`, one page with an HTML error. */
function site({ fault }) {
  const dir = mkdtempSync(join(tmpdir(), 'cc-guide-vnu-site-'));
  mkdirSync(join(dir, 'en'));
  writeFileSync(join(dir, 'en/index.html'), '<!DOCTYPE html><html lang="en"><head><title>ok</title></head><body><p>fine</p></body></html>');
  if (fault) {
    writeFileSync(join(dir, 'broken.html'), '<!DOCTYPE html><html lang="en"><head><title>bad</title></head><body><ul><p>not a list item</p></ul></body></html>');
  }
  return dir;
}

test('a valid folder has no Nu HTML Checker errors', async () => {
  assert.deepEqual(await nuCheckerErrors(site({ fault: false })), []);
});

test('a page with an HTML error is reported with its file and line', async () => {
  const errors = await nuCheckerErrors(site({ fault: true }));
  assert.equal(errors.length, 1, errors.join('\n'));
  assert.match(errors[0], /^broken\.html:1: Element “p” not allowed as child of element “ul”/);
});

test('the Nu HTML Checker gate fails when Java is missing', async () => {
  await assert.rejects(nuCheckerErrors(site({ fault: false }), { java: '/nonexistent/java' }), /did not run/);
});

test('the Nu HTML Checker gate fails when the checker exits cleanly without a report', async () => {
  // `true` ignores its arguments and exits with 0, as a broken Java wrapper might.
  await assert.rejects(nuCheckerErrors(site({ fault: true }), { java: 'true' }), /printed no JSON report/);
});
