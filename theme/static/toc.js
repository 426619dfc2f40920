// Table of contents: marks the entry of the section the reader is in, as the page scrolls.
// The table of contents works as plain links without it; this script (same-origin, loaded
// by pages that have a table of contents) only adds `aria-current="location"` to one entry,
// which the stylesheet shows in bold. A section is current once its heading has passed the
// top quarter of the window; at the very end of the page the last section is current.
const entries = [...document.querySelectorAll('.toc a[href^="#"]')]
  .map((link) => ({ link, heading: document.getElementById(link.getAttribute('href').slice(1)) }))
  .filter((entry) => entry.heading);
let current = null;
let scheduled = false;

function update() {
  scheduled = false;
  const line = window.innerHeight / 4;
  let active = null;
  for (const entry of entries) {
    if (entry.heading.getBoundingClientRect().top > line) break;
    active = entry;
  }
  const atEnd = window.scrollY > 0
    && window.innerHeight + window.scrollY >= document.documentElement.scrollHeight - 2;
  if (atEnd && entries.length > 0) active = entries[entries.length - 1];
  if (active === current) return;
  current?.link.removeAttribute('aria-current');
  active?.link.setAttribute('aria-current', 'location');
  current = active;
}

function schedule() {
  if (scheduled) return;
  scheduled = true;
  requestAnimationFrame(update);
}

if (entries.length > 0) {
  addEventListener('scroll', schedule, { passive: true });
  addEventListener('resize', schedule);
  addEventListener('hashchange', schedule);
  update();
}
