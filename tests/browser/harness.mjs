// Browser test harness: serves a built site with a real static server on 127.0.0.1, drives
// Debian's Chromium through playwright-core, and records what a page does that it must not:
// console errors, uncaught exceptions, and requests to any other origin.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { chromium } from 'playwright-core';

/** The built site the tests run against; `scripts/test.sh` builds it before the tests. */
export const SITE_DIR = process.env.SITE_DIR ?? new URL('../../target/test-site/public', import.meta.url).pathname;

/** Starts python's http.server on a free port of 127.0.0.1 and returns its origin and a stop function. */
export async function startStaticServer(dir = SITE_DIR) {
  const server = spawn('python3', ['-u', '-m', 'http.server', '--bind', '127.0.0.1', '--directory', dir, '0'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const port = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`http.server did not start: ${output}`)), 10000);
    server.stdout.on('data', (chunk) => {
      output += chunk;
      const match = /port (\d+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    });
    server.on('exit', (code) => reject(new Error(`http.server exited with ${code}: ${output}`)));
  });
  return {
    origin: `http://127.0.0.1:${port}`,
    async stop() {
      server.kill();
      await once(server, 'exit').catch(() => {});
    },
  };
}

/** The flags Debian's Chromium needs here: headless, as root, on a closed network. */
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Launches Chromium; every `newContext()` of it is a fresh, empty profile. */
export async function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
    headless: true,
  });
}

/**
 * Watches a page: console errors, uncaught exceptions, CSP violations and requests that
 * leave `origin`. Call `report()` for everything seen so far.
 */
export function watchPage(page, origin) {
  const problems = { consoleErrors: [], pageErrors: [], foreignRequests: [], cspViolations: [] };
  page.on('console', (message) => {
    if (message.type() === 'error') problems.consoleErrors.push(`${page.url()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.pageErrors.push(`${page.url()}: ${error.message}`));
  page.on('request', (request) => {
    const url = request.url();
    if (!url.startsWith(`${origin}/`) && !url.startsWith('data:') && !url.startsWith('blob:')) {
      problems.foreignRequests.push(url);
    }
  });
  page.on('console', (message) => {
    if (message.text().startsWith('csp-violation:')) problems.cspViolations.push(message.text());
  });
  return {
    problems,
    /** Asserts that nothing the page must not do has happened. */
    assertClean(assert) {
      assert.deepEqual(problems.consoleErrors, [], 'console errors');
      assert.deepEqual(problems.pageErrors, [], 'uncaught exceptions');
      assert.deepEqual(problems.foreignRequests, [], 'requests to other origins');
      assert.deepEqual(problems.cspViolations, [], 'CSP violations');
    },
  };
}
