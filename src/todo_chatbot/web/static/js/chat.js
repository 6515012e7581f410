// The chat panel: conversation with the assistant, tool actions as small confirmations.

import { api } from './api.js';
import { $, emit, h, icon } from './dom.js';
import { describeDue, timezone } from './dates.js';

const CHANGING = new Set(['add_task', 'update_task', 'complete_task', 'reopen_task', 'delete_task']);
const VERBS = {
  add_task: ['Added', 'add'],
  update_task: ['Updated', 'update'],
  complete_task: ['Completed', 'complete'],
  reopen_task: ['Reopened', 'reopen'],
  delete_task: ['Deleted', 'delete'],
};

let conversationId = null;
let sending = false;
let generation = 0;

export function initChat() {
  const form = $('#chat-form');
  const input = $('#chat-input');
  $('#chat-send').append(icon('send'));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    send();
  });
  input.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      send();
    }
  });
  input.addEventListener('input', autosize);
  $('#chat-new').addEventListener('click', () => {
    conversationId = null;
    $('#chat-log').replaceChildren();
    syncIntro();
    input.focus();
  });
  for (const chip of document.querySelectorAll('#chat-intro .chip')) {
    chip.addEventListener('click', () => {
      input.value = chip.textContent;
      autosize();
      input.focus();
    });
  }
}

function autosize() {
  const input = $('#chat-input');
  input.style.height = 'auto';
  input.style.height = `${Math.min(input.scrollHeight, 160)}px`;
}

function syncIntro() {
  $('#chat-intro').hidden = $('#chat-log').children.length > 0;
}

export async function startChat() {
  const mine = ++generation;
  conversationId = null;
  $('#chat-log').replaceChildren();
  syncIntro();
  try {
    const conversations = await api('/conversations');
    const latest = conversations.items?.[0];
    if (!latest || mine !== generation) return;
    const messages = await api(`/conversations/${latest.id}/messages`);
    if (mine !== generation) return;
    conversationId = latest.id;
    for (const message of messages.items ?? []) {
      append(message.role, message.content, message.tool_calls ?? []);
    }
  } catch (error) {
    if (error.status === 404 || error.status === 401) return;
    append('error', `Could not load the conversation: ${error.message}`);
  } finally {
    syncIntro();
    scrollDown();
  }
}

export function stopChat() {
  generation += 1;
  conversationId = null;
  $('#chat-log').replaceChildren();
  $('#chat-input').value = '';
  syncIntro();
}

function scrollDown() {
  const log = $('#chat-log');
  log.scrollTop = log.scrollHeight;
}

function append(role, text, toolCalls = []) {
  const who = { user: 'You', assistant: 'Assistant', error: 'Assistant' }[role] ?? role;
  const item = h(
    'div',
    { class: `msg msg-${role}` },
    h('span', { class: 'sr-only' }, `${who}: `),
    h('p', { class: 'msg-text' }, text),
    toolCalls.length
      ? h('ul', { class: 'tool-calls', 'aria-label': 'Actions taken' }, toolCalls.map(renderToolCall))
      : null,
  );
  $('#chat-log').append(item);
  syncIntro();
  scrollDown();
  return item;
}

function taskOf(result) {
  if (!result || typeof result !== 'object') return null;
  const candidates = [result.task, result.structuredContent?.task, result.structured_content?.task, result];
  return candidates.find((c) => c && typeof c === 'object' && 'title' in c) ?? null;
}

function errorOf(result) {
  if (!result || typeof result !== 'object') return null;
  if (result.error)
    return typeof result.error === 'string' ? result.error : (result.error.message ?? 'failed');
  if (result.isError || result.is_error) return result.content?.[0]?.text ?? result.text ?? 'failed';
  return null;
}

function countOf(result) {
  if (!result || typeof result !== 'object') return null;
  for (const source of [result, result.structuredContent, result.structured_content]) {
    if (!source) continue;
    if (Number.isInteger(source.total)) return source.total;
    for (const key of ['items', 'tasks']) if (Array.isArray(source[key])) return source[key].length;
  }
  return Array.isArray(result) ? result.length : null;
}

export function describeToolCall({ tool, args = {}, result }) {
  const error = errorOf(result);
  const task = taskOf(result);
  const title = task?.title ?? args.title ?? (args.task_id ? `task ${args.task_id}` : 'a task');
  if (tool === 'list_tasks') {
    if (error) return { ok: false, text: `Could not look up tasks: ${error}` };
    const count = countOf(result);
    return {
      ok: true,
      text: count === null ? 'Looked up your tasks' : `Found ${count} task${count === 1 ? '' : 's'}`,
    };
  }
  const [done, verb] = VERBS[tool] ?? [`Ran ${tool}`, `run ${tool}`];
  if (error) return { ok: false, text: `Could not ${verb} ${title}: ${error}` };
  if (!VERBS[tool]) return { ok: true, text: done };
  const due =
    ['add_task', 'update_task'].includes(tool) && task?.due ? describeDue(task.due, task.completed) : null;
  return { ok: true, text: `${done} “${title}”${due ? ` · ${due.label}` : ''}` };
}

function renderToolCall(call) {
  const { ok, text } = describeToolCall(call);
  return h(
    'li',
    { class: `tool-call ${ok ? 'ok' : 'failed'}` },
    icon(ok ? 'check' : 'close'),
    h('span', {}, text),
  );
}

async function send() {
  const input = $('#chat-input');
  const text = input.value.trim();
  if (!text || sending) return;
  sending = true;
  const mine = generation;
  const button = $('#chat-send');
  button.disabled = true;
  input.value = '';
  autosize();
  append('user', text);
  const typing = h(
    'div',
    { class: 'msg typing' },
    h('span', { class: 'sr-only' }, 'The assistant is answering…'),
    h('span', { class: 'dots', 'aria-hidden': 'true' }, '•••'),
  );
  $('#chat-log').append(typing);
  scrollDown();
  try {
    const body = { message: text, timezone: timezone() };
    if (conversationId) body.conversation_id = conversationId;
    const answer = await api('/chat', { method: 'POST', body });
    if (mine !== generation) return;
    typing.remove();
    conversationId = answer.conversation_id ?? conversationId;
    const calls = answer.tool_calls ?? [];
    append('assistant', answer.response, calls);
    if (calls.some((call) => CHANGING.has(call.tool))) emit('tasks:changed', { source: 'chat' });
  } catch (error) {
    if (mine !== generation) return;
    typing.remove();
    const message =
      error.status === 503 || error.code === 'assistant_unavailable'
        ? 'Assistant unavailable: it cannot reach its tools right now, so nothing was changed. Please try again in a moment.'
        : `The message could not be sent: ${error.message}`;
    const item = append('error', message);
    item.setAttribute('role', 'alert');
    if (!input.value) {
      input.value = text;
      autosize();
    }
  } finally {
    sending = false;
    button.disabled = false;
    if (mine === generation) input.focus();
  }
}
