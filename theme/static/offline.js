// Offline reading: registers the worker (`sw.js`, see theme/service-worker.js) and wires the
// footer button that has it save the whole guide of the page's language.
const box = document.getElementById('offline');

if (box && 'serviceWorker' in navigator) {
  const { worker, scope, saving, saved, failed } = box.dataset;
  const button = document.getElementById('offline-save');
  const progress = document.getElementById('offline-progress');
  const status = document.getElementById('offline-status');
  const finish = (text) => {
    status.textContent = text;
    progress.hidden = true;
    button.removeAttribute('aria-disabled');
  };
  navigator.serviceWorker.register(worker, { scope }).then(() => { box.hidden = false; }, () => {});
  navigator.serviceWorker.addEventListener('message', ({ data }) => {
    if (data?.type === 'offline-progress') {
      progress.max = data.total;
      progress.value = data.done;
    } else if (data?.type === 'offline-saved') {
      finish(saved.replace('{count}', String(data.total)));
    } else if (data?.type === 'offline-failed') {
      finish(failed);
    }
  });
  button.addEventListener('click', async () => {
    if (button.getAttribute('aria-disabled')) return;
    // Not `disabled`, which would take focus away.
    button.setAttribute('aria-disabled', 'true');
    progress.value = 0;
    progress.hidden = false;
    status.textContent = saving;
    const registration = await navigator.serviceWorker.ready;
    registration.active.postMessage({ type: 'save-all', lang: document.documentElement.lang });
  });
}
