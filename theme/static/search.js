// Client-side search of the guide. The search page shows every page without JavaScript;
// this script reveals the search box, loads this language's index (a same-origin JSON file
// written by the generator) and lists the pages whose title, headings or text contain every
// word typed. It never submits a form (the site's CSP has `form-action 'none'`), keeps the
// query in the address (`?q=`) so results can be linked, and builds results with
// textContent, never innerHTML.
const box = document.getElementById('search-box');
const input = document.getElementById('search-page-input');
const status = document.getElementById('search-status');
const results = document.getElementById('search-results');

const normalize = (text) => text.toLocaleLowerCase().normalize('NFKD').replace(/\p{M}/gu, '');

function excerpt(text, word) {
  const at = Math.max(0, normalize(text).indexOf(word));
  const start = Math.max(0, at - 60);
  return `${start > 0 ? '…' : ''}${text.slice(start, start + 180).trim()}…`;
}

function render(pages, query) {
  const words = normalize(query).split(/\s+/).filter(Boolean);
  if (words.length === 0) {
    results.replaceChildren();
    status.textContent = '';
    return;
  }
  const matches = pages
    .map((page) => {
      const haystack = normalize(`${page.title} ${page.headings.join(' ')} ${page.text}`);
      if (!words.every((word) => haystack.includes(word))) return null;
      return { page, rank: words.filter((word) => normalize(page.title).includes(word)).length };
    })
    .filter(Boolean)
    .sort((a, b) => b.rank - a.rank);
  results.replaceChildren(
    ...matches.map(({ page }) => {
      const item = document.createElement('li');
      const link = document.createElement('a');
      link.href = page.url;
      link.textContent = page.title;
      const text = document.createElement('p');
      text.textContent = excerpt(page.text, words[0]);
      item.append(link, text);
      return item;
    }),
  );
  status.textContent = matches.length === 0
    ? status.dataset.none
    : status.dataset.some.replace('{count}', String(matches.length));
}

function start() {
  if (!input) return;
  // The index is fetched on the first search, not on load, so readers who only browse never
  // download it; everything typed while it arrives is kept.
  let pages = null;
  const update = async () => {
    if (!input.value.trim() && pages === null) return render([], '');
    pages ??= fetch(input.dataset.index).then((response) => response.json());
    return render(await pages, input.value);
  };
  input.value = new URLSearchParams(window.location.search).get('q') ?? '';
  input.addEventListener('input', () => {
    const url = new URL(window.location.href);
    if (input.value) url.searchParams.set('q', input.value); else url.searchParams.delete('q');
    window.history.replaceState(null, '', url);
    update();
  });
  box.hidden = false;
  update();
}

start();
