// The user's time zone, in which the server counts "today" and "overdue": taken from the
// browser until the person picks one, and editable in the top bar.

import { api } from './api.js';
import { $, emit, h } from './dom.js';
import { timezone } from './dates.js';
import { showError } from './toast.js';

const CHOSEN = 'todo:time-zone-chosen'; // set once the person picked a zone in this browser

export function initPreferences() {
  $('#time-zone').addEventListener('change', async (event) => {
    try {
      await save(event.target.value);
      localStorage.setItem(CHOSEN, '1');
    } catch (error) {
      showError(error);
    }
  });
}

export async function startPreferences() {
  let { time_zone: zone } = await api('/me/preferences');
  const browser = timezone();
  if (zone === 'UTC' && browser !== 'UTC' && !localStorage.getItem(CHOSEN)) {
    zone = await save(browser);
  }
  fill(zone);
}

async function save(zone) {
  const saved = await api('/me/preferences', { method: 'PATCH', body: { time_zone: zone } });
  emit('tasks:changed'); // "today" and "overdue" may have moved
  return saved.time_zone;
}

function zones(current) {
  const all = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  return [...new Set([...all, 'UTC', current])].sort();
}

function fill(current) {
  const select = $('#time-zone');
  select.replaceChildren(...zones(current).map((zone) => h('option', { value: zone }, zone.replaceAll('_', ' '))));
  select.value = current;
}
