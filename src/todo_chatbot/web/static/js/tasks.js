// The task list: loading with filters and sort, rows, edit in place, complete, delete with undo.

import { api } from './api.js';
import { $, h, icon, on } from './dom.js';
import { dateKey, dayLabel, describeDue, formatMoment, isDateOnly } from './dates.js';
import { createTaskForm } from './task-form.js';
import { attachQuickAdd } from './quick-add.js';
import { announce, showError, showToast } from './toast.js';
import { VIEWS, clearCounts, markView, refreshCounts, viewFromHash } from './views.js';

const PAGE = 200;
const DEFAULTS = { q: '', status: 'pending', priority: '', tag: '', overdue: false, sort: 'due:asc' };
const state = { ...DEFAULTS, view: 'all' };

let items = [];
let total = 0;
let loaded = PAGE;
let seq = 0;
let controller = null;
let inflight = Promise.resolve(); // the latest load: a newer one aborts and replaces it
let refreshTimer = null;
let marked = false;
let active = false;
let editing = null; // { id, row, form }
const rows = new Map(); // task id -> { el, sig }
const pendingDeletes = new Map(); // task id -> { task, toast }
const knownTags = new Set();

export function initTasks() {
  const addForm = createTaskForm({ onSubmit: (payload) => understood(payload).then(createTask) });
  const understood = attachQuickAdd(addForm.el);
  $('#add-slot').append(addForm.el);

  let searchTimer = null;
  $('#search').addEventListener('input', (event) => {
    clearTimeout(searchTimer);
    searchTimer = setTimeout(() => setFilter('q', event.target.value), 250);
  });
  $('#search').addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && event.target.value) {
      event.target.value = '';
      setFilter('q', '');
    }
  });
  $('#filter-status').addEventListener('change', (e) => setFilter('status', e.target.value));
  $('#filter-priority').addEventListener('change', (e) => setFilter('priority', e.target.value));
  $('#filter-tag').addEventListener('change', (e) => setFilter('tag', e.target.value));
  $('#filter-overdue').addEventListener('change', (e) => setFilter('overdue', e.target.checked));
  $('#sort').addEventListener('change', (e) => setFilter('sort', e.target.value));
  $('#more').addEventListener('click', () => {
    loaded += PAGE;
    load();
  });

  on('tasks:changed', () => scheduleRefresh(150));
  on('tasks:poll', () => {
    if (!document.hidden) scheduleRefresh(0);
  });
  window.addEventListener('pagehide', () => flushDeletes(true));
  window.addEventListener('hashchange', () => active && setView(viewFromHash()));
  setInterval(() => active && render(), 60_000);
}

export function startTasks() {
  active = true;
  Object.assign(state, DEFAULTS, { view: viewFromHash() });
  loaded = PAGE;
  syncToolbar();
  return load();
}

export function stopTasks() {
  flushDeletes(true);
  active = false;
  controller?.abort();
  items = [];
  total = 0;
  editing = null;
  rows.clear();
  knownTags.clear();
  $('#task-list').replaceChildren();
  $('#empty-state').hidden = true;
  $('#list-status').textContent = '';
  clearCounts();
}

function setView(view) {
  if (view === state.view) return;
  state.view = view;
  loaded = PAGE;
  syncToolbar();
  load();
}

function syncToolbar() {
  $('#search').value = state.q;
  $('#filter-status').value = state.status;
  $('#filter-priority').value = state.priority;
  $('#filter-overdue').checked = state.overdue;
  $('#sort').value = state.sort;
  // A view other than All decides which tasks are open or done.
  $('#filter-status').disabled = state.view !== 'all';
  $('#filter-overdue').disabled = state.view !== 'all';
  markView(state.view);
  syncTags();
}

function setFilter(key, value) {
  state[key] = value;
  loaded = PAGE;
  syncToolbar();
  load();
}

function filtering() {
  return Boolean(state.q.trim() || state.priority || state.tag || state.overdue);
}

function scheduleRefresh(delay) {
  clearTimeout(refreshTimer);
  refreshTimer = setTimeout(() => active && load(), delay);
}

function query(offset, limit) {
  const [sort, order] = state.sort.split(':');
  return {
    q: state.q.trim(),
    status: state.status,
    priority: state.priority,
    tag: state.tag ? [state.tag] : [],
    overdue: state.overdue ? 'true' : '',
    sort,
    order,
    limit,
    offset,
    ...VIEWS[state.view].params(),
  };
}

export function load() {
  const run = loadNow();
  inflight = run;
  return run;
}

// Resolves once no load is running any more: the list on screen is the newest one.
async function settled() {
  let current;
  do {
    current = inflight;
    await current;
  } while (current !== inflight);
}

