// Starts the checklist engine on the checklist page: loads the wasm bundle and the
// checklist definition (both same-origin files), then hands the page's root element to the
// engine, which replaces the printable form with the interactive checklist. Without
// JavaScript or WebAssembly, or if loading fails, the printable form stays (or comes back).
// The workspace's on-demand module (importing files, share links, CSV, the comparison report)
// is not loaded here: the engine asks for it on first use through `loadOnDemand`.
import * as workspace from './checklist/checklist.js';

const root = document.getElementById('checklist-app');
// `?respond` is the vendors' response mode: a bundle of its own, without the buyer's workspace.
const respond = new URLSearchParams(window.location.search).has('respond');
// The printable form and its note while they are out of the page (see `setPrintableAside`).
const printable = document.createDocumentFragment();

// Takes the printable form and its note out of the page while the engine starts, before the
// browser lays them out: the engine hides them anyway, and laying out and scanning their
// hundreds of fields (the browser's form autofill does, at DOMContentLoaded) held the start up
// by a long task. `false` puts them back in their place, first in the root.
function setPrintableAside(aside) {
  if (aside) printable.append(...['checklist-noscript', 'checklist-printable'].map((id) => document.getElementById(id)).filter(Boolean));
  else root.prepend(printable);
}

// Shows the printable form again, and why the interactive one is missing.
function fail(error) {
  if (root.dataset.state === 'failed') return;
  setPrintableAside(false);
  root.dataset.state = 'failed';
  console.error('checklist: the interactive checklist could not start', error);
}

async function start() {
  if (!root) return;
  if (typeof WebAssembly !== 'object') {
    // No engine can run here: the printable form stays (checklist.css shows it in this state).
    root.dataset.state = 'failed';
    return;
  }
  setPrintableAside(true);
  // The engine builds the checklist once the saved work is read, after `mount` returned: an
  // error it throws before it is ready is not caught below, and brings the form back as well.
  const failLater = (event) => {
    if (root.dataset.state !== 'ready') fail(event.error);
    window.removeEventListener('error', failLater);
  };
  window.addEventListener('error', failLater);
  try {
    // Only vendors load their bundle; the buyer's is imported up front, as before.
    const engine = respond ? await import('./checklist/respond.js') : workspace;
    const wasm = respond ? root.dataset.wasm.replace(/checklist_bg\.wasm$/, 'respond_bg.wasm') : root.dataset.wasm;
    const [definition] = await Promise.all([
      fetch(root.dataset.definition).then((response) => {
        if (!response.ok) throw new Error(`checklist definition: HTTP ${response.status}`);
        return response.text();
      }),
      engine.default({ module_or_path: wasm }),
    ]);
    engine.mount(root, definition, onDemandLoader(definition));
    if (!respond) revealLinkedQuestion();
  } catch (error) {
    fail(error);
  }
}

// Returns the function the engine calls to load its on-demand module: a same-origin `import()`
// of the module's glue, then its wasm, then `open`. It resolves to the module, loaded once;
// after a failure (offline, a server error) the next call tries again. A browser keeps a
// failed `import()` of an address for the page's life, so a retry asks for another address
// (`?attempt=N`), which the server answers with the same file.
function onDemandLoader(definition) {
  let loading = null;
  let attempts = 0;
  return () => {
    loading ??= (async () => {
      const query = attempts ? `?attempt=${attempts}` : '';
      attempts += 1;
      const module = await import(`./checklist/ondemand.js${query}`);
      await module.default({ module_or_path: root.dataset.wasm.replace(/checklist_bg\.wasm$/, 'ondemand_bg.wasm') });
      module.open(root, definition);
      return module;
    })();
    loading.catch(() => { loading = null; });
    return loading;
  };
}

// Focuses a `#q-<id>` link's question in the view in use (card or grid row: the printable
// form's question `q-<id>` names its grid row, the question's place in the definition, in
// `data-row`), centred clear of the sticky bar; waits for views built later.
function revealLinkedQuestion() {
  let watcher = null;
  const target = () => {
    const id = /^#q-(.+)$/.exec(decodeURIComponent(window.location.hash))?.[1];
    if (!id) return null;
    const card = document.getElementById(`cl-q-${id}`);
    if (card) return card.querySelector('input, select, textarea');
    const row = printable.getElementById(`q-${id}`)?.dataset.row;
    return row === undefined ? null : document.getElementById(`cl-gc-${row}-0`);
  };
  const reveal = () => {
    const found = target();
    if (!found || !found.checkVisibility()) return false;
    requestAnimationFrame(() => {
      found.scrollIntoView({ block: 'center' });
      found.focus({ preventScroll: true });
    });
    return true;
  };
  const follow = () => {
    watcher?.disconnect();
    if (reveal() || !/^#q-/.test(window.location.hash)) return;
    watcher = new MutationObserver(() => { if (reveal()) watcher.disconnect(); });
    watcher.observe(root, { childList: true, subtree: true, attributes: true, attributeFilter: ['hidden'] });
  };
  window.addEventListener('hashchange', follow);
  follow();
}

start();
