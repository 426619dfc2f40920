// Runs the Nu HTML Checker (vnu.jar from npm, on the machine's Java) over a folder of HTML
// and returns its error messages. It trusts an empty list only when the checker really ran:
// it must print its JSON report, name every HTML file it checked, and report the error of a
// canary page with a known fault that is checked in the same run. Anything else (no Java,
// a crash, no output, a file left out) throws instead of passing as "no messages".
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const require = createRequire(import.meta.url);

/** A page with one known fault, and the message the checker must report for it. */
const CANARY_HTML = '<!DOCTYPE html><html lang="en"><head><title>canary</title></head><body><p>x<canaryfault>y</canaryfault></p></body></html>';
const CANARY_MESSAGE = /“canaryfault”/;

/** Lists the `.html` files under `dir`, as absolute paths. */
function htmlFiles(dir) {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.html'))
    .map((entry) => join(entry.parentPath ?? entry.path, entry.name));
}

/** Runs a command and resolves with its exit code and output, whatever the exit code. */
function run(command, args) {
  return new Promise((resolve) => {
    execFile(command, args, { maxBuffer: 64 << 20 }, (error, stdout, stderr) => {
      resolve({ code: error ? (error.code ?? 'killed') : 0, stdout, stderr, error });
    });
  });
}

/**
 * Checks every HTML file under `dir` with the Nu HTML Checker and returns its errors as
 * `relative/path.html:line: message`, without the canary's. `java` names the Java to run
 * (tests pass a broken one to prove that a checker that did not run fails).
 */
export async function nuCheckerErrors(dir, { java = 'java' } = {}) {
  const jar = require.resolve('vnu-jar/build/dist/vnu.jar');
  const canaryDir = mkdtempSync(join(tmpdir(), 'cc-guide-vnu-canary-'));
  const canary = join(canaryDir, 'canary.html');
  writeFileSync(canary, CANARY_HTML);
  const expected = htmlFiles(dir);
  if (expected.length === 0) throw new Error(`no HTML files under ${dir}`);
  const result = await run(java, ['-jar', jar, '--verbose', '--errors-only', '--format', 'json', '--skip-non-html', dir, canary]);
  // The checker exits with 0 (no errors) or 1 (errors); anything else means it did not run.
  if (result.code !== 0 && result.code !== 1) {
    throw new Error(`the Nu HTML Checker did not run (${java}: ${result.error?.message ?? result.code}): ${result.stderr}`);
  }
  let report;
  try {
    report = JSON.parse(result.stderr);
  } catch {
    throw new Error(`the Nu HTML Checker printed no JSON report (exit ${result.code}): ${JSON.stringify(result.stderr.slice(0, 500))}`);
  }
  if (typeof report.version !== 'string' || !Array.isArray(report.messages)) {
    throw new Error(`the Nu HTML Checker's report has no version or messages: ${result.stderr.slice(0, 500)}`);
  }
  const checked = new Set(result.stdout.split('\n').map((line) => line.trim()).filter(Boolean));
  const unchecked = expected.filter((file) => !checked.has(file));
  if (unchecked.length > 0) {
    throw new Error(`the Nu HTML Checker did not check ${unchecked.length} of ${expected.length} files, e.g. ${unchecked[0]}`);
  }
  const isCanary = (message) => message.url === `file:${canary}`;
  if (!report.messages.some((message) => isCanary(message) && CANARY_MESSAGE.test(message.message))) {
    throw new Error(`the Nu HTML Checker did not report the canary page's known error: ${result.stderr.slice(0, 500)}`);
  }
  return report.messages
    .filter((message) => !isCanary(message))
    .map((message) => `${(message.url ?? '').replace(`file:${dir}/`, '')}:${message.lastLine}: ${message.message}`);
}