async function loadNow() {
  if (!active) return;
  const id = ++seq;
  controller?.abort();
  controller = new AbortController();
  const list = $('#task-list');
  list.setAttribute('aria-busy', 'true');
  try {
    let page = await api('/tasks', { query: query(0, PAGE), signal: controller.signal });
    const collected = [...page.items];
    while (collected.length < Math.min(loaded, page.total) && page.items.length) {
      page = await api('/tasks', { query: query(collected.length, PAGE), signal: controller.signal });
      collected.push(...page.items);
    }
    if (id !== seq) return;
    items = collected;
    total = page.total;
    render();
    refreshCounts();
  } catch (error) {
    if (error.name === 'AbortError' || id !== seq) return;
    if (error.status !== 401) showError(error);
  } finally {
    if (id === seq) list.removeAttribute('aria-busy');
  }
}

async function createTask(payload) {
  const task = await api('/tasks', { method: 'POST', body: payload });
  announce(`Added “${task.title}”.`);
  rememberTags([task]);
  load();
  // A live update may start a newer load meanwhile: judge by the list that ends up shown.
  settled().then(() => {
    const row = $(`#task-list .task[data-id="${task.id}"]`);
    if (row) {
      row.classList.add('flash');
      row.scrollIntoView({ block: 'nearest' });
    } else if (active) {
      showToast({ message: `Added “${task.title}”. It is hidden by the current filters.` });
    }
  });
}

function rememberTags(tasks) {
  let changed = false;
  for (const task of tasks) {
    for (const tag of task.tags ?? []) {
      if (!knownTags.has(tag)) {
        knownTags.add(tag);
        changed = true;
      }
    }
  }
  if (changed) syncTags();
}

function syncTags() {
  const select = $('#filter-tag');
  const tags = [...new Set([...knownTags, ...(state.tag ? [state.tag] : [])])].sort();
  select.replaceChildren(
    h('option', { value: '' }, 'Any'),
    ...tags.map((tag) => h('option', { value: tag }, `#${tag}`)),
  );
  select.value = state.tag;
}

function signature(task, due) {
  return `${task.updated_at}|${task.completed}|${due?.label}|${due?.state}`;
}

function render() {
  const now = new Date();
  const visible = items.filter((task) => !pendingDeletes.has(task.id));
  rememberTags(visible);
  const wanted = [];
  let day = null;
  for (const task of visible) {
    if (state.view === 'upcoming' && task.due) {
      const key = isDateOnly(task.due) ? task.due : dateKey(new Date(task.due));
      if (key !== day) {
        day = key;
        wanted.push(h('li', { class: 'day-heading', role: 'presentation' }, dayLabel(key, dateKey(now))));
      }
    }
    if (editing?.id === task.id) {
      wanted.push(editing.row);
      continue;
    }
    const due = describeDue(task.due, task.completed, now);
    const sig = signature(task, due);
    let entry = rows.get(task.id);
    if (!entry || entry.sig !== sig) {
      entry = { el: renderRow(task, due, now), sig };
      rows.set(task.id, entry);
    }
    wanted.push(entry.el);
  }
  const ids = new Set(visible.map((task) => task.id));
  for (const id of rows.keys()) if (!ids.has(id)) rows.delete(id);
  if (editing && !ids.has(editing.id)) editing = null;
  reconcile($('#task-list'), wanted);
  renderSummary(visible, now);
  if (!marked) {
    marked = true;
    // After the next frame: the rows are laid out and painted, not just built.
    requestAnimationFrame(() => setTimeout(() => performance.mark('todo:list-rendered'), 0));
  }
}

function reconcile(list, wanted) {
  const focused = document.activeElement;
  const focusRow = focused?.closest?.('#task-list .task')?.dataset.id;
  const focusKey = focused?.dataset?.focusKey;
  const keep = new Set(wanted);
  for (const child of [...list.children]) if (!keep.has(child)) child.remove();
  wanted.forEach((el, i) => {
    if (list.children[i] !== el) list.insertBefore(el, list.children[i] ?? null);
  });
  if (focusRow && focusKey && document.activeElement !== focused) {
    list.querySelector(`.task[data-id="${focusRow}"] [data-focus-key="${focusKey}"]`)?.focus();
  }
}

