// Starts the checklist engine on the checklist page: loads the wasm bundle and the
// checklist definition (both same-origin files), then hands the page's root element to the
// engine, which replaces the printable form with the interactive checklist. Without
// JavaScript or WebAssembly, or if loading fails, the printable form simply stays.
// A link to one question (`#q-<id>`, as search results write it) lands on that question in
// the view in use (see `revealLinkedQuestion`).
import * as workspace from './checklist/checklist.js';

const root = document.getElementById('checklist-app');
// `?respond` is the vendors' response mode: a bundle of its own, without the buyer's workspace.
const respond = new URLSearchParams(window.location.search).has('respond');

async function start() {
  if (!root || typeof WebAssembly !== 'object') return;
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
    engine.mount(root, definition);
    if (!respond) revealLinkedQuestion(definition);
  } catch (error) {
    // The printable form is still shown; say why the interactive one is missing.
    root.dataset.state = 'failed';
    console.error('checklist: the interactive checklist could not start', error);
  }
}

// Lands a `#q-<id>` link on the question in the view in use: the first control of its card
// (one vendor at a time) or its row header in the grid (rows are numbered in the definition's
// order), scrolled to the middle so the sticky summary bar does not cover it, and focused.
// Without JavaScript the fragment names the printable form's fieldset instead. The views are
// built after the engine starts, and again when the first vendor is added or the view changes,
// so a question not shown yet is looked for on each change until it shows up.
function revealLinkedQuestion(definition) {
  let order = null;
  let watcher = null;
  const target = () => {
    const id = /^#q-(.+)$/.exec(decodeURIComponent(window.location.hash))?.[1];
    if (!id) return null;
    const card = document.getElementById(`cl-q-${id}`);
    if (card) return card.querySelector('input, select, textarea');
    order ??= JSON.parse(definition).questions.map((question) => question.id);
    const row = order.indexOf(id);
    return row < 0 ? null : document.getElementById(`cl-gc-${row}-0`);
  };
  const reveal = () => {
    const found = target();
    if (!found || !found.checkVisibility()) return false;
    // After the frame: the engine may still be filling in the views around the question.
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
