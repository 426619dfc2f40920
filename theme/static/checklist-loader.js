// Starts the checklist engine on the checklist page: loads the wasm bundle and the
// checklist definition (both same-origin files), then hands the page's root element to the
// engine, which replaces the printable form with the interactive checklist. Without
// JavaScript or WebAssembly the printable form simply stays.
import init, * as engine from './checklist/checklist.js';

const root = document.getElementById('checklist-app');

async function start() {
  if (!root || typeof WebAssembly !== 'object') return;
  const [definition] = await Promise.all([
    fetch(root.dataset.definition).then((response) => response.text()),
    init({ module_or_path: root.dataset.wasm }),
  ]);
  if (typeof engine.mount === 'function') engine.mount(root, definition);
}

start();
