// The site on every kind of static host: Apache httpd configured only by the `.htaccess`
// the generator writes (under /guide/, the same gates as nginx in gates.test.mjs), and two
// hosts that can set no headers at all, busybox httpd without configuration (which sends
// .wasm without a type) and Python's http.server, where the guide and the checklist must
// still work.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  GUIDE_SITE_DIR, SITE_DIR, launchBrowser, listPages, startApache, startBusybox, startStaticServer,
} from './harness.mjs';
import {
  assertChecklistStarts, assertEveryPageClean, assertNoSecurityHeaders, assertNotFound,
  assertSecurityHeaders, assertWasmServed,
} from './host-gates.mjs';

let browser;

before(async () => {
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
});

describe('Apache httpd with the generated .htaccess, under /guide/', () => {
  let server;
  let pages;
  before(async () => {
    server = await startApache();
    pages = await listPages(GUIDE_SITE_DIR, '/guide/');
  });
  after(async () => server?.stop());

  test('every page has the security headers, and unknown addresses get the 404 page', async () => {
    await assertSecurityHeaders(server.origin, pages);
    await assertNotFound(server.base);
  });

  test('walking every page causes no CSP violation, console error or foreign request', async () => {
    await assertEveryPageClean(browser, server.origin, pages);
  });

  test('the wasm bundle is served as application/wasm and the checklist starts', async () => {
    await assertWasmServed(server.base, { type: 'application/wasm' });
    await assertChecklistStarts(browser, server.origin, server.base);
  });
});

for (const [name, start] of [['busybox httpd without configuration', startBusybox], ["Python's http.server", startStaticServer]]) {
  describe(`${name}, a host that sends no headers`, () => {
    let server;
    let pages;
    before(async () => {
      server = await start();
      server.base ??= `${server.origin}/`;
      pages = await listPages(SITE_DIR, '/');
    });
    after(async () => server?.stop());

    test('every page is served without any security header, and unknown addresses get 404', async () => {
      await assertNoSecurityHeaders(server.origin, pages);
      await assertNotFound(server.base, { sitePage: false });
    });

    test('walking every page causes no console error or foreign request', async () => {
      await assertEveryPageClean(browser, server.origin, pages);
    });

    test('the checklist starts in both languages', async () => {
      if (start === startBusybox) await assertWasmServed(server.base, { notType: 'application/wasm' });
      else await assertWasmServed(server.base);
      await assertChecklistStarts(browser, server.origin, server.base);
    });
  });
}