function renderSummary(visible, now) {
  const shown = total - pendingDeletes.size;
  const status = VIEWS[state.view].params().status ?? state.status;
  const noun = { pending: 'open task', completed: 'completed task', all: 'task' }[status];
  const overdue = visible.filter((t) => describeDue(t.due, t.completed, now)?.state === 'overdue').length;
  const today = visible.filter(
    (t) => !t.completed && describeDue(t.due, t.completed, now)?.state === 'today',
  ).length;
  let text = shown > 0 ? `${shown} ${filtering() ? 'matching ' : ''}${noun}${shown === 1 ? '' : 's'}` : '';
  if (shown > 0 && overdue) text += ` · ${overdue} overdue`;
  if (shown > 0 && today) text += ` · ${today} due today`;
  const line = $('#list-status');
  if (line.textContent !== text) line.textContent = text;

  const more = $('#more');
  more.hidden = visible.length >= shown;
  more.textContent = `Show more (${shown - visible.length} left)`;

  const empty = $('#empty-state');
  empty.hidden = visible.length > 0;
  if (!empty.hidden) empty.replaceChildren(...emptyMessage());
}

const EMPTY_VIEW = {
  today: ['Nothing due today.', 'Tasks due today, in your time zone, show here.'],
  upcoming: ['Nothing due in the next 7 days.', 'Tasks due after today and within a week show here.'],
  overdue: ['Nothing overdue. Nice!', 'Open tasks whose due time has passed show here.'],
  completed: ['Nothing completed in the last 7 days.', 'Tick a task when it is done and it moves here.'],
};

function emptyMessage() {
  if (!filtering() && EMPTY_VIEW[state.view]) {
    const [title, hint] = EMPTY_VIEW[state.view];
    return [h('p', { class: 'empty-title' }, title), h('p', {}, hint)];
  }
  if (filtering()) {
    return [
      h('p', { class: 'empty-title' }, 'No tasks match these filters.'),
      h('button', { type: 'button', class: 'ghost', onclick: clearFilters }, 'Clear filters'),
    ];
  }
  if (state.status === 'completed') {
    return [
      h('p', { class: 'empty-title' }, 'Nothing completed yet.'),
      h('p', {}, 'Tick a task when it is done and it moves here.'),
    ];
  }
  return [
    h('p', { class: 'empty-title' }, state.status === 'all' ? 'No tasks yet.' : 'No open tasks. Nice!'),
    h(
      'p',
      {},
      'Add one with the form above: give it a due date, tags, a reminder or a repeat. ',
      'Or ask the assistant, for example “add call the plumber tomorrow at 5pm #home”.',
    ),
  ];
}

function clearFilters() {
  Object.assign(state, { q: '', priority: '', tag: '', overdue: false });
  loaded = PAGE;
  syncToolbar();
  load();
  $('#search').focus();
}

function renderRow(task, due, now) {
  const titleId = `task-${task.id}-title`;
  const classes = ['task', `priority-${task.priority}`];
  if (task.completed) classes.push('done');
  if (due && !task.completed) classes.push(`due-${due.state}`);

  const meta = [];
  if (task.priority !== 'medium') {
    meta.push(
      h(
        'span',
        { class: `badge prio prio-${task.priority}` },
        task.priority === 'high' ? 'High priority' : 'Low priority',
      ),
    );
  }
  if (due) {
    const label = due.state === 'overdue' && !task.completed ? `Overdue · ${due.label}` : due.label;
    meta.push(
      h(
        'span',
        { class: `meta due due-${task.completed ? 'upcoming' : due.state}`, title: due.full },
        icon('clock'),
        h('span', { class: 'sr-only' }, 'Due: '),
        label,
      ),
    );
  }
  if (task.recurrence) {
    meta.push(
      h(
        'span',
        { class: 'meta repeat', title: task.recurrence },
        icon('repeat'),
        h('span', { class: 'sr-only' }, 'Repeats: '),
        task.recurrence_text ?? task.recurrence,
      ),
    );
  }
  if (task.remind_at && !task.completed) {
    meta.push(
      h(
        'span',
        { class: 'meta remind' },
        icon('bell'),
        h('span', { class: 'sr-only' }, 'Reminder: '),
        formatMoment(new Date(task.remind_at), now),
      ),
    );
  }
  for (const tag of task.tags ?? []) {
    meta.push(
      h(
        'button',
        {
          type: 'button',
          class: 'tag',
          title: `Show tasks tagged ${tag}`,
          onclick: () => setFilter('tag', tag),
        },
        `#${tag}`,
      ),
    );
  }

  const check = h('input', {
    type: 'checkbox',
    class: 'task-check',
    checked: task.completed,
    'aria-labelledby': titleId,
    dataset: { focusKey: 'check' },
  });
  check.addEventListener('change', () => toggleDone(task, check));

  return h(
    'li',
    { class: classes.join(' '), dataset: { id: String(task.id) } },
    check,
    h(
      'div',
      { class: 'task-main' },
      h('p', { class: 'task-title', id: titleId }, task.title),
      task.description ? h('p', { class: 'task-desc' }, task.description) : null,
      meta.length ? h('div', { class: 'task-meta' }, meta) : null,
    ),
    h(
      'div',
      { class: 'task-actions' },
      h(
        'button',
        {
          type: 'button',
          class: 'ghost small',
          'aria-label': `Edit “${task.title}”`,
          dataset: { focusKey: 'edit' },
          onclick: () => startEdit(task),
        },
        icon('edit'),
        h('span', { class: 'label' }, 'Edit'),
      ),
      h(
        'button',
        {
          type: 'button',
          class: 'ghost small danger',
          'aria-label': `Delete “${task.title}”`,
          dataset: { focusKey: 'delete' },
          onclick: () => deleteTask(task),
        },
        icon('trash'),
        h('span', { class: 'label' }, 'Delete'),
      ),
    ),
  );
}

