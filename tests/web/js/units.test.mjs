// Unit tests for the UI's pure modules, run by `node --test` (see tests/web/test_static.py).
import assert from 'node:assert/strict';
import { test } from 'node:test';

// api.js reads the token at import: give it the storage a browser would have.
const memoryStorage = () => {
  const data = new Map();
  return {
    getItem: (k) => data.get(k) ?? null,
    setItem: (k, v) => data.set(k, String(v)),
    removeItem: (k) => data.delete(k),
  };
};
globalThis.sessionStorage = memoryStorage();
globalThis.localStorage = memoryStorage();
globalThis.location = new URL('http://127.0.0.1:8000/');

const STATIC = new URL('../../../src/todo_chatbot/web/static/js/', import.meta.url);
const { fromRule, toRule, parseRule } = await import(new URL('recurrence.js', STATIC));
const { isDateOnly, toOffsetISO, addDays, describeDue, localMoment } = await import(
  new URL('dates.js', STATIC)
);
const { fieldName, url, setToken, clearToken, authHeader } = await import(new URL('api.js', STATIC));

const sameParts = (a, b) => assert.deepEqual(parseRule(a), parseRule(b));

test('picker models become RRULE text', () => {
  const base = { interval: 1, days: [], monthDay: null, month: null, raw: null };
  assert.equal(toRule({ ...base, kind: 'none' }), null);
  assert.equal(toRule({ ...base, kind: 'daily' }), 'FREQ=DAILY');
  assert.equal(toRule({ ...base, kind: 'daily', interval: 3 }), 'FREQ=DAILY;INTERVAL=3');
  assert.equal(toRule({ ...base, kind: 'weekdays' }), 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR');
  assert.equal(
    toRule({ ...base, kind: 'weekly', interval: 2, days: ['MO', 'WE'] }),
    'FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,WE',
  );
  assert.equal(toRule({ ...base, kind: 'monthly', monthDay: 15 }), 'FREQ=MONTHLY;BYMONTHDAY=15');
  assert.equal(
    toRule({ ...base, kind: 'yearly', month: 3, monthDay: 5 }),
    'FREQ=YEARLY;BYMONTH=3;BYMONTHDAY=5',
  );
});

test('rules come back as the picker showed them', () => {
  for (const rule of [
    'FREQ=DAILY',
    'FREQ=DAILY;INTERVAL=3',
    'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR',
    'FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,WE',
    'FREQ=MONTHLY;BYMONTHDAY=15',
    'FREQ=MONTHLY;INTERVAL=6;BYMONTHDAY=31',
    'FREQ=YEARLY;BYMONTH=3;BYMONTHDAY=5',
  ]) {
    const model = fromRule(rule);
    assert.notEqual(model.kind, 'custom', rule);
    sameParts(toRule(model), rule);
  }
  assert.equal(fromRule('FREQ=DAILY;BYDAY=MO,TU,WE,TH,FR').kind, 'weekdays');
  assert.equal(fromRule('RRULE:freq=weekly;byday=we,mo').kind, 'weekly');
  assert.deepEqual(fromRule('FREQ=WEEKLY;BYDAY=WE,MO').days, ['MO', 'WE']);
});

test('rules the picker cannot show are kept as they are', () => {
  for (const rule of [
    'FREQ=MONTHLY;BYDAY=1MO',
    'FREQ=DAILY;COUNT=5',
    'FREQ=MONTHLY;BYMONTHDAY=1,15',
    'FREQ=HOURLY',
  ]) {
    const model = fromRule(rule);
    assert.equal(model.kind, 'custom', rule);
    assert.equal(toRule(model), rule);
  }
});

test('dates and instants', () => {
  assert.ok(isDateOnly('2026-11-24'));
  assert.ok(!isDateOnly('2026-11-24T10:00:00Z'));
  assert.equal(addDays('2026-12-31', 1), '2027-01-01');
  assert.equal(addDays('2026-03-01', -1), '2026-02-28');
  const moment = localMoment('2026-11-24', '17:00');
  const text = toOffsetISO(moment);
  assert.match(text, /^2026-11-24T17:00:00[+-]\d\d:\d\d$/);
  assert.equal(new Date(text).getTime(), moment.getTime());
});

test('due dates: overdue, today, upcoming', () => {
  const now = localMoment('2026-11-23', '12:00');
  assert.equal(describeDue('2026-11-22', false, now).state, 'overdue');
  assert.equal(describeDue('2026-11-22', true, now).state, 'upcoming');
  assert.equal(describeDue('2026-11-23', false, now).state, 'today');
  assert.equal(describeDue('2026-11-23', false, now).label, 'Today');
  assert.equal(describeDue('2026-11-24', false, now).label, 'Tomorrow');
  assert.equal(describeDue(toOffsetISO(localMoment('2026-11-23', '09:00')), false, now).state, 'overdue');
  assert.equal(describeDue(toOffsetISO(localMoment('2026-11-23', '18:00')), false, now).state, 'today');
  assert.equal(describeDue(null, false, now), null);
});

test('error fields name the form field', () => {
  assert.equal(fieldName('body.tags.0'), 'tags');
  assert.equal(fieldName(['body', 'title']), 'title');
  assert.equal(fieldName('remind_at'), 'remind_at');
  assert.equal(fieldName(undefined), '');
});

test('query strings repeat list values and drop empty ones', () => {
  const target = url('/tasks', { q: 'milk', tag: ['a', 'b'], priority: '', overdue: false, limit: 200 });
  assert.equal(target.pathname, '/api/v1/tasks');
  assert.equal(target.search, '?q=milk&tag=a&tag=b&limit=200');
});

test('the token lives in one storage and goes away on sign-out', () => {
  setToken('abc', false);
  assert.equal(sessionStorage.getItem('todo.token'), 'abc');
  assert.equal(localStorage.getItem('todo.token'), null);
  assert.deepEqual(authHeader(), { Authorization: 'Bearer abc' });
  setToken('def', true);
  assert.equal(sessionStorage.getItem('todo.token'), null);
  assert.equal(localStorage.getItem('todo.token'), 'def');
  clearToken();
  assert.equal(localStorage.getItem('todo.token'), null);
  assert.deepEqual(authHeader(), {});
});

test('dates inside messages read like the rest of the page', async () => {
  const { humanizeDates } = await import(new URL('dates.js', STATIC));
  const now = localMoment('2026-11-23', '12:00');
  assert.equal(humanizeDates('Due 2026-11-24', now), 'Due Tomorrow');
  assert.match(humanizeDates('Due 2026-11-23T17:00:00-05:00', now), /^Due Today, 5:00\sPM$/);
  assert.equal(humanizeDates('no dates here', now), 'no dates here');
  assert.equal(humanizeDates(null, now), '');
});

test('tool calls as short confirmations', async () => {
  const { describeToolCall } = await import(new URL('chat.js', STATIC));
  const task = { id: 3, title: 'Buy milk', due: null, completed: false };
  assert.deepEqual(describeToolCall({ tool: 'add_task', args: {}, result: task }), {
    ok: true,
    text: 'Added “Buy milk”',
  });
  assert.deepEqual(describeToolCall({ tool: 'complete_task', args: { task_id: 3 }, result: task }), {
    ok: true,
    text: 'Completed “Buy milk”',
  });
  assert.deepEqual(describeToolCall({ tool: 'list_tasks', args: {}, result: { items: [task], total: 1 } }), {
    ok: true,
    text: 'Found 1 task',
  });
  assert.deepEqual(
    describeToolCall({ tool: 'delete_task', args: { task_id: 9 }, result: { error: 'task 9 not found' } }),
    {
      ok: false,
      text: 'Could not delete task 9: task 9 not found',
    },
  );
});
