// Live reload of `generator serve`, injected by the server and never part of a built site.
// On each rebuild it fetches the page again and swaps in its title and the element marked
// `data-live-reload="main"`, which shows an edit faster than a reload. It finds elements only
// by the `data-live-reload` markers, which every theme must keep (`generator check` verifies
// them), never by class names. It reloads the whole page instead when the server says so
// (theme or configuration changed), when the page has a `data-live-reload="whole-page"` part
// (a script runs it, e.g. the checklist), or when the navigation (`data-live-reload="nav"`)
// changed.
const build = new URL(import.meta.url).searchParams.get('build') ?? '';
const events = new EventSource(`EVENTS_URL?build=${build}`);
const part = (root, name) => root.querySelector(`[data-live-reload="${name}"]`);
events.addEventListener('message', async (event) => {
  if (event.data === 'full' || part(document, 'whole-page')) return window.location.reload();
  try {
    const response = await fetch(window.location.href, { cache: 'no-store' });
    const next = new DOMParser().parseFromString(await response.text(), 'text/html');
    const main = part(next, 'main');
    const current = part(document, 'main');
    const nav = part(next, 'nav');
    if (!main || !current || nav?.outerHTML !== part(document, 'nav')?.outerHTML || part(next, 'whole-page')) {
      return window.location.reload();
    }
    document.title = next.title;
    current.replaceWith(document.adoptNode(main));
  } catch {
    window.location.reload();
  }
});
