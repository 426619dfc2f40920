// Search, on every page: wires the header field and the search page's field (keys: README,
// "Search"). The wasm engine and index load on the first keystroke; a query fetches only the
// chunks the engine names. Results are text nodes and <mark>s, never innerHTML.

const HEADER_LIMIT = 8;
// The search page shows 10 more per "Show more results": texts load for shown results only.
const PAGE_STEP = 10;

// The field's container carries the URLs and strings as data attributes.
const root = document.getElementById('site-search');
const box = document.getElementById('search-box');
const data = (root ?? box)?.dataset ?? {};
let engine = null;

// Loads the wasm engine and the manifest once; every field shares them.
function loadEngine() {
  engine ??= (async () => {
    const glue = await import(data.glue);
    await glue.default({ module_or_path: data.wasm });
    const manifest = await fetchBytes('manifest.bin');
    return new glue.Search(manifest);
  })();
  return engine;
}

async function fetchBytes(path) {
  const response = await fetch(data.index + path);
  if (!response.ok) throw new Error(`${path}: ${response.status}`);
  return new Uint8Array(await response.arrayBuffer());
}

// Runs a query: fetches the chunks it needs, ranks, fetches the shown results' fragments.
async function search(query, limit) {
  const search = await loadEngine();
  const terms = search.plan(query);
  const termBytes = await Promise.all(Array.from(terms, (n) => fetchBytes(`t/${n}.bin`)));
  terms.forEach((n, i) => search.add_terms(n, termBytes[i]));
  const total = search.rank();
  const fragments = search.fragments_needed(limit);
  const fragmentBytes = await Promise.all(Array.from(fragments, (n) => fetchBytes(`f/${n}.bin`)));
  fragments.forEach((n, i) => search.add_fragments(n, fragmentBytes[i]));
  return { total, records: search.results(limit) };
}

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

// Turns the engine's records (see search-wasm/src/lib.rs) into grouped result lists.
function renderResults(list, records) {
  const pages = [];
  let sections = null;
  let excerpt = null;
  for (let i = 0; i < records.length;) {
    const tag = records[i];
    if (tag === 'P') {
      const item = element('li', 'search-result-page');
      const link = element('a', 'search-result-page-title', records[i + 1]);
      link.href = records[i + 2];
      sections = element('ul', 'search-result-sections');
      item.append(link, sections);
      pages.push(item);
      i += 3;
    } else if (tag === 'S') {
      const item = element('li', 'search-result');
      const link = element('a', 'search-result-title', records[i + 2]);
      link.href = records[i + 1];
      item.append(link);
      if (records[i + 3]) item.append(element('span', 'search-result-context', records[i + 3]));
      excerpt = element('p', 'search-result-excerpt');
      item.append(excerpt);
      sections.append(item);
      i += 4;
    } else {
      excerpt.append(tag === 'M' ? element('mark', null, records[i + 1]) : document.createTextNode(records[i + 1]));
      i += 2;
    }
  }
  list.replaceChildren(...pages);
}

function countText(total) {
  if (total === 0) return data.none;
  return (total === 1 ? data.one : data.some).replace('{count}', String(total));
}

const resultLinks = (list) => Array.from(list.querySelectorAll('a.search-result-title'));

// Wires a field to its results and status; `more` shows `step` more and focuses the first.
function attach({ input, panel, list, status, step, more, onQuery }) {
  let latest = 0;
  let limit = step;
  const run = async ({ focusAdded = false } = {}) => {
    const query = input.value;
    const ticket = ++latest;
    if (!query.trim()) {
      list.replaceChildren();
      status.textContent = '';
      if (panel) panel.hidden = true;
      if (more) more.hidden = true;
      return;
    }
    try {
      const { total, records } = await search(query, limit);
      if (ticket !== latest) return;
      const shown = new Set(resultLinks(list).map((link) => link.href));
      renderResults(list, records);
      status.textContent = countText(total);
      if (more) more.hidden = total <= limit;
      if (focusAdded) (resultLinks(list).find((link) => !shown.has(link.href)) ?? input).focus();
    } catch (error) {
      if (ticket !== latest) return;
      list.replaceChildren();
      status.textContent = data.failed;
      if (more) more.hidden = true;
      console.error(error);
    }
    if (panel) panel.hidden = false;
  };
  input.addEventListener('input', () => {
    limit = step;
    onQuery?.(input.value);
    run();
  });
  more?.addEventListener('click', () => {
    limit += step;
    run({ focusAdded: true });
  });
  return run;
}

// Moves focus through the result links with the arrow keys; Escape returns to the field.
function keyboard(input, panel, list) {
  const links = () => Array.from(list.querySelectorAll('a'));
  const close = () => {
    if (panel) panel.hidden = true;
    input.focus();
  };
  input.addEventListener('keydown', (event) => {
    if (event.key === 'ArrowDown' && links().length > 0) {
      event.preventDefault();
      if (panel) panel.hidden = false;
      links()[0].focus();
    } else if (event.key === 'Escape') {
      if (panel && !panel.hidden) {
        event.preventDefault();
        close();
      }
    }
  });
  list.addEventListener('keydown', (event) => {
    const all = links();
    const at = all.indexOf(document.activeElement);
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const next = at + (event.key === 'ArrowDown' ? 1 : -1);
      if (next < 0) input.focus();
      else all[Math.min(next, all.length - 1)].focus();
    } else if (event.key === 'Escape') {
      event.preventDefault();
      close();
    }
  });
}

function startHeader() {
  const input = document.getElementById('site-search-input');
  const panel = document.getElementById('site-search-panel');
  const list = document.getElementById('site-search-results');
  const status = document.getElementById('site-search-status');
  const all = document.getElementById('site-search-all');
  attach({
    input, panel, list, status, step: HEADER_LIMIT,
    onQuery: (query) => {
      const url = new URL(data.page, window.location.href);
      url.searchParams.set('q', query);
      all.href = url.pathname + url.search;
    },
  });
  keyboard(input, panel, list);
  document.addEventListener('keydown', (event) => {
    const target = event.target;
    const typing = target instanceof HTMLElement
      && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
    if (event.key === '/' && !typing && !event.ctrlKey && !event.metaKey && !event.altKey) {
      event.preventDefault();
      input.focus();
    }
  });
  // Clicking elsewhere closes the results.
  document.addEventListener('click', (event) => {
    if (!root.contains(event.target)) panel.hidden = true;
  });
}

function startPage() {
  const input = document.getElementById('search-page-input');
  const list = document.getElementById('search-results');
  const status = document.getElementById('search-status');
  const more = document.getElementById('search-more');
  const run = attach({
    input, panel: null, list, status, step: PAGE_STEP, more,
    onQuery: (query) => {
      const url = new URL(window.location.href);
      if (query) url.searchParams.set('q', query); else url.searchParams.delete('q');
      window.history.replaceState(null, '', url);
    },
  });
  keyboard(input, null, list);
  box.hidden = false;
  input.value = new URLSearchParams(window.location.search).get('q') ?? '';
  if (input.value) run();
}

if (root) startHeader();
if (box && data.index) startPage();
