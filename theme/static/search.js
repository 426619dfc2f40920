// Client-side search of the guide: loads this language's search index (a same-origin JSON
// file written by the generator) and lists pages whose title, headings or text contain every
// word of the query. Results are built with textContent, never innerHTML.
const input = document.getElementById('search-page-input');
const status = document.getElementById('search-status');
const results = document.getElementById('search-results');

const normalize = (text) => text.toLocaleLowerCase().normalize('NFKD').replace(/\p{M}/gu, '');

function excerpt(text, word) {
  const at = normalize(text).indexOf(word);
  const start = Math.max(0, at - 60);
  return (start > 0 ? '…' : '') + text.slice(start, start + 180).trim() + '…';
}

async function run() {
  if (!input) return;
  const query = new URLSearchParams(window.location.search).get('q') || '';
  input.value = query;
  const words = normalize(query).split(/\s+/).filter(Boolean);
  if (words.length === 0) return;
  const response = await fetch(input.dataset.index);
  const pages = await response.json();
  const matches = pages
    .map((page) => {
      const haystack = normalize(`${page.title} ${page.headings.join(' ')} ${page.text}`);
      if (!words.every((word) => haystack.includes(word))) return null;
      const inTitle = words.filter((word) => normalize(page.title).includes(word)).length;
      return { page, rank: inTitle };
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

run();
