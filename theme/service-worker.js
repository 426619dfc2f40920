// Offline reading: the service worker the generator writes as `sw.js` at the site's root
// (its scope is the whole site, under any base path). It keeps what a reader fetched in one
// cache per build, named by the build's content hash, so pages a reader visited, the
// checklist (its wasm and data) and search (its engine and the index chunks it fetched) keep
// working offline. Asked by the footer button (`static/offline.js`), it saves every file of
// the page's language that the generator listed in `offline/<lang>.json`. A new build has
// another hash, so its worker replaces this one at once and deletes the old caches: no
// reader is left with stale pages. Online, pages and assets come from the network first
// (and are kept); the index's files, named by their content, come from the cache first.
// The generator writes the build's content hash into `CACHE` (see generator/src/offline.rs).

const CACHE_PREFIX = 'cc-guide-';
const CACHE = `${CACHE_PREFIX}BUILD_VERSION`;
// How many files the footer button fetches at once.
const PARALLEL = 4;

self.addEventListener('install', (event) => {
  event.waitUntil(self.skipWaiting());
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    const names = await caches.keys();
    await Promise.all(names
      .filter((name) => name.startsWith(CACHE_PREFIX) && name !== CACHE)
      .map((name) => caches.delete(name)));
    await self.clients.claim();
  })());
});

self.addEventListener('fetch', (event) => {
  const { request } = event;
  const url = new URL(request.url);
  if (request.method !== 'GET' || !request.url.startsWith(self.registration.scope)
    || request.headers.has('range') || url.pathname.endsWith('/sw.js')) return;
  event.respondWith(answer(request, url));
});

// Pages are kept under their address without the query, so the search page answers `?q=`
// offline too; everything else under its full address.
async function answer(request, url) {
  const cache = await caches.open(CACHE);
  const page = request.mode === 'navigate';
  const key = page ? url.origin + url.pathname : request;
  if (url.pathname.includes('/search-index/')) {
    const kept = await cache.match(key);
    if (kept) return kept;
  }
  try {
    const response = await fetch(request);
    if (response.status === 200 && response.type === 'basic') await cache.put(key, response.clone());
    return response;
  } catch (error) {
    const kept = await cache.match(key);
    if (kept) return kept;
    throw error;
  }
}

self.addEventListener('message', (event) => {
  if (event.data?.type === 'save-all' && event.source) {
    event.waitUntil(saveAll(event.source, String(event.data.lang)));
  }
});

// Saves every file of a language's guide, telling the page how far it got.
async function saveAll(client, lang) {
  try {
    const list = await fetch(new URL(`offline/${encodeURIComponent(lang)}.json`, self.registration.scope), { cache: 'no-cache' });
    if (!list.ok) throw new Error(`offline/${lang}.json: ${list.status}`);
    const files = await list.json();
    const cache = await caches.open(CACHE);
    const queue = files.slice();
    let done = 0;
    const fetchNext = async () => {
      for (let url = queue.shift(); url !== undefined; url = queue.shift()) {
        const address = new URL(url, self.registration.scope).href;
        if (!(await cache.match(address))) {
          const response = await fetch(address, { cache: 'no-cache' }).catch(() => null);
          if (response?.status !== 200) {
            queue.length = 0; // the others stop too
            throw new Error(`${url}: ${response?.status ?? 'offline'}`);
          }
          await cache.put(address, response);
        }
        done += 1;
        client.postMessage({ type: 'offline-progress', done, total: files.length });
      }
    };
    await Promise.all(Array.from({ length: PARALLEL }, fetchNext));
    client.postMessage({ type: 'offline-saved', total: files.length });
  } catch (error) {
    client.postMessage({ type: 'offline-failed', reason: String(error) });
  }
}
