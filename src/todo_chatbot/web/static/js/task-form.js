// The task form, used to add a task and to edit one in place.

import { clearErrors, cloneTemplate, h, showErrors } from './dom.js';
import { dateKey, dueMoment, isDateOnly, localMoment, timeKey, toLocalInput, toOffsetISO } from './dates.js';
import { DAY_NAMES, MONTH_NAMES, WEEKDAYS, emptyPicker, fromRule, parseRule, toRule } from './recurrence.js';

const UNITS = {
  daily: ['day', 'days'],
  weekdays: ['week', 'weeks'],
  weekly: ['week', 'weeks'],
  monthly: ['month', 'months'],
  yearly: ['year', 'years'],
};
const PRESETS = ['0', '10', '60', '1440'];
let counter = 0;

// createTaskForm({ task?, onSubmit(payload) => Promise, onCancel? }) -> { el, focus, reset, setErrors }
export function createTaskForm({ task = null, onSubmit, onCancel }) {
  const editing = task !== null;
  counter += 1;
  const prefix = editing ? `edit-${task.id}-${counter}` : 'add';
  const form = cloneTemplate('task-form-template', prefix);
  const q = (selector) => form.querySelector(selector);
  const f = form.elements;
  const details = q('.details');
  const toggle = q('[data-role="toggle"]');
  const submit = q('[data-role="submit"]');
  const cancel = q('[data-role="cancel"]');

  form.classList.add(editing ? 'editing' : 'adding');
  form.setAttribute('aria-label', editing ? `Edit “${task.title}”` : 'Add a task');
  if (!editing) q('label[for$="-title"]').textContent = 'New task';
  buildWeekdays(form, prefix);
  f.month.append(...MONTH_NAMES.map((name, i) => h('option', { value: String(i + 1) }, name)));

  const setExpanded = (open) => {
    details.hidden = !open;
    toggle.setAttribute('aria-expanded', String(open));
    toggle.textContent = open ? 'Fewer options' : 'More options';
  };

  if (editing) {
    submit.textContent = 'Save';
    toggle.hidden = true;
    cancel.hidden = false;
    fill(form, task);
  } else {
    setExpanded(false);
    toggle.addEventListener('click', () => setExpanded(details.hidden));
  }
  syncRepeat(form);
  syncRemind(form);

  f.repeat.addEventListener('change', () => {
    defaultsFromDue(form);
    syncRepeat(form);
  });
  f.interval.addEventListener('input', () => syncRepeat(form));
  f.remind.addEventListener('change', () => {
    syncRemind(form);
    if (f.remind.value === 'custom' && !f.remind_at.value) {
      const base = dueMoment(dueValue(form)) ?? new Date(Date.now() + 3600_000);
      f.remind_at.value = toLocalInput(base, true);
    }
  });
  cancel.addEventListener('click', () => onCancel?.());
  form.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && editing) {
      event.preventDefault();
      onCancel?.();
    }
  });

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearErrors(form);
    const { payload, problems } = read(form, task);
    if (problems.length) {
      if (!editing && problems.some((p) => p.field !== 'title')) setExpanded(true);
      showErrors(form, problems);
      return;
    }
    submit.disabled = true;
    form.setAttribute('aria-busy', 'true');
    try {
      await onSubmit(payload);
      if (!editing) {
        reset();
        setExpanded(false);
        f.title.focus();
      }
    } catch (error) {
      const known = (error.details ?? []).filter((d) => d.field);
      if (!editing && known.some((p) => p.field !== 'title')) setExpanded(true);
      showErrors(form, error.details ?? [], error.message);
    } finally {
      submit.disabled = false;
      form.removeAttribute('aria-busy');
    }
  });

  function reset() {
    form.reset();
    clearErrors(form);
    syncRepeat(form);
    syncRemind(form);
  }

  return { el: form, focus: () => f.title.focus(), reset };
}

function buildWeekdays(form, prefix) {
  const box = form.querySelector('[data-role="weekdays"]');
  WEEKDAYS.forEach((code, i) => {
    const id = `${prefix}-day-${code}`;
    box.append(
      h(
        'span',
        { class: 'day' },
        h('input', { type: 'checkbox', id, name: 'byday', value: code }),
        h('label', { for: id }, DAY_NAMES[i]),
      ),
    );
  });
}

function dueValue(form) {
  const f = form.elements;
  if (!f.due_date.value) return null;
  return f.due_time.value ? toOffsetISO(localMoment(f.due_date.value, f.due_time.value)) : f.due_date.value;
}

function defaultsFromDue(form) {
  const f = form.elements;
  const base = f.due_date.value ? localMoment(f.due_date.value) : new Date();
  const kind = f.repeat.value;
  if (kind === 'weekly' && !form.querySelector('input[name="byday"]:checked')) {
    const code = WEEKDAYS[(base.getDay() + 6) % 7];
    form.querySelector(`input[name="byday"][value="${code}"]`).checked = true;
  }
  if (kind === 'monthly' && !f.monthday.value) f.monthday.value = String(base.getDate());
  if (kind === 'yearly' && !f.yearday.value) {
    f.month.value = String(base.getMonth() + 1);
    f.yearday.value = String(base.getDate());
  }
}

function syncRepeat(form) {
  const f = form.elements;
  const kind = f.repeat.value;
  const show = (role, visible) => {
    form.querySelector(`[data-role="${role}"]`).hidden = !visible;
  };
  show('every', kind in UNITS);
  show('weekdays', kind === 'weekly');
  show('monthday', kind === 'monthly');
  show('yearday', kind === 'yearly');
  if (kind in UNITS) {
    const [one, many] = UNITS[kind];
    form.querySelector('[data-role="unit"]').textContent = Number(f.interval.value) === 1 ? one : many;
  }
}

