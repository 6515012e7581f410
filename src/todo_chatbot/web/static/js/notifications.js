// Notifications: live events over SSE (read with fetch, so the token stays in a header),
// a polling fallback, toasts, browser notifications, the unread count and the panel.

import { api, authHeader, url } from './api.js';
import { $, emit, h, icon } from './dom.js';
import { humanizeDates, relativeTime } from './dates.js';
import { showToast } from './toast.js';

const POLL_MS = 5000;
const RETRY_MS = [2000, 5000, 15000, 30000, 60000];

let items = [];
let unread = 0;
const seen = new Set();
let streamController = null;
let streamUp = false;
let pollTimer = null;
let retryTimer = null;
let retries = 0;
let running = false;
let connectedBefore = false;

export function initNotifications() {
  const button = $('#notif-button');
  const panel = $('#notif-panel');
  $('#notif-icon').replaceWith(icon('bell'));
  button.addEventListener('click', () => (panel.hidden ? openPanel() : closePanel(false)));
  panel.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') closePanel(true);
  });
  document.addEventListener('click', (event) => {
    if (!panel.hidden && !panel.contains(event.target) && !button.contains(event.target)) closePanel(false);
  });
  $('#notif-read-all').addEventListener('click', markAllRead);
  $('#notif-enable').addEventListener('click', async () => {
    await Notification.requestPermission();
    syncPermission();
  });
}

export async function startNotifications() {
  running = true;
  retries = 0;
  connectedBefore = false;
  items = [];
  seen.clear();
  connect();
  await refresh(false);
  schedulePoll();
}

export function stopNotifications() {
  running = false;
  streamController?.abort();
  streamController = null;
  streamUp = false;
  clearTimeout(pollTimer);
  clearTimeout(retryTimer);
  items = [];
  unread = 0;
  seen.clear();
  closePanel(false);
  renderPanel();
}

function schedulePoll() {
  clearTimeout(pollTimer);
  if (!running) return;
  pollTimer = setTimeout(async () => {
    if (!streamUp) {
      await refresh(true);
      emit('tasks:poll');
    }
    schedulePoll();
  }, POLL_MS);
}

async function refresh(toastNew) {
  try {
    const data = await api('/notifications');
    if (!running) return;
    items = data.items ?? [];
    unread = Number.isInteger(data.unread) ? data.unread : items.filter((n) => !n.read_at).length;
    for (const item of items) {
      if (!seen.has(item.id)) {
        seen.add(item.id);
        if (toastNew && !item.read_at) alertReminder(item);
      }
    }
    renderPanel();
  } catch {
    // Shown elsewhere if the server is down; the next poll tries again.
  }
}

async function connect() {
  if (!running) return;
  streamController = new AbortController();
  try {
    const response = await fetch(url('/events/stream'), {
      headers: { Accept: 'text/event-stream', ...authHeader() },
      signal: streamController.signal,
      cache: 'no-store',
    });
    if (!response.ok || !response.body) throw new Error(`stream answered ${response.status}`);
    streamUp = true;
    retries = 0;
    if (connectedBefore) {
      // Catch up on what happened while the stream was down.
      refresh(true);
      emit('tasks:changed', { source: 'stream-reopened' });
    }
    connectedBefore = true;
    await readEvents(response.body);
  } catch {
    // fall through to the retry below
  } finally {
    streamUp = false;
  }
  if (!running) return;
  const delay = RETRY_MS[Math.min(retries, RETRY_MS.length - 1)];
  retries += 1;
  retryTimer = setTimeout(connect, delay);
}

async function readEvents(body) {
  const reader = body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += value.replace(/\r\n?/g, '\n');
    let cut;
    while ((cut = buffer.indexOf('\n\n')) >= 0) {
      dispatch(buffer.slice(0, cut));
      buffer = buffer.slice(cut + 2);
    }
  }
}

