// The README's pictures (docs/*.png) are made by the flows of the browser tests; this module
// makes them the same on every run. A picture would otherwise change with the static server's
// random port (in the link for vendors), with the day the tests run (file names, "created"
// and "imported" dates, and the digest of a response, which covers its date) and with the
// random ids of the buyer's own questions (in the link for vendors). A context made here
// reaches the tests' real server under one fixed origin, through Playwright's routing of
// every request (the server's bytes and headers, unchanged), its pages' clock shows one fixed
// moment while timers run as usual, and their `Math.random` gives the same numbers on every
// run. Nothing in a picture is painted over: the page shows what it shows for that origin,
// that day and those numbers.

/** The origin the pictures show: an https origin, as a buyer would host the guide. */
export const PICTURE_ORIGIN = 'https://guide.example';

/** The moment the pages' clock shows: Monday, 30 November 2026, 10:00 UTC. */
export const PICTURE_TIME = new Date('2026-11-30T10:00:00Z');

/**
 * Makes a browser context (with the `newContext` options given) whose pages reach `server`
 * under PICTURE_ORIGIN, see the clock at PICTURE_TIME and draw the same random numbers.
 * Service workers are blocked: their requests would bypass the routing, and the guide's
 * offline reading plays no part here.
 */
export async function pictureContext(browser, server, options = {}) {
  const ctx = await browser.newContext({ ...options, serviceWorkers: 'block' });
  await ctx.route(`${PICTURE_ORIGIN}/**`, async (route) => {
    const { pathname, search } = new URL(route.request().url());
    const response = await route.fetch({ url: `${server.origin}${pathname}${search}`, maxRedirects: 0 });
    await route.fulfill({ response });
  });
  await ctx.clock.setFixedTime(PICTURE_TIME);
  await ctx.addInitScript(() => {
    // Mulberry32 from a fixed seed: the same numbers, in the same order, on every run.
    let state = 0x2f6b1c3d;
    Math.random = () => {
      state = (state + 0x6d2b79f5) | 0;
      let t = Math.imul(state ^ (state >>> 15), state | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  });
  return ctx;
}
