// Browser benchmark of search (a report, not a timed test): for each query it prints the time
// from "the data has arrived" to "the results are in the page", in Chromium, with the engine
// the pages use (search-wasm's glue and wasm) on the site's own index. Fetching is left out:
// each query's term chunks are fetched and loaded first, then the clock runs through ranking,
// picking the shown results' text chunks, loading them (fetched before the clock started),
// building the excerpts and putting the results into the page with text nodes, as
// theme/static/search.js does. Issue 12's budget: under 50 ms at N = 5,000 pages per language.
//
// Run on a built site: `SEARCH_SITE=bench/corpus/search-5000/out-search node bench-search.mjs`
// (`bench search` keeps no site; build one with `target/release/bench corpus --pages 5000
// --dir D` and `generator build --root D/ours --out D/out`). Without SEARCH_SITE it measures
// the test site.
import { startStaticServer, launchBrowser, SITE_DIR } from './harness.mjs';

const ROUNDS = 5;
const LIMIT = 8; // the header field's results
const QUERIES = {
  en: ['security', 'encryption key', 'data processing agreement', 'certif', 'incident response plan'],
  de: ['Sicherheit', 'Verschlüsselung', 'Auftragsverarbeitung', 'Zertif', 'Notfallplan Vorfall'],
};

const dir = process.env.SEARCH_SITE ?? SITE_DIR;
const server = await startStaticServer(dir);
const browser = await launchBrowser();

try {
  for (const [lang, queries] of Object.entries(QUERIES)) {
    const page = await browser.newPage();
    await page.goto(`${server.origin}/${lang}/`);
    const times = await page.evaluate(async ({ queries, rounds, limit }) => {
      const data = document.getElementById('site-search').dataset;
      const bytes = async (path) => new Uint8Array(await (await fetch(data.index + path)).arrayBuffer());
      const glue = await import(data.glue);
      await glue.default({ module_or_path: data.wasm });
      const list = document.createElement('ol');
      document.body.append(list);
      const result = {};
      for (const query of queries) {
        const runs = [];
        for (let round = 0; round < rounds; round += 1) {
          // Cold engine each round, as a reader's first query.
          const search = new glue.Search(await bytes('manifest.bin'));
          const terms = search.plan(query);
          const termBytes = await Promise.all(Array.from(terms, (n) => bytes(`t/${n}.bin`)));
          // The text chunks the results will need, fetched ahead so no fetch is timed.
          const probe = new glue.Search(await bytes('manifest.bin'));
          probe.plan(query);
          terms.forEach((n, i) => probe.add_terms(n, termBytes[i]));
          probe.rank();
          const fragments = probe.fragments_needed(limit);
          const fragmentBytes = await Promise.all(Array.from(fragments, (n) => bytes(`f/${n}.bin`)));
          probe.free();
          const started = performance.now();
          terms.forEach((n, i) => search.add_terms(n, termBytes[i]));
          const total = search.rank();
          search.fragments_needed(limit);
          fragments.forEach((n, i) => search.add_fragments(n, fragmentBytes[i]));
          const records = search.results(limit);
          const items = [];
          for (let i = 0; i < records.length; i += 1) {
            const item = document.createElement('li');
            item.textContent = records[i];
            items.push(item);
          }
          list.replaceChildren(...items);
          list.getBoundingClientRect();
          runs.push({ ms: performance.now() - started, total });
          search.free();
        }
        result[query] = runs;
      }
      return result;
    }, { queries, rounds: ROUNDS, limit: LIMIT });
    for (const [query, runs] of Object.entries(times)) {
      const sorted = runs.map((run) => run.ms).sort((a, b) => a - b);
      console.log(`${lang} ${JSON.stringify(query)}: ${runs[0].total} matches; data in → results shown: median ${sorted[Math.floor(sorted.length / 2)].toFixed(1)} ms, max ${sorted[sorted.length - 1].toFixed(1)} ms (budget 50 ms)`);
    }
    await page.close();
  }
} finally {
  await browser.close();
  await server.stop();
}