function syncRemind(form) {
  form.querySelector('[data-role="custom-remind"]').hidden = form.elements.remind.value !== 'custom';
}

function fill(form, task) {
  const f = form.elements;
  f.title.value = task.title;
  f.description.value = task.description ?? '';
  f.priority.value = task.priority ?? 'medium';
  f.tags.value = (task.tags ?? []).join(', ');
  if (task.due) {
    if (isDateOnly(task.due)) {
      f.due_date.value = task.due;
    } else {
      const due = new Date(task.due);
      f.due_date.value = dateKey(due);
      f.due_time.value = timeKey(due);
    }
  }
  if (task.remind_at) {
    const remind = new Date(task.remind_at);
    const due = dueMoment(task.due);
    const before = due ? String(Math.round((due - remind) / 60000)) : null;
    if (before !== null && PRESETS.includes(before)) {
      f.remind.value = before;
    } else {
      f.remind.value = 'custom';
      f.remind_at.value = toLocalInput(remind, true);
    }
  }
  const model = fromRule(task.recurrence);
  if (model.kind === 'custom') {
    const option = f.repeat.querySelector('option[value="custom"]');
    option.hidden = false;
    option.textContent = `Custom rule (${model.raw})`;
  }
  f.repeat.value = model.kind;
  f.interval.value = String(model.interval);
  for (const box of form.querySelectorAll('input[name="byday"]'))
    box.checked = model.days.includes(box.value);
  if (model.kind === 'monthly' && model.monthDay) f.monthday.value = String(model.monthDay);
  if (model.kind === 'yearly' && model.month) {
    f.month.value = String(model.month);
    f.yearday.value = String(model.monthDay);
  }
  form.dataset.rawRule = model.raw ?? '';
}

function splitTags(text) {
  return text
    .split(/[,\s]+/)
    .map((t) => t.replace(/^#+/, '').trim())
    .filter(Boolean);
}

function wholeNumber(value, min, max) {
  const n = Number(value);
  return value !== '' && Number.isInteger(n) && n >= min && n <= max ? n : null;
}

function sameMoment(a, b) {
  if (!a || !b) return a === b;
  if (isDateOnly(a) || isDateOnly(b)) return a === b;
  return new Date(a).getTime() === new Date(b).getTime();
}

function sameRule(a, b) {
  if (!a || !b) return !a && !b;
  const left = parseRule(a);
  const right = parseRule(b);
  const norm = (parts) => ({ INTERVAL: '1', ...parts });
  const l = norm(left);
  const r = norm(right);
  return Object.keys(l).length === Object.keys(r).length && Object.keys(l).every((k) => l[k] === r[k]);
}

// Form -> { payload, problems }. When editing, the payload holds only what changed.
function read(form, original) {
  const f = form.elements;
  const problems = [];
  const title = f.title.value.trim();
  if (!title) problems.push({ field: 'title', message: 'Enter a title for the task.' });

  if (f.due_time.value && !f.due_date.value)
    problems.push({ field: 'due', message: 'Pick a date for this time.' });
  const due = dueValue(form);

  let remindAt = null;
  const remind = f.remind.value;
  if (remind === 'custom') {
    if (!f.remind_at.value) problems.push({ field: 'remind_at', message: 'Pick when to be reminded.' });
    else remindAt = toOffsetISO(new Date(f.remind_at.value));
  } else if (remind !== '') {
    if (!due)
      problems.push({ field: 'remind_at', message: 'Set a due date first, or pick a specific time.' });
    else remindAt = toOffsetISO(new Date(dueMoment(due).getTime() - Number(remind) * 60000));
  }

  const kind = f.repeat.value;
  const model = { ...emptyPicker(), kind, raw: form.dataset.rawRule || null };
  if (kind !== 'none' && kind !== 'custom') {
    model.interval = wholeNumber(f.interval.value, 1, 99);
    if (model.interval === null)
      problems.push({ field: 'recurrence', message: 'Repeat every: enter a whole number from 1 to 99.' });
    model.days = Array.from(form.querySelectorAll('input[name="byday"]:checked'), (box) => box.value);
    if (kind === 'monthly') {
      model.monthDay = wholeNumber(f.monthday.value, 1, 31);
      if (model.monthDay === null)
        problems.push({ field: 'recurrence', message: 'Day of the month: enter 1 to 31.' });
    }
    if (kind === 'yearly') {
      model.month = Number(f.month.value);
      model.monthDay = wholeNumber(f.yearday.value, 1, 31);
      if (model.monthDay === null)
        problems.push({ field: 'recurrence', message: 'Day of the month: enter 1 to 31.' });
    }
  }
  if (kind !== 'none' && !due)
    problems.push({ field: 'due', message: 'A repeating task needs a due date to start from.' });
  const recurrence = problems.length ? null : toRule(model);

  const payload = {
    title,
    description: f.description.value.trim(),
    priority: f.priority.value,
    tags: splitTags(f.tags.value),
    due,
    remind_at: remindAt,
    recurrence,
  };
  if (original) {
    const same = {
      title: payload.title === original.title,
      description: payload.description === (original.description ?? ''),
      priority: payload.priority === original.priority,
      tags: payload.tags.join(',') === (original.tags ?? []).join(','),
      due: sameMoment(payload.due, original.due ?? null),
      remind_at: sameMoment(payload.remind_at, original.remind_at ?? null),
      recurrence: sameRule(payload.recurrence, original.recurrence),
    };
    for (const [key, unchanged] of Object.entries(same)) if (unchanged) delete payload[key];
  } else {
    for (const key of ['due', 'remind_at', 'recurrence']) if (payload[key] === null) delete payload[key];
    if (!payload.description) delete payload.description;
  }
  return { payload, problems };
}