function dispatch(block) {
  let type = 'message';
  const data = [];
  for (const line of block.split('\n')) {
    if (!line || line.startsWith(':')) continue;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (field === 'event') type = value;
    else if (field === 'data') data.push(value);
  }
  if (!data.length) return;
  let payload;
  try {
    payload = JSON.parse(data.join('\n'));
  } catch {
    return;
  }
  if (type === 'reminder') onReminder(payload);
  else if (type === 'task') emit('tasks:changed', payload);
}

function onReminder(notification) {
  if (!notification || seen.has(notification.id)) return;
  seen.add(notification.id);
  items = [notification, ...items.filter((n) => n.id !== notification.id)];
  if (!notification.read_at) unread += 1;
  renderPanel();
  alertReminder(notification);
}

function alertReminder(notification) {
  const title = notification.title || 'Reminder';
  const message = humanizeDates(notification.message);
  showToast({
    kind: 'reminder',
    title: `Reminder: ${title}`,
    message,
    timeout: 20000,
    actions: [{ label: 'Mark read', onClick: () => markRead(notification.id) }],
  });
  if ('Notification' in window && Notification.permission === 'granted') {
    try {
      const shown = new Notification(`Reminder: ${title}`, {
        body: message,
        tag: `reminder-${notification.id}`,
      });
      shown.onclick = () => window.focus();
    } catch {
      // Some browsers only allow notifications from a service worker.
    }
  }
}

async function markRead(id) {
  const item = items.find((n) => n.id === id);
  if (item?.read_at) return;
  try {
    await api(`/notifications/${id}/read`, { method: 'POST' });
    if (item) item.read_at = new Date().toISOString();
    unread = Math.max(0, unread - 1);
    renderPanel();
  } catch {
    // Left unread; the list shows it.
  }
}

async function markAllRead() {
  await Promise.all(items.filter((n) => !n.read_at).map((n) => markRead(n.id)));
  await refresh(false);
}

function openPanel() {
  $('#notif-panel').hidden = false;
  $('#notif-button').setAttribute('aria-expanded', 'true');
  syncPermission();
  $('#notif-heading').setAttribute('tabindex', '-1');
  $('#notif-heading').focus();
}

function closePanel(restoreFocus) {
  const panel = $('#notif-panel');
  if (panel.hidden) return;
  panel.hidden = true;
  $('#notif-button').setAttribute('aria-expanded', 'false');
  if (restoreFocus) $('#notif-button').focus();
}

function syncPermission() {
  const supported = 'Notification' in window;
  $('#notif-permission').hidden = !supported || Notification.permission !== 'default';
}

function renderPanel() {
  const count = $('#notif-count');
  count.hidden = unread === 0;
  count.textContent = unread > 99 ? '99+' : String(unread);
  $('#notif-button').setAttribute('aria-label', unread ? `Notifications, ${unread} unread` : 'Notifications');
  document.title = unread ? `(${unread}) Todo Chatbot` : 'Todo Chatbot';
  $('#notif-read-all').hidden = unread === 0;
  $('#notif-empty').hidden = items.length > 0;
  $('#notif-list').replaceChildren(
    ...items
      .slice(0, 50)
      .map((n) =>
        h(
          'li',
          { class: `notif-item${n.read_at ? '' : ' unread'}` },
          h(
            'div',
            { class: 'notif-text' },
            h(
              'p',
              { class: 'notif-title' },
              n.read_at ? '' : h('span', { class: 'sr-only' }, 'Unread: '),
              n.title || 'Reminder',
            ),
            n.message ? h('p', { class: 'notif-message' }, humanizeDates(n.message)) : null,
            h(
              'p',
              { class: 'muted small' },
              h('time', { datetime: n.created_at }, relativeTime(n.created_at)),
            ),
          ),
          n.read_at
            ? null
            : h(
                'button',
                {
                  type: 'button',
                  class: 'link',
                  'aria-label': `Mark “${n.title || 'reminder'}” read`,
                  onclick: () => markRead(n.id),
                },
                'Mark read',
              ),
        ),
      ),
  );
}