async function toggleDone(task, box) {
  box.disabled = true;
  const action = task.completed ? 'reopen' : 'complete';
  try {
    const updated = await api(`/tasks/${task.id}/${action}`, { method: 'POST' });
    await load();
    if (updated.completed) {
      const next = task.recurrence
        ? items.find((t) => t.series_id && t.series_id === task.series_id && !t.completed)
        : null;
      showToast({
        message: next?.due
          ? `Completed “${task.title}”. Next one: ${describeDue(next.due, false).label}.`
          : `Completed “${task.title}”.`,
        actions: [{ label: 'Undo', onClick: () => reopen(task) }],
      });
      if (task.recurrence) scheduleRefresh(1200);
    } else {
      announce(`Reopened “${task.title}”.`);
    }
  } catch (error) {
    box.checked = task.completed;
    box.disabled = false;
    showError(error);
  }
}

async function reopen(task) {
  try {
    await api(`/tasks/${task.id}/reopen`, { method: 'POST' });
    announce(`Reopened “${task.title}”.`);
    await load();
  } catch (error) {
    showError(error);
  }
}

function startEdit(task) {
  if (editing) closeEditor(false);
  const form = createTaskForm({
    task,
    onSubmit: (payload) => saveEdit(task, payload),
    onCancel: () => closeEditor(true),
  });
  const row = h('li', { class: 'task editing', dataset: { id: String(task.id) } }, form.el);
  const entry = rows.get(task.id);
  rows.delete(task.id);
  editing = { id: task.id, row, form };
  if (entry) entry.el.replaceWith(row);
  form.focus();
}

async function saveEdit(task, payload) {
  if (Object.keys(payload).length) {
    const updated = await api(`/tasks/${task.id}`, { method: 'PATCH', body: payload });
    announce(`Saved “${updated.title}”.`);
  }
  closeEditor(true);
  await load();
}

function closeEditor(restoreFocus) {
  if (!editing) return;
  const { id } = editing;
  editing = null;
  render();
  if (restoreFocus) $(`#task-list .task[data-id="${id}"] [data-focus-key="edit"]`)?.focus();
}

function deleteTask(task) {
  if (editing?.id === task.id) editing = null;
  const row = $(`#task-list .task[data-id="${task.id}"]`);
  const next = row?.nextElementSibling ?? row?.previousElementSibling;
  const entry = { task, committing: false };
  pendingDeletes.set(task.id, entry);
  render();
  (next?.querySelector('[data-focus-key="check"]') ?? $('#tasks-heading')).focus();
  entry.toast = showToast({
    message: `Deleted “${task.title}”.`,
    actions: [{ label: 'Undo', onClick: () => undoDelete(task.id) }],
    timeout: 6000,
    onClose: (reason) => {
      if (reason !== 'action') commitDelete(task.id);
    },
  });
}

function undoDelete(id) {
  const entry = pendingDeletes.get(id);
  if (!entry || entry.committing) return;
  pendingDeletes.delete(id);
  render();
  announce(`Restored “${entry.task.title}”.`);
  $(`#task-list .task[data-id="${id}"] [data-focus-key="check"]`)?.focus();
}

async function commitDelete(id, keepalive = false) {
  const entry = pendingDeletes.get(id);
  if (!entry || entry.committing) return;
  entry.committing = true;
  try {
    await api(`/tasks/${id}`, { method: 'DELETE', keepalive });
  } catch (error) {
    if (error.status !== 404) showError(error);
  }
  pendingDeletes.delete(id);
  if (active) await load();
}

function flushDeletes(keepalive) {
  for (const [id, entry] of pendingDeletes) {
    entry.toast?.close('flush');
    commitDelete(id, keepalive);
  }
}
