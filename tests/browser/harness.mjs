// Browser test harness: serves a built site with a real static server on 127.0.0.1, drives
// Debian's Chromium through playwright-core, and records what a page does that it must not:
// console errors, uncaught exceptions, and requests to any other origin.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { after, before } from 'node:test';
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

/**
 * The setup most test files share: before their tests, starts a server (`startStaticServer`
 * unless given another, such as `startNginx`) and Chromium and hands both to `ready`; after
 * them, closes the browser and stops the server.
 */
export function useServerAndBrowser(ready, startServer = startStaticServer) {
  let server;
  let browser;
  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
    ready(server, browser);
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });
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
    if (message.text().startsWith('csp-violation:')) problems.cspViolations.push(`${page.url()}: ${message.text()}`);
    else if (message.type() === 'error') problems.consoleErrors.push(`${page.url()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.pageErrors.push(`${page.url()}: ${error.message}`));
  page.on('request', (request) => {
    const url = request.url();
    if (!url.startsWith(`${origin}/`) && !url.startsWith('data:') && !url.startsWith('blob:')) {
      problems.foreignRequests.push(url);
    }
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

/** The site built with `--base-path /guide/`, which the quality gates serve with nginx. */
export const GUIDE_SITE_DIR = process.env.GUIDE_SITE_DIR
  ?? new URL('../../target/test-site-guide/public', import.meta.url).pathname;

/** Returns a free TCP port on 127.0.0.1. */
async function freePort() {
  const { createServer } = await import('node:net');
  const probe = createServer();
  await new Promise((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address();
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

/**
 * Starts Debian's nginx on 127.0.0.1 with a config written here: the site under `/guide/`,
 * with the security headers from the `nginx-security-headers.conf` the generator wrote into
 * the output. With `genericWasmType`, nginx sends `.wasm` as application/octet-stream, as
 * many static hosts do.
 */
export async function startNginx({ dir = GUIDE_SITE_DIR, genericWasmType = false } = {}) {
  const { mkdtempSync, writeFileSync, readFileSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const prefix = mkdtempSync(join(tmpdir(), 'cc-guide-nginx-'));
  const port = await freePort();
  const types = genericWasmType
    ? 'types { text/html html; text/css css; text/javascript js mjs; application/json json; image/svg+xml svg; text/plain txt; application/xml xml; } default_type application/octet-stream;'
    : 'include /etc/nginx/mime.types; default_type application/octet-stream;';
  // Workers run as whoever runs the tests, so a checkout in a private folder (mode 0700, as
  // from mktemp -d) stays readable; without root, nginx ignores this line.
  const { userInfo } = await import('node:os');
  const config = `
user ${userInfo().username};
worker_processes 1;
daemon off;
pid ${prefix}/nginx.pid;
error_log ${prefix}/error.log warn;
events { worker_connections 64; }
http {
  ${types}
  access_log off;
  client_body_temp_path ${prefix}/body;
  proxy_temp_path ${prefix}/proxy;
  fastcgi_temp_path ${prefix}/fastcgi;
  uwsgi_temp_path ${prefix}/uwsgi;
  scgi_temp_path ${prefix}/scgi;
  server {
    listen 127.0.0.1:${port};
    server_name localhost;
    location /guide/ {
      alias ${dir}/;
      include ${dir}/nginx-security-headers.conf;
    }
  }
}
`;
  writeFileSync(join(prefix, 'nginx.conf'), config);
  const server = spawn('/usr/sbin/nginx', ['-p', prefix, '-c', join(prefix, 'nginx.conf'), '-e', join(prefix, 'error.log')], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  server.stderr.on('data', (chunk) => { output += chunk; });
  const origin = `http://127.0.0.1:${port}`;
  for (let attempt = 0; ; attempt += 1) {
    try {
      await fetch(`${origin}/guide/`);
      break;
    } catch (error) {
      if (attempt > 100 || server.exitCode !== null) {
        let log = '';
        try { log = readFileSync(join(prefix, 'error.log'), 'utf8'); } catch { /* no log yet */ }
        throw new Error(`nginx did not start: ${output}${log}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
  return {
    origin,
    base: `${origin}/guide/`,
    async stop() {
      server.kill('SIGQUIT');
      await once(server, 'exit').catch(() => {});
    },
  };
}

/** Lists every HTML page of a built site as URL paths below its base path, from the files. */
export async function listPages(dir, basePath) {
  const { readdirSync } = await import('node:fs');
  const paths = [];
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.html')) continue;
    const relative = `${entry.parentPath ?? entry.path}/${entry.name}`.slice(dir.length + 1);
    paths.push(`${basePath}${relative.replace(/(^|\/)index\.html$/, '$1')}`);
  }
  return paths.sort();
}

/** Makes a page report every CSP violation as a console error starting with `csp-violation:`. */
export async function reportCspViolations(page) {
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      console.error(`csp-violation: ${event.violatedDirective} blocked ${event.blockedURI} at ${event.sourceFile}:${event.lineNumber}`);
    });
  });
}

/** Waits until `origin + path` answers, or throws with what the server said. */
async function waitForServer(name, origin, path, child, readLog) {
  for (let attempt = 0; ; attempt += 1) {
    try {
      await fetch(`${origin}${path}`);
      return;
    } catch {
      if (attempt > 200 || child.exitCode !== null) {
        throw new Error(`${name} did not start (exit ${child.exitCode}): ${readLog()}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}

/**
 * Starts Debian's Apache httpd on 127.0.0.1 with a config written here: the site under
 * `/guide/`, `AllowOverride All`, so the `.htaccess` the generator wrote into the output
 * decides the security headers, the `.wasm` type and the 404 page. The site is copied into a
 * world-readable temporary folder, because Apache refuses to serve as root and its workers
 * run as `www-data`, which may not read a private checkout.
 */
export async function startApache({ dir = GUIDE_SITE_DIR } = {}) {
  const { chmodSync, cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const prefix = mkdtempSync(join(tmpdir(), 'cc-guide-apache-'));
  chmodSync(prefix, 0o755);
  const site = join(prefix, 'site');
  cpSync(dir, site, { recursive: true });
  mkdirSync(join(prefix, 'empty'));
  const port = await freePort();
  const modules = ['mpm_event', 'authz_core', 'mime', 'headers', 'alias', 'dir'];
  const asRoot = process.getuid?.() === 0;
  const config = `
ServerRoot ${prefix}
ServerName 127.0.0.1
Listen 127.0.0.1:${port}
PidFile ${prefix}/httpd.pid
DefaultRuntimeDir ${prefix}
Mutex file:${prefix} default
ErrorLog ${prefix}/error.log
LogLevel warn
${modules.map((name) => `LoadModule ${name}_module /usr/lib/apache2/modules/mod_${name}.so`).join('\n')}
${asRoot ? 'User www-data\nGroup www-data' : ''}
StartServers 1
ServerLimit 1
ThreadsPerChild 16
MaxRequestWorkers 16
TypesConfig /etc/mime.types
DocumentRoot ${prefix}/empty
<Directory />
  AllowOverride None
  Require all denied
</Directory>
Alias /guide/ ${site}/
<Directory ${site}>
  AllowOverride All
  Require all granted
  DirectoryIndex index.html
</Directory>
`;
  writeFileSync(join(prefix, 'httpd.conf'), config);
  const server = spawn('/usr/sbin/apache2', ['-f', join(prefix, 'httpd.conf'), '-DFOREGROUND'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  server.stdout.on('data', (chunk) => { output += chunk; });
  server.stderr.on('data', (chunk) => { output += chunk; });
  const origin = `http://127.0.0.1:${port}`;
  const readLog = () => {
    let log = '';
    try { log = readFileSync(join(prefix, 'error.log'), 'utf8'); } catch { /* no log yet */ }
    return `${output}${log}`;
  };
  await waitForServer('apache2', origin, '/guide/', server, readLog);
  return {
    origin,
    base: `${origin}/guide/`,
    log: readLog,
    async stop() {
      server.kill('SIGTERM');
      await once(server, 'exit').catch(() => {});
    },
  };
}

/**
 * Starts `busybox httpd` on 127.0.0.1 with no configuration at all (`-c /dev/null`): a host
 * that can set no headers, serves no 404 page of the site and sends `.wasm` without a type.
 */
export async function startBusybox({ dir = SITE_DIR } = {}) {
  const port = await freePort();
  const server = spawn('busybox', ['httpd', '-f', '-p', `127.0.0.1:${port}`, '-h', dir, '-c', '/dev/null'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  server.stderr.on('data', (chunk) => { output += chunk; });
  const origin = `http://127.0.0.1:${port}`;
  await waitForServer('busybox httpd', origin, '/', server, () => output);
  return {
    origin,
    base: `${origin}/`,
    async stop() {
      server.kill();
      await once(server, 'exit').catch(() => {});
    },
  };
}
