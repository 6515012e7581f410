// Entry point: decides between the sign-in screen and the app, and wires the panels together.

import { api, clearToken, hasToken, whenUnauthorized } from './api.js';
import { $ } from './dom.js';
import { initAuth, showForm } from './auth.js';
import { initTasks, startTasks, stopTasks } from './tasks.js';
import { initChat, startChat, stopChat } from './chat.js';
import { initNotifications, startNotifications, stopNotifications } from './notifications.js';
import { initPreferences, startPreferences } from './preferences.js';
import { initTokens, stopTokens } from './access.js';

let signedIn = false;

function show(view) {
  $('#boot').hidden = true;
  $('#boot-error').hidden = view !== 'error';
  $('#auth-view').hidden = view !== 'auth';
  $('#main-view').hidden = view !== 'main';
  document.querySelector('.skip-link').hidden = view !== 'main';
}

function setUser(user) {
  $('#user-name').textContent = user?.name || user?.email || '';
}

function enter(user) {
  signedIn = true;
  setUser(user);
  show('main');
  showPanel('tasks');
  // The list first: it is what the person came for; the rest follows.
  startTasks().finally(() => {
    if (!signedIn) return;
    if (!document.activeElement || document.activeElement === document.body) $('#add-title')?.focus();
    startChat();
    startNotifications();
    startPreferences().catch(() => {}); // the list works without it, in the stored zone
  });
}

function suspend() {
  if (signedIn) {
    stopTasks();
    stopChat();
    stopNotifications();
    stopTokens();
  }
  signedIn = false;
}

function leave(notice = '') {
  suspend();
  clearToken();
  $('#user-name').textContent = '';
  for (const toast of document.querySelectorAll('#toasts .toast')) toast.remove();
  show('auth');
  showForm('signin', notice);
}

function showPanel(which) {
  $('#layout').dataset.panel = which;
  $('#show-tasks').setAttribute('aria-pressed', String(which === 'tasks'));
  $('#show-chat').setAttribute('aria-pressed', String(which === 'chat'));
}

async function boot() {
  if (!hasToken()) {
    show('auth');
    showForm('signin');
    return;
  }
  // Load the list while the token is checked; a rejected token signs out either way.
  enter(null);
  try {
    setUser(await api('/auth/me'));
  } catch (error) {
    if (error.status === 401) {
      leave('Your session has ended. Please sign in again.');
    } else {
      suspend();
      $('#boot-error-text').textContent = `The app could not start: ${error.message}`;
      show('error');
    }
  }
}

initAuth(enter);
initTasks();
initChat();
initNotifications();
initPreferences();
initTokens();
whenUnauthorized(() => {
  if (signedIn) leave('Your session has ended. Please sign in again.');
});
$('#signout').addEventListener('click', () => leave('You are signed out.'));
$('#show-tasks').addEventListener('click', () => showPanel('tasks'));
$('#show-chat').addEventListener('click', () => {
  showPanel('chat');
  $('#chat-input').focus();
});
$('#boot-retry').addEventListener('click', () => {
  $('#boot').hidden = false;
  $('#boot-error').hidden = true;
  boot();
});
boot();
