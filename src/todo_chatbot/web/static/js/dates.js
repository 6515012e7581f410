// Dates and times: all-day dates ('YYYY-MM-DD') and instants with offsets, shown in local time.

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const pad = (n) => String(n).padStart(2, '0');

export function isDateOnly(value) {
  return typeof value === 'string' && DATE_ONLY.test(value);
}

export function dateKey(date) {
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

export function timeKey(date) {
  return `${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

export function addDays(key, days) {
  const [y, m, d] = key.split('-').map(Number);
  return dateKey(new Date(y, m - 1, d + days));
}

// 'YYYY-MM-DD' + 'HH:MM[:SS]' in local time -> Date
export function localMoment(dateValue, timeValue = '00:00') {
  const [y, m, d] = dateValue.split('-').map(Number);
  const [hh, mm, ss = 0] = timeValue.split(':').map(Number);
  return new Date(y, m - 1, d, hh, mm, ss);
}

// Date -> '2026-11-24T17:00:00-05:00' (the browser's offset at that moment)
export function toOffsetISO(date) {
  const offset = -date.getTimezoneOffset();
  const sign = offset >= 0 ? '+' : '-';
  const abs = Math.abs(offset);
  return (
    `${dateKey(date)}T${timeKey(date)}:${pad(date.getSeconds())}` +
    `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`
  );
}

// datetime-local input value for a Date
export function toLocalInput(date, withSeconds = false) {
  return `${dateKey(date)}T${timeKey(date)}${withSeconds ? `:${pad(date.getSeconds())}` : ''}`;
}

// The moment a due value stands for; an all-day date counts from 09:00 local for reminders.
export function dueMoment(due, allDayHour = 9) {
  if (!due) return null;
  return isDateOnly(due) ? localMoment(due, `${pad(allDayHour)}:00`) : new Date(due);
}

export function timezone() {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || offsetName();
  } catch {
    return offsetName();
  }
}

function offsetName() {
  return toOffsetISO(new Date()).slice(-6);
}

const dayFormat = new Intl.DateTimeFormat(undefined, { weekday: 'short', day: 'numeric', month: 'short' });
const yearFormat = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', year: 'numeric' });
const timeFormat = new Intl.DateTimeFormat(undefined, { hour: 'numeric', minute: '2-digit' });
const fullFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'full', timeStyle: 'short' });
const fullDateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'full' });

export function dayLabel(key, today) {
  if (key === today) return 'Today';
  if (key === addDays(today, 1)) return 'Tomorrow';
  if (key === addDays(today, -1)) return 'Yesterday';
  const date = localMoment(key);
  return date.getFullYear() === new Date().getFullYear() ? dayFormat.format(date) : yearFormat.format(date);
}

export function formatTime(date) {
  return timeFormat.format(date);
}

export function formatMoment(date, now = new Date()) {
  return `${dayLabel(dateKey(date), dateKey(now))}, ${timeFormat.format(date)}`;
}

// { label, full, state: 'overdue' | 'today' | 'upcoming' }
export function describeDue(due, completed, now = new Date()) {
  if (!due) return null;
  const today = dateKey(now);
  if (isDateOnly(due)) {
    const state = !completed && due < today ? 'overdue' : due === today ? 'today' : 'upcoming';
    return { label: dayLabel(due, today), full: fullDateFormat.format(localMoment(due)), state };
  }
  const moment = new Date(due);
  const key = dateKey(moment);
  let state = key === today ? 'today' : 'upcoming';
  if (!completed && moment < now) state = 'overdue';
  return {
    label: `${dayLabel(key, today)}, ${timeFormat.format(moment)}`,
    full: fullFormat.format(moment),
    state,
  };
}

export function relativeTime(value, now = new Date()) {
  const seconds = Math.round((new Date(value) - now) / 1000);
  const rtf = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });
  const steps = [
    [60, 'second'],
    [3600, 'minute'],
    [86400, 'hour'],
    [604800, 'day'],
  ];
  let unit = 'week';
  let size = 604800;
  for (const [limit, name] of steps) {
    if (Math.abs(seconds) < limit) {
      unit = name;
      break;
    }
  }
  size = { second: 1, minute: 60, hour: 3600, day: 86400, week: 604800 }[unit];
  return rtf.format(Math.round(seconds / size), unit);
}

const ISO_IN_TEXT = /\b(\d{4}-\d{2}-\d{2})(T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2}))?\b/g;

// Dates and instants written inside a message, shown the way the rest of the page shows them.
export function humanizeDates(text, now = new Date()) {
  return String(text ?? '').replace(ISO_IN_TEXT, (match, day, time) => {
    const date = time ? new Date(match) : localMoment(day);
    if (Number.isNaN(date.getTime())) return match;
    return time ? formatMoment(date, now) : dayLabel(day, dateKey(now));
  });
}
