// Starts the checklist engine on the checklist page: loads the wasm bundle and the
// checklist definition (both same-origin files), then hands the page's root element to the
// engine, which replaces the printable form with the interactive checklist. Without
// JavaScript or WebAssembly, or if loading fails, the printable form simply stays.
import init, * as engine from './checklist/checklist.js';

const root = document.getElementById('checklist-app');

async function start() {
  if (!root || typeof WebAssembly !== 'object') return;
  try {
    const [definition] = await Promise.all([
      fetch(root.dataset.definition).then((response) => {
        if (!response.ok) throw new Error(`checklist definition: HTTP ${response.status}`);
        return response.text();
      }),
      init({ module_or_path: root.dataset.wasm }),
    ]);
    engine.mount(root, definition);
  } catch (error) {
    // The printable form is still shown; say why the interactive one is missing.
    root.dataset.state = 'failed';
    console.error('checklist: the interactive checklist could not start', error);
  }
}

start();
