// The README's pictures (docs/*.png) are made by the flows of the browser tests; this module
// makes them the same on every run. A picture would otherwise change with the static server's
// random port (in the link for vendors) and with the day the tests run (file names, "created"
// and "imported" dates, and the digest of a response, which covers its date). A context made
// here reaches the tests' real server under one fixed origin, through Playwright's routing of
// every request (the server's bytes and headers, unchanged), and its pages' clock shows one
// fixed moment while timers run as usual. Nothing in a picture is painted over: the page
// shows what it shows for that origin and that day.

/** The origin the pictures show: an https origin, as a buyer would host the guide. */
export const PICTURE_ORIGIN = 'https://guide.example';

/** The moment the pages' clock shows: Monday, 30 November 2026, 10:00 UTC. */
export const PICTURE_TIME = new Date('2026-11-30T10:00:00Z');

/**
 * Makes a browser context (with the `newContext` options given) whose pages reach `server`
 * under PICTURE_ORIGIN and see the clock at PICTURE_TIME. Service workers are blocked: their
 * requests would bypass the routing, and the guide's offline reading plays no part here.
 */
export async function pictureContext(browser, server, options = {}) {
  const ctx = await browser.newContext({ ...options, serviceWorkers: 'block' });
  await ctx.route(`${PICTURE_ORIGIN}/**`, async (route) => {
    const { pathname, search } = new URL(route.request().url());
    const response = await route.fetch({ url: `${server.origin}${pathname}${search}`, maxRedirects: 0 });
    await route.fulfill({ response });
  });
  await ctx.clock.setFixedTime(PICTURE_TIME);
  return ctx;
}
