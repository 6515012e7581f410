// The recurrence picker's model <-> RRULE text (without 'RRULE:'). Rules in words come from
// the server with each task (`recurrence_text`).

export const WEEKDAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];
const WORKDAYS = ['MO', 'TU', 'WE', 'TH', 'FR'];
const KNOWN = new Set(['FREQ', 'INTERVAL', 'BYDAY', 'BYMONTHDAY', 'BYMONTH']);

// 2024-01-01 was a Monday.
export const DAY_NAMES = WEEKDAYS.map((_, i) =>
  new Intl.DateTimeFormat(undefined, { weekday: 'short' }).format(new Date(2024, 0, 1 + i)),
);
export const MONTH_NAMES = Array.from({ length: 12 }, (_, i) =>
  new Intl.DateTimeFormat(undefined, { month: 'long' }).format(new Date(2024, i, 1)),
);

export function parseRule(rule) {
  const parts = {};
  for (const chunk of String(rule)
    .replace(/^RRULE:/i, '')
    .split(';')) {
    const [key, value] = chunk.split('=');
    if (key && value) parts[key.trim().toUpperCase()] = value.trim().toUpperCase();
  }
  return parts;
}

const sameSet = (a, b) => a.length === b.length && a.every((x) => b.includes(x));

export function emptyPicker() {
  return { kind: 'none', interval: 1, days: [], monthDay: null, month: null, raw: null };
}

// RRULE text -> picker model; rules the picker cannot show come back as kind 'custom'.
export function fromRule(rule) {
  const model = emptyPicker();
  if (!rule) return model;
  const parts = parseRule(rule);
  const custom = { ...model, kind: 'custom', raw: rule };
  if (Object.keys(parts).some((key) => !KNOWN.has(key))) return custom;
  const interval = parts.INTERVAL ? Number(parts.INTERVAL) : 1;
  if (!Number.isInteger(interval) || interval < 1) return custom;
  const days = parts.BYDAY ? parts.BYDAY.split(',') : [];
  if (days.some((d) => !WEEKDAYS.includes(d))) return custom;
  const single = (value, max) => {
    if (value === undefined) return null;
    const n = Number(value);
    return Number.isInteger(n) && n >= 1 && n <= max ? n : NaN;
  };
  const monthDay = single(parts.BYMONTHDAY, 31);
  const month = single(parts.BYMONTH, 12);
  if (Number.isNaN(monthDay) || Number.isNaN(month)) return custom;
  const base = { ...model, interval, monthDay, month };
  switch (parts.FREQ) {
    case 'DAILY':
      if (monthDay || month) return custom;
      if (!days.length) return { ...base, kind: 'daily' };
      return sameSet(days, WORKDAYS) ? { ...base, kind: 'weekdays' } : custom;
    case 'WEEKLY':
      if (monthDay || month) return custom;
      if (sameSet(days, WORKDAYS)) return { ...base, kind: 'weekdays' };
      return { ...base, kind: 'weekly', days: WEEKDAYS.filter((d) => days.includes(d)) };
    case 'MONTHLY':
      return days.length || month ? custom : { ...base, kind: 'monthly' };
    case 'YEARLY':
      return days.length || (month === null) !== (monthDay === null) ? custom : { ...base, kind: 'yearly' };
    default:
      return custom;
  }
}

// picker model -> RRULE text, or null for "does not repeat"
export function toRule(model) {
  const every = model.interval > 1 ? `;INTERVAL=${model.interval}` : '';
  switch (model.kind) {
    case 'daily':
      return `FREQ=DAILY${every}`;
    case 'weekdays':
      return `FREQ=WEEKLY${every};BYDAY=${WORKDAYS.join(',')}`;
    case 'weekly':
      return `FREQ=WEEKLY${every}${model.days.length ? `;BYDAY=${model.days.join(',')}` : ''}`;
    case 'monthly':
      return `FREQ=MONTHLY${every}${model.monthDay ? `;BYMONTHDAY=${model.monthDay}` : ''}`;
    case 'yearly':
      return `FREQ=YEARLY${every}${
        model.month && model.monthDay ? `;BYMONTH=${model.month};BYMONTHDAY=${model.monthDay}` : ''
      }`;
    case 'custom':
      return model.raw;
    default:
      return null;
  }
}
