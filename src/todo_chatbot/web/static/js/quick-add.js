// Quick add: the new-task line is read as `todo add` and chat read it (POST /tasks/parse),
// and chips show what was understood before anything is saved: date, repeat, priority, tags.
// "Keep text as typed" saves the line as the title, unread.

import { api } from './api.js';
import { h } from './dom.js';
import { describeDue, timezone } from './dates.js';

export function attachQuickAdd(form) {
  const input = form.elements.title;
  const chips = h('div', { class: 'quick-chips', 'aria-live': 'polite', 'data-role': 'understood' });
  const literal = h('input', { type: 'checkbox', name: 'literal' });
  const keep = h('label', { class: 'check quick-literal' }, literal, ' Keep text as typed');
  form.querySelector('.title-row').append(chips, keep);

  let parsed = null; // { text, result }
  let timer = null;
  let seq = 0;

  async function parse(text) {
    const id = ++seq;
    try {
      const result = await api('/tasks/parse', { method: 'POST', body: { text, timezone: timezone() } });
      if (id === seq) parsed = { text, result };
      return result;
    } catch {
      return null; // the line is saved as typed
    }
  }

  function show() {
    const text = input.value.trim();
    const result = parsed?.text === text && !literal.checked ? parsed.result : null;
    chips.replaceChildren(...(result ? chipsFor(result, text) : []));
  }

  input.addEventListener('input', () => {
    clearTimeout(timer);
    const text = input.value.trim();
    if (!text || literal.checked) {
      parsed = null;
      show();
      return;
    }
    timer = setTimeout(() => parse(text).then(show), 250);
  });
  literal.addEventListener('change', show);
  form.addEventListener('reset', () => {
    parsed = null;
    setTimeout(show, 0);
  });

  // The payload to save: what the line says, unless it is kept literal or options were set.
  return async function understood(payload) {
    const untouched =
      !payload.due && !payload.recurrence && !payload.remind_at && !payload.tags.length &&
      !payload.description && payload.priority === 'medium';
    if (literal.checked || !untouched) return payload;
    const text = payload.title;
    const result = parsed?.text === text ? parsed.result : await parse(text);
    if (!result || result.question || !result.title) return payload;
    const fields = { title: result.title };
    for (const key of ['due', 'remind_at', 'recurrence', 'priority', 'description']) {
      if (result[key]) fields[key] = result[key];
    }
    if (result.tags?.length) fields.tags = result.tags;
    return { ...payload, ...fields };
  };
}

function chipsFor(result, text) {
  const chips = [];
  if (result.title && result.title !== text) chips.push(chip('Title', result.title));
  if (result.due) chips.push(chip('Due', describeDue(result.due, false).label));
  if (result.recurrence_text) chips.push(chip('Repeats', result.recurrence_text));
  if (result.remind_at) chips.push(chip('Reminder', describeDue(result.remind_at, false).label));
  if (result.priority) chips.push(chip('Priority', result.priority));
  for (const tag of result.tags ?? []) chips.push(chip('Tag', `#${tag}`));
  if (result.question) chips.push(h('span', { class: 'quick-question' }, result.question));
  return chips;
}

function chip(kind, value) {
  return h('span', { class: 'quick-chip', 'data-kind': kind.toLowerCase() }, h('span', { class: 'sr-only' }, `${kind}: `), value);
}
