// Personal access tokens for MCP clients and scripts: listed, made (shown once) and revoked.

import { api } from './api.js';
import { $, h } from './dom.js';
import { formatMoment } from './dates.js';
import { showError } from './toast.js';

export function initTokens() {
  const button = $('#tokens-button');
  const panel = $('#tokens-panel');
  button.addEventListener('click', () => (panel.hidden ? open() : close(false)));
  panel.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') close(true);
  });
  document.addEventListener('click', (event) => {
    if (!panel.hidden && !panel.contains(event.target) && !button.contains(event.target)) close(false);
  });
  $('#token-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const name = $('#token-name').value.trim();
    if (!name) return $('#token-name').focus();
    try {
      const created = await api('/tokens', { method: 'POST', body: { name, scope: $('#token-scope').value } });
      $('#token-name').value = '';
      const secret = $('#token-new');
      secret.replaceChildren(
        h('span', {}, `“${created.name}”: copy it now, it is not shown again.`),
        h('code', { class: 'token-value' }, created.token),
      );
      secret.hidden = false;
      await refresh();
    } catch (error) {
      showError(error);
    }
  });
}

export function stopTokens() {
  close(false);
  $('#token-new').hidden = true;
  $('#token-new').replaceChildren();
  $('#token-list').replaceChildren();
}

async function open() {
  $('#tokens-panel').hidden = false;
  $('#tokens-button').setAttribute('aria-expanded', 'true');
  $('#tokens-heading').focus();
  await refresh();
}

function close(restoreFocus) {
  const panel = $('#tokens-panel');
  if (panel.hidden) return;
  panel.hidden = true;
  $('#tokens-button').setAttribute('aria-expanded', 'false');
  if (restoreFocus) $('#tokens-button').focus();
}

async function refresh() {
  try {
    const tokens = await api('/tokens');
    $('#token-list').replaceChildren(...tokens.map(row));
    $('#token-empty').hidden = tokens.length > 0;
  } catch (error) {
    showError(error);
  }
}

function row(token) {
  const state = token.revoked ? 'revoked' : `made ${formatMoment(new Date(token.created_at))}`;
  return h(
    'li',
    { class: token.revoked ? 'token revoked' : 'token', dataset: { id: String(token.id) } },
    h('span', { class: 'token-name' }, token.name),
    h('span', { class: 'muted' }, ` ${token.scope.toUpperCase()} · ${state}`),
    token.revoked
      ? null
      : h(
          'button',
          {
            type: 'button',
            class: 'ghost small',
            'aria-label': `Revoke “${token.name}”`,
            onclick: () => revoke(token),
          },
          'Revoke',
        ),
  );
}

async function revoke(token) {
  try {
    await api(`/tokens/${token.id}`, { method: 'DELETE' });
    await refresh();
  } catch (error) {
    showError(error);
  }
}
