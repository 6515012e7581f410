// The list's views: each has a URL (#/today …), the API parameters it means, and a count
// in the navigation. "Today" and "overdue" are the server's, counted in the user's time zone.

import { api } from './api.js';
import { $, $$ } from './dom.js';
import { addDays, dateKey } from './dates.js';

export const VIEWS = {
  // The full list, as the toolbar filters it; its count is of the open tasks.
  all: { label: 'All', params: () => ({}), count: () => ({ status: 'pending' }) },
  today: { label: 'Today', params: () => ({ status: 'pending', when: 'today' }) },
  upcoming: { label: 'Upcoming', params: () => ({ status: 'pending', when: 'upcoming' }) },
  overdue: { label: 'Overdue', params: () => ({ status: 'pending', overdue: 'true' }) },
  // Done in the last 7 days, by when it was completed.
  completed: {
    label: 'Completed',
    params: () => ({ status: 'completed', completed_after: addDays(dateKey(new Date()), -6) }),
  },
};

export function viewFromHash(hash = location.hash) {
  const name = hash.replace(/^#\/?/, '');
  return Object.hasOwn(VIEWS, name) ? name : 'all';
}

export function markView(name) {
  for (const link of $$('#views a[data-view]')) {
    if (link.dataset.view === name) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  $('#tasks-heading').textContent = name === 'all' ? 'Tasks' : VIEWS[name].label;
}

let countSeq = 0;

export async function refreshCounts() {
  const id = ++countSeq;
  const names = Object.keys(VIEWS);
  const totals = await Promise.all(
    names.map((name) =>
      api('/tasks', { query: { ...(VIEWS[name].count ?? VIEWS[name].params)(), limit: 1 } }).then(
        (page) => page.total,
        () => null,
      ),
    ),
  );
  if (id !== countSeq) return;
  names.forEach((name, i) => {
    const badge = $(`#views [data-count="${name}"]`);
    if (badge && totals[i] !== null) badge.textContent = String(totals[i]);
  });
}

export function clearCounts() {
  countSeq++;
  for (const badge of $$('#views [data-count]')) badge.textContent = '';
}
