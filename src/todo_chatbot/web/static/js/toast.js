// Toasts (short messages with optional actions) and a screen-reader announcer.

import { h, icon } from './dom.js';

const region = () => document.getElementById('toasts');

export function announce(text) {
  const el = document.getElementById('announcer');
  el.textContent = '';
  // A fresh text node after a tick makes screen readers read repeated messages too.
  setTimeout(() => {
    el.textContent = text;
  }, 50);
}

// showToast({ title, message, kind: 'info'|'error'|'reminder', actions: [{label, onClick}],
//             timeout (ms, 0 = stays), onClose(reason) }) -> { close }
export function showToast({ title, message, kind = 'info', actions = [], timeout = 6000, onClose } = {}) {
  let timer = null;
  let closed = false;
  const close = (reason = 'dismissed') => {
    if (closed) return;
    closed = true;
    clearTimeout(timer);
    toast.classList.add('leaving');
    setTimeout(() => toast.remove(), 150);
    onClose?.(reason);
  };
  const start = () => {
    if (timeout > 0) timer = setTimeout(() => close('timeout'), timeout);
  };
  const toast = h(
    'div',
    { class: `toast toast-${kind}`, role: kind === 'error' ? 'alert' : null },
    kind === 'reminder' ? icon('bell') : null,
    h(
      'div',
      { class: 'toast-body' },
      title ? h('p', { class: 'toast-title' }, title) : null,
      message ? h('p', { class: 'toast-message' }, message) : null,
    ),
    actions.map(({ label, onClick }) =>
      h(
        'button',
        {
          type: 'button',
          class: 'link toast-action',
          onclick: () => {
            onClick();
            close('action');
          },
        },
        label,
      ),
    ),
    h(
      'button',
      {
        type: 'button',
        class: 'icon-button toast-close',
        'aria-label': 'Dismiss',
        onclick: () => close('dismissed'),
      },
      icon('close'),
    ),
  );
  toast.addEventListener('mouseenter', () => clearTimeout(timer));
  toast.addEventListener('focusin', () => clearTimeout(timer));
  toast.addEventListener('mouseleave', () => {
    if (!toast.contains(document.activeElement)) start();
  });
  region().append(toast);
  start();
  return { close, el: toast };
}

export function showError(error) {
  showToast({ kind: 'error', message: error?.message || String(error), timeout: 8000 });
}
